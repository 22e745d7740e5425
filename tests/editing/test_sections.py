"""Splitting a body into its ## sections, splicing one back, and the headings' ids and edit links."""

import pytest

from editing.clashes import clashes, marked_text, resolve
from editing.merge import merge3
from wiki.markup import render_outline
from wiki.sections import SectionNotFoundError, section_text, sections, splice

BODY = """Intro line.

## Costs
Rent and wages.

```
## not a heading (code)
```

### Small costs
Paper.
## Export
Ship it.
"""


def test_sections_follow_the_level_two_headings_and_skip_code_fences():
    found = sections(BODY)
    assert [(s.number, s.title) for s in found] == [(0, ""), (1, "Costs"), (2, "Export")]
    assert "## not a heading (code)" in section_text(BODY, 1)
    assert "### Small costs" in section_text(BODY, 1)  # subsections belong to their section
    assert section_text(BODY, 2) == "## Export\nShip it.\n"


def test_an_unclosed_fence_is_plain_text_as_markdown_renders_it():
    text = "```\n## Heading\ntext\n"
    assert [s.title for s in sections(text)] == ["", "Heading"]


def test_splicing_a_section_back_unchanged_gives_the_same_text():
    for number in range(len(sections(BODY))):
        assert splice(BODY, number, section_text(BODY, number)) == BODY


def test_splicing_replaces_only_that_section_and_keeps_the_next_heading_a_heading():
    changed = splice(BODY, 1, "## Costs\nOnly rent.")  # no final newline: forms strip it
    assert changed.startswith("Intro line.\n\n## Costs\nOnly rent.\n## Export\n")
    spaced = "## A\none\n\n## B\ntwo"
    assert splice(spaced, 1, "## A\nuno") == "## A\nuno\n\n## B\ntwo"  # the blank line before B stays
    assert splice(spaced, 2, "## B\ndos\n") == "## A\none\n\n## B\ndos"
    assert splice(spaced, 1, "") == "## B\ntwo"  # an emptied section is gone
    assert [s.title for s in sections(changed)] == ["", "Costs", "Export"]
    assert splice(BODY, 2, "## Export\nFly it.\n").endswith("## Export\nFly it.\n")


def test_crlf_from_browsers_is_normalised():
    assert splice(BODY, 2, "## Export\r\nBy sea.\r\n").endswith("## Export\nBy sea.\n")


@pytest.mark.parametrize("number", [3, 99, -1])
def test_a_section_out_of_range_is_not_found(number):
    with pytest.raises(SectionNotFoundError):
        section_text(BODY, number)
    with pytest.raises(SectionNotFoundError):
        splice(BODY, number, "x")


def test_an_empty_introduction_is_not_a_section():
    with pytest.raises(SectionNotFoundError):
        section_text("## First\ntext\n", 0)


def test_rendered_headings_get_ids_and_edit_links_numbered_like_the_sections():
    rendered = render_outline(BODY, section_label="Edit section")
    html = str(rendered.html)
    assert 'href="edit/?section=1"' in html and 'href="edit/?section=2"' in html
    assert "section=3" not in html  # the ## inside the code block is not a section
    assert '<h2 id="costs">' in html and '<h3 id="small-costs">' in html
    assert [(h.level, h.id, h.title) for h in rendered.headings] == [
        (2, "costs", "Costs"), (3, "small-costs", "Small costs"), (2, "export", "Export")]
    assert "section-edit" not in str(render_outline(BODY).html)  # links only where asked for


def test_heading_marks_cannot_be_forged_and_never_show():
    html = str(render_outline("## A \ue0007\ue001b\n\n<div>\n## raw\n</div>\n", section_label="Edit").html)
    assert "section=7" not in html and "\ue000" not in html and "\ue001" not in html
    assert 'href="edit/?section=1"' in html


def test_a_heading_never_takes_an_id_the_page_uses():
    assert '<h2 id="main-1">' in str(render_outline("## Main\n").html)


def test_clashes_are_numbered_and_resolved_by_number():
    result = merge3("a\nb\nc\n", "a\nTHEIRS\nc\n", "a\nMINE\nc\n")
    marked = marked_text(result, "their version", "your version")
    assert marked == "a\n<<<<<<< their version (1)\nTHEIRS\n=======\nMINE\n>>>>>>> your version (1)\nc\n"
    assert [(c.number, c.theirs, c.yours) for c in clashes(marked)] == [(1, "THEIRS\n", "MINE\n")]
    assert resolve(marked, {1: "yours"}) == "a\nMINE\nc\n"
    assert resolve(marked, {1: "theirs"}) == "a\nTHEIRS\nc\n"
    assert resolve(marked, {1: "both"}) == "a\nTHEIRS\nMINE\nc\n"
    assert resolve(marked, {2: "yours"}) == marked  # no such clash: nothing changes
    assert resolve(marked, {1: "nonsense"}) == marked
