"""The ``edit/`` route of every wiki page (a mixin of wiki.models.base.WikiPage)."""

from wagtail.contrib.routable_page.models import path


class EditRoutesMixin:
    @path("edit/", name="edit")
    def edit_route(self, request):
        from editing.views import edit_page

        return edit_page(request, self)
