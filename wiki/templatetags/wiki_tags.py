from django import template
from django.utils.translation import gettext as _

from wiki.countries import country_name

register = template.Library()


def _parent_url(page) -> str:
    parent = page.get_parent()
    return (parent.url or "") if parent else ""


def _map_context(counts: dict[str, int], title: str, filter_base: str) -> dict:
    countries = sorted(((c, country_name(c), n) for c, n in counts.items()), key=lambda x: x[1])
    return {
        "map_param": ",".join(f"{code}:{n}" for code, _name, n in countries),
        "map_alt": title + (": " + ", ".join(name for _c, name, _n in countries) if countries else ""),
        "countries": countries,
        "filter_base": filter_base,
    }


@register.inclusion_tag("wiki/_export_map.html")
def export_map_for_page(page):
    return _map_context(
        {code: 1 for code in page.export_market_codes},
        _("World map shading the countries named as %(company)s's export markets") % {"company": page.title},
        _parent_url(page),
    )


@register.inclusion_tag("wiki/_export_map.html")
def export_map_for_counts(counts, index_page, filtered=False):
    if filtered:
        title = _("World map shading the export markets of the case studies listed")
    else:
        title = _("World map shading the export markets of all case studies")
    return _map_context(counts, title, index_page.url)


@register.filter
def page_type(page) -> str:
    """The page's type in the reader's language ("Definition", "Case study", …)."""
    cls = page.specific_class or type(page)
    return str(cls._meta.verbose_name).capitalize()
