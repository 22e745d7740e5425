from functools import wraps

from django.core.exceptions import PermissionDenied

from wiki.permissions import is_moderator


def moderator_required(view):
    """403 for anyone but moderators, before anything is read or changed."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
