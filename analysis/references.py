"""Cross-references: in-text references to provisions, resolved and checked across versions.

Each reference is found in the text of an article's lead or of one provision
(notes excluded) and resolved in its own version: relative forms take the
article and path of the provision they sit in (``paragraph (1)`` is a
paragraph of the same article, ``subparagraph 3`` one of the same paragraph,
``the preceding paragraph`` the one before, ``the same Article`` / ``같은 조``
the article named last in the same provision).  References to another
instrument (``Article 11 (2) of the Framework Act ...``, ``「스마트도시법」 제4조``)
get ``external`` set and no target.

Status (see ``REFERENCE_STATUS``):

- ``unresolved``: no target inside this instrument (an external reference, or a
  relative one with nothing to resolve against);
- ``dangling``: the target does not exist (or is deleted) in the reference's own version;
- old side: ``renumbered`` when the target has another number in the new version, else ``ok``;
- new side: ``repointed`` when the corresponding old provision carries the same
  reference text but the old target went elsewhere (the number stayed, the provision it
  names changed); ``updated`` when the reference text changed and follows the old target
  to its new number; else ``ok``.

Addenda are not scanned: their references to the body are the engine's addenda links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from analysis.locations import Concordance, Location, Side, Step, find_in, format_path, sites
from analysis.lookup import Lookup

if TYPE_CHECKING:
    from types import ModuleType

    from corpus.model import Version
    from diffing.model import Comparison

Status = Literal["ok", "renumbered", "updated", "dangling", "repointed", "unresolved"]
REFERENCE_STATUS: tuple[Status, ...] = ("ok", "renumbered", "updated", "dangling", "repointed", "unresolved")


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    """One in-text reference; ``start``/``end`` are offsets in the text of the provision at ``site``."""

    side: Side
    site: Location
    text: str
    start: int
    end: int
    target: Location | None
    external: str | None
    status: Status = "unresolved"

    def to_dict(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "article": self.site.article,
            "path": self.site.path_text,
            "text": self.text,
            "target": self.target.to_dict() if self.target else None,
            "external": self.external,
            "status": self.status,
        }


# ---------------------------------------------------------------- finding


@dataclass(slots=True)
class _Context:
    site: Location
    last_article: str | None = None
    last_external: str | None = None
    last_target: Location | None = None


def find_references(version: Version, side: Side) -> list[Reference]:
    """Every in-text reference of ``version``'s in-force articles, resolved in that version (status unset)."""
    from analysis import patterns

    heads, marks = patterns.REFERENCE_HEADS, patterns.KO_REFERENCE_MARKS
    out: list[Reference] = []
    for article in version.articles:
        if article.status != "in_force":
            continue
        for path, _node, text in sites(article):
            # a text with neither a head word nor a Korean mark has no reference (and leaves no context)
            english = any(map(text.__contains__, heads))
            korean = not text.isascii() and any(map(text.__contains__, marks))  # the marks are not ASCII
            if english or korean:
                ctx = _Context(site=Location(article=article.number, path=path))
                if english:
                    out.extend(_english(text, side, ctx, patterns))
                if korean:
                    out.extend(_korean(text, side, ctx, patterns))
    return out


