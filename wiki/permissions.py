"""The edit policy, checked server-side on every write from the site.

Definitions and case studies (page types with ``open_editing = True``) are open to
anyone; other wiki pages to editors only; a protected page to editors only. Other
apps add refusals (a blocked contributor, say) through the ``wiki_edit_refusal``
Wagtail hook: a function ``(request, page) -> str | None`` returning a reason.
"""

from django.utils.translation import gettext as _
from wagtail import hooks

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
    """Why this request may not change this page from the site, or None when it may."""
    user = getattr(request, "user", None)
    for refusal in hooks.get_hooks("wiki_edit_refusal"):
        reason = refusal(request, page)
        if reason:
            return reason
    if is_editor(user):
        return None
    if not getattr(page.specific_class or type(page), "open_editing", False):
        return _("Only editors can change this kind of page.")
    if is_protected(page):
        return _("This page is protected: only editors can change it.")
    return None


def can_edit(request, page) -> bool:
    return edit_refusal(request, page) is None
