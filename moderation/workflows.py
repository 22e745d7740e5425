"""The market guide review workflow: a moderator approves, the guide goes live, reviewed today.

Models are imported inside the functions: Wagtail imports this module (WAGTAIL_FINISH_WORKFLOW_ACTION)
while it defines its own models, before any model can be imported.
"""

from django.utils import timezone

MARKET_GUIDE_WORKFLOW = "Market guide review"
MARKET_GUIDE_TASK = "Moderator approval"


def market_guide_workflow():
    from wagtail.models import Workflow

    return Workflow.objects.filter(name=MARKET_GUIDE_WORKFLOW).first()


def attach_market_guide_workflow(index_page) -> bool:
    """Make the guides under this index go through the review; True when newly attached."""
    from wagtail.models import WorkflowPage

    workflow = market_guide_workflow()
    if workflow is None or WorkflowPage.objects.filter(page_id=index_page.pk).exists():
        return False
    WorkflowPage.objects.create(workflow=workflow, page_id=index_page.pk)
    return True


def stamp_review_date(revision, today=None) -> None:
    """A market guide approved through the workflow was reviewed today: say so in the revision."""
    from wiki.models import MarketGuidePage

    if issubclass(revision.content_type.model_class() or object, MarketGuidePage):
        revision.content["last_reviewed"] = (today or timezone.localdate()).isoformat()
        revision.save(update_fields=["content"])


def publish_workflow_state(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: Wagtail's default (publish the latest revision), plus the review date.

    The drafts the site submitted for review (wiki.revisions.save_for_review) count as approved from now on.
    """
    from wiki.models.editing import EditMeta, EditStatus

    revision = workflow_state.content_object.get_latest_revision()
    if workflow_state.workflow.name == MARKET_GUIDE_WORKFLOW:
        stamp_review_date(revision)
    revision.publish(user=user)
    EditMeta.objects.filter(page_id=workflow_state.object_id, status=EditStatus.HELD, user__isnull=False,
                            revision__created_at__lte=revision.created_at).update(status=EditStatus.APPROVED)
