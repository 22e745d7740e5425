"""Thin views: the edit form of every wiki page (an EditRoutesMixin route) and the create form for red links."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from editing import pow
from editing.clashes import CHOICES, clashes, resolve
from editing.fields import FACT_FIELDS, editable_fields, is_multiline, values_of
from editing.forms import CREATE_FIELDS, HONEYPOT, EditForm, WikiForm
from editing.guards import check_save
from editing.holds import hold_reason
from editing.service import base_values, submit_edit
from wiki.links import resolve_titles
from wiki.models import DefinitionIndexPage, DefinitionPage, EditStatus, hold_reason_label
from wiki.policy import Action, decide
from wiki.revisions import save_wiki_revision
from wiki.sections import SectionNotFoundError, section, section_text, sections, splice

HELD_SESSION_KEY = "editing_held"
HELD_MESSAGE_TAG = "held-edit"  # the page's held-edit notice leaves the saying to this message


def _refused(request, page, reason, status=403):
    return render(request, "editing/refused.html", {"page": page, "reason": reason, "title": _("Not allowed")},
                  status=status)


def _to_data(data, name, value):
    if isinstance(value, str) and name == "sales_channels":
        data.setlist(name, value.split())
    else:
        data[name] = "" if value is None else str(value)


def _fresh_data(posted, page, values=None, base_revision_id=None):
    """The posted data (``posted``: request.POST or a form's data, clashes resolved) again, ready to submit:
    new challenge, honeypot cleared, optionally new values/base."""
    data = posted.copy()
    for name, value in (values or {}).items():
        _to_data(data, name, value)
    if base_revision_id is not None:
        data["base_revision"] = str(base_revision_id)
    data["challenge"] = pow.issue(page.pk) if page is not None else data.get("challenge", "")
    data["nonce"] = ""
    data[HONEYPOT] = ""
    return data


def review_message() -> str:
    return _("Thank you! Your change is saved as a draft and submitted for a moderator's approval: "
             "it goes live when a moderator approves it.")


def held_message(reason_code: str) -> str:
    """One calm notice for a held edit: which rule held it and what happens next (in the reader's language)."""
    return _("Thank you! Your edit is saved and waits for a moderator's review before readers see it, because "
             "%(reason)s. Once it is approved it is published; until then the page shows the earlier text, and "
             "your edit is listed in the page's history.") % {"reason": hold_reason_label(reason_code)}


def remember_held(request, revision):
    held = request.session.get(HELD_SESSION_KEY, [])
    request.session[HELD_SESSION_KEY] = [*held[-19:], revision.pk]


def _preview(page, form):
    """Rendered Markdown of the form's fields, on an unsaved copy of the page."""
    values = {name: form.cleaned_data.get(name) for name in form.page_fields}
    return {name: page.render_markdown(values.get(name) or "") for name in page.markdown_fields if name in values}


def _form_context(page, form, **extra):
    model = type(page)
    facts = [name for name in FACT_FIELDS.get(model._meta.label, ()) if name in form.fields]
    return {
        "page": page,
        "form": form,
        "title": _("Editing %(title)s") % {"title": page.title},
        "fact_fields": [form[name] for name in facts],
        "title_fields": [form["title"]] if "title" in form.fields else [],
        "text_fields": [form[name] for name in form.page_fields if name not in facts and name != "title"],
        "clash_groups": _clash_groups(form),
        "needs_pow": False,
        "section": None,
        "draft_key": f"{page.pk}:all",
        **extra,
    }


def _clash_groups(form):
    """(label, field name, clashes) of every text field whose value still carries clash markers."""
    groups = []
    for name in form.page_fields:
        if is_multiline(form.model, name):
            found = clashes(form.data.get(name) if form.is_bound else form.initial.get(name))
            if found:
                groups.append((form.fields[name].label, name, found))
    return groups


def _clash_choices(data, name) -> dict[int, str]:
    prefix = f"clash-{name}-"
    return {int(key[len(prefix):]): value for key, value in data.items()
            if key.startswith(prefix) and key[len(prefix):].isdigit() and value in CHOICES}


def _resolve_clashes(request, form) -> bool:
    """Apply the visitor's choices (theirs/yours/both per clash) to the posted text; True when none is left."""
    data = request.POST.copy()
    for name in form.page_fields:
        if is_multiline(form.model, name) and name in data:
            data[name] = resolve(data[name], _clash_choices(request.POST, name))
    form.data = data
    return not any(clashes(data.get(name)) for name in form.page_fields if is_multiline(form.model, name))


def _section_number(request) -> int | None:
    raw = request.GET.get("section")
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise Http404(_("There is no such section.")) from None


def _section_form(model, section_title, *args, **kwargs):
    form = EditForm(*args, model=model, names=("body",), **kwargs)
    form.fields["body"].label = _("Section “%(title)s”") % {"title": section_title} if section_title else \
        _("Introduction")
    return form


def _saved(request, page):
    """Where a successful save goes: the page (a script sending the form gets the address to go to)."""
    if request.headers.get("X-Edit-Form") == "fetch":
        return JsonResponse({"location": page.url})
    return redirect(page.url)


def edit_page(request, page):
    """GET: the edit form (``?section=N``: the N-th ``##`` section alone). POST: preview or save
    (policy, anti-spam, merge, hold rules); a section is spliced into the page's text first."""
    decision = decide(request, Action.EDIT, page)
    if not decision and request.method != "POST":
        return _refused(request, page, decision.reason)
    model = type(page)
    anonymous = not request.user.is_authenticated
    context = {"needs_pow": anonymous, "show_display_name": anonymous}
    number = _section_number(request)

    if request.method != "POST":
        initial = {**values_of(page, editable_fields(model)), "base_revision": page.live_revision_id,
                   "challenge": pow.issue(page.pk)}
        if number is None:
            form = EditForm(initial=initial, model=model)
            return render(request, "editing/edit.html", {**_form_context(page, form), **context})
        try:
            part = section(page.body, number)
        except SectionNotFoundError:
            raise Http404(_("There is no such section.")) from None
        form = _section_form(model, part.title, initial={**initial, "body": section_text(page.body, number)})
        return render(request, "editing/edit.html", {
            **_form_context(page, form, section=part, draft_key=f"{page.pk}:{number}"), **context})

    part = base_body = None
    if number is not None:
        base_body = _base_body(page, request.POST.get("base_revision"))
        part = next((found for found in sections(base_body) if found.number == number), None)

    def new_form(data):
        return _section_form(model, part.title if part else "", data) if number is not None else EditForm(data, model=model)

    form = new_form(request.POST)
    section_context = {"section": part, "draft_key": f"{page.pk}:{number if number is not None else 'all'}"}

    def again(status, reason="", **extra):
        data = _fresh_data(form.data, page)
        if form.is_valid():
            shown = new_form(data)
        else:
            form.data, shown = data, form  # keeps its errors
        return render(request, "editing/edit.html",
                      {**_form_context(page, shown, reason=reason, **section_context, **extra), **context},
                      status=status)

    if not decision:  # refused: the visitor's text stays on the form, nothing is saved
        return again(403, decision.reason)
    resolved = _resolve_clashes(request, form)
    if not form.is_valid():
        return again(413 if form.size_exceeded else 400, _("Please correct the errors below."))
    if "preview" in request.POST:
        return again(200, preview=_preview(page, form))
    if not resolved:
        return again(400, _("Some clashes are not resolved yet: choose a version for each one, or edit the text "
                            "so that no clash markers are left. Your text is kept below."))
    if number is not None and part is None:
        return again(400, _("This section is no longer in the page. Your text is kept below: copy it, then edit "
                            "the whole page."))

    refusal = check_save(request, form, str(page.pk))
    if refusal:
        return again(refusal.status, refusal.reason)

    values = form.page_values()
    summary = form.cleaned_data["summary"]
    base_revision_id = form.cleaned_data.get("base_revision")
    if part is not None:
        values = {"body": splice(base_body, number, values["body"])}
        summary = ": ".join(filter(None, (f"§ {part.title}" if part.title else "", summary)))
    display_name = "" if request.user.is_authenticated else form.cleaned_data["display_name"]
    try:
        outcome = submit_edit(
            request, page, values, base_revision_id, summary=summary, display_name=display_name,
            reviewed=decision.trusted, for_review=decision.as_draft,
        )
    except ValidationError as error:
        for name, errors in getattr(error, "message_dict", {"__all__": error.messages}).items():
            form.add_error(name if name in form.fields else None, errors)
        return again(400, _("Please correct the errors below."))

    if outcome.kind == "conflict":
        return _conflict(request, page, form, outcome, context)
    if outcome.kind == "unchanged":
        messages.info(request, _("You made no changes, so nothing was saved."))
    elif decision.as_draft:
        messages.info(request, review_message())
    elif outcome.status == EditStatus.HELD:
        remember_held(request, outcome.revision)
        messages.info(request, held_message(outcome.hold_reason), extra_tags=HELD_MESSAGE_TAG)
    elif outcome.merged:
        messages.success(request, _("Your edit was saved and merged with a change someone made meanwhile."))
    else:
        messages.success(request, _("Your edit was saved. Thank you!"))
    return _saved(request, page)


def _base_body(page, base_revision_id) -> str:
    """The body the form was opened on (the page's own when that revision is unknown)."""
    try:
        base = base_values(page, int(base_revision_id), ["body"])
    except (TypeError, ValueError):
        base = None
    return (base or {"body": page.body})["body"]


def _conflict(request, page, form, outcome, context):
    """The whole page's form again, on the latest revision: clashing text between numbered markers
    (resolved in place), other clashing values as the visitor typed them."""
    model = type(page)
    marked = {c.name: c.marked for c in outcome.conflicts if c.marked}
    values = {**values_of(page, editable_fields(model)), **outcome.values, **marked}
    data = _fresh_data(request.POST, page, values, outcome.current_revision_id)
    shown = EditForm(data, model=model)
    field_conflicts = [(form.fields[c.name].label, c) for c in outcome.conflicts if not c.marked]
    return render(request, "editing/edit.html", {
        **_form_context(page, shown, field_conflicts=field_conflicts, conflict=True, form_action=f"{page.url}edit/",
                        reason=_("Someone else changed this page while you were editing. Nothing you wrote is "
                                 "lost: where your changes and theirs touch the same lines, both are shown below. "
                                 "Choose a version for each, or edit the text, then save.")),
        **context,
    }, status=409)


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
    decision = decide(request, Action.CREATE, draft)
    if not decision and request.method != "POST":
        return _refused(request, None, decision.reason)
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
        form.data = _fresh_data(request.POST, None)
        form.data["challenge"] = pow.issue(target)
        return render_form(form, status, reason=reason, **extra)

    if not decision:  # refused: the visitor's text stays on the form, nothing is saved
        return again(403, decision.reason)

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
    reason = "" if decision.trusted else hold_reason({}, values, f"{form.cleaned_data['summary']}\n{display_name}")
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
        remember_held(request, revision)
        return render(request, "editing/created_held.html", {"title": title, "wanted_title": title}, status=202)
    messages.success(request, _("The page was created. Thank you!"))
    return redirect(page.url)
