from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page

from wiki.links import missing_page_url, page_link_resolver
from wiki.markup import render_markdown


class HomePage(Page):
    """The root of one language's tree: /en/ or /da/."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    featured_definition = models.ForeignKey(
        "wiki.DefinitionPage", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("featured definition"),
    )

    subpage_types = [
        "wiki.DefinitionIndexPage",
        "wiki.CaseStudyIndexPage",
        "wiki.MarketGuideIndexPage",
        "wiki.ArticlePage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("featured_definition")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from wiki.models import ArticlePage, CaseStudyPage, MarketGuidePage

        context = super().get_context(request, *args, **kwargs)
        language = self.locale.language_code
        context["rendered_intro"] = render_markdown(
            self.intro,
            page_link_resolver(self.locale_id),
            lambda title: missing_page_url(language, title),
        )
        featured = self.featured_definition
        context["featured"] = featured if featured and featured.live else None
        in_tree = {"locale_id": self.locale_id}
        context["latest_case_studies"] = (
            CaseStudyPage.objects.live().filter(**in_tree).order_by("-first_published_at")[:3]
        )
        context["latest_guides"] = (
            MarketGuidePage.objects.live().filter(**in_tree).order_by("-first_published_at")[:3]
        )
        context["articles"] = ArticlePage.objects.live().child_of(self).order_by("-first_published_at")[:3]
        return context
