"""A world map (SVG) with the export markets filled in.

The outlines come from the pygal_maps_world package's map, loaded once per
process. Countries are coloured through a generated <style> block, so the map
itself is never rewritten per request.
"""

import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from wiki.countries import COUNTRY_CODES

_NUMBER = re.compile(r"-?\d+\.\d+")


@lru_cache(maxsize=1)
def base_map() -> str:
    # find_spec locates the package without importing it: importing it imports
    # pygal, which installs a legacy import hook that warns on every later import.
    package_dir = Path(find_spec("pygal_maps_world").submodule_search_locations[0])
    svg = (package_dir / "worldmap.svg").read_text(encoding="utf-8")
    # One decimal is finer than a screen pixel at this size and halves the file.
    svg = _NUMBER.sub(lambda m: f"{float(m.group(0)):.1f}".rstrip("0").rstrip("."), svg)
    return svg


# Five shades, lightest for one case study.
SHADES = ["#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c"]


def render_map(counts: dict[str, int], title: str = "") -> str:
    """SVG text of the world map with each country in counts shaded by its count."""
    counts = {code.upper(): n for code, n in counts.items() if code.upper() in COUNTRY_CODES and n > 0}
    top = max(counts.values(), default=1)
    rules = [
        "svg{background:#f4f7fa}",
        ".country path{fill:#d9dee3;stroke:#fff;stroke-width:.5}",
    ]
    for code, n in sorted(counts.items()):
        shade = SHADES[min(len(SHADES) - 1, (n - 1) * len(SHADES) // max(top, 1))]
        rules.append(f".{code.lower()} path{{fill:{shade}}}")
    style = "<style>" + "".join(rules) + "</style>"
    safe_title = (
        title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    )
    head = f'<title>{safe_title}</title>{style}' if safe_title else style
    svg = base_map()
    start = svg.index(">", svg.index("<svg")) + 1
    return svg[:start] + head + svg[start:]


def parse_counts(value: str) -> dict[str, int]:
    """'ES:2,PT,NO:1' -> {'ES': 2, 'PT': 1, 'NO': 1}; unknown codes and junk are dropped."""
    counts: dict[str, int] = {}
    for part in (value or "").split(",")[:300]:
        code, _sep, number = part.strip().partition(":")
        code = code.upper()
        if code not in COUNTRY_CODES:
            continue
        try:
            counts[code] = max(1, min(int(number or 1), 10_000))
        except ValueError:
            counts[code] = 1
    return counts
