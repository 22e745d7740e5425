"""New market guide indexes (one per language tree) get the market guide review workflow."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from wiki.models import MarketGuideIndexPage

from .workflows import attach_market_guide_workflow


@receiver(post_save, sender=MarketGuideIndexPage)
def attach_review_workflow(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        attach_market_guide_workflow(instance)
