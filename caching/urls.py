"""Wagtail's front-end URLs with its page view replaced by caching.pages.serve (same pattern and name)."""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from caching.pages import serve

urlpatterns = [
    *[pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", None) != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
]
