from django import template
from django.urls import reverse

from caching.lookups import may_have_held_edits
from editing.service import held_edits
from editing.views import HELD_MESSAGE_TAG, HELD_SESSION_KEY
from wiki.permissions import is_editor

register = template.Library()


@register.inclusion_tag("editing/_held_notice.html", takes_context=True)
def held_edit_notice(context, page):
    """Tell the author their edit waits for review, and editors which edits wait."""
    request = context.get("request")
    if request is None or page is None or not getattr(page, "pk", None) or not may_have_held_edits(page):
        return {}
    held = list(held_edits(page))
    if not held:
        return {}
    mine = set(request.session.get(HELD_SESSION_KEY, [])) if hasattr(request, "session") else set()
    own = [meta for meta in held if meta.revision_id in mine]
    # Right after the save its message says it: no second notice.
    if any(HELD_MESSAGE_TAG in (message.extra_tags or "").split() for message in context.get("messages") or ()):
        own = []
    editor_rows = []
    if is_editor(getattr(request, "user", None)):
        editor_rows = [
            (meta, reverse("wagtailadmin_pages:revisions_view", args=[page.pk, meta.revision_id])) for meta in held
        ]
    return {"own": own, "editor_rows": editor_rows}
