"""Akoma Ntoso 3.0 export: both versions as AKN acts, the comparison as passive modifications.

One file, one root: ``<akomaNtoso><documentCollection>`` whose ``collectionBody`` holds two
``component``\\s, the old and the new version, each a complete ``<act>``:

- ``meta/identification``: FRBR work / expression / manifestation from ``Version.iri``
  (``/akn/{work}/{number}@{date}``);
- ``meta/lifecycle``: one ``eventRef`` per amending instrument named in the version's notes
  (and the version's own instrument), each backed by a ``passiveRef`` in ``meta/references``;
- ``meta/notes``: every amendment note as a ``<note>``, pointed at by a ``noteRef`` in the
  heading of the article or the text of the provision it annotates;
- ``body``: chapters, articles, paragraphs, subparagraphs and points with AKN eIds
  (``art_7__para_3__subpara_2__point_a``); a deleted article or provision has ``status="removed"``;
- the new act's ``meta/analysis/passiveModifications``: one ``textualMod`` per change -- the
  type from ``analysis.changetypes`` (terminology and reference-only are substitutions that
  refer to a ``TLCConcept`` of that name), ``source`` the amending instrument named in the
  provision's note (else the new version itself), ``destination`` the changed element,
  ``old`` / ``new`` the element IRIs with the text as XHTML ``p``.

Addenda, attached tables and sections below chapters are not exported.  ``validate`` checks a
document against the OASIS schema shipped in ``reports/schemas/akn`` (CC BY 4.0, see its SOURCE.md).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from analysis import AKN_TYPE, Analysis, analyse
from corpus.model import Amendment, Article, Note, Provision, Version
from diffing.model import Comparison, Pair
from reports.content import Report
from reports.safety import xml_text

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
XHTML = "http://www.w3.org/1999/xhtml"
SCHEMA = Path(__file__).parent / "schemas" / "akn" / "akomantoso30.xsd"
_ELEMENT = {"paragraph": "paragraph", "subparagraph": "subparagraph", "item": "point"}


def _e(parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = (
        etree.Element(f"{{{AKN}}}{tag}", nsmap={None: AKN})
        if parent is None
        else etree.SubElement(parent, f"{{{AKN}}}{tag}")
    )
    for k, v in attrs.items():
        el.set(k, xml_text(v))
    if text is not None:
        el.text = xml_text(text)
    return el


# ---------------------------------------------------------------- one version


class _Act:
    def __init__(self, comparison: Comparison, side: str) -> None:
        self.comparison = comparison
        self.side = side
        # eIds must be unique in the whole collection: each act's own are prefixed with its component's
        self.component = "cmp_1" if side == "old" else "cmp_2"
        self.prefix = f"{self.component}__"
        self.version = comparison.old if side == "old" else comparison.new
        self.iri = self.version.iri
        self.notes: list[tuple[str, Note]] = []
        self.instruments: dict[tuple[str | None, str | None], str] = {}

    def eid(self, node: Article | Provision) -> str:
        return self.prefix + node.eid

    def href(self, node: Article | Provision) -> str:
        return f"#{self.eid(node)}"

    def iri_of(self, node: Article | Provision) -> str:
        return self.version.element_iri(node.eid)

    def instrument_ref(self, event: Amendment | None) -> str:
        """The eId of the passiveRef for ``event``'s instrument (the version's own when None)."""
        key = (event.number, event.date) if event else (self.version.number, self.version.date)
        if key not in self.instruments:
            self.instruments[key] = f"{self.prefix}ref_{len(self.instruments) + 1}"
        return self.instruments[key]

    def note_ref(self, parent: etree._Element, note: Note) -> None:
        eid = f"{self.prefix}note_{len(self.notes) + 1}"
        self.notes.append((eid, note))
        _e(parent, "noteRef", href=f"#{eid}", marker=str(len(self.notes)))
        for event in note.events:
            if event.date and event.action != "enforcement":
                self.instrument_ref(event)

    def build(self, passive: etree._Element | None) -> etree._Element:
        act = _e(None, "act", name="act")
        meta = _e(act, "meta")
        self.instrument_ref(None)
        body = _e(etree.Element("scratch"), "body")
        chapter: etree._Element | None = None
        current: str | None = None
        for article in self.version.articles:
            if article.chapter != current:
                current = article.chapter
                chapter = None
                if current:
                    chapter = _e(body, "chapter", eId=f"{self.prefix}chp_{len(body) + 1}")
                    _e(chapter, "heading", current)
            self.article(chapter if chapter is not None else body, article)
        if len(body) == 0:
            _e(_e(_e(body, "article", eId=f"{self.prefix}art_nn"), "content"), "p")
        self.meta(meta, passive)
        _e(_e(act, "preface"), "longTitle").append(_p(self.version.title or self.comparison.document.title))
        act.append(body)
        return act

    def article(self, parent: etree._Element, article: Article) -> None:
        el = _e(parent, "article", eId=self.eid(article))
        if article.status != "in_force":
            el.set("status", "removed")
        num = _e(el, "num", f"Article {article.number}")
        holder = _e(el, "heading", article.title) if article.title else num
        for n in article.notes:
            self.note_ref(holder, n)
        lead = article.lead.strip()
        if article.paragraphs:
            if lead:
                _e(el, "intro").append(_p(lead))
            for p in article.paragraphs:
                self.provision(el, p)
        else:
            _e(el, "content").append(_p(lead or ("Deleted." if article.status == "deleted" else "")))

    def provision(self, parent: etree._Element, p: Provision) -> None:
        el = _e(parent, _ELEMENT[p.kind], eId=self.eid(p))
        if p.deleted:
            el.set("status", "removed")
        _e(el, "num", p.label)
        para = _p(p.text)
        for n in p.notes:
            self.note_ref(para, n)
        if p.children:
            if p.text or p.notes:
                _e(el, "intro").append(para)
            for c in p.children:
                self.provision(el, c)
        else:
            _e(el, "content").append(para)

    def meta(self, meta: etree._Element, passive: etree._Element | None) -> None:
        v = self.version
        date = v.date or "1900-01-01"
        work = self.iri.split("/")
        work_iri = "/".join(work[:-1]) if len(work) > 2 else self.iri
        ident = _e(meta, "identification", source="#ordiff")
        for level, this, uri in (
            ("FRBRWork", f"{work_iri}/!main", work_iri),
            ("FRBRExpression", f"{self.iri}/!main", self.iri),
            ("FRBRManifestation", f"{self.iri}/!main.xml", f"{self.iri}.akn"),
        ):
            frbr = _e(ident, level)
            _e(frbr, "FRBRthis", value=this)
            _e(frbr, "FRBRuri", value=uri)
            if level == "FRBRWork":
                _e(frbr, "FRBRalias", value=v.title or self.comparison.document.title, name="title")
            _e(frbr, "FRBRdate", date=date, name=v.amendment_kind or "version")
            _e(frbr, "FRBRauthor", href="#ordiff")
            if level == "FRBRWork":
                _e(frbr, "FRBRcountry", value="kr")
                if v.number:
                    _e(frbr, "FRBRnumber", value=v.number)
            if level == "FRBRExpression":
                _e(frbr, "FRBRlanguage", language="eng")
        events = sorted(
            {
                (e.date, e.number): e
                for _eid, n in self.notes
                for e in n.events
                if e.date and e.action != "enforcement"
            }.items(),
            key=lambda kv: (kv[0][0] or "", kv[0][1] or ""),
        )
        dated = [(d, self.instrument_ref(e)) for (d, _num), e in events if d]
        if v.date:
            dated.append((v.date, self.instrument_ref(None)))
        if dated:
            life = _e(meta, "lifecycle", source="#ordiff")
            seen: set[tuple[str, str]] = set()
            for k, (d, ref) in enumerate(sorted(set(dated))):
                if (d, ref) in seen:
                    continue
                seen.add((d, ref))
                _e(
                    life,
                    "eventRef",
                    eId=f"{self.prefix}evt_{k + 1}",
                    date=d,
                    source=f"#{ref}",
                    type="generation" if k == 0 else "amendment",
                )
        if passive is not None and len(passive):
            _e(meta, "analysis", source="#ordiff").append(passive)
        refs = _e(meta, "references", source="#ordiff")
        for (number, day), eid in self.instruments.items():
            label = (
                f"{v.instrument or 'Instrument'} No. {number}" if number else (v.instrument or "Instrument")
            )
            _e(
                refs,
                "passiveRef",
                eId=eid,
                href=f"/akn/instrument/{number or 'unnumbered'}@{day or ''}",
                showAs=f"{label}, {day}" if day else label,
            )
        if self.notes:
            notes = _e(meta, "notes", source="#ordiff")
            for eid, n in self.notes:
                _e(notes, "note", eId=eid).append(_p(n.raw))


def _p(text: str) -> etree._Element:
    el = etree.Element(f"{{{AKN}}}p")
    el.text = xml_text(text)
    return el


# ---------------------------------------------------------------- the comparison


def _xhtml(parent: etree._Element, text: str) -> None:
    el = etree.SubElement(parent, f"{{{XHTML}}}p", nsmap={"h": XHTML})
    el.text = xml_text(text)


class _Mods:
    def __init__(self, old: _Act, new: _Act, result: Analysis) -> None:
        self.old, self.new, self.result = old, new, result
        self.el = _e(etree.Element("scratch"), "passiveModifications")

    def add(
        self,
        kind: str,
        destinations: list[str],
        olds: list[tuple[str, str]],
        news: list[tuple[str, str]],
        event: Amendment | None,
    ) -> None:
        mod = _e(self.el, "textualMod", eId=f"{self.new.prefix}pmod_{len(self.el) + 1}", type=AKN_TYPE[kind])  # type: ignore[index]
        if AKN_TYPE.get(kind) != kind:  # type: ignore[call-overload]
            mod.set("refersTo", f"#{kind}")
        _e(mod, "source", href=f"#{self.new.instrument_ref(event)}")
        for d in destinations or [self.new.iri]:
            _e(mod, "destination", href=d)
        for href, text in olds:
            _xhtml(_e(mod, "old", href=href), text)
        for href, text in news:
            _xhtml(_e(mod, "new", href=href), text)

    def pair(self, comparison: Comparison, pair: Pair) -> None:
        types = self.result.types.get(pair.key)
        if types is None:
            return
        olds, news = list(comparison.articles("old", pair)), list(comparison.articles("new", pair))
        old_refs = [(self.old.iri_of(a), a.text) for a in olds]
        new_refs = [(self.new.href(a), a.text) for a in news]
        event = _event(news, comparison.old.date)
        structural = [t for t in types.types if t in ("insertion", "repeal", "renumbering", "split", "join")]
        if pair.change in ("added", "deleted"):
            dest = [h for h, _ in new_refs] or [h for h, _ in old_refs]
            self.add(structural[0] if structural else "substitution", dest, old_refs, new_refs, event)
            return
        for t in structural:
            if t in ("renumbering", "split", "join"):
                self.add(
                    t,
                    [h for h, _ in new_refs],
                    [(h, "") for h, _ in old_refs],
                    [(h, "") for h, _ in new_refs],
                    event,
                )
        for row, kind in zip(pair.rows, types.rows, strict=False):
            if kind is None or kind == "renumbering":
                continue
            o = _unit_node(comparison.old, row.old.eid) if row.old else None
            n = _unit_node(comparison.new, row.new.eid) if row.new else None
            ohref = [(self.old.iri_of(o), row.old.text)] if o is not None and row.old else []
            nhref = [(self.new.href(n), row.new.text)] if n is not None and row.new else []
            dest = [h for h, _ in nhref] or [h for h, _ in ohref]
            row_event = _event_of_notes(row.new.notes, comparison.old.date) if row.new else None
            self.add(kind, dest, ohref, nhref, row_event or event)


def _unit_node(version: Version, eid: str) -> Article | Provision | None:
    node = version.element(eid)
    return node if isinstance(node, Article | Provision) else None


def _event_of_notes(notes: tuple[Note, ...], since: str | None) -> Amendment | None:
    for n in notes:
        for e in n.events:
            if e.date and (since is None or e.date > since) and e.action != "enforcement":
                return e
    return None


def _event(articles: list[Article], since: str | None) -> Amendment | None:
    for a in articles:
        hit = _event_of_notes(a.all_notes(), since)
        if hit is not None:
            return hit
    return None


def export_akn(
    comparison: Comparison, pairs: tuple[Pair, ...] | None = None, result: Analysis | None = None
) -> bytes:
    """The AKN collection of both versions with the changes of ``pairs`` (all pairs by default)."""
    result = result or analyse(comparison)
    old, new = _Act(comparison, "old"), _Act(comparison, "new")
    mods = _Mods(old, new, result)
    for pair in pairs if pairs is not None else comparison.pairs:
        mods.pair(comparison, pair)
    old_act = old.build(None)
    new_act = new.build(mods.el)
    root = _e(None, "akomaNtoso")
    coll = _e(root, "documentCollection", name="comparison")
    meta = _e(coll, "meta")
    ident = _e(meta, "identification", source="#ordiff")
    base = f"{old.iri}..{new.iri.rsplit('/', 1)[-1]}"
    date = comparison.new.date or comparison.old.date or "1900-01-01"
    for level, this, uri in (
        ("FRBRWork", f"{base}/!main", base),
        ("FRBRExpression", f"{base}/!main", base),
        ("FRBRManifestation", f"{base}/!main.xml", f"{base}.akn"),
    ):
        frbr = _e(ident, level)
        _e(frbr, "FRBRthis", value=this)
        _e(frbr, "FRBRuri", value=uri)
        _e(frbr, "FRBRdate", date=date, name="comparison")
        _e(frbr, "FRBRauthor", href="#ordiff")
        if level == "FRBRWork":
            _e(frbr, "FRBRcountry", value="kr")
        if level == "FRBRExpression":
            _e(frbr, "FRBRlanguage", language="eng")
    refs = _e(meta, "references", source="#ordiff")
    _e(refs, "TLCOrganization", eId="ordiff", href="/ontology/organization/ordiff", showAs="ordinance-diff")
    for concept in ("terminology", "reference-only"):
        _e(refs, "TLCConcept", eId=concept, href=f"/ontology/concept/ordiff/{concept}", showAs=concept)
    _e(_e(coll, "preface"), "longTitle").append(_p(comparison.document.title))
    body = _e(coll, "collectionBody")
    for eid, act in ((old.component, old_act), (new.component, new_act)):
        _e(body, "component", eId=eid).append(act)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def render(comparison: Comparison, report: Report) -> bytes:
    """The exporter entry (``reports.EXPORTERS["akn"]``): the changes of the report's chosen pairs."""
    keys = {c.key for c in report.concordance}
    return export_akn(comparison, tuple(p for p in comparison.pairs if p.key in keys))


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def validate(data: bytes) -> list[str]:
    """Schema errors of an AKN document (empty when it validates)."""
    s = schema()
    ok = s.validate(etree.fromstring(data))
    return [] if ok else [f"line {e.line}: {e.message}" for e in s.error_log]
