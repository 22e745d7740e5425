from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api_router
from editing import views as editing_views
from home.sitemap import BilingualSitemap
from wiki import views as wiki_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": BilingualSitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("map/world.svg", wiki_views.world_map, name="world_map"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything a reader sees lives under /en/ or /da/; "/" redirects by Accept-Language
# (LocaleMiddleware does that for any unprefixed path that exists under a prefix).
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("tags/", wiki_views.tag_index, name="tag_index"),
    path("tags/<str:slug>/", wiki_views.tag_page, name="tag_page"),
    path("create/", editing_views.create_page, name="wiki_create"),
    path("accounts/", include("accounts.urls")),
    path("talk/", include("talk.urls")),
    path("", include("history.urls")),
    path("", include("fair.urls")),  # the fair's forms and finder, before Wagtail's page catch-all
    # <page url>edit/, history/, protect/…: before Wagtail's page view, which serves everything else.
    path("", include("editing.urls")),
    path("", include("moderation.urls")),
    path("", include("wagtail.urls")),
    prefix_default_language=True,
)
