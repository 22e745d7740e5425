"""Thin views: the edit form of every wiki page (an EditRoutesMixin route) and the create form for red links."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from editing import pow
from editing.fields import FACT_FIELDS, editable_fields, values_of
from editing.forms import CREATE_FIELDS, HONEYPOT, EditForm, WikiForm
from editing.guards import check_save
from editing.holds import hold_reason
from editing.service import submit_edit
from wiki.links import resolve_titles
from wiki.models import DefinitionIndexPage, DefinitionPage, EditStatus
from wiki.permissions import edit_refusal, is_editor
from wiki.revisions import save_wiki_revision

HELD_SESSION_KEY = "editing_held"


def _refused(request, page, reason, status=403):
    return render(request, "editing/refused.html", {"page": page, "reason": reason, "title": _("Not allowed")},
                  status=status)


def _to_data(data, name, value):
    if isinstance(value, str) and name == "sales_channels":
        data.setlist(name, value.split())
    else:
        data[name] = "" if value is None else str(value)


def _fresh_data(request, page, values=None, base_revision_id=None):
    """The posted data again, ready to submit: new challenge, honeypot cleared, optionally new values/base."""
    data = request.POST.copy()
    for name, value in (values or {}).items():
        _to_data(data, name, value)
    if base_revision_id is not None:
        data["base_revision"] = str(base_revision_id)
    data["challenge"] = pow.issue(page.pk) if page is not None else data.get("challenge", "")
    data["nonce"] = ""
    data[HONEYPOT] = ""
    return data


def _remember_held(request, revision):
    held = request.session.get(HELD_SESSION_KEY, [])
    request.session[HELD_SESSION_KEY] = [*held[-19:], revision.pk]


def _preview(page, form):
    """Rendered Markdown of the form's fields, on an unsaved copy of the page."""
    values = {name: form.cleaned_data.get(name) for name in form.page_fields}
    return {name: page.render_markdown(values.get(name) or "") for name in page.markdown_fields if name in values}


def _form_context(page, form, **extra):
    model = type(page)
    facts = FACT_FIELDS.get(model._meta.label, ())
    return {
        "page": page,
        "form": form,
        "title": _("Editing %(title)s") % {"title": page.title},
        "fact_fields": [form[name] for name in facts],
        "title_fields": [form["title"]],
        "text_fields": [form[name] for name in form.page_fields if name not in facts and name != "title"],
        "needs_pow": False,
        **extra,
    }


def edit_page(request, page):
    """GET: the edit form. POST: preview or save (policy, anti-spam, merge, hold rules)."""
    refusal = edit_refusal(request, page)
    if refusal:
        return _refused(request, page, refusal)
    model = type(page)
    anonymous = not request.user.is_authenticated
    context = {"needs_pow": anonymous, "show_display_name": anonymous}

    if request.method != "POST":
        initial = {**values_of(page, editable_fields(model)), "base_revision": page.live_revision_id,
                   "challenge": pow.issue(page.pk)}
        form = EditForm(initial=initial, model=model)
        return render(request, "editing/edit.html", {**_form_context(page, form), **context})

    form = EditForm(request.POST, model=model)

    def again(status, reason="", **extra):
        shown = EditForm(_fresh_data(request, page), model=model) if form.is_valid() else form
        if not form.is_valid():
            form.data = _fresh_data(request, page)
        return render(request, "editing/edit.html",
                      {**_form_context(page, shown, reason=reason, **extra), **context}, status=status)

    if not form.is_valid():
        return again(413 if form.size_exceeded else 400, _("Please correct the errors below."))
    if "preview" in request.POST:
        return again(200, preview=_preview(page, form))

    refusal = check_save(request, form, str(page.pk))
    if refusal:
        return again(refusal.status, refusal.reason)

    display_name = "" if request.user.is_authenticated else form.cleaned_data["display_name"]
    try:
        outcome = submit_edit(
            request, page, form.page_values(), form.cleaned_data.get("base_revision"),
            summary=form.cleaned_data["summary"], display_name=display_name, reviewed=is_editor(request.user),
        )
    except ValidationError as error:
        for name, errors in getattr(error, "message_dict", {"__all__": error.messages}).items():
            form.add_error(name if name in form.fields else None, errors)
        return again(400, _("Please correct the errors below."))

    if outcome.kind == "conflict":
        shown = EditForm(_fresh_data(request, page, outcome.values, outcome.current_revision_id), model=model)
        conflicts = [(form.fields[c.name].label, c) for c in outcome.conflicts]
        return render(request, "editing/edit.html", {
            **_form_context(page, shown, conflicts=conflicts,
                            reason=_("Someone else changed this page while you were editing. Your text is kept "
                                     "below; compare it with their version, then save again.")),
            **context,
        }, status=409)
    if outcome.kind == "unchanged":
        messages.info(request, _("You made no changes, so nothing was saved."))
    elif outcome.status == EditStatus.HELD:
        _remember_held(request, outcome.revision)
        messages.warning(request, _("Thank you! Your edit is waiting for review by an editor before it is published."))
    elif outcome.merged:
        messages.success(request, _("Your edit was saved and merged with a change someone made meanwhile."))
    else:
        messages.success(request, _("Your edit was saved. Thank you!"))
    return redirect(page.url)


