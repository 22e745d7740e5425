from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from wagtail.signals import page_published

from search import synonyms
from search.backend.tasks import enqueue_update, runs_tasks_at_once
from search.models import SynonymGroup


@receiver(post_save, sender=SynonymGroup)
@receiver(post_delete, sender=SynonymGroup)
def drop_synonym_cache(**kwargs):
    synonyms.invalidate()


# Sent by the search backend after each change of the live index (a commit, a switch to a rebuilt
# generation), from whichever process applied it (in production, the task worker). Receivers retire
# what they derived from the index's earlier state, such as cached search results.
index_changed = Signal()


@receiver(page_published)
def index_published_page_with_its_tags(instance, **kwargs):
    """modelcluster saves a page's tags after the page's post_save, whose index task (modelsearch's) has already
    run when tasks run at once; once published the page has them. A queued task runs after the commit: it
    reads them anyway."""
    if runs_tasks_at_once():
        enqueue_update(type(instance), [instance.pk])
