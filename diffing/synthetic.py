"""Synthetic amendments with known truth, built from the model (no text re-parsing).

``perturb(version, seed)`` takes one version of a real document as the *old*
text and amends it the way legislators do: paraphrase words, delete articles,
insert new ones, split an article's paragraphs into two articles, merge two
neighbouring articles, move a chapter, and finally renumber everything in
reading order.  It returns the new Document and the true article
correspondence as gold pairs (the ``diffing.evaluate`` format).

``scale(version, factor, seed)`` makes a large version out of ``factor``
copies of a real one; each copy gets its own deterministic vocabulary shift so
copies are different texts rather than duplicates.  ``render_version``
writes a version back as plain text the reader parses (for end-to-end
benchmarks).
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace

from corpus.build import article_text
from corpus.ids import identify_articles
from corpus.model import Article, Document, Provision, SourceText, Span, Version
from diffing.evaluate import PairKey

WORD_RE = re.compile(r"(?P<word>[A-Za-z]{4,})", re.VERBOSE)
ANY_WORD_RE = re.compile(r"(?P<word>[^\W\d_]{2,})", re.VERBOSE)  # a text without Latin words (Korean)
NO_SPAN = Span(source=0, start=0, end=0)


@dataclass(frozen=True, slots=True)
class Perturbation:
    paraphrase: float = 0.25  # share of articles reworded
    word_rate: float = 0.12  # share of words replaced in a reworded article
    deletions: int = 2
    insertions: int = 2
    splits: int = 1
    merges: int = 1
    chapter_moves: int = 1
    paragraph_moves: int = 0  # paragraphs moved into another article (the provision-level evaluation's)


@dataclass(frozen=True, slots=True)
class _Draft:
    article: Article
    sources: frozenset[str]  # old article numbers this article continues


@dataclass(frozen=True, slots=True)
class Synthetic:
    document: Document
    gold: frozenset[PairKey]


def perturb(version: Version, seed: int, spec: Perturbation = Perturbation()) -> Synthetic:
    """Amend ``version`` at random (reproducibly by ``seed``); the truth comes with it."""
    rng = random.Random(seed)
    old = _live(version)
    vocab = (
        sorted({w for a in old for w in WORD_RE.findall(a.text)})
        or sorted({w for a in old for w in ANY_WORD_RE.findall(a.text)})
        or ["text"]
    )
    drafts = [_Draft(a, frozenset({a.number})) for a in old]
    drafts = [
        _paraphrase(d, rng, vocab, spec.word_rate) if rng.random() < spec.paraphrase else d for d in drafts
    ]
    for _ in range(spec.merges):
        drafts = _merge(drafts, rng)
    for _ in range(spec.splits):
        drafts = _split(drafts, rng)
    for _ in range(spec.chapter_moves):
        drafts = _move_block(drafts, rng)
    for _ in range(spec.paragraph_moves):
        drafts = _move_paragraph(drafts, rng)
    for _ in range(spec.deletions):
        if len(drafts) > 2:
            drafts.pop(rng.randrange(len(drafts)))
    for k in range(spec.insertions):
        drafts.insert(rng.randrange(len(drafts) + 1), _invented(rng, vocab, k))
    new_articles = [_renumbered(d.article, str(n)) for n, d in enumerate(drafts, 1)]
    old_version = _with_articles(version, old, "synthetic old")
    new_version = _with_articles(version, new_articles, f"synthetic new (seed {seed})")
    doc = Document(
        name=f"synthetic-{seed}",
        title=version.title,
        sources=(SourceText(name="synthetic", text=""),),
        old=old_version,
        new=new_version,
        pieces=(),
    )
    return Synthetic(doc, frozenset(_truth(old, drafts, new_articles)))


def _live(version: Version) -> list[Article]:
    return [a for a in version.articles if a.status == "in_force" and a.text.strip()]


def _truth(old: list[Article], drafts: list[_Draft], new_articles: list[Article]) -> set[PairKey]:
    out: set[PairKey] = set()
    continued: set[str] = set()
    for d, a in zip(drafts, new_articles, strict=True):
        if not d.sources:
            out.add((None, a.number))
        for o in d.sources:
            out.add((o, a.number))
            continued.add(o)
    out |= {(a.number, None) for a in old if a.number not in continued}
    return out


# ---------------------------------------------------------------- operations


def _paraphrase(d: _Draft, rng: random.Random, vocab: list[str], rate: float) -> _Draft:
    def reword(text: str) -> str:
        return WORD_RE.sub(lambda m: rng.choice(vocab) if rng.random() < rate else m.group(0), text)

    a = d.article
    paragraphs = tuple(_map_provision(p, reword) for p in a.paragraphs)
    return _Draft(_rebuilt(a, reword(a.lead), paragraphs), d.sources)


def _map_provision(p: Provision, f: Callable[[str], str]) -> Provision:
    return replace(p, text=f(p.text), children=tuple(_map_provision(c, f) for c in p.children))


def _merge(drafts: list[_Draft], rng: random.Random) -> list[_Draft]:
    if len(drafts) < 3:
        return drafts
    k = rng.randrange(len(drafts) - 1)
    a, b = drafts[k].article, drafts[k + 1].article
    units = [*_as_paragraphs(a), *_as_paragraphs(b)]
    merged = _rebuilt(a, "", tuple(_relabelled(p, n) for n, p in enumerate(units, 1)))
    return [*drafts[:k], _Draft(merged, drafts[k].sources | drafts[k + 1].sources), *drafts[k + 2 :]]


def _split(drafts: list[_Draft], rng: random.Random) -> list[_Draft]:
    options = [k for k, d in enumerate(drafts) if len(d.article.paragraphs) >= 2]
    if not options:
        return drafts
    k = rng.choice(options)
    a = drafts[k].article
    cut = len(a.paragraphs) // 2
    first = _rebuilt(a, a.lead, a.paragraphs[:cut])
    rest = tuple(_relabelled(p, n) for n, p in enumerate(a.paragraphs[cut:], 1))
    second = _rebuilt(replace(a, title=f"{a.title} (continued)"), "", rest)
    src = drafts[k].sources
    return [*drafts[:k], _Draft(first, src), _Draft(second, src), *drafts[k + 1 :]]


def _move_block(drafts: list[_Draft], rng: random.Random) -> list[_Draft]:
    """Move a chapter (or, without chapters, a run of articles) to another place."""
    chapters = [d.article.chapter for d in drafts]
    names = list(dict.fromkeys(c for c in chapters if c))
    if len(names) >= 2:
        name = rng.choice(names[1:])
        block = [d for d in drafts if d.article.chapter == name]
        rest = [d for d in drafts if d.article.chapter != name]
    else:
        if len(drafts) < 6:
            return drafts
        start = rng.randrange(len(drafts) - 3)
        block, rest = drafts[start : start + 3], drafts[:start] + drafts[start + 3 :]
    at = rng.randrange(len(rest) + 1)
    return [*rest[:at], *block, *rest[at:]]


def _move_paragraph(drafts: list[_Draft], rng: random.Random) -> list[_Draft]:
    """Move one numbered paragraph of an article into another article (old 1(3) -> new 4 (2))."""

    def numbered(d: _Draft) -> bool:
        return bool(d.article.paragraphs) and all(p.kind == "paragraph" for p in d.article.paragraphs)

    options = [k for k, d in enumerate(drafts) if numbered(d) and len(d.article.paragraphs) >= 2]
    if not options:
        return drafts
    k = rng.choice(options)
    targets = [j for j, d in enumerate(drafts) if j != k and numbered(d)]
    if not targets:
        return drafts
    j = rng.choice(targets)
    src, dst = drafts[k].article, drafts[j].article
    rest = list(src.paragraphs)
    moved = rest.pop(rng.randrange(len(rest)))
    into = list(dst.paragraphs)
    into.insert(rng.randrange(len(into) + 1), moved)
    out = list(drafts)
    src_paragraphs = tuple(_relabelled(p, n) for n, p in enumerate(rest, 1))
    dst_paragraphs = tuple(_relabelled(p, n) for n, p in enumerate(into, 1))
    out[k] = _Draft(_rebuilt(src, src.lead, src_paragraphs), drafts[k].sources)
    out[j] = _Draft(_rebuilt(dst, dst.lead, dst_paragraphs), drafts[j].sources | drafts[k].sources)
    return out


def _invented(rng: random.Random, vocab: list[str], k: int) -> _Draft:
    """A new article on a subject of its own: words drawn from the document's vocabulary."""

    def sentence() -> str:
        return " ".join(rng.choice(vocab) for _ in range(rng.randint(12, 25))).capitalize() + "."

    paragraphs = tuple(
        Provision(
            kind="paragraph",
            label=f"({n})",
            number=str(n),
            text=sentence(),
            notes=(),
            children=(),
            span=NO_SPAN,
            eid="",  # given by identify_articles when the version is assembled
        )
        for n in range(1, rng.randint(2, 4))
    )
    a = Article(
        number=f"new-{k}",
        title=f"Invented Matter {k}",
        chapter=None,
        section=None,
        chapter_ordinal=None,
        lead="",
        paragraphs=paragraphs,
        notes=(),
        status="in_force",
        text="",
        span=NO_SPAN,
        eid="",  # given by identify_articles when the version is assembled
    )
    return _Draft(_rebuilt(a, "", paragraphs), frozenset())


