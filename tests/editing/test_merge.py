from editing.merge import merge3, merge_value

BASE = "Intro\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n"


def test_changes_to_different_paragraphs_merge():
    theirs = BASE.replace("First paragraph.", "First paragraph, improved.")
    yours = BASE.replace("Third paragraph.", "Third paragraph, extended.")
    result = merge3(BASE, theirs, yours)
    assert result.clean
    assert result.text() == "Intro\n\nFirst paragraph, improved.\n\nSecond paragraph.\n\nThird paragraph, extended.\n"


def test_neighbouring_lines_changed_by_each_side_merge():
    base = "a\nb\nc\n"
    assert merge3(base, "A\nb\nc\n", "a\nB\nc\n").text() == "A\nB\nc\n"


def test_same_change_on_both_sides_is_taken_once():
    theirs = yours = BASE.replace("Second", "2nd")
    result = merge3(BASE, theirs, yours)
    assert result.clean and result.text() == theirs


def test_insertions_at_both_ends_merge():
    result = merge3(BASE, "Top\n" + BASE, BASE + "Bottom\n")
    assert result.clean and result.text() == "Top\n" + BASE + "Bottom\n"


def test_deletion_and_unrelated_change_merge():
    theirs = BASE.replace("Second paragraph.\n\n", "")
    yours = BASE.replace("Intro", "Introduction")
    assert merge3(BASE, theirs, yours).text() == "Introduction\n\nFirst paragraph.\n\nThird paragraph.\n"


def test_overlapping_changes_conflict_and_keep_both_sides():
    theirs = BASE.replace("Second paragraph.", "Their second.")
    yours = BASE.replace("Second paragraph.", "My second.")
    result = merge3(BASE, theirs, yours)
    assert not result.clean
    [conflict] = result.conflicts
    assert conflict.theirs == ["Their second.\n"] and conflict.yours == ["My second.\n"]
    assert "My second." in result.text("yours") and "Their second." not in result.text("yours")
    marked = result.text_with_markers()
    assert "<<<<<<< theirs\nTheir second.\n=======\nMy second.\n>>>>>>> yours\n" in marked


def test_crlf_from_browsers_and_missing_final_newline():
    base = "one\ntwo\nthree"
    result = merge3(base, "one\ntwo\nTHREE", "ONE\r\ntwo\r\nthree")
    assert result.clean and result.text() == "ONE\ntwo\nTHREE"


def test_empty_texts():
    assert merge3("", "", "").text() == ""
    assert merge3("", "", "new\n").text() == "new\n"
    assert not merge3("", "theirs\n", "yours\n").clean


def test_both_appending_different_lines_is_a_conflict_not_a_loss():
    result = merge3(BASE, BASE + "Theirs\n", BASE + "Yours\n")
    assert not result.clean
    assert "Theirs" in result.text_with_markers() and "Yours" in result.text_with_markers()


def test_merge_value_field_by_field():
    assert merge_value(1, 1, 2) == (2, False)
    assert merge_value(1, 3, 1) == (3, False)
    assert merge_value(1, 3, 3) == (3, False)
    assert merge_value(1, 3, 2) == (2, True)
    assert merge_value(None, "", None) == ("", False)
