"""The checks of Akoma Ntoso the OASIS schema does not make: eIds unique and following the
naming convention, num before heading, no empty content, FRBR metadata, references that resolve.

Ported from the project's Akoma Ntoso validator (``akn_validate.py``: OASIS akn-nc v1.0 and
AKN4UN naming rules, bluebell's ``clean_num``, cobalt's FRBR IRI pattern), with one change:
the kind words a label may drop (``Article 5`` -> ``art_5``) include the names of the
containers whose labels name them (appendix, regulation, module), as annex and schedule were.
"""

from __future__ import annotations

import re

from lxml import etree

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"a": AKN_NS}

DOC_TYPES = {
    "act", "amendment", "amendmentList", "bill", "debate", "debateReport", "doc",
    "documentCollection", "judgment", "officialGazette", "portion", "statement",
}

# OASIS akn-nc v1.0 abbreviation table (as reproduced in AKN4UN part 1, 2.3.6,
# and in bluebell/xml.py IdGenerator.aliases). Anything else: the element name.
ABBR = {
    "alinea": "al", "amendmentBody": "body", "article": "art", "attachment": "att",
    "blockList": "list", "chapter": "chp", "citation": "cit", "citations": "cits",
    "clause": "cl", "component": "cmp", "components": "cmpnts", "componentRef": "cref",
    "debateBody": "body", "debateSection": "dbsect", "division": "dvs",
    "documentRef": "dref", "eventRef": "eref", "judgmentBody": "body",
    "listIntroduction": "intro", "listWrapUp": "wrapup", "mainBody": "body",
    "paragraph": "para", "quotedStructure": "qstr", "quotedText": "qtext",
    "recital": "rec", "recitals": "recs", "section": "sec", "subchapter": "subchp",
    "subclause": "subcl", "subdivision": "subdvs", "subparagraph": "subpara",
    "subsection": "subsec", "temporalGroup": "tmpg", "wrapUp": "wrapup",
}
# AKN4UN lists <listWrapUp> as "wrap"; accept both.
ALT_ABBR = {"listWrapUp": {"wrap"}}

# elements unique in their context: may carry a bare "abbr" component (NC "unique elements")
UNIQUE = {"intro", "wrapUp", "content", "mainBody", "body", "preamble", "preface",
          "conclusions", "coverPage", "attachments", "components", "listIntroduction",
          "listWrapUp", "judgmentBody", "debateBody", "amendmentBody", "portionBody",
          "collectionBody", "header", "introduction", "background", "arguments",
          "remedies", "motivation", "decision"}
# components that may appear in a prefix without being an ancestor's eId
PASS_THROUGH = {"preamble", "preface", "conclusions", "intro", "wrapup", "body",
                "coverpage", "attachments", "header", "introduction", "background",
                "arguments", "remedies", "motivation", "decision", "content"}
# elements whose eId is required when the naming convention is used (corereq)
NEEDS_EID = {
    "alinea", "article", "book", "chapter", "clause", "division", "hcontainer",
    "indent", "level", "list", "paragraph", "part", "point", "proviso", "rule",
    "section", "subchapter", "subclause", "subdivision", "sublist", "subparagraph",
    "subpart", "subrule", "subsection", "subtitle", "title", "tome", "transitional",
    "recital", "recitals", "citation", "citations", "formula", "container",
    "blockContainer", "blockList", "tblock", "crossHeading", "attachment",
}
NAMED_OK = {"hcontainer", "container", "blockContainer", "formula", "block", "inline",
            "tblock", "longTitle"}

# bluebell IdGenerator.clean_num punctuation classes
_P = r"\u2000-\u206f\u2e00-\u2e7f!\"#$%&'()*+,\-./:;<=>?@\[\]^_`{|}~"
LEAD = re.compile(rf"^[\s{_P}]+")
TRAIL = re.compile(rf"[\s{_P}]+$")
WS = re.compile(r"\s")
PUNCT = re.compile(rf"[{_P}]+")

KIND_WORD = re.compile(r"^\s*(article|art\.|section|sec\.|chapter|part|paragraph|para\.|annex|rule|clause|title|schedule|appendix|regulation|module)\s+", re.I)
COMPONENT = re.compile(r"^(?P<abbr>[a-z][A-Za-z0-9]*)(?:_(?P<num>[^\s_]+(?:_[0-9]+)?))?$")

FRBR_URI = re.compile(r"""^/akn
    /(?P<country>[^/-]+)(-(?P<locality>[^/]+))?
    /(?P<doctype>[^/]+)
    (/(?P<subtype>[^0-9/][^/]*))?
    (/(?P<actor>[^0-9/][^/]*))?
    /(?P<date>[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)
    /(?P<number>[^/]+)$""", re.X)
EXPR_TAIL = re.compile(r"^/(?P<lang>[a-z]{3})(?P<vers>[@:][^/]*)?(/!?[^/]*)?$")

