"""Roles (Editors, Moderators) and page protection: what the policy (wiki.policy) asks about a person
and a page. ``edit_refusal``/``can_edit`` are the policy's answer for a site edit."""

EDITORS_GROUP = "Editors"
MODERATORS_GROUP = "Moderators"


GROUP_NAMES_ATTR = "_wiki_group_names"


def group_names(user) -> frozenset[str]:
    """The names of the user's groups, fetched once per user object (i.e. once per request).

    Page templates ask is_editor/is_moderator several times per view (page tools, notices);
    ``request.user`` is a new object on every request, so the memo never outlives one.
    Adding or removing groups through ``user.groups`` forgets it (signals.forget_group_names).
    """
    if not (user and user.is_authenticated):
        return frozenset()
    names = user.__dict__.get(GROUP_NAMES_ATTR)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user.__dict__[GROUP_NAMES_ATTR] = names
    return names


def forget_group_names(user) -> None:
    user.__dict__.pop(GROUP_NAMES_ATTR, None)


def _in_group(user, name: str) -> bool:
    return name in group_names(user)


def is_moderator(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or _in_group(user, MODERATORS_GROUP)))


def is_editor(user) -> bool:
    return is_moderator(user) or _in_group(user, EDITORS_GROUP)


def is_protected(page) -> bool:
    from wiki.models.editing import PageProtection

    return PageProtection.objects.filter(page_id=page.pk).exists()


def edit_refusal(request, page) -> str | None:
    """Why this request may not change this page from the site, or None when it may (wiki.policy)."""
    from wiki.policy import Action, refusal

    return refusal(request, Action.EDIT, page)


def can_edit(request, page) -> bool:
    return edit_refusal(request, page) is None
