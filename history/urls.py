from django.urls import path, re_path

from history import views

urlpatterns = [
    path("recent-changes/", views.recent_changes, name="recent_changes"),
    path("recent-changes/feed/", views.recent_changes_feed, name="recent_changes_feed"),
    path("wanted/", views.wanted, name="wanted_pages"),
    re_path(r"^(?P<page_path>(?:[\w\-]+/)+)qr\.svg$", views.qr_code_for_path, name="page_qr_code"),
]
