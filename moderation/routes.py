"""Site routes on every wiki page: <page url>protect/ and <page url>unprotect/ (POST, moderators only)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import path

from wiki.policy import Action, decide

from .forms import ProtectForm
from .protection import protect, unprotect


class ModerationRoutesMixin:
    """Mixed into wiki.models.base.WikiPage (a RoutablePageMixin page)."""

    @path("protect/", name="protect")
    def protect_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not decide(request, Action.MODERATE, self):
            raise PermissionDenied
        form = ProtectForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        protect(self, by=request.user, reason=reason)
        messages.success(request, _("This page is protected: only editors can change it."))
        return redirect(self.url)

    @path("unprotect/", name="unprotect")
    def unprotect_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not decide(request, Action.MODERATE, self):
            raise PermissionDenied
        unprotect(self, by=request.user)
        messages.success(request, _("This page is no longer protected."))
        return redirect(self.url)
