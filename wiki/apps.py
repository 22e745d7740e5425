from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _forget_group_names(sender, instance, action, reverse, **kwargs):
    """A user's memoised group names (wiki.permissions.group_names) go when their groups change."""
    if action.startswith("post_") and not reverse:
        from wiki.permissions import forget_group_names

        forget_group_names(instance)


class WikiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "wiki"
    verbose_name = _("Wiki")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        m2m_changed.connect(
            _forget_group_names, sender=get_user_model().groups.through, dispatch_uid="wiki-forget-group-names"
        )
