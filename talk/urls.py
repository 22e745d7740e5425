from django.urls import path

from . import views

app_name = "talk"
urlpatterns = [
    path("<int:page_id>/", views.thread, name="thread"),
    path("post/<int:post_id>/hide/", views.hide, name="hide"),
    path("post/<int:post_id>/restore/", views.restore, name="restore"),
    path("post/<int:post_id>/block/", views.block_author, name="block_author"),
]
