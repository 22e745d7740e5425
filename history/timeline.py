"""A page's revisions as the history shows them: who, when, why, how much changed."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from wagtail.models import Revision

from wiki.identity import session_hash
from wiki.models.editing import EditMeta, EditStatus
from wiki.permissions import is_moderator
from wiki.revisions import published_revision_ids


def page_revisions(page):
    """Every revision of ``page``, newest first, with its wiki record and author."""
    return (
        Revision.page_revisions.filter(object_id=str(page.pk))
        .select_related("user", "wiki_meta", "wiki_meta__user")
        .order_by("-created_at", "-pk")
    )


def get_page_revision(page, revision_id) -> Revision | None:
    """The revision with this id if it belongs to ``page``, else None."""
    try:
        revision_id = int(revision_id)
    except (TypeError, ValueError):
        return None
    if not 0 < revision_id < 2**63:  # beyond any primary key (and SQLite's integers)
        return None
    return page_revisions(page).filter(pk=revision_id).first()


def meta_of(revision) -> EditMeta | None:
    try:
        return revision.wiki_meta
    except EditMeta.DoesNotExist:
        return None


def content_size(page_class, content: dict) -> int:
    """The same measure as wiki.revisions.text_size, read from a revision's stored content."""
    names = ("title", *getattr(page_class, "markdown_fields", ()))
    return sum(len(content.get(name) or "") for name in names)


def author_label(revision) -> str:
    """The public name of a revision's author. Never an IP address or a session."""
    meta = meta_of(revision)
    if meta is not None:
        return meta.author_label
    if revision.user_id is not None:
        return revision.user.get_username()
    return _("unknown author")


def author_identity(revision):
    """Who made a revision, for rollback: the account, or the anonymous visitor's session."""
    if revision.user_id is not None:
        return ("user", revision.user_id)
    meta = meta_of(revision)
    if meta is not None and meta.session_hash:
        return ("session", meta.session_hash)
    return ("revision", revision.pk)  # unknown: matches only itself


@dataclass
class HistoryRow:
    revision: Revision
    meta: EditMeta | None
    author: str
    summary: str
    size: int
    size_delta: int | None
    status: str
    status_label: str
    previous_id: int | None
    is_live: bool

    @property
    def is_anonymous(self) -> bool:
        return self.revision.user_id is None

    @property
    def shows_status(self) -> bool:
        return self.status in (EditStatus.HELD, EditStatus.REJECTED, EditStatus.APPROVED)


def _size(page, revision) -> int:
    meta = meta_of(revision)
    if meta is not None:
        return meta.size
    return content_size(type(page), revision.content or {})


def history_rows(page, revisions, older: Revision | None) -> list[HistoryRow]:
    """Rows for ``revisions`` (newest first); ``older`` is the revision just before the last one."""
    revisions = list(revisions)
    followers = revisions[1:] + [older]
    live_id = page.live_revision_id
    rows = []
    for revision, previous in zip(revisions, followers, strict=True):
        meta = meta_of(revision)
        size = _size(page, revision)
        if meta is not None:
            delta = meta.size_delta
        else:
            delta = size - _size(page, previous) if previous is not None else size
        status = meta.status if meta is not None else ""
        rows.append(
            HistoryRow(
                revision=revision,
                meta=meta,
                author=author_label(revision),
                summary=meta.summary if meta is not None else "",
                size=size,
                size_delta=delta,
                status=status,
                status_label=meta.get_status_display() if meta is not None else "",
                previous_id=previous.pk if previous is not None else None,
                is_live=revision.pk == live_id,
            )
        )
    return rows


def is_unreviewed(revision, published_ids: set[int]) -> bool:
    """Held or rejected, or a draft that was never live: not for every reader's eyes."""
    meta = meta_of(revision)
    if meta is not None:
        return meta.status in (EditStatus.HELD, EditStatus.REJECTED)
    return revision.pk not in published_ids


def is_own_revision(request, revision) -> bool:
    """Made by this account, or by this browser's session (an anonymous author's own edit)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and revision.user_id == user.pk:
        return True
    meta = meta_of(revision)
    session = getattr(request, "session", None)
    return bool(meta is not None and meta.session_hash and session is not None and session.session_key
                and meta.session_hash == session_hash(request))


def may_view_revision(request, page, revision) -> bool:
    """Held, rejected and never-live revisions: moderators and their author only (everyone else gets a 404)."""
    if not is_unreviewed(revision, published_revision_ids(page)):
        return True
    return is_moderator(request.user) or is_own_revision(request, revision)