REF_ATTRS = ("href", "source", "refersTo", "by", "as", "to", "for", "from", "outcome",
             "actor", "role", "speaker", "includedIn", "pivot", "chamber", "dictionary")


def clean_num(num: str) -> str:
    num = LEAD.sub("", num)
    num = TRAIL.sub("", num)
    num = WS.sub("", num)
    return PUNCT.sub("-", num)


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def in_meta(el) -> bool:
    return any(local(a) == "meta" for a in el.iterancestors())


def check_eids(root) -> list[str]:
    errs: list[str] = []
    seen: dict[str, int] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        eid = el.get("eId")
        if eid is None:
            if local(el) in NEEDS_EID and not in_meta(el):
                errs.append(f"[eid] line {el.sourceline}: <{local(el)}> has no eId")
            continue
        if eid in seen:
            errs.append(f"[eid] line {el.sourceline}: duplicate eId {eid!r} (first on line {seen[eid]})")
        else:
            seen[eid] = el.sourceline
    ids = set(seen)
    for el in root.iter():
        if not isinstance(el.tag, str) or in_meta(el) or local(el) == "meta":
            continue
        for attr in ("eId", "wId"):
            val = el.get(attr)
            if val is not None:
                errs += [f"[eid] line {el.sourceline}: {attr} {val!r}: {m}"
                         for m in _eid_problems(el, val, check_prefix=(attr == "eId"))]
    return errs, ids


def _eid_problems(el, eid: str, check_prefix: bool) -> list[str]:
    tag = local(el)
    parts = eid.split("__")
    if any(p == "" for p in parts):
        return ["empty component (stray '_' or '__')"]
    probs = []
    for p in parts:
        if not COMPONENT.match(p):
            probs.append(f"component {p!r} is not abbr or abbr_num (lowercase abbr, no spaces)")
    if probs:
        return probs
    m = COMPONENT.match(parts[-1])
    abbr, num = m["abbr"], m["num"]
    allowed = {ABBR.get(tag, tag)} | ALT_ABBR.get(tag, set())
    if tag in NAMED_OK and el.get("name"):
        allowed.add(el.get("name"))
    if abbr not in allowed:
        probs.append(f"last component {parts[-1]!r}: expected abbreviation {sorted(allowed)} for <{tag}>")
    numel = el.find("a:num", NS)
    if numel is not None:
        text = "".join(numel.itertext())
        want = clean_num(text) or "nn"
        # "Article 5" / "Section II" -> "5" / "II": the kind word is a redundant character (NC 5.x)
        want2 = clean_num(KIND_WORD.sub("", text)) or "nn"
        got = re.sub(r"_[0-9]+$", "", num) if num else None
        if num is None or not ({num, got} & {want, want2}):
            probs.append(f"num part {num!r} does not match <num>{''.join(numel.itertext())!r}</num> -> {want!r}")
    elif num is None and tag not in UNIQUE:
        probs.append(f"unnumbered <{tag}> needs an ordinal ({abbr}_1) unless unique in its parent")
    if check_prefix and len(parts) > 1:
        prefix = [p for p in parts[:-1] if p.lower() not in PASS_THROUGH]
        if prefix:
            want_prefix = "__".join(prefix)
            anc = {a.get("eId") for a in el.iterancestors() if a.get("eId")}
            anc_stripped = {"__".join(p for p in a.split("__") if p.lower() not in PASS_THROUGH) for a in anc}
            if want_prefix not in anc_stripped:
                probs.append(f"prefix {'__'.join(parts[:-1])!r} is not the eId of an ancestor")
    return probs


def _first(parent, name):
    return parent.find(f"a:{name}", NS) if parent is not None else None


