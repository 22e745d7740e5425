from django.urls import path
from django.views.decorators.http import require_GET

from history import views
from wiki.routing import page_route

urlpatterns = [
    path("recent-changes/", views.recent_changes, name="recent_changes"),
    path("recent-changes/feed/", views.recent_changes_feed, name="recent_changes_feed"),
    path("wanted/", views.wanted, name="wanted_pages"),
    # Under every wiki page:
    page_route(r"history/", views.page_history, name="page_history"),
    page_route(r"history/feed/", views.page_history_feed, name="page_history_feed"),
    page_route(r"history/compare/", views.compare, name="page_history_compare"),
    page_route(r"history/rollback/", views.rollback, name="page_history_rollback"),
    page_route(r"history/(?P<revision_id>[0-9]+)/", views.old_revision, name="page_revision", numbers=("revision_id",)),
    page_route(
        r"history/(?P<revision_id>[0-9]+)/restore/", views.restore, name="page_revision_restore",
        numbers=("revision_id",),
    ),
    page_route(r"links-here/", views.links_here, name="page_links_here"),
    page_route(r"poster/", views.poster, name="page_poster"),
    page_route(r"qr\.svg", require_GET(views.qr_code), name="page_qr_code"),
]
