"""Structural diff: paragraphs matched, not lines; renumbering, label style and typography
are not modifications; moves only on exact text; swapping the sides mirrors the result."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import aseandocs
from aseandocs import cli
from aseandocs.comparison import diff, text_lines

PARAGRAPHS = [
    f"{i}. The Parties shall cooperate on the {word} sector with care and diligence."
    for i, word in enumerate(
        "trade energy fisheries tourism health education transport agriculture forestry mining "
        "culture sport science finance labour youth water housing customs aviation".split(),
        start=1,
    )
]


def declaration(paragraphs: list[str]) -> aseandocs.Document:
    return aseandocs.parse("HEREBY DECLARE:\n\n" + "\n\n".join(paragraphs) + "\n")


def renumbered(paragraphs: list[str], start: int, shift: int) -> list[str]:
    out = []
    for index, text in enumerate(paragraphs, start=start):
        number, rest = text.split(" ", 1)
        out.append(f"{index + shift}. {rest}")
    return out


def test_inserting_a_paragraph_is_one_insertion_and_a_renumbering() -> None:
    new = [PARAGRAPHS[0], "2. The Parties shall set up a committee on maritime safety."] + renumbered(PARAGRAPHS[1:], 2, 1)
    result = diff(declaration(PARAGRAPHS), declaration(new))
    assert Counter(c.change for c in result.changes) == {"inserted": 1, "renumbered": 19}
    inserted = next(c for c in result.changes if c.change == "inserted")
    assert (inserted.new_path, inserted.new_id, inserted.new_num) == ("2", "para_2", "2.")
    lines = [line for _, line in text_lines(result)]
    assert lines == [
        "inserted 2: {+The Parties shall set up a committee on maritime safety.+}",
        "renumbered 19 nodes: 2. .. 20. -> 3. .. 21.",
    ]


def test_label_style_typography_and_wrapping_are_no_change() -> None:
    old = aseandocs.parse('HEREBY DECLARE:\n\n(a) the "free" flow of goods - and services;\n\n(b) open skies.\n')
    new = aseandocs.parse("HEREBY DECLARE:\n\na. the \u201cfree\u201d flow of goods \u2013 and\n   services;\n\nb. open skies.\n")
    assert diff(old, new).changes == []
    assert not diff(old, new).changed


def test_a_modified_paragraph_has_word_edits_with_offsets() -> None:
    new = list(PARAGRAPHS)
    new[4] = new[4].replace("with care", "with great care")
    (change,) = diff(declaration(PARAGRAPHS), declaration(new)).changes
    assert (change.change, change.new_path, change.renumbered) == ("modified", "5", False)
    (edit,) = change.edits
    assert (edit.op, edit.old, edit.new) == ("insert", "", "great")
    assert change.new_text[edit.new_start : edit.new_end] == "great"  # type: ignore[index]


def test_a_moved_paragraph_is_one_move() -> None:
    old = aseandocs.parse(
        "I. Trade\n\n1. Lower the tariffs on all goods between members.\n\n2. Simplify customs procedures at every border.\n\n"
        "II. People\n\n3. Expand student exchanges across the region.\n"
    )
    new = aseandocs.parse(
        "I. Trade\n\n1. Lower the tariffs on all goods between members.\n\n"
        "II. People\n\n2. Expand student exchanges across the region.\n\n3. Simplify customs procedures at every border.\n"
    )
    changes = diff(old, new).changes
    moved = [c for c in changes if c.change == "moved"]
    assert [(c.old_path, c.new_path) for c in moved] == [("I/2", "II/3")]
    assert all(c.change in ("moved", "renumbered") for c in changes)


def test_swapping_the_sides_mirrors_the_changes() -> None:
    new = [p for i, p in enumerate(PARAGRAPHS) if i != 6]
    new[2] = new[2].replace("fisheries", "inland fisheries")
    forward = diff(declaration(PARAGRAPHS), declaration(new))
    backward = diff(declaration(new), declaration(PARAGRAPHS))
    mirror = {"inserted": "deleted", "deleted": "inserted"}
    assert sorted((mirror.get(c.change, c.change), c.new_id, c.old_id) for c in backward.changes) == sorted(
        (c.change, c.old_id, c.new_id) for c in forward.changes
    )


def test_a_rewritten_paragraph_under_the_same_number_is_not_a_false_edit() -> None:
    old = declaration(["1. Strengthen ties in trade.", "2. Promote peace in the region."])
    new = declaration(["1. Strengthen ties in trade.", "2. Encourage youth exchanges between our peoples.", "3. Promote lasting peace in the region."])
    changes = [(c.change, c.old_path, c.new_path) for c in diff(old, new).changes]
    assert changes == [("inserted", None, "2"), ("modified", "2", "3")]


def test_command_line_exit_codes_and_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("HEREBY DECLARE:\n\n1. Strengthen ties in trade.\n", encoding="utf-8")
    new.write_text("HEREBY DECLARE:\n\n1. Strengthen ties in trade and investment.\n", encoding="utf-8")
    assert cli.main(["diff", str(old), str(old)]) == 0
    assert cli.main(["diff", str(old), str(new), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert [c["change"] for c in payload["changes"]] == ["modified"]
    assert cli.main(["diff", str(old), str(new), "--format", "html", "-o", str(tmp_path / "r.html")]) == 1
    assert "trade <ins>and investment</ins>." in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert cli.main(["diff", str(old), str(tmp_path / "missing.txt")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_committed_diff_schema_is_current_and_describes_output() -> None:
    import jsonschema

    from aseandocs.cli import schema_text

    committed = (Path(__file__).resolve().parents[1] / "schema" / "diff.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(diff_result=True), "regenerate with: aseandocs schema --diff > schema/diff.schema.json"
    new = list(PARAGRAPHS)
    new[1] = new[1].replace("energy", "renewable energy")
    result = diff(declaration(PARAGRAPHS), declaration(new[:-1]))
    jsonschema.validate(json.loads(result.model_dump_json()), json.loads(committed))


def test_a_struck_out_clause_is_one_deletion_and_the_next_takes_its_number() -> None:
    # The struck-out clause and the one renumbered into its place share a number and enough
    # boilerplate to pass for one text edited; the closer text wins over the number.
    old = declaration([
        "1. The Parties shall give each other three days notice of any change to the standard terms of this agreement.",
        "2. The Parties may terminate this agreement at any time on written notice to the other Parties.",
        "3. The Parties may release this agreement to the public at large.",
    ])
    new = declaration([
        "1. The Parties may terminate this agreement at any time on thirty days written notice to the other Parties.",
        "2. The Parties may release this agreement to the public at large.",
    ])
    forward = [(c.change, c.old_path, c.new_path, c.renumbered) for c in diff(old, new).changes]
    assert forward == [("deleted", "1", None, False), ("modified", "2", "1", True), ("renumbered", "3", "2", True)]
    backward = [(c.change, c.old_path, c.new_path, c.renumbered) for c in diff(new, old).changes]
    assert sorted(backward) == sorted([("inserted", None, "1", False), ("modified", "1", "2", True), ("renumbered", "2", "3", True)])


def test_a_footnote_read_as_page_furniture_on_one_side_is_no_change() -> None:
    body = "HEREBY DECLARE:\n\n1. Strengthen ties in trade.\n\n2. Promote peace in the region.\n\n---\n\n"
    as_paragraph = aseandocs.parse(body + "1 United Nations, Treaty Series, vol. 2187, No. 38544.\n")
    as_furniture = aseandocs.parse(body + "[^1]: United Nations, Treaty Series, vol. 2187, No. 38544.\n")
    assert diff(as_paragraph, as_furniture).changes == []
    assert diff(as_furniture, as_paragraph).changes == []
    changed = aseandocs.parse(body + "[^1]: United Nations, Treaty Series, vol. 2271, No. 40446.\n")
    assert [c.change for c in diff(as_paragraph, changed).changes] == ["deleted"]


def test_a_label_beyond_a_paragraph_matched_by_text_is_not_the_same_paragraph() -> None:
    # Old 2 is struck out between 1 and 3; two paragraphs come in before old 1, and the
    # second of them takes the number 2. Sharing only boilerplate, it is not old 2 rewritten
    # and moved: that would be a move on inexact text.
    a = "The Parties shall lower tariffs on all goods traded between members."
    b = "The Parties shall review the fisheries agreement every five years."
    c = "The Parties shall expand student exchanges across the region."
    x = "The Parties shall open a liaison office in each capital city."
    y = "The Parties shall publish an annual report on customs procedures."
    old = declaration([f"1. {a}", f"2. {b}", f"3. {c}"])
    new = declaration([f"1. {x}", f"2. {y}", f"3. {a}", f"4. {c}"])
    forward = sorted((ch.change, ch.old_text or "", ch.new_text or "") for ch in diff(old, new).changes)
    assert forward == sorted([("inserted", "", x), ("inserted", "", y), ("deleted", b, ""), ("renumbered", a, a), ("renumbered", c, c)])
    mirror = {"inserted": "deleted", "deleted": "inserted"}
    backward = sorted((mirror.get(ch.change, ch.change), ch.new_text or "", ch.old_text or "") for ch in diff(new, old).changes)
    assert backward == forward


def test_two_paragraphs_swapped_are_one_move_whichever_side_is_old() -> None:
    short = "1. Expand student exchanges."
    long = "2. Lower the tariffs on all goods traded between members of the free trade area."
    old = aseandocs.parse(f"I. Trade\n\n{short}\n\n{long}\n")
    new = aseandocs.parse(f"I. Trade\n\n1. {long[3:]}\n\n2. {short[3:]}\n")
    forward = [(c.change, c.old_path, c.new_path) for c in diff(old, new).changes]
    backward = [(c.change, c.new_path, c.old_path) for c in diff(new, old).changes]
    assert sorted(forward) == sorted(backward)
    # The fewer words are reported as moved; the other paragraph is renumbered.
    assert sorted(forward) == [("moved", "I/1", "I/2"), ("renumbered", "I/2", "I/1")]


def test_a_paragraph_moved_out_of_its_section_is_not_taken_for_its_replacement_rewritten() -> None:
    a = "The Parties shall lower tariffs on all goods traded between members."
    b = "The Parties shall expand student exchanges across the region."
    x = "The Parties shall open a liaison office in each capital city."
    old = aseandocs.parse(f"I. Trade\n\n1. {a}\n\nII. People\n\n2. {b}\n")
    new = aseandocs.parse(f"I. Trade\n\n1. {x}\n\nII. People\n\n2. {a}\n\n3. {b}\n")
    forward = sorted((c.change, c.old_path, c.new_path) for c in diff(old, new).changes)
    assert forward == [("inserted", None, "I/1"), ("moved", "I/1", "II/2"), ("renumbered", "II/2", "II/3")]


def test_a_paragraph_moved_ahead_bounds_no_gap_and_swapping_the_sides_mirrors_it() -> None:
    a = "The Parties shall lower tariffs on all goods traded between members."
    a2 = "The Parties shall lower tariffs on fish and rice from landlocked members."
    b = "The Parties shall expand student exchanges across the region."
    c = "The Parties shall open a liaison office in each capital city."
    old = declaration([f"1. {a}", f"2. {b}", f"3. {c}"])
    new = declaration([f"1. {c}", f"2. {a2}", f"3. {b}"])
    forward = sorted((ch.change, ch.old_text, ch.new_text) for ch in diff(old, new).changes)
    mirror = {"inserted": "deleted", "deleted": "inserted"}
    backward = sorted((mirror.get(ch.change, ch.change), ch.new_text, ch.old_text) for ch in diff(new, old).changes)
    assert backward == forward
    # B and C cannot both keep their order: one of them is the one move. The rewording of A
    # is a modification, or (if C is the one kept in order, and bounds the gaps) a deletion
    # and an insertion.
    assert [ch[0] for ch in forward].count("moved") == 1
    assert ("modified", a, a2) in forward or {("deleted", a, None), ("inserted", None, a2)} <= set(forward)