# ---------------------------------------------------------------- building articles


def _as_paragraphs(a: Article) -> list[Provision]:
    if not a.lead.strip():
        return list(a.paragraphs)
    # the article's span: the lead's identity for the provision-level truth (diffing.evaluate)
    lead = Provision(
        kind="paragraph", label="(0)", number="0", text=a.lead, notes=(), children=(), span=a.span, eid=""
    )
    if a.paragraphs and a.paragraphs[0].kind != "paragraph":  # lead followed by subparagraphs
        return [replace(lead, children=a.paragraphs)]
    return [lead, *a.paragraphs]


def _relabelled(p: Provision, n: int) -> Provision:
    if p.kind != "paragraph":
        return p
    return replace(p, label=f"({n})", number=str(n))


def _rebuilt(a: Article, lead: str, paragraphs: tuple[Provision, ...]) -> Article:
    return replace(a, lead=lead, paragraphs=paragraphs, notes=(), text=article_text(lead, paragraphs))


def _renumbered(a: Article, number: str) -> Article:
    return replace(a, number=number)


def _with_articles(version: Version, articles: list[Article], label: str) -> Version:
    """The perturbed version; element ids re-derived from the new numbers, as the reader gives them."""
    return replace(
        version, label=label, articles=identify_articles(articles), addenda=(), tables=(), warnings=()
    )