def reference_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of every reference in ``text`` (no resolution): for change classification."""
    from analysis import patterns

    ctx = _Context(site=Location(article=""))
    found = (*_english(text, "old", ctx, patterns), *_korean(text, "old", ctx, patterns))
    return [(r.start, r.end) for r in found]


def _english(text: str, side: Side, ctx: _Context, patterns: ModuleType) -> list[Reference]:
    """The English references of ``text`` (none without a ``REFERENCE_HEADS`` word, and no search)."""
    ARTICLE_NUMBER_RE, OF_ARTICLE = patterns.ARTICLE_NUMBER_RE, patterns.OF_ARTICLE

    out: list[Reference] = []
    if not any(map(text.__contains__, patterns.REFERENCE_HEADS)):
        return out
    done = 0  # end of the last reference with its tails: "Article 2" inside "subparagraph 1 of Article 2"
    for m in _reference_matches(text, patterns):
        if m.start() < done:
            continue
        start, end = m.start(), m.end()
        site = ctx.site
        outside: str | None = None
        targets: list[Location | None]
        if m["articles"]:  # Articles 127 and 129 through 132: every number named
            numbers = [m["first"], m["last"], *ARTICLE_NUMBER_RE.findall(m["more"] or "")]
            targets = [Location(article=n) for n in dict.fromkeys(numbers)]
        elif m["article"]:
            targets = [Location(article=m["article"], path=_steps(m["a_para"], m["a_sub"], m["a_item"]))]
        elif m["para"]:
            targets = [Location(article=site.article, path=_steps(m["para"], m["p_sub"], m["p_item"]))]
        elif m["sub"]:
            para = [s for s in site.path[:1] if s[0] == "paragraph"]
            targets = [Location(article=site.article, path=(*para, *_steps(None, m["sub"], m["s_item"])))]
        elif m["item"]:
            base = tuple(s for s in site.path if s[0] != "item")
            targets = [Location(article=site.article, path=(*base, ("item", m["item"])))]
        else:
            targets = [_relative(m["relative"], ctx)]
        # "subparagraph 1 of Article 2": the article (and paragraph) come after
        if not m["articles"] and not m["article"] and m["relative"] is None:
            of = OF_ARTICLE.match(text, end)
            if of is not None and of["that"]:  # "subparagraph 5 of that paragraph": of the last one named
                outside = ctx.last_external
                last = ctx.last_target
                if outside is None and last is not None:
                    kept = tuple(s for s in (targets[0].path if targets[0] else ()) if s[0] != "paragraph")
                    above = tuple(s for s in last.path[:1] if s[0] == "paragraph")
                    targets = [Location(article=last.article, path=(*above, *kept))]
                end = of.end()
            elif of is not None:
                t = targets[0]
                tail = t.path if t else ()
                tail = tuple(s for s in tail if s[0] != "paragraph")
                article = of["article"] or site.article
                of_para: tuple[Step, ...] = (("paragraph", of["para"]),) if of["para"] else ()
                targets = [Location(article=article, path=(*of_para, *tail))]
                end = of.end()
        external, end = _external(text, end, ctx, patterns)
        external = external or outside
        done = end
        if external is None:
            ctx.last_external = None
            for t in targets:
                if t is not None:
                    ctx.last_article = t.article
                    ctx.last_target = t
        for t in targets:
            out.append(
                Reference(
                    side=side,
                    site=site,
                    text=text[start:end],
                    start=start,
                    end=end,
                    target=None if external else t,
                    external=external,
                )
            )
    return out


def _reference_matches(text: str, patterns: ModuleType) -> Iterator[re.Match[str]]:
    """``REFERENCE.finditer(text)``, with REFERENCE tried only where ``REFERENCE_START`` finds a place a
    match may start (a match starts with one of its words; ``match`` at an offset still sees the
    characters before it for the look-behind)."""
    search, match = patterns.REFERENCE_START.search, patterns.REFERENCE.match
    pos = 0
    while (start := search(text, pos)) is not None:
        m = match(text, start.start())
        if m is None:
            pos = start.start() + 1
        else:
            yield m
            pos = m.end()  # a match is never empty


def _steps(para: str | None, sub: str | None, item: str | None) -> tuple[Step, ...]:
    out: list[Step] = []
    if para:
        out.append(("paragraph", para))
    if sub:
        out.append(("subparagraph", sub))
    if item:
        out.append(("item", item))
    return tuple(out)


def _relative(phrase: str, ctx: _Context) -> Location | None:
    site = ctx.site
    para = [s for s in site.path[:1] if s[0] == "paragraph"]
    phrase = phrase[0].lower() + phrase[1:]
    if phrase == "this Article":
        return Location(article=site.article)
    if phrase in ("this paragraph", "the same paragraph"):
        return Location(article=site.article, path=tuple(para)) if para else None
    if phrase == "the preceding paragraph":
        if para and para[0][1].isdigit() and int(para[0][1]) > 1:
            return Location(article=site.article, path=(("paragraph", str(int(para[0][1]) - 1)),))
        return None
    # "the same Article": the article named last in this provision
    return Location(article=ctx.last_article) if ctx.last_article else None


def _external(text: str, end: int, ctx: _Context, patterns: ModuleType) -> tuple[str | None, int]:
    """(instrument name or None, new end) for an "of the X Act" tail after a reference."""
    INSTRUMENT_WORD, NAME_CONNECTOR = patterns.INSTRUMENT_WORD, patterns.NAME_CONNECTOR
    OF_INSTRUMENT = patterns.OF_INSTRUMENT

    m = OF_INSTRUMENT.match(text, end)
    if m is None or m["this"]:
        return None, (m.end() if m is not None else end)
    if m["same"]:
        return (ctx.last_external or m["same"]), m.end()
    words = m["name"].split(" ")
    while words and NAME_CONNECTOR.match(words[-1]):
        words.pop()
    # the shortest prefix ending in an instrument word: "the Smart City Act and Article 28" stops at "Act"
    for k in range(1, len(words) + 1):
        if INSTRUMENT_WORD.search(words[k - 1]) and (k == len(words) or words[k] not in ("of", "on", "for")):
            name = " ".join(words[:k])
            ctx.last_external = name
            return name, m.start("name") + len(name)
    if any(INSTRUMENT_WORD.search(w) for w in words):  # "Framework Act on Health and Medical Care"
        name = " ".join(words)
        ctx.last_external = name
        return name, m.start("name") + len(name)
    return None, end


_KO_ITEMS = "가나다라마바사아자차카타파하"


def _korean(text: str, side: Side, ctx: _Context, patterns: ModuleType) -> list[Reference]:
    """The Korean references of ``text`` (none without a ``KO_REFERENCE_MARKS`` mark, and no search)."""
    out: list[Reference] = []
    if text.isascii() or not any(map(text.__contains__, patterns.KO_REFERENCE_MARKS)):  # no mark is ASCII
        return out
    site = ctx.site
    for m in patterns.KO_REFERENCE.finditer(text):
        if not m.group(0).strip("「」 "):
            continue
        external = m["name"]
        para = [s for s in site.path[:1] if s[0] == "paragraph"]
        target: Location | None
        if m["article"] or m["same_article"]:
            if m["same_article"]:
                article = ctx.last_article if m["same_article"].startswith(("같은", "동")) else site.article
            else:
                article = f"{m['article']}-{m['branch']}" if m["branch"] else m["article"]
            sub = f"{m['a_sub']}-{m['a_subbranch']}" if m["a_subbranch"] else m["a_sub"]
            target = (
                Location(article=article, path=_steps(m["a_para"], sub, m["a_item"])) if article else None
            )
        elif m["para"] or m["same_para"] or m["preceding"]:
            number = m["para"]
            if m["same_para"]:
                number = para[0][1] if para else None
            elif m["preceding"]:
                number = str(int(para[0][1]) - 1) if para and para[0][1].isdigit() else None
            sub = f"{m['p_sub']}-{m['p_subbranch']}" if m["p_subbranch"] else m["p_sub"]
            target = (
                Location(article=site.article, path=_steps(number, sub, m["p_item"]))
                if number and number != "0"
                else None
            )
        elif m["sub"]:
            sub = f"{m['sub']}-{m['subbranch']}" if m["subbranch"] else m["sub"]
            target = Location(article=site.article, path=(*para, *_steps(None, sub, m["s_item"])))
        else:
            base = tuple(s for s in site.path if s[0] != "item")
            target = Location(article=site.article, path=(*base, ("item", m["item"])))
        if external is None and target is not None:
            ctx.last_article = target.article
        out.append(
            Reference(
                side=side,
                site=site,
                text=m.group(0).strip(),
                start=m.start(),
                end=m.end(),
                target=None if external else target,
                external=external,
            )
        )
    return out


# ---------------------------------------------------------------- checking across versions


def check_references(
    comparison: Comparison, concordance: Concordance | None = None, lookup: Lookup | None = None
) -> tuple[Reference, ...]:
    """The references of both versions, each with its status."""
    lookup = lookup or Lookup(comparison)
    conc = concordance or Concordance(comparison, lookup)
    found: dict[Side, list[Reference]] = {"old": find_references(comparison.old, "old")}
    found["new"] = find_references(comparison.new, "new")
    by_unit: dict[tuple[str, tuple[Step, ...]], list[Reference]] = {}
    for r in found["old"]:
        by_unit.setdefault((r.site.article, r.site.path[:1]), []).append(r)
    out: list[Reference] = []
    for side in ("old", "new"):
        for r in found[side]:
            status = _status(r, lookup, conc, by_unit)
            out.append(
                Reference(
                    side=r.side,
                    site=r.site,
                    text=r.text,
                    start=r.start,
                    end=r.end,
                    target=r.target,
                    external=r.external,
                    status=status,
                )
            )  # dataclasses.replace, without its field-by-field introspection
    return tuple(out)


def _status(
    r: Reference,
    lookup: Lookup,
    conc: Concordance,
    old_by_unit: dict[tuple[str, tuple[Step, ...]], list[Reference]],
) -> Status:
    if r.target is None:
        return "unresolved"
    if find_in(lookup.article(r.side, r.target.article), r.target) is None:
        return "dangling"
    if r.side == "old":
        there = conc.counterpart("old", r.target)
        if there is None or (there.article == r.target.article and there.path == r.target.path):
            return "ok"
        home = conc.counterpart("old", Location(article=r.site.article))
        same_home = r.target.article == r.site.article and home is not None and there.article == home.article
        if same_home and there.path == r.target.path:  # "paragraph (1)" of an article renumbered as a whole
            return "ok"
        return "renumbered"
    # new side: compare with the references of the old unit this provision came from
    unit = Location(article=r.site.article, path=r.site.path[:1])
    came_from = conc.counterpart("new", unit)
    if came_from is None:
        return "ok"
    olds = [o for o in old_by_unit.get((came_from.article, came_from.path[:1]), []) if o.target is not None]
    key = _norm(r.text)
    same = [o for o in olds if _norm(o.text) == key]
    for o in same:
        assert o.target is not None
        went = conc.counterpart("old", o.target)
        if went is not None and _compatible(went, r.target):
            return "ok"
    if same:
        return "repointed"
    for o in olds:
        assert o.target is not None
        went = conc.counterpart("old", o.target)
        if went is not None and _compatible(went, r.target) and went != o.target:
            return "updated"
    return "ok"


def _compatible(a: Location, b: Location) -> bool:
    return a.within(b) or b.within(a)


def _norm(text: str) -> str:
    return _whitespace().sub("", text)


@cache
def _whitespace() -> re.Pattern[str]:
    """``analysis.patterns.WHITESPACE``, imported on first use and then
    a cached call (an import statement costs ~0.6 µs in a function run for each row or word)."""
    from analysis.patterns import WHITESPACE

    return WHITESPACE


__all__ = [
    "REFERENCE_STATUS",
    "Reference",
    "check_references",
    "find_references",
    "format_path",
    "reference_spans",
]
