"""Alphabetical order per language: Danish puts Æ, Ø, Å after Z (and AA with Å)."""

_DANISH_TAIL = {"æ": "z\u0001", "ø": "z\u0002", "å": "z\u0003"}


def sort_key(text: str, language: str) -> str:
    text = (text or "").casefold()
    if language.startswith("da"):
        text = text.replace("aa", "å")
        return "".join(_DANISH_TAIL.get(ch, ch) for ch in text)
    return text
