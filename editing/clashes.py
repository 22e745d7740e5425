"""Clashes of a conflicting save, written into the text with numbered markers, and their resolution.

A conflicting multi-line field comes back to the form as the merged text where each clash reads

    <<<<<<< their version (1)
    …their lines…
    =======
    …your lines…
    >>>>>>> your version (1)

The visitor resolves a clash by choosing a side (``resolve``: theirs, yours or both, one choice per
clash number) or by editing the text so that the markers are gone. The numbers, not the positions,
tie a choice to its clash, so clashes resolved in the browser beforehand change nothing.
"""

import re
from dataclasses import dataclass

from editing.merge import MergeResult

CHOICES = ("theirs", "yours", "both")

_CLASH = re.compile(
    r"^<<<<<<< [^\n]*\((?P<number>\d+)\)\n(?P<theirs>.*?)^=======\n(?P<yours>.*?)^>>>>>>> [^\n]*\((?P=number)\)(?:\n|\Z)",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class Clash:
    number: int
    theirs: str
    yours: str


def _ended(lines: list[str]) -> list[str]:
    return [*lines[:-1], lines[-1] if lines[-1].endswith("\n") else lines[-1] + "\n"] if lines else lines


def marked_text(result: MergeResult, theirs_label: str, yours_label: str) -> str:
    """The merged text with every clash between numbered markers."""
    out: list[str] = []
    number = 0
    for chunk in result.chunks:
        if not chunk.conflict:
            out.extend(chunk.lines)
            continue
        number += 1
        out += [f"<<<<<<< {theirs_label} ({number})\n", *_ended(chunk.theirs), "=======\n",
                *_ended(chunk.yours), f">>>>>>> {yours_label} ({number})\n"]
    text = "".join(out)
    return text if result.final_newline else text.removesuffix("\n")


def clashes(text: str) -> list[Clash]:
    """The clashes still marked in ``text``."""
    normal = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [Clash(int(m["number"]), m["theirs"], m["yours"]) for m in _CLASH.finditer(normal)]


def resolve(text: str, choices: dict[int, str]) -> str:
    """``text`` with each clash that has a choice replaced by the chosen side; the others stay marked."""
    def replace(match):
        choice = choices.get(int(match["number"]))
        if choice not in CHOICES:
            return match.group(0)
        theirs, yours = match["theirs"], match["yours"]
        return {"theirs": theirs, "yours": yours, "both": theirs + yours}[choice]

    normal = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CLASH.sub(replace, normal)
