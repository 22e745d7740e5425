"""What every wiki page has: Markdown body, sources, tags, rendered links."""

from functools import partial

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from wiki.links import missing_page_url, page_link_resolver
from wiki.markup import render_markdown, render_outline

TOC_MIN_HEADINGS = 3
MARKDOWN_HELP = _("Markdown. Link to another page with [[Page title]] or [[Page title|label]].")


class WikiPage(Page):
    """Abstract base of the collaboratively edited pages.

    The addresses under each page (edit/, history/, protect/…) are the feature apps' URL patterns (wiki.routing).
    """

    body = models.TextField(_("body"), blank=True, help_text=MARKDOWN_HELP)
    sources = models.TextField(_("sources"), blank=True, help_text=MARKDOWN_HELP)

    # Open to anyone's edits from the site? Otherwise editors only (wiki.permissions).
    open_editing = False

    # Fields whose Markdown is rendered; subclasses add theirs.
    markdown_fields: tuple[str, ...] = ("body", "sources")

    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.SearchField("sources", boost=0.3),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.FilterField("locale_id"),
    ]
    api_fields = [
        APIField("body"),
        APIField("sources"),
        APIField("tags"),
    ]
    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("sources"), FieldPanel("tags")]

    class Meta:
        abstract = True

    def render_markdown(self, text: str):
        return render_markdown(text, *self._link_makers())

    def _link_makers(self):
        """How [[links]] of this page resolve, and where a missing one points (in the page's language)."""
        return page_link_resolver(self.locale_id), partial(missing_page_url, self.locale.language_code)

    @cached_property
    def rendered(self) -> dict:
        """Each Markdown field as HTML; the body with its headings' "edit section" links (wherever the page
        tools offer Edit, which is always: the edit form asks the policy, so a page view asks nothing more)."""
        return {name: self.outline.html if name == "body" else self.render_markdown(getattr(self, name))
                for name in self.markdown_fields}

    @cached_property
    def outline(self):
        """The body's HTML and headings, each ``##`` heading linking to its section's edit form."""
        return render_outline(self.body, *self._link_makers(), section_label=gettext("Edit section"))

    @cached_property
    def tag_list(self) -> list:
        return list(self.tags.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["rendered"] = self.rendered
        # A table of contents beside a long text (wiki/_toc.html): three headings or more.
        headings = self.outline.headings
        context["toc"] = headings if len(headings) >= TOC_MIN_HEADINGS else ()
        return context
