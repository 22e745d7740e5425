"""sitemap.xml with both languages' pages, each listing its translations (hreflang alternates).

Locations name the server the request reached or the configured public address (home.absolute_urls),
not Wagtail's Site record.
"""

from collections import defaultdict

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.absolute_urls import absolute_url


class BilingualSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        pages = Page.objects.none()
        for home in roots:
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public().order_by("path").specific()

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        by_key = defaultdict(list)
        for item in Page.objects.live().public().filter(
            translation_key__in={i.translation_key for i in items}
        ).select_related("locale"):
            by_key[item.translation_key].append(item)
        urls = []
        for item in items:
            alternates = [
                {"lang_code": other.locale.language_code, "location": absolute_url(self.request, other.get_url(self.request))}
                for other in by_key[item.translation_key]
            ]
            for info in item.get_sitemap_urls(self.request):
                info["location"] = absolute_url(self.request, info["location"])
                if len(alternates) > 1:
                    info["alternates"] = alternates
                urls.append(info)
        lastmods = [u.get("lastmod") for u in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
