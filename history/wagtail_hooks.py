from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from history.actions import ROLLBACK_ACTION


@hooks.register("register_log_actions")
def register_history_log_actions(actions):
    actions.register_action(ROLLBACK_ACTION, _("Roll back"), _("Rolled back the latest author's edits"))
