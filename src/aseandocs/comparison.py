"""What changed between two versions of a document, node by node.

Nodes are matched within each pair of matched parents, top down, in fixed passes:

1. the same clean text (typography aside: quotes, dashes, spaces and line wrapping are
   read as one), unique texts first, then repeated ones in order;
2. the same label, normalised (``"(a)"``, ``"a."`` and ``"a)"`` are one label), within
   the gaps the first pass left between matched nodes, where
   the two texts share enough to be one text edited (:data:`LABEL_FLOOR`) and neither
   has a closer text among the nearest unmatched nodes on the other side (so that when a
   clause is struck out, the next clause, renumbered into its place, is matched by its
   text and not the struck-out clause by its number);
3. similar text, within the gaps the first passes left between matched nodes: the
   token-set Dice coefficient (symmetric, so swapping the two sides gives the same pairs)
   at or above :data:`SIMILARITY`, best pairs first;
4. moves across parents: a node left unmatched on both sides with the same text (of at
   least :data:`MOVE_MIN_WORDS` words) elsewhere in the document. A node whose text is
   found once on each side takes no part in passes 2 and 3: unmatched in its parent, it
   has moved, and is not to be taken for a neighbour rewritten.

A node left unmatched whose text, a leading footnote mark aside, is that of page furniture
on the other side (a footnote one extraction read as a paragraph and the other as
furniture) has not gone or come, and is no change.

A matched node whose only change is its label is *renumbered*; one under another parent,
or out of order among its siblings, is *moved*; one whose text changed is *modified*,
with its word-level edits. A node left unmatched is *inserted* or *deleted*, one change
carrying its subtree. Renumbering alone, a change of label style and typography are never
modifications. A move is reported only on an exact text match: a false move is worse than
a missed one. The similarity pass compares at most :data:`PAIR_CAP` pairs per gap; a gap
larger than that is left to insertions and deletions, and the diff says it was capped.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field

from aseandocs import addresses, cleantext
from aseandocs import models as m

SIMILARITY = 0.5
"""Least token-set similarity at which two nodes in the same gap are the same node edited."""

LABEL_FLOOR = 0.25
"""Least similarity at which two nodes with the same label are taken as one node edited:
below it, the label has passed to another text (a paragraph inserted before it)."""

MOVE_MIN_WORDS = 4
"""Fewest words a text needs before an exact match elsewhere is reported as a move."""

LABEL_RIVALS = 3
"""How many unmatched nodes on each side of a same-label pair are looked at for a closer text."""

PAIR_CAP = 40_000
"""Most similarity comparisons in one gap (the product of its two sides' node counts)."""

_SKIPPED = frozenset({"page_debris", "markup", "front_matter", "header"})
_FURNITURE = frozenset({"page_debris"})
_FOOTNOTE_MARK = re.compile(r"^(?:\[\^[^\]\s]*\]:?|\d{1,3})\s+")
_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*|[^\w\s]")


class Edit(BaseModel):
    """One word-level edit of a modified node: the old words replaced by the new ones, with
    offsets into each side's clean text (an insertion has an empty old span)."""

    model_config = ConfigDict(frozen=True)

    op: Literal["insert", "delete", "replace"]
    old: str
    new: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int


class Change(BaseModel):
    """One change, in the order of the document (the new one, for all but deletions)."""

    model_config = ConfigDict(frozen=True)

    change: Literal["inserted", "deleted", "modified", "moved", "renumbered"]
    kind: str = Field(description="The node's kind.")
    old_path: str | None = None
    new_path: str | None = None
    old_id: str | None = None
    new_id: str | None = None
    old_num: str | None = None
    new_num: str | None = None
    similarity: float | None = Field(None, description="Token-set similarity of the two texts, 1.0 if equal.")
    renumbered: bool = Field(False, description="The label changed too (modified and moved nodes).")
    old_text: str | None = None
    new_text: str | None = None
    edits: list[Edit] = Field(default_factory=list, description="Word-level edits of a modified node.")


class Diff(BaseModel):
    """The changes between two documents, with what the comparison left out."""

    model_config = ConfigDict(frozen=True)

    changes: list[Change] = Field(default_factory=list)
    capped: bool = Field(False, description="Whether a gap was too large for the similarity pass.")

    @property
    def changed(self) -> bool:
        """Whether the documents differ in anything but typography and label style."""
        return bool(self.changes)


@dataclass(eq=False)
class _Node:
    place: addresses.Place
    text: str
    key: str
    tokens: frozenset[str]
    label: str | None
    children: list[_Node] = field(default_factory=list)
    order: int = 0
    parent: _Node | None = None


def _normal(text: str) -> str:
    return " ".join(text.translate(_TYPOGRAPHY).split())


def _label(num: str | None) -> str | None:
    if not num:
        return None
    from aseandocs import numbering

    return numbering.plain_label(addresses.printed_num(num)).lower()


def _unmarked(key: str) -> str:
    """A clean key without a leading footnote mark (``[^3]:`` or ``3``)."""
    return _FOOTNOTE_MARK.sub("", key, count=1)


def _furniture(document: m.Document) -> set[str]:
    """The keys of the page furniture's texts, footnote marks aside."""
    keys = set()
    for place in addresses.places(document):
        if place.node.kind in _FURNITURE:
            key = _unmarked(_normal(cleantext.clean(place.node.__dict__.get("text", ""))).casefold())
            if key:
                keys.add(key)
    return keys


def _tree(document: m.Document) -> list[_Node]:
    """The comparable nodes, as a forest; furniture and markup take no part."""
    top: list[_Node] = []
    made: dict[int, _Node] = {}
    order = 0
    for place in addresses.places(document):
        node = place.node
        if node.kind in _SKIPPED:
            continue
        fields = node.__dict__
        text = cleantext.clean(fields.get("text", ""), *(part.text for part in fields.get("continued", ())))
        key = _normal(text).casefold()
        item = _Node(place, text, key, frozenset(_TOKEN.findall(key)), _label(fields.get("num")), order=order)
        order += 1
        parent = place.parent
        while parent is not None and id(parent.node) not in made:
            parent = parent.parent
        if parent is None:
            top.append(item)
        else:
            item.parent = made[id(parent.node)]
            item.parent.children.append(item)
        made[id(node)] = item
    return top


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """The token-set Dice coefficient: 1.0 for the same tokens, 0.0 for none shared."""
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


class _Matcher:
    def __init__(self) -> None:
        self.pairs: dict[int, _Node] = {}  # id(old) -> new
        self.reverse: dict[int, _Node] = {}
        self.capped = False
        self.held: set[int] = set()  # nodes kept for the move pass (by id)

    def hold_movers(self, old_all: list[_Node], new_all: list[_Node]) -> None:
        """Keep out of the label and similarity passes every node whose text, long enough for
        a move, is found once on each side: if it is not matched in its own parent, its twin
        is elsewhere, and it has moved rather than been rewritten into a neighbour."""
        old_count = Counter(n.key for n in old_all)
        new_count = Counter(n.key for n in new_all)
        for node in (*old_all, *new_all):
            if old_count[node.key] == 1 and new_count[node.key] == 1 and len(node.key.split()) >= MOVE_MIN_WORDS:
                self.held.add(id(node))

    def pair(self, old: _Node, new: _Node) -> None:
        self.pairs[id(old)] = new
        self.reverse[id(new)] = old

    def match_children(self, olds: list[_Node], news: list[_Node]) -> None:
        free_old = [o for o in olds if id(o) not in self.pairs]
        free_new = [n for n in news if id(n) not in self.reverse]
        self._by_key(free_old, free_new, lambda n: n.key if n.key else None)
        # A label is looked for only between the same two nodes matched by text: the same
        # number beyond one of them is on another paragraph (or one moved and rewritten,
        # which is not reported as a move: moves are reported on exact text only).
        for gap_old, gap_new in list(self._gaps(olds, news)):
            self._by_key(gap_old, gap_new, lambda n: (n.place.node.kind in ("section",), n.label) if n.label else None, floor=LABEL_FLOOR)
        self._similar(olds, news)

    def _gaps(self, olds: list[_Node], news: list[_Node]) -> Iterator[tuple[list[_Node], list[_Node]]]:
        """The unmatched runs between matched nodes, in old order, each with the unmatched
        new nodes between the same two anchors. The anchors are the matched nodes that keep
        their order (as :func:`_in_order` chooses them, whichever side is old): a node that
        moved bounds no gap, so swapping the sides gives the same gaps."""
        position = {id(n): i for i, n in enumerate(news)}
        matched = [(o, self.pairs[id(o)]) for o in olds if id(o) in self.pairs and id(self.pairs[id(o)]) in position]
        kept = _in_order(matched)
        anchors = [(i, position[id(self.pairs[id(o)])]) for i, o in enumerate(olds) if id(o) in kept]
        bounds = [(-1, -1), *anchors, (len(olds), len(news))]
        for (old_lo, new_lo), (old_hi, new_hi) in zip(bounds, bounds[1:]):
            gap_old = [o for o in olds[old_lo + 1 : old_hi] if id(o) not in self.pairs and id(o) not in self.held]
            gap_new = [n for n in news[new_lo + 1 : new_hi] if id(n) not in self.reverse and id(n) not in self.held] if new_hi > new_lo else []
            if gap_old and gap_new:
                yield gap_old, gap_new

    def _by_key(self, olds: list[_Node], news: list[_Node], key: object, floor: float = 0.0) -> None:
        waiting: dict[object, list[_Node]] = defaultdict(list)
        for new in news:
            k = key(new)  # type: ignore[operator]
            if k is not None:
                waiting[k].append(new)
        new_at = {id(n): j for j, n in enumerate(news)} if floor else {}
        for i, old in enumerate(olds):
            k = key(old)  # type: ignore[operator]
            if k is not None and waiting.get(k):
                if floor:
                    new = waiting[k][0]
                    score = similarity(old.tokens, new.tokens)
                    if score < floor:
                        continue  # the same number on another text: renumbering, not an edit
                    if self._closer_nearby(old, new, score, olds, i, news, new_at[id(new)]):
                        continue  # left to the similarity pass, which pairs the closer texts
                self.pair(old, waiting[k].pop(0))

    def _closer_nearby(self, old: _Node, new: _Node, score: float, olds: list[_Node], i: int, news: list[_Node], j: int) -> bool:
        """Whether a node near ``new`` (still unmatched, of the same kind) is closer in text to
        ``old`` than ``new`` is, or one near ``old`` closer to ``new``: both sides are looked at,
        so swapping old and new gives the same answer."""
        for rival in news[max(0, j - LABEL_RIVALS) : j + LABEL_RIVALS + 1]:
            if rival is not new and id(rival) not in self.reverse and rival.place.node.kind == old.place.node.kind:
                closer = similarity(old.tokens, rival.tokens)
                if closer >= SIMILARITY and closer > score:
                    return True
        for rival in olds[max(0, i - LABEL_RIVALS) : i + LABEL_RIVALS + 1]:
            if rival is not old and id(rival) not in self.pairs and rival.place.node.kind == new.place.node.kind:
                closer = similarity(rival.tokens, new.tokens)
                if closer >= SIMILARITY and closer > score:
                    return True
        return False

    def _similar(self, olds: list[_Node], news: list[_Node]) -> None:
        # Each unmatched run of old nodes is compared only with the unmatched new nodes
        # between the same two anchors.
        for gap_old, gap_new in list(self._gaps(olds, news)):
            if len(gap_old) * len(gap_new) > PAIR_CAP:
                self.capped = True
                continue
            scored = sorted(
                (
                    (similarity(o.tokens, n.tokens), -i, -j, o, n)
                    for i, o in enumerate(gap_old)
                    for j, n in enumerate(gap_new)
                    if o.place.node.kind == n.place.node.kind
                ),
                key=lambda row: row[:3],
                reverse=True,
            )
            for score, _, _, old, new in scored:
                if score < SIMILARITY:
                    break
                if id(old) not in self.pairs and id(new) not in self.reverse:
                    self.pair(old, new)

    def match_moves(self, old_all: list[_Node], new_all: list[_Node]) -> None:
        def unmatched_roots(nodes: list[_Node], taken: dict[int, _Node]) -> list[_Node]:
            # A node inside an unmatched subtree travels with it.
            return [n for n in nodes if id(n) not in taken and (n.parent is None or id(n.parent) in taken)]

        waiting: dict[str, list[_Node]] = defaultdict(list)
        for new in unmatched_roots(new_all, self.reverse):
            if len(new.key.split()) >= MOVE_MIN_WORDS:
                waiting[new.key].append(new)
        for old in unmatched_roots(old_all, self.pairs):
            if waiting.get(old.key):
                self.pair(old, waiting[old.key].pop(0))


def _flatten(forest: list[_Node]) -> list[_Node]:
    out: list[_Node] = []
    stack = list(reversed(forest))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


def _word_edits(old: str, new: str) -> list[Edit]:
    old_words = list(_WORD.finditer(old))
    new_words = list(_WORD.finditer(new))
    matcher = difflib.SequenceMatcher(None, [w.group(0) for w in old_words], [w.group(0) for w in new_words], autojunk=False)
    edits = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old_start = old_words[i1].start() if i1 < i2 else (old_words[i1 - 1].end() if i1 else 0)
        old_end = old_words[i2 - 1].end() if i1 < i2 else old_start
        new_start = new_words[j1].start() if j1 < j2 else (new_words[j1 - 1].end() if j1 else 0)
        new_end = new_words[j2 - 1].end() if j1 < j2 else new_start
        edits.append(Edit(op=op, old=old[old_start:old_end], new=new[new_start:new_end], old_start=old_start, old_end=old_end, new_start=new_start, new_end=new_end))  # type: ignore[arg-type]
    return edits


def _in_order(pairs: list[tuple[_Node, _Node]]) -> set[int]:
    """The old nodes (by id) that keep their order: a longest run of pairs in order on both sides.

    When more than one run is longest (two paragraphs swapped: either may be the one that
    moved), the choice must not depend on which side is old. The run found in old order and
    the one found in new order are the candidates (swapping the sides swaps them), and the
    one that leaves out fewer words, then lesser texts, is kept.
    """
    forward = _longest_run(pairs)
    by_new = sorted(pairs, key=lambda pair: pair[1].order)
    backward = _longest_run([(n, o) for o, n in by_new])
    keep_forward = {id(pairs[i][0]) for i in forward}
    keep_backward = {id(by_new[i][0]) for i in backward}
    if keep_forward == keep_backward:
        return keep_forward

    def left_out(keep: set[int]) -> tuple[int, list[tuple[str, str]]]:
        out = [(o, n) for o, n in pairs if id(o) not in keep]
        return sum(len(o.tokens) + len(n.tokens) for o, n in out), sorted((min(o.key, n.key), max(o.key, n.key)) for o, n in out)

    return keep_forward if left_out(keep_forward) <= left_out(keep_backward) else keep_backward


def _longest_run(pairs: list[tuple[_Node, _Node]]) -> list[int]:
    """The indexes of a longest run of ``pairs`` whose second nodes are in increasing order
    (patience sorting: O(n log n))."""
    import bisect

    positions = [new.order for _, new in pairs]
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(positions)
    for index, value in enumerate(positions):
        at = bisect.bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[at] = value
            tail_index[at] = index
        previous[index] = tail_index[at - 1] if at else -1
    run: list[int] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        run.append(index)
        index = previous[index]
    return run


def diff(old: m.Document, new: m.Document) -> Diff:
    """The changes from ``old`` to ``new``, in document order."""
    old_forest, new_forest = _tree(old), _tree(new)
    matcher = _Matcher()
    matcher.hold_movers(_flatten(old_forest), _flatten(new_forest))
    queue: list[tuple[list[_Node], list[_Node]]] = [(old_forest, new_forest)]
    while queue:
        olds, news = queue.pop()
        matcher.match_children(olds, news)
        for child in olds:
            partner = matcher.pairs.get(id(child))
            if partner is not None and (child.children or partner.children):
                queue.append((child.children, partner.children))
    old_all, new_all = _flatten(old_forest), _flatten(new_forest)
    matcher.match_moves(old_all, new_all)

    # Order within each parent: siblings matched to siblings, out of their run, have moved.
    by_parent: dict[int, list[tuple[_Node, _Node]]] = defaultdict(list)
    for node in old_all:
        partner = matcher.pairs.get(id(node))
        if partner is not None:
            by_parent[id(node.parent)].append((node, partner))
    in_order: set[int] = set()
    for pairs in by_parent.values():
        same_parent = [(o, n) for o, n in pairs if _same_parent(o, n, matcher)]
        in_order |= _in_order(same_parent)

    new_furniture, old_furniture = _furniture(new), _furniture(old)
    changes: list[tuple[int, int, Change]] = []
    for node in old_all:
        partner = matcher.pairs.get(id(node))
        if partner is None:
            if (node.parent is None or id(node.parent) in matcher.pairs) and _unmarked(node.key) not in new_furniture:
                changes.append((node.order, 0, _one("deleted", node, None)))
            continue
        moved = not _same_parent(node, partner, matcher) or id(node) not in in_order
        text_changed = node.key != partner.key
        relabelled = node.label != partner.label
        if moved:
            kind = "moved"
        elif text_changed:
            kind = "modified"
        elif relabelled:
            kind = "renumbered"
        else:
            continue
        change = _one(kind, node, partner)
        if text_changed:
            change = change.model_copy(update={"edits": _word_edits(node.text, partner.text)})
        changes.append((partner.order, 1, change))
    for node in new_all:
        if id(node) not in matcher.reverse and (node.parent is None or id(node.parent) in matcher.reverse) and _unmarked(node.key) not in old_furniture:
            changes.append((node.order, 1, _one("inserted", None, node)))
    # Deletions stand where their nearest surviving predecessor now stands.
    placed = []
    for order, side, change in changes:
        if side == 0:
            order = _new_position_of_deleted(order, old_all, matcher)
        placed.append((order, side, change))
    placed.sort(key=lambda row: (row[0], row[1]))
    return Diff(changes=[c for _, _, c in placed], capped=matcher.capped)


def _new_position_of_deleted(order: int, old_all: list[_Node], matcher: _Matcher) -> float:  # type: ignore[return]
    for node in reversed(old_all[:order]):
        partner = matcher.pairs.get(id(node))
        if partner is not None:
            return partner.order + 0.5
    return -0.5


def _same_parent(old: _Node, new: _Node, matcher: _Matcher) -> bool:
    if old.parent is None or new.parent is None:
        return old.parent is None and new.parent is None
    return matcher.pairs.get(id(old.parent)) is new.parent


def _one(change: str, old: _Node | None, new: _Node | None) -> Change:
    score = similarity(old.tokens, new.tokens) if old is not None and new is not None else None
    some = new or old
    assert some is not None
    return Change(
        change=change,  # type: ignore[arg-type]
        kind=some.place.node.kind,
        old_path=old.place.path if old else None,
        new_path=new.place.path if new else None,
        old_id=old.place.id if old else None,
        new_id=new.place.id if new else None,
        old_num=_printed(old),
        new_num=_printed(new),
        similarity=round(score, 4) if score is not None else None,
        renumbered=bool(old and new and old.label != new.label),
        old_text=old.text if old else None,
        new_text=new.text if new else None,
    )


def _printed(node: _Node | None) -> str | None:
    num = node.place.node.__dict__.get("num") if node else None
    return addresses.printed_num(num) if num else None


def _marked(change: Change, *, html_out: bool = False) -> str:
    """The new text with the word edits marked, git style ``[-old-]{+new+}`` or as HTML."""
    import html

    old, new = change.old_text or "", change.new_text or ""
    escape = html.escape if html_out else (lambda text: text)
    out: list[str] = []
    position = 0
    for edit in change.edits:
        out.append(escape(new[position : edit.new_start]))
        if not edit.new and edit.new_start and not new[edit.new_start - 1 : edit.new_start].isspace():
            out.append(" ")  # a deletion between two words stands apart from both
        if edit.old:
            out.append(f"<del>{escape(edit.old)}</del>" if html_out else f"[-{edit.old}-]")
        if edit.new:
            out.append(f"<ins>{escape(edit.new)}</ins>" if html_out else f"{{+{edit.new}+}}")
        position = edit.new_end
    out.append(escape(new[position:]))
    del old
    return "".join(out)


def _runs(changes: list[Change]) -> list[list[Change]]:
    """Changes grouped so that consecutive renumberings form one run."""
    runs: list[list[Change]] = []
    for change in changes:
        if change.change == "renumbered" and runs and runs[-1][-1].change == "renumbered":
            runs[-1].append(change)
        else:
            runs.append([change])
    return runs


def _where(change: Change) -> str:
    if change.change == "deleted":
        return change.old_path or ""
    if change.old_path and change.new_path and change.old_path != change.new_path:
        return f"{change.old_path} -> {change.new_path}"
    return change.new_path or ""


def text_lines(result: Diff) -> list[tuple[str, str]]:
    """The diff as (style, line) pairs for a terminal: one line per change, a run of
    renumberings collapsed into one line."""
    lines: list[tuple[str, str]] = []
    for run in _runs(result.changes):
        first = run[0]
        if first.change == "renumbered":
            last = run[-1]
            span = f"{first.old_num} .. {last.old_num} -> {first.new_num} .. {last.new_num}" if len(run) > 1 else f"{first.old_num} -> {first.new_num}"
            lines.append(("cyan", f"renumbered {len(run)} {'node' if len(run) == 1 else 'nodes'}: {span}"))
        elif first.change == "inserted":
            lines.append(("green", f"inserted {_where(first)}: {{+{first.new_text}+}}"))
        elif first.change == "deleted":
            lines.append(("red", f"deleted {_where(first)}: [-{first.old_text}-]"))
        elif first.change == "moved":
            body = _marked(first) if first.edits else first.new_text
            lines.append(("magenta", f"moved {_where(first)}: {body}"))
        else:
            lines.append(("yellow", f"modified {_where(first)}: {_marked(first)}"))
    if result.capped:
        lines.append(("dim", f"note: a gap of more than {PAIR_CAP:,} node pairs was not compared for similarity"))
    return lines


def html_page(result: Diff, *, old_name: str = "old", new_name: str = "new") -> str:
    """The diff as a standalone redline page."""
    import html

    rows = []
    for run in _runs(result.changes):
        first = run[0]
        if first.change == "renumbered":
            body = html.escape(f"{len(run)} renumbered: {first.old_num} .. {run[-1].old_num} -> {first.new_num} .. {run[-1].new_num}")
        elif first.change == "inserted":
            body = f"<ins>{html.escape(first.new_text or '')}</ins>"
        elif first.change == "deleted":
            body = f"<del>{html.escape(first.old_text or '')}</del>"
        else:
            body = _marked(first, html_out=True) if first.edits else html.escape(first.new_text or "")
        rows.append(
            f'<tr class="{first.change}"><td>{first.change}</td><td>{html.escape(_where(first))}</td><td>{body}</td></tr>'
        )
    style = (
        "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}"
        "td{border-top:1px solid #ddd;padding:.4em;vertical-align:top}del{background:#fdd;color:#900}"
        "ins{background:#dfd;color:#060;text-decoration:none}.renumbered td{color:#666}"
    )
    title = html.escape(f"{old_name} -> {new_name}")
    summary = html.escape(f"{len(result.changes)} changes" if result.changes else "no changes")
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{style}</style></head><body><h1>{title}</h1><p>{summary}</p>"
        f"<table>{''.join(rows)}</table></body></html>\n"
    )
