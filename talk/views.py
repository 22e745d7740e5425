"""/<lang>/talk/<page id>/: a wiki page's discussion. Open to whoever may edit the page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from editing import pow
from editing.guards import check_post
from editing.holds import hold_reason
from moderation.access import check_moderator
from moderation.blocks import block_contributor
from moderation.forms import BlockForm
from wiki.models import WikiPage
from wiki.permissions import is_moderator
from wiki.policy import Action, decide

from .forms import PostForm
from .models import Post
from .posting import add_post, hide_post, reply_parent, restore_post


def _wiki_page(page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, WikiPage) or not page.live:
        raise Http404
    return page


def thread_url(page) -> str:
    from django.urls import reverse

    return reverse("talk:thread", args=[page.pk])


def talk_target(page) -> str:
    return f"talk:{page.pk}"


def thread(request, page_id):
    page = _wiki_page(page_id)
    decision = decide(request, Action.TALK, page)
    refusal = None if decision else decision.reason
    form = PostForm(request.POST or None, initial={"parent": request.GET.get("reply")})
    status = 200
    if request.method == "POST":
        if refusal:
            status = 403
        elif form.is_valid():
            data = form.cleaned_data
            refused = check_post(request, honeypot_filled=bool(data["website"]), scope="talk",
                                 challenge=data["challenge"], nonce=data["nonce"], target=talk_target(page))
            if refused:
                status = refused.status
                messages.error(request, refused.reason)
            else:
                held = "" if decision.trusted else hold_reason({}, {"body": data["body"]}, data["display_name"])
                post = add_post(request, page, data["body"], display_name=data["display_name"],
                                parent=reply_parent(page, data["parent"]), held=bool(held))
                if held:
                    messages.warning(request, _("Thank you! Your message is waiting for a moderator's review "
                                                "before others see it."))
                else:
                    messages.success(request, _("Your message is posted."))
                return redirect(f"{thread_url(page)}#post-{post.pk}")
        else:
            status = 400
    if form.is_bound:  # a new challenge; the visitor's text stays
        form.data = form.data.copy()
        form.data["challenge"], form.data["nonce"] = pow.issue(talk_target(page)), ""
    elif not request.user.is_authenticated:
        form.initial["challenge"] = pow.issue(talk_target(page))
    posts = (
        Post.objects.filter(page_id=page.pk, parent__isnull=True)
        .select_related("user").prefetch_related("replies__user")
    )
    return TemplateResponse(request, "talk/thread.html", {
        "page": page, "posts": posts, "form": form, "refusal": refusal,
        "moderator": is_moderator(request.user), "needs_pow": not request.user.is_authenticated,
        "title": _("Discussion: %(title)s") % {"title": page.title},
    }, status=status)


@require_POST
def hide(request, post_id):
    check_moderator(request)
    post = get_object_or_404(Post, pk=post_id)
    hide_post(post, by=request.user)
    messages.success(request, _("The post is hidden."))
    return redirect(f"{thread_url(post.page)}#post-{post.pk}")


@require_POST
def restore(request, post_id):
    check_moderator(request)
    post = get_object_or_404(Post, pk=post_id)
    restore_post(post, by=request.user)
    messages.success(request, _("The post is restored."))
    return redirect(f"{thread_url(post.page)}#post-{post.pk}")


def block_author(request, post_id):
    """A moderator blocks whoever wrote this post (their account, else their session) from editing and posting."""
    check_moderator(request)
    post = get_object_or_404(Post.objects.select_related("page", "user"), pk=post_id)
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        block_contributor(
            by=request.user, reason=form.cleaned_data["reason"], user=post.user,
            session_hash="" if post.user_id else post.session_hash, label=post.author_label,
            expires_at=form.expires_at(),
        )
        messages.success(request, _("%(author)s is blocked from editing.") % {"author": post.author_label})
        return redirect(f"{thread_url(post.page)}#post-{post.pk}")
    return TemplateResponse(request, "talk/block_form.html", {
        "post": post, "form": form, "title": _("Block a contributor"),
    }, status=400 if request.method == "POST" else 200)
