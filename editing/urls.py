"""<page url>edit/ (GET the form, POST a save; ?section=N edits one section)."""

from editing import views
from wiki.routing import page_route

urlpatterns = [
    page_route(r"edit/", views.edit_page, name="page_edit"),
]
