"""The moderation actions written to Wagtail's audit log (registered in wagtail_hooks)."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

ACTIONS = {
    "moderation.patrol": (_("Patrol"), _("Marked an edit as patrolled")),
    "moderation.approve_edit": (_("Approve held edit"), _("Approved a held edit and published it")),
    "moderation.reject_edit": (_("Reject held edit"), _("Rejected a held edit")),
    "moderation.protect": (_("Protect"), _("Protected the page")),
    "moderation.unprotect": (_("Unprotect"), _("Removed the page's protection")),
    "moderation.block": (_("Block"), _("Blocked a contributor from editing")),
    "moderation.unblock": (_("Lift block"), _("Lifted a block")),
    "moderation.hide_post": (_("Hide discussion post"), _("Hid a discussion post")),
    "moderation.restore_post": (_("Restore discussion post"), _("Restored a discussion post")),
}


def register(actions):
    for name, (label, message) in ACTIONS.items():
        actions.register_action(name, label, message)


def audit(instance, action: str, user, **data):
    """Write one audit-log entry: who (user), what (action, data), when (now)."""
    assert action in ACTIONS, action
    return log(instance=instance, action=action, user=user, data=data)