def check_frbr(root) -> list[str]:
    errs = []
    docel = next((c for c in root if local(c) in DOC_TYPES), None)
    if docel is None:
        return ["[frbr] no document element (statement/act/doc/...) under <akomaNtoso>"]
    ident = docel.find("a:meta/a:identification", NS)
    if ident is None:
        return ["[frbr] meta/identification missing"]
    levels = {}
    for lvl in ("FRBRWork", "FRBRExpression", "FRBRManifestation"):
        node = _first(ident, lvl)
        if node is None:
            errs.append(f"[frbr] {lvl} missing")
            continue
        levels[lvl] = node
        for prop, attr in (("FRBRthis", "value"), ("FRBRuri", "value"), ("FRBRdate", "date"),
                           ("FRBRauthor", "href")):
            p = _first(node, prop)
            if p is None:
                errs.append(f"[frbr] {lvl}/{prop} missing")
            elif not p.get(attr):
                errs.append(f"[frbr] {lvl}/{prop} has no @{attr}")
        this, uri = _first(node, "FRBRthis"), _first(node, "FRBRuri")
        base = (uri.get("value") or "\0") if uri is not None else "\0"
        if lvl == "FRBRManifestation":  # ".../eng@2015-11-18.xml" is the uri of ".../eng@2015-11-18/!main.xml"
            base = re.sub(r"/?\.[a-z0-9]+$", "", base)
        if this is not None and uri is not None and not (this.get("value") or "").startswith(base):
            errs.append(f"[frbr] {lvl}: FRBRthis {this.get('value')!r} does not start with FRBRuri {uri.get('value')!r}")
    work, expr, man = (levels.get(k) for k in ("FRBRWork", "FRBRExpression", "FRBRManifestation"))
    if work is not None:
        country = _first(work, "FRBRcountry")
        if country is None or not country.get("value"):
            errs.append("[frbr] FRBRWork/FRBRcountry missing or empty")
        wuri = (_first(work, "FRBRuri").get("value") if _first(work, "FRBRuri") is not None else "") or ""
        m = FRBR_URI.match(wuri)
        if not m:
            errs.append(f"[frbr] Work FRBRuri {wuri!r} is not /akn/<country>/<doctype>[/<subtype>][/<actor>]/<date>/<number>")
        else:
            cc = m["country"]
            if not re.fullmatch(r"[a-z]{2}", cc):
                errs.append(f"[frbr] country {cc!r} in Work FRBRuri is not a 2-letter lowercase code "
                            "(NC/FRBRcountry: ISO 3166-1 alpha-2; cobalt FrbrUri rejects it)")
            if country is not None and country.get("value") and country.get("value") != cc:
                errs.append(f"[frbr] FRBRcountry {country.get('value')!r} != country {cc!r} in Work FRBRuri")
            if m["doctype"] != local(docel):
                errs.append(f"[frbr] doctype {m['doctype']!r} in Work FRBRuri != root element <{local(docel)}>")
            sub = _first(work, "FRBRsubtype")
            if sub is not None and m["subtype"] and sub.get("value") != m["subtype"]:
                errs.append(f"[frbr] FRBRsubtype {sub.get('value')!r} != subtype {m['subtype']!r} in Work FRBRuri")
            wdate = _first(work, "FRBRdate")
            if wdate is not None and not (wdate.get("date") or "").startswith(m["date"]):
                errs.append(f"[frbr] Work FRBRdate {wdate.get('date')!r} != date {m['date']!r} in Work FRBRuri")
        if expr is not None:
            euri = (_first(expr, "FRBRuri").get("value") if _first(expr, "FRBRuri") is not None else "") or ""
            lang = _first(expr, "FRBRlanguage")
            if lang is None or not lang.get("language"):
                errs.append("[frbr] FRBRExpression/FRBRlanguage missing")
            if not euri.startswith(wuri + "/"):
                errs.append(f"[frbr] Expression FRBRuri {euri!r} does not extend Work FRBRuri {wuri!r}")
            else:
                t = EXPR_TAIL.match(euri[len(wuri):])
                if not t:
                    errs.append(f"[frbr] Expression FRBRuri tail {euri[len(wuri):]!r} is not /<lang3>@[<date>]")
                elif lang is not None and lang.get("language") and t["lang"] != lang.get("language"):
                    errs.append(f"[frbr] FRBRlanguage {lang.get('language')!r} != {t['lang']!r} in Expression FRBRuri")
            if man is not None:
                muri = (_first(man, "FRBRuri").get("value") if _first(man, "FRBRuri") is not None else "") or ""
                if not muri.startswith(euri):
                    errs.append(f"[frbr] Manifestation FRBRuri {muri!r} does not extend Expression FRBRuri {euri!r}")
    return errs


def check_order(root) -> list[str]:
    errs = []
    rank = {"num": 0, "heading": 1, "subheading": 2}
    for el in root.iter():
        if not isinstance(el.tag, str) or in_meta(el):
            continue
        kids = [local(k) for k in el if isinstance(k.tag, str) and local(k) in rank]
        if len(kids) != len(set(kids)):
            errs.append(f"[order] line {el.sourceline}: <{local(el)}> has repeated num/heading/subheading")
        elif kids != sorted(kids, key=rank.get):
            errs.append(f"[order] line {el.sourceline}: <{local(el)}> children {kids}: num must precede heading")
        if local(el) in ("content", "intro", "wrapUp") and not any(isinstance(k.tag, str) for k in el):
            errs.append(f"[empty] line {el.sourceline}: empty <{local(el)}> (XSD-valid, but no text block)")
    return errs


def check_refs(root, ids: set[str]) -> list[str]:
    errs = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in REF_ATTRS:
            val = el.get(attr)
            if not val:
                continue
            for tok in val.split():
                if tok.startswith("#") and tok[1:] not in ids:
                    errs.append(f"[ref] line {el.sourceline}: <{local(el)} {attr}={val!r}>: no element has eId {tok[1:]!r}")
    return errs


def problems(root) -> list[str]:
    """Every problem the checks find in a parsed document (the XSD's excepted)."""
    eid_errs, ids = check_eids(root)
    return eid_errs + check_order(root) + check_frbr(root) + check_refs(root, ids)
