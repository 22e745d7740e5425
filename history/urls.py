from django.urls import path

from history import views

urlpatterns = [
    path("recent-changes/", views.recent_changes, name="recent_changes"),
    path("recent-changes/feed/", views.recent_changes_feed, name="recent_changes_feed"),
    path("wanted/", views.wanted, name="wanted_pages"),
]
