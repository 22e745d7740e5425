"""Thin views: parse the request, call history's functions, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from editing import pow
from editing.forms import HONEYPOT
from editing.guards import check_write
from history import actions, diff, feeds, links, qr, recent, timeline
from wiki.models.editing import EditStatus
from wiki.permissions import is_editor
from wiki.policy import Action, decide

UNREVIEWED = (EditStatus.HELD, EditStatus.REJECTED)

HISTORY_PER_PAGE = 50
RECENT_PER_PAGE = 50
FEED_ENTRIES = 50


def _error(request, status: int, message: str, page=None) -> TemplateResponse:
    titles = {400: _("Bad request"), 403: _("Not allowed"), 404: _("Not found"), 409: _("Edit conflict")}
    context = {"title": titles.get(status, _("Error")), "message": message, "wiki_page": page}
    return TemplateResponse(request, "history/error.html", context, status=status)


def _noindex(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _revision_or_404(request, page, revision_id):
    revision = timeline.get_page_revision(page, revision_id)
    if revision is not None and not timeline.may_view_revision(request, page, revision):
        revision = None  # held, rejected or a draft: as if it did not exist, for all but moderators and its author
    if revision is None:
        return None, _error(
            request, 404,
            _("This page has no revision number %(id)s. It may belong to another page.") % {"id": revision_id},
            page,
        )
    return revision, None


# --- A page's history --------------------------------------------------------------------------

def page_history(request, page):
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    paginator = Paginator(timeline.page_revisions(page), HISTORY_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    end = page_obj.end_index()
    older = timeline.page_revisions(page)[end:end + 1].first() if paginator.count else None
    rows = timeline.history_rows(page, page_obj.object_list, older)
    context = {
        "page": page,
        "page_url": page.get_url(request),
        "title": _("History of %(title)s") % {"title": page.title},
        "rows": rows,
        "page_obj": page_obj,
        "is_editor": is_editor(request.user),
    }
    if context["is_editor"] and page_obj.number == 1 and rows:
        try:
            run, target = actions.rollback_plan(page)
        except actions.NothingToRollBackError:
            pass
        else:
            context["rollback"] = {
                "count": len(run), "author": timeline.author_label(run[0]), "latest": run[0].pk,
            }
    return _noindex(TemplateResponse(request, "history/history.html", context))


def page_history_feed(request, page):
    revisions = timeline.page_revisions(page).exclude(wiki_meta__status__in=UNREVIEWED)
    rows = timeline.history_rows(page, revisions[:FEED_ENTRIES], None)
    base = page.get_url(request)
    entries = []
    for row in rows:
        link = base + f"history/{row.revision.pk}/"
        if row.previous_id:
            link = base + f"history/compare/?from={row.previous_id}&to={row.revision.pk}"
        entries.append({
            "title": f"{page.title}: {row.summary or _('(no summary)')}",
            "link": request.build_absolute_uri(link),
            "description": feeds.entry_description(row.summary, row.author, row.size_delta, row.status_label),
            "unique_id": request.build_absolute_uri(base + f"history/{row.revision.pk}/"),
            "pubdate": row.revision.created_at,
            "updateddate": row.revision.created_at,
            "author_name": row.author,
        })
    return feeds.atom_response(
        title=_("History of %(title)s") % {"title": page.title},
        link=request.build_absolute_uri(base + "history/"),
        feed_url=request.build_absolute_uri(request.path),
        language=page.locale.language_code,
        description=_("Every revision of %(title)s") % {"title": page.title},
        entries=entries,
    )


def old_revision(request, page, revision_id):
    revision, error = _revision_or_404(request, page, revision_id)
    if error:
        return error
    obj = revision.as_object()
    restore = decide(request, Action.RESTORE, page)
    context = obj.get_context(request)
    context.update({
        "page": obj,
        "self": obj,
        "live_page": page,
        "old_revision": revision,
        "old_revision_author": timeline.author_label(revision),
        "old_revision_is_live": revision.pk == page.live_revision_id,
        "can_restore": bool(restore) and (
            not actions.was_unapproved(revision) or bool(decide(request, Action.MODERATE, page))
        ),
        "restore_challenge": "" if request.user.is_authenticated else pow.issue(page.pk),
        "page_banner_template": "history/_old_revision_banner.html",
        "noindex": True,
    })
    return _noindex(TemplateResponse(request, obj.get_template(request), context))


def compare(request, page):
    ids = {}
    for name in ("from", "to"):
        value = request.GET.get(name, "").strip()
        if not value.isdigit():
            return _error(request, 400, _("Choose two revisions to compare (the 'from' and 'to' numbers)."), page)
        revision = timeline.get_page_revision(page, value)
        if revision is not None and not timeline.may_view_revision(request, page, revision):
            revision = None
        if revision is None:
            return _error(
                request, 400,
                _("This page has no revision number %(id)s. It may belong to another page.") % {"id": value},
                page,
            )
        ids[name] = revision
    old_rev, new_rev = ids["from"], ids["to"]
    old_obj, new_obj = old_rev.as_object(), new_rev.as_object()
    context = {
        "page": page,
        "page_url": page.get_url(request),
        "title": _("Changes to %(title)s") % {"title": page.title},
        "old_rev": old_rev,
        "new_rev": new_rev,
        "old_author": timeline.author_label(old_rev),
        "new_author": timeline.author_label(new_rev),
        "old_meta": timeline.meta_of(old_rev),
        "new_meta": timeline.meta_of(new_rev),
        "field_changes": diff.field_changes(old_obj, new_obj),
        "text_changes": diff.text_changes(old_obj, new_obj),
    }
    context["changed_fields"] = [change for change in context["field_changes"] if change.changed]
    context["has_field_changes"] = bool(context["changed_fields"])
    return _noindex(TemplateResponse(request, "history/compare.html", context))


def restore(request, page, revision_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    revision, error = _revision_or_404(request, page, revision_id)
    if error:
        return error
    decision = decide(request, Action.RESTORE, page)
    if not decision:
        return _error(request, 403, decision.reason, page)
    if actions.was_unapproved(revision) and not decide(request, Action.MODERATE, page):
        # Bringing back a held or rejected edit approves it: a moderator's decision.
        return _error(request, 403, _("Only moderators can restore an edit that was held or rejected."), page)
    refusal = check_write(
        request, honeypot_filled=bool(request.POST.get(HONEYPOT, "").strip()), target=str(page.pk),
        challenge=request.POST.get("challenge", ""), nonce=request.POST.get("nonce", ""), trusted=decision.trusted,
    )
    if refusal:
        return _error(request, refusal.status, refusal.reason, page)
    try:
        restored = actions.restore_revision(page, revision, request, trusted=decision.trusted,
                                            for_review=decision.as_draft)
    except ValidationError as exc:
        return _error(request, 400, " ".join(exc.messages), page)
    _tell_outcome(request, decision, restored, _("The old revision was restored as a new revision."))
    return HttpResponseRedirect(page.get_url(request) + "history/", status=303)


def _tell_outcome(request, decision, revision, done: str):
    from editing.views import remember_held, review_message

    meta = timeline.meta_of(revision)
    if decision.as_draft:
        messages.info(request, review_message())
    elif meta is not None and meta.status == EditStatus.HELD:
        remember_held(request, revision)
        messages.warning(request, _("Thank you! This change is waiting for review by an editor before it is "
                                    "published."))
    else:
        messages.success(request, done)


def rollback(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    decision = decide(request, Action.ROLLBACK, page)
    if not decision:
        return _error(request, 403, decision.reason, page)
    try:
        run, _target = actions.rollback_plan(page)
    except actions.NothingToRollBackError:
        return _error(request, 400, _("There is nothing to roll back: no earlier author's revision."), page)
    expected = request.POST.get("latest", "").strip()
    if expected and expected != str(run[0].pk):
        return _error(request, 409, _("The page changed since you looked at it. Check its history again."), page)
    try:
        revision, _run, _target = actions.rollback(page, request, for_review=decision.as_draft)
    except ValidationError as exc:
        return _error(request, 400, " ".join(exc.messages), page)
    _tell_outcome(request, decision, revision, _("The edits were rolled back."))
    return HttpResponseRedirect(page.get_url(request) + "history/", status=303)


# --- Links, QR code, poster --------------------------------------------------------------------

def links_here(request, page):
    context = {
        "page": page,
        "page_url": page.get_url(request),
        "title": _("What links to %(title)s") % {"title": page.title},
        "linking_pages": links.pages_linking_to(page),
    }
    return TemplateResponse(request, "history/links_here.html", context)


def _edit_url(request, page) -> str:
    return request.build_absolute_uri(page.get_url(request) + "edit/")


def qr_code(request, page):
    response = HttpResponse(qr.qr_svg(_edit_url(request, page)), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def poster(request, page):
    with translation.override(page.locale.language_code):
        context = {
            "page": page,
            "edit_url": _edit_url(request, page),
            "qr": qr.qr_svg_inline(_edit_url(request, page)),
            "language_code": page.locale.language_code,
        }
        response = TemplateResponse(request, "history/poster.html", context)
        response.render()
    return response


# --- Across the wiki ---------------------------------------------------------------------------

def _filter_or_400(request):
    form = recent.RecentChangesFilter(request.GET)
    if not form.is_valid():
        return form, _error(request, 400, _("The filter is not valid: %(errors)s") % {
            "errors": "; ".join(f"{form.fields[name].label}: {' '.join(errs)}" for name, errs in form.errors.items())
        })
    return form, None


def _recent_row(request, meta, type_labels):
    page_url = meta.page.get_url(request) or ""
    diff_url = ""
    if meta.previous_revision_id and page_url:
        diff_url = page_url + f"history/compare/?from={meta.previous_revision_id}&to={meta.revision_id}"
    return {
        "meta": meta,
        "page_url": page_url,
        "page_title": meta.page.title,
        "page_type": type_labels.get(meta.page_type, ""),
        "author": meta.author_label,
        "diff_url": diff_url,
        "revision_url": page_url + f"history/{meta.revision_id}/" if page_url else "",
        "shows_status": meta.status != "live",
    }


@require_GET
def recent_changes(request):
    form, error = _filter_or_400(request)
    if error:
        return error
    paginator = Paginator(form.filter(recent.recent_edits()), RECENT_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    type_labels = dict(recent.page_type_choices())
    query = form.query_string()
    context = {
        "title": _("Recent changes"),
        "form": form,
        "rows": [_recent_row(request, meta, type_labels) for meta in page_obj.object_list],
        "page_obj": page_obj,
        "query": query,
        "feed_url": request.path + "feed/" + (f"?{query}" if query else ""),
    }
    return TemplateResponse(request, "history/recent_changes.html", context)


@require_GET
def recent_changes_feed(request):
    form, error = _filter_or_400(request)
    if error:
        return error
    type_labels = dict(recent.page_type_choices())
    entries = []
    for meta in form.filter(recent.recent_edits().exclude(status__in=UNREVIEWED))[:FEED_ENTRIES]:
        row = _recent_row(request, meta, type_labels)
        link = row["diff_url"] or row["revision_url"] or row["page_url"]
        entries.append({
            "title": f"{row['page_title']}: {meta.summary or _('(no summary)')}",
            "link": request.build_absolute_uri(link),
            "description": feeds.entry_description(
                meta.summary, row["author"], meta.size_delta,
                meta.get_status_display() if row["shows_status"] else "",
            ),
            "unique_id": request.build_absolute_uri(row["revision_url"] or link) + f"#edit-{meta.pk}",
            "pubdate": meta.created_at,
            "updateddate": meta.created_at,
            "author_name": row["author"],
        })
    page_url = request.path[: -len("feed/")]
    query = form.query_string()
    return feeds.atom_response(
        title=_("Recent changes") + " · " + _("Micro-business Wiki"),
        link=request.build_absolute_uri(page_url + (f"?{query}" if query else "")),
        feed_url=request.build_absolute_uri(request.get_full_path()),
        language=translation.get_language(),
        description=_("Every edit of the wiki, newest first."),
        entries=entries,
    )


@require_GET
def wanted(request):
    locale = Locale.get_active()
    context = {"title": _("Wanted pages"), "wanted": links.wanted_pages(locale)}
    return TemplateResponse(request, "history/wanted.html", context)
