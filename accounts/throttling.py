"""Log-in throttling (django-axes, configured in config/settings/base.py): what a locked-out person sees.

After LOGIN_FAILURE_LIMIT wrong passwords for one account, or from one address, further log-ins there
are refused for LOGIN_COOLOFF_MINUTES, on the site's log-in and the admin's alike.
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _("Too many failed log-in attempts for this account or from this address. Log-in is paused "
             "for %(minutes)s minutes; please try again later.") % {"minutes": minutes}


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a clear 429 page instead of django-axes' English default."""
    response = TemplateResponse(request, "accounts/locked_out.html",
                                {"title": _("Log-in paused"), "message": lockout_message()}, status=429)
    return response.render()