# --- Creating a definition from a red link ---

def _definition_index(language: str):
    return DefinitionIndexPage.objects.filter(locale__language_code=language).live().first()


def _unique_slug(parent, title: str) -> str:
    base = slugify(title, allow_unicode=True)[:200] or "page"
    slug, n = base, 1
    siblings = set(parent.get_children().values_list("slug", flat=True))
    while slug in siblings:
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_page(request):
    """/<lang>/create/?title=… : a new definition, open to anyone, with the same anti-spam as edits."""
    language = translation.get_language()
    parent = _definition_index(language)
    if parent is None:
        raise Http404(_("There is no definitions section in this language."))
    wanted = request.GET.get("title", "").strip()[:200]
    draft = DefinitionPage(title=wanted, locale=Locale.objects.get(language_code=language))
    refusal = edit_refusal(request, draft)
    if refusal:
        return _refused(request, None, refusal)
    anonymous = not request.user.is_authenticated
    target = f"create:{language}"
    base_context = {"needs_pow": anonymous, "show_display_name": anonymous, "title": wanted or _("New page"),
                    "wanted_title": wanted}

    def render_form(form, status=200, **extra):
        return render(request, "editing/create.html", {**base_context, "form": form, **extra}, status=status)

    if request.method != "POST":
        existing = resolve_titles(parent.locale_id, [wanted]).get(wanted) if wanted else None
        form = WikiForm(initial={"title": wanted, "challenge": pow.issue(target)}, model=DefinitionPage,
                        names=CREATE_FIELDS)
        return render_form(form, existing=existing)

    form = WikiForm(request.POST, model=DefinitionPage, names=CREATE_FIELDS)

    def again(status, reason="", **extra):
        form.data = _fresh_data(request, None)
        form.data["challenge"] = pow.issue(target)
        return render_form(form, status, reason=reason, **extra)

    if not form.is_valid():
        return again(413 if form.size_exceeded else 400, _("Please correct the errors below."))
    if "preview" in request.POST:
        return again(200, preview={name: draft.render_markdown(form.cleaned_data.get(name) or "")
                                   for name in ("body", "sources")})
    title = form.cleaned_data["title"].strip()
    existing = resolve_titles(parent.locale_id, [title]).get(title)
    if existing:
        return again(409, _("A page with this title exists already."), existing=existing)
    refusal = check_save(request, form, target)
    if refusal:
        return again(refusal.status, refusal.reason)

    values = form.page_values()
    display_name = "" if request.user.is_authenticated else form.cleaned_data["display_name"]
    reason = "" if is_editor(request.user) else hold_reason({}, values, f"{form.cleaned_data['summary']}\n{display_name}")
    status = EditStatus.HELD if reason else EditStatus.LIVE
    summary = form.cleaned_data["summary"] or _("New page")
    try:
        with transaction.atomic():
            parent = type(parent).objects.select_for_update().get(pk=parent.pk)
            page = DefinitionPage(**values, slug=_unique_slug(parent, title), live=not reason)
            parent.add_child(instance=page)
            revision = save_wiki_revision(page, request=request, display_name=display_name, summary=summary,
                                          status=status, hold_reason=reason)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return again(400, _("Please correct the errors below."))
    if reason:
        _remember_held(request, revision)
        return render(request, "editing/created_held.html", {"title": title, "wanted_title": title}, status=202)
    messages.success(request, _("The page was created. Thank you!"))
    return redirect(page.url)
