"""The fair's addresses, inside i18n_patterns before Wagtail's page catch-all (config/urls.py).

The add and write forms sit below their index page's address; a path whose first part is not such an
index falls through to Wagtail's page view.
"""

from django.urls import path
from django.utils.translation import pgettext_lazy

from fair import views

urlpatterns = [
    path(pgettext_lazy("URL path", "partners/"), views.partner_finder, name="fair_partners"),
    path("submitted/<str:token>/", views.submission_status, name="fair_submission"),
    path("<slug:index_slug>/add/", views.add_business, name="fair_add_business"),
    path("<slug:index_slug>/add/stand-poster/", views.add_business_poster, name="fair_add_business_poster"),
    path("<slug:index_slug>/write/", views.write_post, name="fair_write_post"),
    path("<slug:index_slug>/feed/", views.blog_feed, name="fair_blog_feed"),
]
