from collections import Counter

from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET
from wagtail.models import Page

from wiki.models.tags import TAGGED_ITEM_MODELS, WikiTag
from wiki.worldmap import parse_counts, render_map


@require_GET
@gzip_page
@cache_control(public=True, max_age=86400)
def world_map(request):
    """/map/world.svg?c=ES:2,PT — the world map with those countries shaded."""
    svg = render_map(parse_counts(request.GET.get("c", "")), request.GET.get("title", "")[:200])
    return HttpResponse(svg, content_type="image/svg+xml")


def _tagged_pages(tag: WikiTag, language: str):
    page_ids = set()
    for model in TAGGED_ITEM_MODELS:
        page_ids.update(model.objects.filter(tag=tag).values_list("content_object_id", flat=True))
    return (
        Page.objects.live().filter(pk__in=page_ids, locale__language_code=language)
        .specific().order_by("title")
    )


@require_GET
def tag_index(request):
    language = translation.get_language()
    totals: Counter = Counter()
    for model in TAGGED_ITEM_MODELS:
        rows = (
            model.objects.filter(content_object__live=True, content_object__locale__language_code=language)
            .values("tag_id").annotate(n=Count("id"))
        )
        totals.update({row["tag_id"]: row["n"] for row in rows})
    tags = [(tag, totals[tag.pk]) for tag in WikiTag.objects.filter(pk__in=totals).order_by("name")]
    return render(request, "wiki/tag_index.html", {"tags": tags, "title": _("Tags")})


@require_GET
def tag_page(request, slug):
    tag = WikiTag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404(_("No such tag."))
    pages = _tagged_pages(tag, translation.get_language())
    return render(request, "wiki/tag_page.html", {"tag": tag, "pages": pages, "title": tag.name})
