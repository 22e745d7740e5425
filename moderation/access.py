from functools import wraps

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from wiki.policy import Action, decide


def moderator_required(view):
    """Admin views: 403 for anyone but moderators, before anything is read or changed.

    (Wagtail's admin turns a raised PermissionDenied into a redirect to the dashboard;
    a moderation action refused should say 403.)
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not decide(request, Action.MODERATE):
            return TemplateResponse(request, "moderation/admin/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def check_moderator(request):
    """Site views: raise PermissionDenied (the site's 403 page) unless a moderator asks."""
    if not decide(request, Action.MODERATE):
        raise PermissionDenied
