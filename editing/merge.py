"""Three-way merge, line by line (diff3), in plain Python.

``merge3(base, theirs, yours)`` merges two texts that both started from ``base``.
Changes on one side only are taken; identical changes on both sides are taken once;
different changes to the same lines are a conflict. Where both sides replaced the same
number of lines, the lines are merged one by one, so edits to neighbouring paragraphs
(one line each in Markdown) do not conflict.
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher


@dataclass
class Chunk:
    """A stretch of the merged text: ``lines`` when clean, ``theirs``/``yours`` when in conflict."""

    lines: list[str] = field(default_factory=list)
    conflict: bool = False
    base: list[str] = field(default_factory=list)
    theirs: list[str] = field(default_factory=list)
    yours: list[str] = field(default_factory=list)


@dataclass
class MergeResult:
    chunks: list[Chunk]
    final_newline: bool = True

    @property
    def conflicts(self) -> list[Chunk]:
        return [chunk for chunk in self.chunks if chunk.conflict]

    @property
    def clean(self) -> bool:
        return not self.conflicts

    def text(self, prefer: str = "yours") -> str:
        """The merged text; conflicting stretches take ``prefer`` ("yours" or "theirs")."""
        out: list[str] = []
        for chunk in self.chunks:
            out.extend(getattr(chunk, prefer) if chunk.conflict else chunk.lines)
        return self._finish("".join(out))

    def _finish(self, text: str) -> str:
        if not self.final_newline and text.endswith("\n"):
            return text[:-1]
        return text

    def text_with_markers(self, theirs_label: str = "theirs", yours_label: str = "yours") -> str:
        out: list[str] = []
        for chunk in self.chunks:
            if not chunk.conflict:
                out.extend(chunk.lines)
                continue
            out.append(f"<<<<<<< {theirs_label}\n")
            out.extend(_terminated(chunk.theirs))
            out.append("=======\n")
            out.extend(_terminated(chunk.yours))
            out.append(f">>>>>>> {yours_label}\n")
        return self._finish("".join(out))


def _terminated(lines: list[str]) -> list[str]:
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines


def split_lines(text: str) -> list[str]:
    """Lines with their endings; CRLF (as browsers send it) is normalised to LF."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").splitlines(keepends=True)


def _matches(base: list[str], other: list[str]):
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return matcher.get_matching_blocks()  # ends with a (len(base), len(other), 0) sentinel


def _stable_regions(base, theirs, yours):
    """Stretches of ``base`` unchanged on both sides: (base_start, base_end, theirs_start, yours_start)."""
    regions = []
    t_blocks, y_blocks = _matches(base, theirs), _matches(base, yours)
    ti = yi = 0
    while ti < len(t_blocks) and yi < len(y_blocks):
        t_base, t_other, t_len = t_blocks[ti]
        y_base, y_other, y_len = y_blocks[yi]
        start, end = max(t_base, y_base), min(t_base + t_len, y_base + y_len)
        if start < end:
            regions.append((start, end, t_other + start - t_base, y_other + start - y_base))
        if t_base + t_len < y_base + y_len:
            ti += 1
        else:
            yi += 1
    regions.append((len(base), len(base), len(theirs), len(yours)))
    return regions


def _merge_unstable(base: list[str], theirs: list[str], yours: list[str]) -> list[Chunk]:
    if theirs == yours or yours == base:
        return [Chunk(lines=theirs)]
    if theirs == base:
        return [Chunk(lines=yours)]
    if len(base) == len(theirs) == len(yours):
        # Same shape on all sides: each line is changed by one side at most?
        merged = []
        for b, t, y in zip(base, theirs, yours, strict=True):
            if t == y or y == b:
                merged.append(t)
            elif t == b:
                merged.append(y)
            else:
                break
        else:
            return [Chunk(lines=merged)]
    return [Chunk(conflict=True, base=base, theirs=theirs, yours=yours)]


def merge3_lines(base: list[str], theirs: list[str], yours: list[str]) -> MergeResult:
    chunks: list[Chunk] = []
    b_pos = t_pos = y_pos = 0
    for b_start, b_end, t_start, y_start in _stable_regions(base, theirs, yours):
        if b_pos < b_start or t_pos < t_start or y_pos < y_start:
            chunks.extend(_merge_unstable(base[b_pos:b_start], theirs[t_pos:t_start], yours[y_pos:y_start]))
        if b_end > b_start:
            chunks.append(Chunk(lines=base[b_start:b_end]))
        b_pos, t_pos, y_pos = b_end, t_start + (b_end - b_start), y_start + (b_end - b_start)
    return MergeResult([chunk for chunk in chunks if chunk.conflict or chunk.lines])


def merge3(base: str, theirs: str, yours: str) -> MergeResult:
    """Merge ``yours`` and ``theirs``, two edits of ``base``, line by line."""
    result = merge3_lines(*(_ensure_final_newline(split_lines(t)) for t in (base, theirs, yours)))
    result.final_newline = (yours or "").endswith(("\n", "\r")) or not (yours or theirs)
    return result


def _ensure_final_newline(lines: list[str]) -> list[str]:
    # A last line without "\n" must compare equal to the same line followed by more.
    return _terminated(lines)


def merge_value(base, theirs, yours):
    """Field-by-field merge of one value: (merged value, conflict?)."""
    if yours == theirs or yours == base:
        return theirs, False
    if theirs == base:
        return yours, False
    return yours, True
