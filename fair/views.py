"""Thin views: add a business, write a guest post, a submission's status, the partner finder, the poster."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail.views import serve

from editing import pow
from editing.forms import HONEYPOT
from fair import partners, policy
from fair.countries import names_of, picker_options
from fair.feeds import BlogFeed
from fair.forms import AddBusinessForm, GuestPostForm
from fair.indexes import blog_index, case_study_index
from fair.submissions import add_page, same_name_pages, status_token, submission_for
from fair.translations import initial_from, source_to_translate
from history import qr
from wiki.countries import country_choices
from wiki.facts import Sector
from wiki.models import BlogPostPage, CaseStudyPage, EditStatus, HoldReason
from wiki.partnerships import PartnerKind


def _fresh(request, target):
    """The posted data to show again: a new challenge, the honeypot cleared, the visitor's text kept."""
    data = request.POST.copy()
    data["challenge"], data["nonce"], data[HONEYPOT] = pow.issue(target), "", ""
    return data


def _submit(request, *, form_class, model, template, target, draft_of, parent, summary, why_held,
            extra=None, initial=None):
    """The shared round of both forms: policy, validation, anti-spam, then the page, live or held."""
    language = translation.get_language()
    anonymous = not request.user.is_authenticated
    context = {"needs_pow": anonymous, "parent": parent, "country_options": picker_options(language),
               **(extra or {})}
    verdict = policy.may_submit(request)
    if verdict.refusal:
        return render(request, "editing/refused.html", {"reason": verdict.refusal, "title": _("Not allowed")},
                      status=403)
    if request.method != "POST":
        form = form_class(initial={**(initial or {}), "challenge": pow.issue(target)})
        return render(request, template, {**context, "form": form, "live": verdict.live})

    form = form_class(request.POST)

    def again(status, reason="", **more):
        form.data = _fresh(request, target)
        return render(request, template, {**context, "form": form, "live": verdict.live, "reason": reason, **more},
                      status=status)

    if not form.is_valid():
        return again(413 if form.size_exceeded else 400, _("Please correct the errors below."))
    same = same_name_pages(parent, model, form.cleaned_data["title"]).first()
    if same is not None:
        form.add_error("title", _("There is already a page with this name."))
        return again(409, _("Please correct the errors below."), existing=same)
    refusal = policy.anti_spam(request, form, target)
    if refusal:
        return again(refusal.status, refusal.reason)
    page = draft_of(form.page_values())
    display_name = "" if request.user.is_authenticated else (
        getattr(page, "author_name", "") or form.cleaned_data["display_name"])
    revision = add_page(request, parent, page, live=verdict.live, summary=summary, why_held=why_held,
                        display_name=display_name, tags=form.tags())
    return render(request, "fair/submitted.html", {
        "page": page, "live": verdict.live, "status_url": reverse("fair_submission", args=[status_token(revision)]),
    }, status=201 if verdict.live else 202)


def add_business(request, index_slug):
    """<case-study index url>add/: a visitor documents their own micro-business."""
    language = translation.get_language()
    parent = case_study_index(language, index_slug)
    if parent is None:
        return serve(request, f"{index_slug}/add/")  # not a case-study index: whatever page lives here
    locale = Locale.objects.get(language_code=language)
    source = source_to_translate(request.POST.get("translation_of") or request.GET.get("translation_of"), language)

    def draft_of(values):
        values = {**values, "locale": locale}
        if source is not None:  # shares the original's key: Wagtail links the two as translations
            values["translation_key"] = source.translation_key
        return CaseStudyPage(**values)

    return _submit(
        request, form_class=AddBusinessForm, model=CaseStudyPage, template="fair/add_business.html",
        target=f"add-business:{parent.pk}",
        draft_of=draft_of, parent=parent, initial=initial_from(source) if source else None,
        extra={"source": source},
        summary=_("Added a new business"), why_held=HoldReason.NEW_BUSINESS,
    )


def write_post(request, index_slug):
    """/<lang>/blog/write/: a guest writes a post."""
    language = translation.get_language()
    parent = blog_index(language, index_slug)
    if parent is None:
        return serve(request, f"{index_slug}/write/")
    locale = Locale.objects.get(language_code=language)
    return _submit(
        request, form_class=GuestPostForm, model=BlogPostPage, template="fair/write_post.html", target=f"blog-post:{parent.pk}",
        draft_of=lambda values: BlogPostPage(locale=locale, **values), parent=parent,
        summary=_("New blog post"), why_held=HoldReason.GUEST_POST,
    )


def submission_status(request, token):
    """Where a visitor's submission stands (the link is signed: only its author has it)."""
    found = submission_for(token)
    if found is None:
        raise Http404
    page, meta = found
    return render(request, "fair/status.html", {
        "page": page, "meta": meta, "held": meta.status == EditStatus.HELD,
        "rejected": meta.status == EditStatus.REJECTED, "title": _("Your submission"),
    })


def partner_finder(request):
    """/en/partners/, /da/konkolleger/: businesses that seek or offer partnerships, and how they match."""
    language = translation.get_language()
    known = {code for code, _name in country_choices(language)}
    get = request.GET
    filters = partners.Filters(
        market=get.get("market", "").upper() if get.get("market", "").upper() in known else "",
        sector=get.get("sector", "") if get.get("sector", "") in Sector.values else "",
        kind=get.get("kind", "") if get.get("kind", "") in PartnerKind.values else "",
        language=get.get("language", "") if get.get("language", "") in ("en", "da") else "",
    )
    shown, found = partners.finder(filters)
    index = case_study_index(language)
    return render(request, "fair/partners.html", {
        "title": _("Find a konkollega"), "filters": filters, "seekers": [e for e in shown if e.direction == "seeks"],
        "offerers": [e for e in shown if e.direction == "offers"], "matches": found,
        "countries": country_choices(language), "sectors": Sector.choices, "kinds": PartnerKind.choices,
        "add_url": f"{index.url}add/" if index else "", "names_of": lambda codes: names_of(codes, language),
    })


def add_business_poster(request, index_slug):
    """<case-study index url>add/stand-poster/: a printable 'Add your business' poster with a QR code, for a stand."""
    parent = case_study_index(translation.get_language(), index_slug)
    if parent is None:
        return serve(request, f"{index_slug}/add/stand-poster/")
    add_url = request.build_absolute_uri(f"{parent.url}add/")
    return render(request, "fair/poster.html", {"add_url": add_url, "qr": qr.qr_svg_inline(add_url),
                                                "language_code": parent.locale.language_code, "parent": parent})


def blog_feed(request, index_slug):
    """<blog url>feed/: the blog's Atom feed."""
    if blog_index(translation.get_language(), index_slug) is None:
        return serve(request, f"{index_slug}/feed/")
    return BlogFeed()(request, index_slug=index_slug)
