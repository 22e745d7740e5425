"""Rules that hold an edit for review instead of publishing it."""

import re

from editing import conf
from editing.models import BlockedWord
from wiki.models.editing import HoldReason

EXTERNAL_LINK = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"']+", re.IGNORECASE)


def _joined(values: dict) -> str:
    return "\n".join(str(v) for v in values.values() if v not in (None, ""))


def _blocked_words() -> list[str]:
    return list(BlockedWord.objects.values_list("word", flat=True))


def _count_word(word: str, text: str) -> int:
    return len(re.findall(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text, re.IGNORECASE))


def hold_reason(old: dict, new: dict, extra_text: str = "") -> str:
    """Why this change (field values before and after) should wait for review (a HoldReason code), or ""."""
    old_text, new_text = _joined(old), _joined(new)
    new_links = set(EXTERNAL_LINK.findall(new_text)) - set(EXTERNAL_LINK.findall(old_text))
    if len(new_links) > conf.get("EDIT_HOLD_NEW_LINKS"):
        return HoldReason.LINKS
    removed = len(old_text) - len(new_text)
    if removed > conf.get("EDIT_HOLD_DELETION_CHARS") and removed > conf.get("EDIT_HOLD_DELETION_RATIO") * len(old_text):
        return HoldReason.DELETION
    added_text = new_text + "\n" + extra_text
    for word in _blocked_words():
        if _count_word(word, added_text) > _count_word(word, old_text):
            return HoldReason.WORD
    return ""
