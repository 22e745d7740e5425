from moderation import routes
from wiki.routing import page_route

urlpatterns = [
    page_route(r"protect/", routes.protect_view, name="page_protect"),
    page_route(r"unprotect/", routes.unprotect_view, name="page_unprotect"),
]
