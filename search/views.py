from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page

MAX_QUERY_LENGTH = 500


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.live().specific().search(query) if query else Page.objects.none()
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1)
    return render(request, "search/search.html", {"query": query, "results": page, "title": _("Search")})
