"""Accounts (optional): sign up, contributions, watchlist, unsubscribe. Log in/out and password reset are Django's."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from wiki.models.editing import EditMeta

from . import watchlist
from .forms import SignupForm


def _next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:contributions")
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome, %(name)s! Your account is ready.") % {"name": user.get_username()})
            return redirect(_next(request, "/"))
        return TemplateResponse(request, "accounts/signup.html", {"form": form}, status=400)
    return TemplateResponse(request, "accounts/signup.html", {"form": form})


@login_required
def contributions(request):
    edits = EditMeta.objects.filter(user=request.user).select_related("page")
    page_obj = Paginator(edits, 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "accounts/contributions.html", {"page_obj": page_obj})


@login_required
def watchlist_view(request):
    watches = watchlist.viewable_watches(request.user)
    return TemplateResponse(request, "accounts/watchlist.html", {"watches": watches})


@require_POST
@login_required
def watch(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    if not watchlist.may_view(request.user, page):
        raise Http404
    watchlist.watch(request.user, page, get_language())
    messages.success(request, _("“%(title)s” is on your watchlist.") % {"title": page.title})
    return redirect(_next(request, page.url or "/"))


@require_POST
@login_required
def unwatch(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    watchlist.unwatch(request.user, page)
    messages.success(request, _("“%(title)s” is no longer on your watchlist.") % {"title": page.title})
    return redirect(_next(request, page.url or "/"))


@csrf_exempt  # the signed token is the credential; mail clients POST here for one-click unsubscribe (RFC 8058)
def unsubscribe(request, token):
    user = watchlist.user_from_unsubscribe_token(token)
    if user is None:
        return TemplateResponse(request, "accounts/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        watchlist.unsubscribe(user)
        return TemplateResponse(request, "accounts/unsubscribe.html", {"done": True, "account": user})
    return TemplateResponse(request, "accounts/unsubscribe.html", {"account": user})
