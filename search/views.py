"""The search page and its suggestions endpoint (thin views over search.service)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search.facets import FACET_NAMES, facet_titles
from search.service import PER_PAGE, run_search
from search.suggestions import suggestions


@require_GET
def search(request):
    language = translation.get_language() or "en"
    outcome = run_search(request.GET.get("q", ""), request.GET, language)
    notices = list(outcome.notices)
    if outcome.page_out_of_range:
        notices.append(_("That page of results does not exist, so here is the first page."))
    titles = facet_titles()
    facets = [(name, titles[name], _with_links(request, name, _narrowing(outcome, name))) for name in FACET_NAMES]
    selected = [
        (name, titles[name], item) for name, _title, items in facets for item in items if item["selected"]
    ]
    context = {
        "title": _("Search results for “%(query)s”") % {"query": outcome.query} if outcome.query else _("Search"),
        "query": outcome.query,
        "outcome": outcome,
        "notices": notices,
        "facets": [facet for facet in facets if facet[2]],
        "selected": selected,
        "first_result": (outcome.page_number - 1) * PER_PAGE + 1,
        "last_result": min(outcome.page_number * PER_PAGE, outcome.total),
        "pages": _page_links(request, outcome),
    }
    return render(request, "search/search.html", context)


def _narrowing(outcome, name: str) -> list[dict]:
    """The facet's values that narrow the results (a value every result has would list them again),
    and the chosen ones, which can be removed."""
    return [item for item in outcome.facets.get(name, []) if item["selected"] or item["count"] < outcome.total]


def _url(request, **changes) -> str:
    # A plain dict of the query's lists: QueryDict.copy() deep-copies, once per facet link.
    params = dict(request.GET.lists())
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = [value]
    return "?" + urlencode(params, doseq=True) if params else "?"


def _with_links(request, name: str, items: list[dict]) -> list[dict]:
    """Each facet value with the link that picks it, or (when picked) the link that removes it."""
    return [
        {**item, "href": _url(request, page=None, **{name: None if item["selected"] else item["value"]})}
        for item in items
    ]


def _page_links(request, outcome) -> list[dict]:
    """Page numbers around the current one (first and last always), None for a gap."""
    if outcome.num_pages <= 1:
        return []
    current, last = outcome.page_number, outcome.num_pages
    numbers = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append(None)
        links.append({"number": number, "href": _url(request, page=str(number)), "current": number == current})
        previous = number
    return links


@require_GET
def suggest(request):
    """JSON suggestions as the reader types: {"query": …, "suggestions": [{title, url, language, type}]}."""
    text = " ".join(request.GET.get("q", "").split())[:100]
    response = JsonResponse({"query": text, "suggestions": suggestions(text)})
    response["Cache-Control"] = "max-age=60"
    return response
