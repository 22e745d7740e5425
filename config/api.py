"""The API (Wagtail API v2): pages, images, documents.

Two changes to Wagtail's viewsets: absolute URLs name the server the request reached or the
configured public address (home.absolute_urls), not the Site record; and `?search=` understands queries
as the search page does, with the typo fallback reported in `meta.corrected_query` (search.api).
"""

from django.urls import NoReverseMatch
from rest_framework.fields import SkipField
from wagtail.api.v2 import serializers
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from home.absolute_urls import absolute_url
from search.api import SearchFilter


class DetailUrlField(serializers.DetailUrlField):
    def get_attribute(self, instance):
        path = self.context["router"].get_object_detail_urlpath(type(instance), instance.pk)
        if not path:
            raise SkipField  # no endpoint for this kind of object
        return absolute_url(self.context["request"], path)


class PageHtmlUrlField(serializers.PageHtmlUrlField):
    def to_representation(self, page):
        request = self.context["request"]
        try:
            return absolute_url(request, page.get_url(request))
        except NoReverseMatch:
            return None


def _nested(page, context):
    """A parent or alias-of page in brief, with this module's URL fields."""
    serializer_class = serializers.get_serializer_class(
        page.__class__,
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=PageSerializer,
    )
    return serializer_class(context=context).to_representation(page)


class PageParentField(serializers.PageParentField):
    def to_representation(self, value):
        return _nested(value, self.context)


class PageAliasOfField(serializers.PageAliasOfField):
    def to_representation(self, value):
        return _nested(value, self.context)


class PageSerializer(serializers.PageSerializer):
    detail_url = DetailUrlField(read_only=True)
    html_url = PageHtmlUrlField(read_only=True)
    parent = PageParentField(read_only=True)
    alias_of = PageAliasOfField(read_only=True)


class PageAPI(PagesAPIViewSet):
    base_serializer_class = PageSerializer
    filter_backends = [*PagesAPIViewSet.filter_backends[:-1], SearchFilter]

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        corrected = getattr(self, "corrected_query", None)
        if corrected:
            response.data["meta"]["corrected_query"] = corrected
        return response

    def find_view(self, request):
        # Wagtail's redirect names the Site record's host: the same path and query, on ours.
        response = super().find_view(request)
        response["Location"] = absolute_url(request, response["Location"])
        return response


class ImageAPI(ImagesAPIViewSet):
    base_serializer_class = type("ImageSerializer", (ImageSerializer,), {"detail_url": DetailUrlField(read_only=True)})


class DocumentAPI(DocumentsAPIViewSet):
    base_serializer_class = type(
        "DocumentSerializer", (DocumentSerializer,), {"detail_url": DetailUrlField(read_only=True)}
    )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PageAPI)
api_router.register_endpoint("images", ImageAPI)
api_router.register_endpoint("documents", DocumentAPI)
