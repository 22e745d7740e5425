"""Giving someone a role: the Editors or Moderators group (wiki.permissions reads them), or none."""

from django.contrib.auth.models import Group

from wiki.permissions import EDITORS_GROUP, MODERATORS_GROUP, forget_group_names

ROLES = {"editor": EDITORS_GROUP, "moderator": MODERATORS_GROUP, "none": None}


def set_role(user, role: str) -> None:
    """Make ``user`` an Editor, a Moderator or neither (``role`` is a key of ROLES); other groups stay."""
    wanted = ROLES[role]
    for name in (EDITORS_GROUP, MODERATORS_GROUP):
        group = Group.objects.get(name=name)
        if name == wanted:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    forget_group_names(user)


def role_of(user) -> str:
    names = set(user.groups.values_list("name", flat=True))
    return "moderator" if MODERATORS_GROUP in names else "editor" if EDITORS_GROUP in names else "none"
