"""A page body's sections: the text under each ``##`` heading, to be edited alone.

Section 0 is the text before the first ``##`` heading; section N (from 1) runs from the N-th ``##``
heading line up to the next one (its ``###`` subsections included) or the end. A ``##`` line inside a
fenced code block is not a heading. The rules follow Python-Markdown's (wiki.markup renders the body):
an ATX heading starts at the line's first column, and a fence is closed by the same fence string.

``sections`` and ``splice`` are plain functions of the text: ``splice(text, n, section_text(text, n))``
gives ``text`` back, so a section save can be merged (three-way) as a whole-page edit.
"""

import re
from dataclasses import dataclass

SECTION_HEADING = re.compile(r"^##(?!#)[ \t]*(?P<title>.*?)[ \t#]*$")
_FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True)
class Section:
    number: int
    title: str  # the heading's text ("" for section 0)
    start: int  # index of its first line
    end: int  # index after its last line


def lines_of(text: str) -> list[str]:
    """Lines with their endings; CRLF and CR (as browsers send them) become LF."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").splitlines(keepends=True)


def _fenced_lines(lines: list[str]) -> set[int]:
    """Indexes of lines inside a fenced code block (fences included); an unclosed fence is plain text."""
    inside: set[int] = set()
    i = 0
    while i < len(lines):
        opening = _FENCE_OPEN.match(lines[i])
        if opening:
            fence = opening.group("fence")
            close = next((j for j in range(i + 1, len(lines)) if lines[j].rstrip(" \n") == fence), None)
            if close is not None:
                inside.update(range(i, close + 1))
                i = close + 1
                continue
        i += 1
    return inside


def heading_lines(text: str) -> list[int]:
    """Indexes of the lines that start a ``##`` section."""
    lines = lines_of(text)
    fenced = _fenced_lines(lines)
    return [i for i, line in enumerate(lines) if i not in fenced and SECTION_HEADING.match(line.rstrip("\n"))]


def sections(text: str) -> list[Section]:
    """Section 0 (possibly empty), then one per ``##`` heading, in order."""
    lines = lines_of(text)
    starts = heading_lines(text)
    bounds = [0, *starts, len(lines)]
    found = []
    for number, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
        title = SECTION_HEADING.match(lines[start].rstrip("\n")).group("title") if number else ""
        found.append(Section(number, title, start, end))
    return found


class SectionNotFoundError(LookupError):
    """The page has no section with this number (any more)."""


def section(text: str, number: int) -> Section:
    found = sections(text)
    if not 0 <= number < len(found) or (number == 0 and not found[0].end):
        raise SectionNotFoundError(number)
    return found[number]


def section_text(text: str, number: int) -> str:
    """The text of section ``number``, heading included."""
    part = section(text, number)
    return "".join(lines_of(text)[part.start:part.end])


def splice(text: str, number: int, new: str) -> str:
    """``text`` with section ``number`` replaced by ``new``.

    The section keeps its place and its line breaks at the end (forms strip them), so the next ``##``
    stays a heading and a blank line before it stays; an empty ``new`` removes the section.
    """
    part = section(text, number)
    lines = lines_of(text)
    old = "".join(lines[part.start:part.end])
    new = (new or "").replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    if new:
        new += "\n" * (len(old) - len(old.rstrip("\n")))
    return "".join(lines[:part.start]) + new + "".join(lines[part.end:])
