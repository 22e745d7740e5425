"""Atom feeds: recent changes (for each filter) and one page's history.

Atom escapes text once for XML; descriptions are HTML, so user text is escaped
before it goes in (a feed reader that renders the HTML shows it as text).
"""

from django.http import HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _

ATOM_TYPE = "application/atom+xml; charset=utf-8"


def size_change_text(delta) -> str:
    if delta is None:
        return ""
    return f"+{delta}" if delta > 0 else str(delta)


def entry_description(summary: str, author: str, delta, status_label: str = "") -> str:
    return format_html(
        "<p>{}</p><p>{}: {} · {}: {}{}</p>",
        summary or _("(no summary)"),
        _("Author"), author,
        _("Size change"), size_change_text(delta),
        f" · {status_label}" if status_label else "",
    )


def atom_response(*, title, link, feed_url, language, description, entries) -> HttpResponse:
    """``entries``: dicts with title, link, description, unique_id, pubdate, author_name."""
    feed = Atom1Feed(title=title, link=link, feed_url=feed_url, language=language, description=description)
    for entry in entries:
        feed.add_item(**entry)
    response = HttpResponse(feed.writeString("utf-8"), content_type=ATOM_TYPE)
    response["X-Content-Type-Options"] = "nosniff"
    return response
