"""Differences between two revisions: lines with word-level marks, and fields side by side.

Everything user-written is escaped here; only the <ins>/<del> marks we add are HTML.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.db import models
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
CONTEXT_LINES = 2


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both texts, escaped, with the removed words in <del> and the added words in <ins>."""
    a, b = _tokens(old), _tokens(new)
    old_parts, new_parts = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            old_parts.append(removed)
            new_parts.append(added)
            continue
        if removed:
            old_parts.append(f"<del>{removed}</del>")
        if added:
            new_parts.append(f"<ins>{added}</ins>")
    return mark_safe("".join(old_parts)), mark_safe("".join(new_parts))  # noqa: S308 (escaped above)


@dataclass
class DiffLine:
    kind: str  # equal, change, delete, insert, skip
    old_no: int | None = None
    new_no: int | None = None
    old: SafeString | str = ""
    new: SafeString | str = ""
    skipped: int = 0


def _equal_run(lines, old_start, new_start, first: bool, last: bool) -> list[DiffLine]:
    rows = [
        DiffLine("equal", old_start + k + 1, new_start + k + 1, escape(text), escape(text))
        for k, text in enumerate(lines)
    ]
    head = [] if first else rows[:CONTEXT_LINES]
    tail = [] if last else rows[-CONTEXT_LINES:]
    if len(rows) <= len(head) + len(tail) + 1:
        return rows
    hidden = len(rows) - len(head) - len(tail)
    return head + [DiffLine("skip", skipped=hidden)] + tail


def line_diff(old_text: str, new_text: str) -> list[DiffLine]:
    """Lines of the two texts; unchanged stretches are cut to a little context around changes."""
    old_lines = (old_text or "").replace("\r\n", "\n").split("\n")
    new_lines = (new_text or "").replace("\r\n", "\n").split("\n")
    if old_lines == new_lines:
        return []
    opcodes = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    rows: list[DiffLine] = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            rows += _equal_run(old_lines[i1:i2], i1, j1, index == 0, index == len(opcodes) - 1)
            continue
        olds, news = old_lines[i1:i2], new_lines[j1:j2]
        for k in range(max(len(olds), len(news))):
            if k < len(olds) and k < len(news):
                marked_old, marked_new = word_diff(olds[k], news[k])
                rows.append(DiffLine("change", i1 + k + 1, j1 + k + 1, marked_old, marked_new))
            elif k < len(olds):
                rows.append(DiffLine("delete", i1 + k + 1, None, mark_safe(f"<del>{escape(olds[k])}</del>")))  # noqa: S308
            else:
                rows.append(DiffLine("insert", None, j1 + k + 1, "", mark_safe(f"<ins>{escape(news[k])}</ins>")))  # noqa: S308
    return rows


@dataclass
class FieldChange:
    name: str
    label: str
    old: SafeString | str
    new: SafeString | str
    changed: bool


@dataclass
class TextChange:
    name: str
    label: str
    lines: list[DiffLine] = field(default_factory=list)


def _display(obj, model_field) -> str:
    value = getattr(obj, model_field.name, None)
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(getattr(obj, f"get_{model_field.name}_display")())
    return str(value)


def compared_fields(page_class) -> list[models.Field]:
    """Title, then the fields the page type adds (facts, definition fields), without Markdown fields."""
    from wagtail.models import Page

    markdown = set(getattr(page_class, "markdown_fields", ()))
    fields = [Page._meta.get_field("title")]
    for model_field in page_class._meta.get_fields():
        if not getattr(model_field, "concrete", False) or model_field.auto_created or model_field.is_relation:
            continue
        if model_field.model is Page or model_field.name in markdown:
            continue
        fields.append(model_field)
    return fields


def _tag_names(obj) -> str:
    tags = getattr(obj, "tags", None)
    if tags is None:
        return ""
    try:
        return ", ".join(sorted(tag.name for tag in tags.all()))
    except (AttributeError, ValueError):
        return ""


def field_changes(old_obj, new_obj) -> list[FieldChange]:
    """Every compared field, old and new value, changed words marked."""
    rows = []
    for model_field in compared_fields(type(new_obj)):
        old, new = _display(old_obj, model_field), _display(new_obj, model_field)
        label = str(model_field.verbose_name)
        rows.append(_field_row(model_field.name, label[:1].upper() + label[1:], old, new))
    from django.utils.translation import gettext as _

    rows.append(_field_row("tags", _("Tags"), _tag_names(old_obj), _tag_names(new_obj)))
    return rows


def _field_row(name, label, old, new) -> FieldChange:
    if old == new:
        return FieldChange(name, label, escape(old), escape(new), False)
    marked_old, marked_new = word_diff(old, new)
    return FieldChange(name, label, marked_old, marked_new, True)


def text_changes(old_obj, new_obj) -> list[TextChange]:
    """A line diff of each Markdown field that changed."""
    changes = []
    for name in getattr(type(new_obj), "markdown_fields", ()):
        lines = line_diff(getattr(old_obj, name, "") or "", getattr(new_obj, name, "") or "")
        if lines:
            label = str(type(new_obj)._meta.get_field(name).verbose_name)
            changes.append(TextChange(name, label[:1].upper() + label[1:], lines))
    return changes
