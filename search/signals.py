from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from search import synonyms
from search.models import SynonymGroup


@receiver(post_save, sender=SynonymGroup)
@receiver(post_delete, sender=SynonymGroup)
def drop_synonym_cache(**kwargs):
    synonyms.invalidate()
