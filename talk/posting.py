"""Posting to a page's discussion, and moderators hiding or restoring posts (audit-logged)."""

from moderation.audit import audit
from wiki.identity import session_hash

from .models import Post


def reply_parent(page, parent_id) -> Post | None:
    """The top-level post a reply belongs to (replies are one level deep)."""
    if not parent_id:
        return None
    parent = Post.objects.filter(pk=parent_id, page_id=page.pk).first()
    if parent is not None and parent.parent_id:
        parent = parent.parent
    return parent


def add_post(request, page, body: str, *, display_name: str = "", parent=None, held: bool = False) -> Post:
    """A new post; ``held`` (the hold rules tripped) keeps it hidden until a moderator restores it."""
    user = request.user if request.user.is_authenticated else None
    return Post.objects.create(
        page_id=page.pk, parent=parent, user=user, display_name="" if user else display_name[:80],
        session_hash=session_hash(request), body=body, hidden=held,
    )


def hide_post(post: Post, *, by) -> Post:
    if not post.hidden:
        post.hidden = True
        post.hidden_by = by
        post.save(update_fields=["hidden", "hidden_by"])
        audit(post, "moderation.hide_post", by, page=post.page_id)
    return post


def restore_post(post: Post, *, by) -> Post:
    if post.hidden:
        post.hidden = False
        post.hidden_by = None
        post.save(update_fields=["hidden", "hidden_by"])
        audit(post, "moderation.restore_post", by, page=post.page_id)
    return post
