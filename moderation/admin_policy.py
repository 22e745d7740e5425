"""The wiki's policy (wiki.policy) in the Wagtail admin, through Wagtail's public hooks.

Each ``before_*`` hook asks ``decide`` for its action and answers 403 when it refuses. Deleting
is recoverable: a Moderator's delete unpublishes the page (and what is below it) instead, so it
comes back, its whole history with it, by publishing it again. ``BlockedAdminWritesMiddleware``
stops every admin write of a blocked account, including those no hook covers (workflow actions,
locking, reverting).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from wiki.policy import Action, decide, write_refusal

BULK_ACTIONS = {"delete": Action.DELETE, "unpublish": Action.UNPUBLISH, "publish": Action.PUBLISH,
                "move": Action.MOVE}


def refused(request, reason: str):
    # Rendered here: a middleware's (and some hooks') responses are not rendered by Django.
    return TemplateResponse(request, "moderation/admin/refused.html", {"reason": reason}, status=403).render()


def check(request, action: Action, page=None):
    """None when allowed, else the admin's 403 answer."""
    decision = decide(request, action, page)
    return None if decision else refused(request, decision.reason)


def unpublish_instead_of_delete(request, page):
    """A Moderator's delete: the page and its descendants go offline; pages, revisions and edit records stay."""
    for descendant in page.get_descendants(inclusive=True).live().specific():
        descendant.unpublish(user=request.user, log_action=True)
    messages.success(request, _(
        "“%(title)s” was taken offline rather than deleted: its history is kept, and publishing it again "
        "brings it back."
    ) % {"title": page.get_admin_display_title()})
    parent = page.get_parent()
    return redirect(reverse("wagtailadmin_explore", args=[parent.pk]) if parent else reverse("wagtailadmin_home"))


def before_delete_page(request, page):
    response = check(request, Action.DELETE, page)
    if response is None and request.method == "POST":
        return unpublish_instead_of_delete(request, page)
    return response


def before_bulk_action(request, action_type, objects, action_class_instance):
    action = BULK_ACTIONS.get(action_type)
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if action is None or not pages:
        reason = write_refusal(request)
        return refused(request, reason) if reason else None
    for page in pages:
        response = check(request, action, page)
        if response is not None:
            return response
    if action == Action.DELETE and request.method == "POST":
        for page in pages:
            unpublish_instead_of_delete(request, page)
        return redirect(request.GET.get("next") or reverse("wagtailadmin_home"))
    return None


TRANSLATE_VIEW = "simple_translation:submit_page_translation"
WORKFLOW_ACTION_VIEW = "wagtailadmin_pages:workflow_action"


def approval_message(request, response, view_kwargs) -> None:
    """Wagtail's workflow actions (the dashboard's "Approve") say nothing when done: confirm an approval."""
    if view_kwargs.get("action_name") != "approve" or response.status_code not in (200, 302):
        return
    if response.status_code == 200 and b'"success"' not in response.content:
        return  # the modal's form again, not a done approval
    page = Page.objects.filter(pk=view_kwargs.get("page_id")).first()
    title = page.get_admin_display_title() if page else ""
    messages.success(request, _("Approved: “%(title)s” is published.") % {"title": title})


class BlockedAdminWritesMiddleware:
    """The admin's side of the policy where no Wagtail hook is called.

    A blocked account changes nothing in the admin (every POST there answers 403), logging out aside;
    translating a page (wagtail.contrib.simple_translation) creates one, so ``decide`` is asked for
    CREATE; an approval from the dashboard gets a confirmation message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and getattr(request, "user", None) is not None and request.user.is_authenticated:
            admin_root = reverse("wagtailadmin_home")
            if request.path.startswith(admin_root) and request.path != reverse("wagtailadmin_logout"):
                reason = write_refusal(request)
                if reason:
                    return refused(request, reason)
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if request.method == "POST" and match is not None and match.view_name == WORKFLOW_ACTION_VIEW:
            approval_message(request, response, match.kwargs)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name == TRANSLATE_VIEW:
            page = Page.objects.filter(pk=view_kwargs.get("page_id")).first()
            if page is not None:
                return check(request, Action.CREATE, page.specific)
        return None
