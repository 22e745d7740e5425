from django.urls import path

from .views import admin as views

app_name = "moderation_admin"
urlpatterns = [
    path("patrol/", views.patrol, name="patrol"),
    path("patrol/<int:meta_id>/patrolled/", views.mark_edit_patrolled, name="mark_patrolled"),
    path("patrol/<int:meta_id>/approve/", views.approve_edit, name="approve"),
    path("patrol/<int:meta_id>/reject/", views.reject_edit, name="reject"),
    path("patrol/<int:meta_id>/block/", views.block_author, name="block_author"),
    path("rollback/<int:page_id>/", views.rollback, name="rollback"),
    path("blocks/", views.blocks, name="blocks"),
    path("blocks/<int:block_id>/lift/", views.lift, name="lift"),
    path("protections/", views.protections, name="protections"),
    path("protect/<int:page_id>/", views.protect_page, name="protect"),
    path("unprotect/<int:page_id>/", views.unprotect_page, name="unprotect"),
]
