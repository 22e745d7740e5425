"""New index pages (one per language tree) get their moderation set-up.

- a market guide index: the market guide review workflow;
- a definition or case study index: Editors may publish below it.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from wiki.models import CaseStudyIndexPage, DefinitionIndexPage, MarketGuideIndexPage

from .editor_permissions import grant_editors_publish
from .workflows import attach_market_guide_workflow


@receiver(post_save, sender=MarketGuideIndexPage)
def attach_review_workflow(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        attach_market_guide_workflow(instance)


@receiver(post_save, sender=DefinitionIndexPage)
@receiver(post_save, sender=CaseStudyIndexPage)
def editors_publish_open_pages(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_editors_publish(instance)
