"""``ordiff notes``: write, list, export and import analyst notes on a document.

    ordiff notes add SOURCE [NEW_SOURCE] (--pair KEY | --old N | --new N) [--provision PATH]
                     [--quote TEXT] --body MARKDOWN --author NAME [--tag T]... [--reply-to ID] [--db URL]
    ordiff notes list SOURCE [NEW_SOURCE] [--format text|json] [--db URL]
    ordiff notes export SOURCE [NEW_SOURCE] --format w3c|json|csv [-o FILE] [--db URL]
    ordiff notes import SOURCE [NEW_SOURCE] FILE [--db URL]
    ordiff notes edit SOURCE [NEW_SOURCE] ID [--body MARKDOWN] [--tag T]... --author NAME
                      [--version N] [--db URL]
    ordiff notes resolve|reopen|delete SOURCE [NEW_SOURCE] ID --author NAME [--db URL]
    ordiff notes history SOURCE [NEW_SOURCE] [ID] [--db URL]

The database is ``--db URL``, else ``$ORDIFF_DB``, else an SQLite file in the user's data folder.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from corpus import load_document
from corpus.model import Document
from review.codec import annotation_from_dict, annotation_to_dict, decision_from_dict, decision_to_dict
from review.model import Annotation, Decision, ReviewError, Side
from review.store import ReviewStore, open_store
from review.w3c import export_jsonld, import_jsonld
from review.workspace import (
    NoteView,
    document_ref,
    find_article,
    find_pair,
    find_provision,
    new_note,
    note_views,
    pair_ref,
)

MAX_IMPORT_BYTES = 50 * 1024 * 1024


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="review database, e.g. sqlite:///review.db or postgresql+psycopg://user@host/db "
        "(default: $ORDIFF_DB, else an SQLite file in the user data folder)",
    )


def add_sources(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="bundled document name, combined page, or old file")
    parser.add_argument("new_source", metavar="NEW_SOURCE", nargs="?", help="new file (with an old file)")


def default_author() -> str:
    return os.environ.get("ORDIFF_AUTHOR") or os.environ.get("USER") or os.environ.get("USERNAME") or ""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="add a note; prints its id")
    add_sources(add)
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--pair", metavar="KEY", help="a pair as ordiff align prints it, e.g. 16>12 or 7+8>7")
    where.add_argument("--old", metavar="N", help="an old article number (5-2, 24a) or element id")
    where.add_argument("--new", metavar="N", help="a new article number or element id")
    add.add_argument("--provision", metavar="PATH", help="a provision of the article: (2), (1) 3., or an id")
    add.add_argument("--quote", metavar="TEXT", help="a passage quoted word for word from the element")
    add.add_argument("--body", metavar="MARKDOWN", required=True)
    add.add_argument("--author", metavar="NAME", required=True)
    add.add_argument("--tag", metavar="T", action="append", default=[], help="a label (repeatable)")
    add.add_argument("--reply-to", metavar="ID", help="the id of the note this one answers")
    add_db_argument(add)

    ls = sub.add_parser("list", help="list the notes of a document (orphaned anchors included)")
    add_sources(ls)
    ls.add_argument("--format", choices=("text", "json"), default="text")
    add_db_argument(ls)

    ex = sub.add_parser("export", help="export notes (and decisions, in w3c) of a document")
    add_sources(ex)
    ex.add_argument("--format", choices=("w3c", "json", "csv"), required=True)
    ex.add_argument("-o", "--output", metavar="FILE", default="-", help="file to write (default: stdout)")
    add_db_argument(ex)

    im = sub.add_parser("import", help="import notes from a w3c or json export")
    add_sources(im)
    im.add_argument("file", metavar="FILE")
    add_db_argument(im)

    ed = sub.add_parser("edit", help="change a note's body or tags (conflict if changed since --version)")
    add_sources(ed)
    ed.add_argument("id", metavar="ID", help="note id (or its first 8 characters)")
    ed.add_argument("--body", metavar="MARKDOWN")
    ed.add_argument("--tag", metavar="T", action="append", help="replace the tags (repeatable)")
    ed.add_argument("--author", metavar="NAME", default=default_author())
    ed.add_argument(
        "--version", metavar="N", type=int, help="the version you read (notes list --format json)"
    )
    add_db_argument(ed)

    for action, text in (("resolve", "mark resolved"), ("reopen", "mark open again"), ("delete", "delete")):
        p = sub.add_parser(action, help=f"{text} a note")
        add_sources(p)
        p.add_argument("id", metavar="ID", help="note id (or its first 8 characters)")
        p.add_argument("--author", metavar="NAME", default=default_author())
        add_db_argument(p)

    hist = sub.add_parser("history", help="the audit log of a document, or of one note")
    add_sources(hist)
    hist.add_argument("id", metavar="ID", nargs="?")
    add_db_argument(hist)


def run(args: argparse.Namespace) -> int:
    document = load_document(args.source, args.new_source)
    store = open_store(args.db)
    try:
        return ACTIONS[args.action](args, document, store)
    finally:
        store.close()


# ---------------------------------------------------------------- actions


def _add(args: argparse.Namespace, document: Document, store: ReviewStore) -> int:
    pair = None
    side: Side
    if args.pair is not None:
        if args.provision or args.quote:
            raise ReviewError("--provision and --quote go with --old or --new, not with --pair")
        from diffing import compare

        comparison = compare(document)
        found = find_pair(comparison, args.pair)
        pair = pair_ref(comparison, found)
        side, eid = ("old", pair.old[0]) if pair.old else ("new", pair.new[0])
    else:
        side = "old" if args.old is not None else "new"
        eid, _ = find_article(document, side, args.old if args.old is not None else args.new)
        if args.provision:
            eid = find_provision(document, side, eid, args.provision)
    if args.reply_to:
        parent = _find_note(store, document, args.reply_to)
        args.reply_to = parent.id
    note = new_note(
        document,
        side=side,
        eid=eid,
        body=args.body,
        author=args.author,
        tags=tuple(args.tag),
        quote=args.quote,
        pair=pair,
        in_reply_to=args.reply_to,
    )
    print(store.save_annotation(note).id)
    return 0


def view_dict(v: NoteView) -> dict[str, Any]:
    n = v.note
    return {
        "id": n.id,
        "author": n.author,
        "body": n.body,
        "html": v.html,
        "status": n.status,
        "tags": list(n.tags),
        "anchor": v.anchor,
        "orphaned": v.orphaned,
        "anchor_status": v.resolution.status,
        "anchor_detail": v.resolution.detail,
        "side": n.target.side,
        "eid": v.eid,
        "was": n.target.location,
        "pair": None if n.pair is None else n.pair.label,
        "in_reply_to": n.in_reply_to,
        "created": n.created.isoformat(),
        "modified": n.modified.isoformat(),
        "modified_by": n.modified_by,
        "version": n.version,
    }


def _list(args: argparse.Namespace, document: Document, store: ReviewStore) -> int:
    views = note_views(store, document)
    if args.format == "json":
        print(json.dumps([view_dict(v) for v in views], ensure_ascii=False, indent=2))
        return 0
    if not views:
        print(f"no notes on {document.name} in {store.url}")
        return 0
    for v in views:
        n = v.note
        flags = [n.status, *(f"#{t}" for t in n.tags)]
        if v.orphaned:
            flags.insert(0, "ORPHANED")
        elif v.resolution.status != "exact":
            flags.insert(0, v.resolution.status)
        reply = f" (reply to {n.in_reply_to[:8]})" if n.in_reply_to else ""
        print(f"{n.id[:8]}  {v.anchor}  {n.author} {n.modified:%Y-%m-%d %H:%M}  [{', '.join(flags)}]{reply}")
        for line in n.body.splitlines() or [""]:
            print(f"          {line}")
    orphans = sum(v.orphaned for v in views)
    print(f"\n{len(views)} notes, {orphans} orphaned")
    return 0


CSV_FIELDS = ("id", "created", "author", "anchor", "orphaned", "status", "tags", "in_reply_to", "body")


def _export(args: argparse.Namespace, document: Document, store: ReviewStore) -> int:
    from reports.safety import neutralise_cell

    notes = store.annotations(document.name, include_deleted=args.format == "w3c")
    if args.format == "w3c":
        data = export_jsonld(document_ref(document), notes, store.decisions(document.name))
        out = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "json":
        payload = {
            "document": document.name,
            "notes": [annotation_to_dict(n) for n in notes],
            "decisions": [decision_to_dict(d) for d in store.decisions(document.name)],
        }
        out = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    else:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(CSV_FIELDS)
        for v in note_views(store, document):
            n = v.note
            row = [n.id, n.created.isoformat(), n.author, v.anchor, v.orphaned, n.status, " ".join(n.tags)]
            w.writerow([neutralise_cell(str(x)) for x in [*row, n.in_reply_to or "", n.body]])
        out = "\ufeff" + buf.getvalue()
    write_output(args.output, out.encode("utf-8"))
    return 0


def write_output(target: str, data: bytes) -> None:
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from reports.safety import write_atomic

    try:
        write_atomic(target, data)
    except OSError as exc:
        raise ReviewError(f"cannot write {target}: {exc.strerror or exc}") from None


def _read_import(path: str) -> object:
    p = Path(path)
    try:
        if p.stat().st_size > MAX_IMPORT_BYTES:
            raise ReviewError(f"{path}: larger than {MAX_IMPORT_BYTES // 2**20} MiB")
        return json.loads(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ReviewError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReviewError(f"{path}: is a directory") from None
    except UnicodeDecodeError:
        raise ReviewError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ReviewError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None


def parse_import(data: object, document: Document) -> tuple[tuple[Annotation, ...], tuple[Decision, ...]]:
    """Notes and decisions from our json export or a W3C collection."""
    if isinstance(data, dict) and "notes" in data:
        notes = data.get("notes")
        decisions = data.get("decisions", [])
        if not isinstance(notes, list) or not isinstance(decisions, list):
            raise ReviewError("the json export must have lists 'notes' and 'decisions'")
        return (
            tuple(replace(annotation_from_dict(n), document=document.name) for n in notes),
            tuple(replace(decision_from_dict(d), document=document.name) for d in decisions),
        )
    return import_jsonld(data, document_ref(document))


def _import(args: argparse.Namespace, document: Document, store: ReviewStore) -> int:
    notes, decisions = parse_import(_read_import(args.file), document)
    known = {d.id for d in store.decisions(document.name)}
    before = {n.id: n for n in store.annotations(document.name, include_deleted=True)}
    new_notes = sum(1 for n in notes if n.id not in before)
    for n in notes:
        store.save_annotation(n, imported=True)
    fresh = [d for d in decisions if d.id not in known]
    for d in fresh:
        store.record_decision(d)
    print(
        f"imported {new_notes} notes and {len(fresh)} decisions into {store.url} "
        f"({len(notes) - new_notes + len(decisions) - len(fresh)} already there)"
    )
    return 0


def _find_note(store: ReviewStore, document: Document, ref: str) -> Annotation:
    ref = ref.strip().lower()
    found = [n for n in store.annotations(document.name, include_deleted=True) if n.id.startswith(ref)]
    if len(ref) < 8 or not found:
        raise ReviewError(f"{document.name} has no note {ref!r} (give its id or first 8 characters)")
    if len(found) > 1:
        raise ReviewError(f"{ref!r} names {len(found)} notes: give more of the id")
    return found[0]


def _set_state(args: argparse.Namespace, document: Document, store: ReviewStore) -> int:
    if not args.author:
        raise ReviewError("say who you are: --author NAME")
    note = _find_note(store, document, args.id)
    if args.action == "delete":
        store.delete_annotation(note.id, by=args.author, version=note.version)
    else:
        status = "resolved" if args.action == "resolve" else "open"
        store.save_annotation(note.edited(by=args.author, status=status))
    print(f"{note.id[:8]} {args.action}d" if args.action != "reopen" else f"{note.id[:8]} reopened")
    return 0


def _edit(args: argparse.Namespace, document: Document, store: ReviewStore) -> int:
    if not args.author:
        raise ReviewError("say who you are: --author NAME")
    note = _find_note(store, document, args.id)
    changes: dict[str, object] = {}
    if args.body is not None:
        if not args.body.strip():
            raise ReviewError("a note needs a body (--body MARKDOWN)")
        changes["body"] = args.body
    if args.tag is not None:
        changes["tags"] = tuple(dict.fromkeys(t.strip() for t in args.tag if t.strip()))
    if not changes:
        raise ReviewError("nothing to change: give --body or --tag")
    read = note if args.version is None else replace(note, version=args.version)
    saved = store.save_annotation(read.edited(by=args.author, **changes))
    print(f"{saved.id[:8]} now version {saved.version}")
    return 0


def _history(args: argparse.Namespace, document: Document, store: ReviewStore) -> int:
    note_id = _find_note(store, document, args.id).id if args.id else None
    for e in store.history(document.name, note=note_id):
        what = (e.after or e.before or {}).get("body") or (e.after or {}).get("verdict") or ""
        change = ""
        if e.before and e.after and e.before.get("body") != e.after.get("body"):
            change = f"  body: {str(e.before.get('body'))[:40]!r} -> {str(e.after.get('body'))[:40]!r}"
        print(
            f"{e.at:%Y-%m-%d %H:%M:%S}  {e.actor:<12} {e.action:<7} {e.subject} {e.subject_id[:8]}  "
            f"{str(what)[:50]!r}{change}"
        )
    return 0


ACTIONS = {
    "add": _add,
    "list": _list,
    "export": _export,
    "import": _import,
    "edit": _edit,
    "resolve": _set_state,
    "reopen": _set_state,
    "delete": _set_state,
    "history": _history,
}
