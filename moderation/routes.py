"""<page url>protect/ and <page url>unprotect/ (POST, moderators only)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wiki.policy import Action, decide

from .forms import ProtectForm
from .protection import protect, unprotect


def protect_view(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not decide(request, Action.MODERATE, page):
        raise PermissionDenied
    form = ProtectForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    protect(page, by=request.user, reason=reason)
    messages.success(request, _("This page is protected: only editors can change it."))
    return redirect(page.url)


def unprotect_view(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not decide(request, Action.MODERATE, page):
        raise PermissionDenied
    unprotect(page, by=request.user)
    messages.success(request, _("This page is no longer protected."))
    return redirect(page.url)
