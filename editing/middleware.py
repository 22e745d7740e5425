"""Refuse oversized edit requests before their bodies are read (413 with a clear message)."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from editing import conf

EDIT_PATH_ENDINGS = ("/edit/", "/create/")


class EditSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path.endswith(EDIT_PATH_ENDINGS):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            limit = conf.get("EDIT_MAX_REQUEST_BYTES")
            if length > limit:
                return render(request, "editing/too_large.html", {
                    "title": _("Edit too large"), "limit_kb": limit // 1000,
                }, status=413)
        return self.get_response(request)