# ---------------------------------------------------------------- scaling and rendering


def scale(version: Version, factor: int, salt: int = 0) -> Version:
    """``factor`` copies of ``version`` one after another, each copy with its own vocabulary shift."""
    out: list[Article] = []
    for copy in range(factor):
        shift = _shifter(copy, salt)
        for a in version.articles:
            paragraphs = tuple(_map_provision(p, shift) for p in a.paragraphs)
            ordinal = copy * 100 + _chapter_ordinal(a)
            chapter = f"CHAPTER {ordinal} {shift(a.chapter or 'GENERAL')}"
            art = replace(a, title=shift(a.title), chapter=chapter, chapter_ordinal=ordinal, notes=())
            out.append(_renumbered(_rebuilt(art, shift(a.lead), paragraphs), str(len(out) + 1)))
    return replace(version, articles=identify_articles(out), addenda=(), tables=(), warnings=())


def _chapter_ordinal(a: Article) -> int:
    return 1 + (zlib.crc32((a.chapter or "").encode()) % 50)


def _shifter(copy: int, salt: int) -> Callable[[str], str]:
    if copy == 0:
        return str

    suffix = "".join(chr(ord("a") + (copy * 7 + salt + k) % 26) for k in range(3))

    def shift(text: str) -> str:
        return WORD_RE.sub(
            lambda m: m.group(0) + suffix if zlib.crc32(f"{copy}:{m.group(0)}".encode()) % 2 else m.group(0),
            text,
        )

    return shift


def render_version(version: Version) -> str:
    """Plain text in the layout of the bundled Act (title, CHAPTER lines, ``Article N (Title) lead``)."""
    lines = [version.title.upper()]
    chapter = None
    for a in version.articles:
        if a.chapter and a.chapter != chapter:
            lines.append(a.chapter)
            chapter = a.chapter
        body = article_text(a.lead, a.paragraphs).split("\n")
        lines.append(f"Article {a.number} ({a.title}) {body[0]}".rstrip())
        lines.extend(body[1:])
    return "\n".join(lines) + "\n"
