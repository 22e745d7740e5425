from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from wiki.collation import sort_key

from .base import WikiPage
from .tags import DefinitionPageTag


def split_list(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


class DefinitionPage(WikiPage):
    # Anyone may edit this kind of page from the site (wiki.permissions).
    open_editing = True

    short_definition = models.CharField(
        _("definition in one sentence"), max_length=400, blank=True
    )
    also_known_as = models.CharField(
        _("also known as"), max_length=400, blank=True,
        help_text=_("Synonyms and other spellings, separated by commas."),
    )
    related_terms = models.CharField(
        _("related terms"), max_length=600, blank=True,
        help_text=_("Titles of related definitions, separated by commas."),
    )
    tags = ClusterTaggableManager(through=DefinitionPageTag, blank=True, verbose_name=_("tags"))

    parent_page_types = ["wiki.DefinitionIndexPage"]
    subpage_types: list[str] = []

    search_fields = WikiPage.search_fields + [
        index.SearchField("short_definition", boost=3),
        index.SearchField("also_known_as", boost=4),
        index.AutocompleteField("also_known_as"),
    ]
    api_fields = WikiPage.api_fields + [
        APIField("short_definition"),
        APIField("synonyms"),
        APIField("related_term_titles"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("short_definition"),
        FieldPanel("also_known_as"),
        FieldPanel("body"),
        FieldPanel("related_terms"),
        FieldPanel("sources"),
        FieldPanel("tags"),
    ]

    class Meta:
        verbose_name = _("definition")
        verbose_name_plural = _("definitions")

    @property
    def synonyms(self) -> list[str]:
        return split_list(self.also_known_as)

    @property
    def related_term_titles(self) -> list[str]:
        return split_list(self.related_terms)

    @cached_property
    def related_links(self):
        """[[links]] of the related terms, rendered like body links (red when missing)."""
        titles = self.related_term_titles
        if not titles:
            return ""
        return self.render_markdown(" · ".join(f"[[{title}]]" for title in titles))


class DefinitionIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["wiki.DefinitionPage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("definitions index")

    def definitions_by_letter(self):
        """[(letter, [pages])], A to Å, in the page's language's alphabet."""
        pages = sorted(
            DefinitionPage.objects.child_of(self).live().specific(),
            key=lambda p: sort_key(p.title, self.locale.language_code),
        )
        groups: dict[str, list] = {}
        for page in pages:
            letter = page.title[:1].upper() or "#"
            groups.setdefault(letter if letter.isalpha() else "#", []).append(page)
        return list(groups.items())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["letters"] = self.definitions_by_letter()
        return context
