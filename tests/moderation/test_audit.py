"""Every moderation action is a registered audit-log action (Wagtail's audit log report can filter by it)."""

from wagtail.log_actions import registry

from moderation.audit import ACTIONS


def test_every_moderation_action_is_registered_for_the_audit_log(db):
    choices = dict(registry.get_choices())
    for action, (label, _message) in ACTIONS.items():
        assert choices[action] == label
    assert "wiki.rollback" in choices  # history's rollback, used by patrol
    assert "wagtail.workflow.approve" in choices and "wagtail.workflow.reject" in choices
