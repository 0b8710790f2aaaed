"""Label and closing words of the languages a document may be written in besides English.

The grammar knows the English line shapes only. A caller who parses a text in another
language, or one that prints a translation after the English text, names the languages
(``aseandocs.parse(text, language=("en", "nl"))``); the segmentation pass then reads their
keyword labels ("Artikel 3", "artículo 4", "Chapitre II") and closing words ("GEDAAN te",
"Hecho en", "Fait à") as it reads the English ones. Labels in every language are read the
same way once found (:mod:`aseandocs.numbering`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from aseandocs.vocabulary import Vocabulary

KEYWORDS: dict[str, dict[str, str]] = {
    "nl": {"artikel": "article", "hoofdstuk": "chapter", "afdeling": "section", "deel": "part", "bijlage": "annex"},
    "fr": {"article": "article", "chapitre": "chapter", "section": "section", "titre": "title", "annexe": "annex"},
    "es": {
        "artículo": "article",
        "articulo": "article",
        "capítulo": "chapter",
        "capitulo": "chapter",
        "sección": "section",
        "título": "title",
        "anexo": "annex",
    },
    "pt": {"artigo": "article", "capítulo": "chapter", "secção": "section", "seção": "section", "anexo": "annex"},
    "de": {"artikel": "article", "kapitel": "chapter", "abschnitt": "section", "teil": "part", "anhang": "annex"},
}
"""Per language, its keyword label words (lower case) and the English keyword each stands for."""

CLOSINGS: dict[str, tuple[str, ...]] = {
    "nl": ("gedaan te", "gedaan in"),
    "fr": ("fait à", "fait a", "en foi de quoi"),
    "es": ("hecho en", "en fe de lo cual"),
    "pt": ("feito em", "em fé do que"),
    "de": ("geschehen zu", "zu urkund dessen"),
}
"""Per language, the words that open its closing formula (lower case)."""

RECITALS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        # Recitals open with a present participle ("considérant", "reconnaissant") or an
        # adjective of the parties ("conscientes", "convaincus", "désireux").
        "endings": ("ant",),
        "not": ("avant", "durant", "pendant", "cependant", "maintenant", "suivant", "concernant", "néanmoins", "tant", "quant"),
        "words": (
            "conscients conscientes convaincus convaincues désireux désireuses desireux desireuses "
            "résolus resolus résolues resolues déterminés determines déterminées determinees soucieux soucieuses "
            "préoccupés preoccupes préoccupées preoccupees rappelant notant reconnaissant considérant "
            "considerant soulignant affirmant réaffirmant reaffirmant constatant estimant"
        ).split(),
        "phrases": ("prenant acte", "prenant en considération", "prenant en consideration", "tenant compte", "ayant à l'esprit", "ayant a l'esprit",
                    "conformément à", "conformement a", "en application de"),
    },
    "es": {
        # Recitals open with a gerund ("considerando", "reconociendo") or an adjective of
        # the parties ("convencidos", "conscientes", "deseosos").
        "endings": ("ando", "iendo"),
        "not": ("cuando", "siendo", "mando", "bando", "grande", "comando"),
        "words": (
            "convencidos convencidas conscientes deseosos deseosas decididos decididas resueltos resueltas "
            "preocupados preocupadas animados animadas persuadidos considerando reconociendo recordando "
            "reafirmando afirmando destacando subrayando observando señalando senalando"
        ).split(),
        "phrases": ("teniendo en cuenta", "teniendo presente", "tomando en cuenta", "tomando nota"),
    },
}
"""Per language, how its recitals open: participle endings (and the words with those
endings that are no participles), listed words and phrases (lower case)."""

FORMULAS: dict[str, str] = {
    "fr": r"(?:sont\s+convenu(?:e)?s|conviennent|d[ée]cident|arr[êe]tent|d[ée]clarent)\b[^.;:]{0,60}:",
    "es": r"(?:acuerdan|convienen|han\s+convenido|deciden|resuelven|declaran|formulan)\b[^.;:]{0,60}:",
}
"""Per language, its operative formula ("sont convenues de ce qui suit:", "acuerdan:")."""

LANGUAGES = ("en", *KEYWORDS)


def normalized(language: str | Iterable[str]) -> tuple[str, ...]:
    """The languages asked for, English always among them; ValueError for an unknown one."""
    names = (language,) if isinstance(language, str) else tuple(language)
    for name in names:
        if name not in LANGUAGES:
            raise ValueError(f"unknown language {name!r}: known are {', '.join(LANGUAGES)}")
    return tuple(dict.fromkeys(("en", *names)))


def keyword_words(languages: tuple[str, ...]) -> dict[str, str]:
    """The keyword label words of ``languages`` besides English, each with its English word."""
    out: dict[str, str] = {}
    for name in languages:
        out.update(KEYWORDS.get(name, {}))
    return out


def label_pattern(languages: tuple[str, ...]) -> re.Pattern[str] | None:
    """A keyword label of ``languages`` at the start of a reading view ("Artikel  1"), or None."""
    words = keyword_words(languages)
    if not words:
        return None
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})[ \t\u00a0]+(?:\d{{1,3}}(?:\.\d{{1,3}})*|[IVXLC]{{1,7}})\b\.?", re.IGNORECASE)


def formula_pattern(languages: tuple[str, ...]) -> re.Pattern[str] | None:
    """The operative formulas of ``languages``, or None."""
    patterns = [FORMULAS[name] for name in languages if name in FORMULAS]
    if not patterns:
        return None
    return re.compile("|".join(patterns), re.IGNORECASE)


def extend_vocabulary(vocab: Vocabulary, languages: tuple[str, ...]) -> Vocabulary:
    """``vocab`` with the recital openings of ``languages``."""
    tables = [RECITALS[name] for name in languages if name in RECITALS]
    if not tables:
        return vocab
    return vocab.extended(
        preambular_words={w for t in tables for w in t["words"]},
        preambular_phrases=tuple(p for t in tables for p in t["phrases"]),
        participle_endings=tuple(e for t in tables for e in t["endings"]),
        not_participles={w for t in tables for w in t["not"]},
    )


def closing_pattern(languages: tuple[str, ...]) -> re.Pattern[str] | None:
    """The closing words of ``languages`` at the start of a reading view, or None."""
    words = [w for name in languages for w in CLOSINGS.get(name, ())]
    if not words:
        return None
    return re.compile("(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
