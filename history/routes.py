"""The history routes every wiki page answers (added to WikiPage's bases).

The methods only delegate: the views live in history.views, the logic beside them.
"""

from wagtail.contrib.routable_page.models import path


class HistoryRoutesMixin:
    """history/, old revisions, compare, restore, rollback, feeds, links here and the poster.

(``<page url>qr.svg`` has no trailing slash, which Wagtail's page URLs need: history.urls serves it.)
"""

    @path("history/", name="history")
    def history_route(self, request):
        from history import views

        return views.page_history(request, self)

    @path("history/feed/", name="history_feed")
    def history_feed_route(self, request):
        from history import views

        return views.page_history_feed(request, self)

    @path("history/compare/", name="history_compare")
    def history_compare_route(self, request):
        from history import views

        return views.compare(request, self)

    @path("history/rollback/", name="history_rollback")
    def history_rollback_route(self, request):
        from history import views

        return views.rollback(request, self)

    @path("history/<int:revision_id>/", name="history_revision")
    def history_revision_route(self, request, revision_id):
        from history import views

        return views.old_revision(request, self, revision_id)

    @path("history/<int:revision_id>/restore/", name="history_restore")
    def history_restore_route(self, request, revision_id):
        from history import views

        return views.restore(request, self, revision_id)

    @path("links-here/", name="links_here")
    def links_here_route(self, request):
        from history import views

        return views.links_here(request, self)

    @path("poster/", name="poster")
    def poster_route(self, request):
        from history import views

        return views.poster(request, self)
