"""Admin views for moderators: patrol, held edits, rollback, blocks, protections. POST for every change."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page, Revision

from history import actions as history_actions
from wiki.models.editing import EditMeta, EditStatus, PageProtection

from ..access import moderator_required
from ..blocks import block_author_of, lift_block
from ..forms import BlockForm, ProtectForm, RejectForm
from ..models import Block
from ..patrol import (
    HeldEditConflictError,
    NotHeldError,
    approve_held_edit,
    mark_patrolled,
    reject_held_edit,
    unpatrolled_edits,
)
from ..protection import protect, unprotect


def _back(request, default="moderation_admin:patrol"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(default)


def previous_revision_id(meta) -> int | None:
    if meta.base_revision_id:
        return meta.base_revision_id
    earlier = (
        Revision.page_revisions.filter(object_id=str(meta.page_id), created_at__lte=meta.revision.created_at)
        .exclude(pk=meta.revision_id).order_by("-created_at", "-pk").values_list("pk", flat=True).first()
    )
    return earlier


@moderator_required
def patrol(request):
    edits = unpatrolled_edits()
    held_only = request.GET.get("status") == "held"
    if held_only:
        edits = edits.filter(status=EditStatus.HELD)
    page_obj = Paginator(edits, 50).get_page(request.GET.get("p"))
    rows = [(meta, previous_revision_id(meta)) for meta in page_obj]
    return TemplateResponse(request, "moderation/admin/patrol.html", {
        "rows": rows, "page_obj": page_obj, "held_only": held_only, "reject_form": RejectForm(),
        "held_count": EditMeta.objects.filter(status=EditStatus.HELD).count(),
        "title": _("Edits to patrol"), "icon": "view",
    })


@require_POST
@moderator_required
def mark_edit_patrolled(request, meta_id):
    mark_patrolled(get_object_or_404(EditMeta, pk=meta_id), by=request.user)
    messages.success(request, _("Marked as patrolled."))
    return _back(request)


def _decide_held_edit(request, meta_id, decide, done: str):
    meta = get_object_or_404(EditMeta, pk=meta_id)
    try:
        decide(meta)
    except NotHeldError:
        messages.error(request, _("This edit is not held for review."))
    except HeldEditConflictError as error:
        messages.error(request, _(
            "The page was changed after this edit was held, in the same places (%(fields)s). Nothing was "
            "changed: edit the page by hand to take over what is still wanted."
        ) % {"fields": ", ".join(error.fields)})
    else:
        messages.success(request, done)
    return _back(request)


@require_POST
@moderator_required
def approve_edit(request, meta_id):
    return _decide_held_edit(request, meta_id, lambda meta: approve_held_edit(meta, by=request.user),
                             _("The edit is approved and live."))


@require_POST
@moderator_required
def reject_edit(request, meta_id):
    form = RejectForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _decide_held_edit(request, meta_id, lambda meta: reject_held_edit(meta, by=request.user, comment=comment),
                             _("The edit is rejected; it stays in the page's history."))


@require_POST
@moderator_required
def rollback(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    try:
        history_actions.rollback(page, request)
    except history_actions.NothingToRollBackError:
        messages.error(request, _("There is no earlier version by another author to go back to."))
        return _back(request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(request)
    messages.success(request, _("Rolled back “%(title)s”.") % {"title": page.title})
    return _back(request)


@moderator_required
def block_author(request, meta_id):
    meta = get_object_or_404(EditMeta, pk=meta_id)
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            block_author_of(meta, by=request.user, reason=form.cleaned_data["reason"], expires_at=form.expires_at())
        except ValueError:
            messages.error(request, _("This edit has no account or session to block."))
            return redirect("moderation_admin:patrol")
        messages.success(request, _("%(author)s is blocked from editing.") % {"author": meta.author_label})
        return redirect("moderation_admin:blocks")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "moderation/admin/block_form.html", {"meta": meta, "form": form},
                            status=status)


@moderator_required
def blocks(request):
    show_all = request.GET.get("all") == "1"
    queryset = Block.objects.select_related("user", "created_by", "lifted_by")
    if not show_all:
        queryset = queryset.active()
    page_obj = Paginator(queryset, 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "moderation/admin/blocks.html", {
        "page_obj": page_obj, "show_all": show_all, "title": _("Blocks"), "icon": "lock",
    })


@require_POST
@moderator_required
def lift(request, block_id):
    lift_block(get_object_or_404(Block, pk=block_id), by=request.user)
    messages.success(request, _("The block is lifted."))
    return _back(request, "moderation_admin:blocks")


@moderator_required
def protections(request):
    queryset = PageProtection.objects.select_related("page", "protected_by").order_by("-created_at")
    page_obj = Paginator(queryset, 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "moderation/admin/protections.html", {
        "page_obj": page_obj, "title": _("Protected pages"), "icon": "lock",
    })


@moderator_required
def protect_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    form = ProtectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        protect(page, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("“%(title)s” is protected.") % {"title": page.title})
        return _back(request, "moderation_admin:protections")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "moderation/admin/protect_form.html", {"page": page, "form": form},
                            status=status)


@require_POST
@moderator_required
def unprotect_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    unprotect(page, by=request.user)
    messages.success(request, _("“%(title)s” is no longer protected.") % {"title": page.title})
    return _back(request, "moderation_admin:protections")
