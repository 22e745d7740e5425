"""Blocking contributors, and the wiki_write_refusal check (wiki.policy) that stops every write of theirs."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wiki.identity import session_hash

from .audit import audit
from .models import Block


def active_block_for(request, user=None) -> Block | None:
    """The active block that applies to this request's (or ``user``'s) account or session, if any."""
    blocks = Block.objects.active()
    if user is None:
        user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        block = blocks.filter(user=user).first()
        if block:
            return block
    session = getattr(request, "session", None) if request is not None else None
    # A visitor without a session cannot have been blocked by session: don't create one just to look.
    if session is not None and session.session_key:
        return blocks.filter(session_hash=session_hash(request)).first()
    return None


def block_refusal(request, user=None) -> str | None:
    """wiki_write_refusal hook: a blocked contributor may write nothing (edit, post, publish, delete...)."""
    block = active_block_for(request, user)
    if block is None:
        return None
    if block.expires_at:
        until = formats.date_format(timezone.localtime(block.expires_at), "DATETIME_FORMAT")
        return _("You are blocked from editing until %(until)s. Reason: %(reason)s") % {
            "until": until, "reason": block.reason,
        }
    return _("You are blocked from editing. Reason: %(reason)s") % {"reason": block.reason}


def block_contributor(*, by, reason: str, user=None, session_hash: str = "", label: str = "", expires_at=None) -> Block:
    block = Block.objects.create(
        user=user, session_hash="" if user else session_hash, label=label[:150], reason=reason[:300],
        expires_at=expires_at, created_by=by,
    )
    audit(block, "moderation.block", by, reason=block.reason, contributor=block.label,
          expires_at=expires_at.isoformat() if expires_at else None)
    return block


def block_author_of(meta, *, by, reason: str, expires_at=None) -> Block:
    """Block whoever saved this wiki edit (their account, else their session)."""
    if meta.user_id:
        return block_contributor(by=by, reason=reason, user=meta.user, label=meta.author_label, expires_at=expires_at)
    if not meta.session_hash:
        raise ValueError("this edit has no account or session to block")
    return block_contributor(by=by, reason=reason, session_hash=meta.session_hash, label=meta.author_label,
                             expires_at=expires_at)


def lift_block(block: Block, *, by) -> Block:
    if block.lifted_at is None:
        block.lifted_at = timezone.now()
        block.lifted_by = by
        block.save(update_fields=["lifted_at", "lifted_by"])
        audit(block, "moderation.unblock", by, contributor=block.label)
    return block
