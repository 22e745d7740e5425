from django.utils import translation
from django.utils.functional import SimpleLazyObject

from home.navigation import home_for, section_pages


def site_navigation(request):
    language = translation.get_language() or "en"
    return {
        "nav_home": SimpleLazyObject(lambda: home_for(language)),
        "nav_sections": SimpleLazyObject(lambda: section_pages(language)),
    }
