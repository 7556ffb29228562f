"""PDF through Debian's Chromium: the report HTML printed by a headless browser kept running.

Chose Chromium over WeasyPrint: a 300-row two-column table prints in about
2.4 s including browser launch, against about 16 s in WeasyPrint, and it is a
maintained engine that honours the print CSS (``@page { size: A4 landscape }``,
repeated ``<thead>``).  The browser is found through ``$ORDIFF_CHROMIUM``,
``/usr/bin/chromium`` or ``chromium`` / ``chromium-browser`` / ``google-chrome``
on PATH; without one, :class:`ReportError` says so.

How it prints:

* One browser per process, started on the first PDF and kept for the next
  ones (a batch of PDFs launches it once).  It is driven over the DevTools
  protocol on a pipe (``--remote-debugging-pipe``: JSON messages ending in a
  NUL byte on file descriptors 3 and 4), so no port is opened.
* The browser runs in its own process group (``start_new_session``).  It is
  ended at exit, and on SIGTERM / SIGINT before the signal does what it did
  before; its temporary directory (``ordiff-pdf-*`` in the temporary
  directory, holding the page and the profile) goes with it.  A run killed
  with SIGKILL leaves them: the next PDF export removes such directories of
  this user whose recorded process is gone (and ends their browser, found by
  the directory's own path on its command line).
* A large report (more than ``CHUNK_SECTIONS`` pairs) is cut into chunks
  between pairs (the detailed profile's sections, the council table's
  per-pair ``<tbody>``; each council chunk repeats the table's header row),
  printed by up to ``PARALLEL`` browsers at once (layout and the tagged PDF
  are single-threaded per page) and merged with pypdf, which then stamps
  "Page i of N" ("i / N" in Korean) on every page (each chunk would count its
  pages from 1).  A chunk starts on a new page, so the merged PDF differs
  from one print only in where its pages break.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import json
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from reports.content import ReportError
from reports.html import COUNCIL_END, COUNCIL_PAIR

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_S = 180  # one print of one page (a chunk of a large report counts as one)
PARALLEL = os.cpu_count() or 1  # browsers printing chunks of one large PDF at once (a batch lowers it)
CHUNK_SECTIONS = 300  # pair sections per chunk: below about 3 s of layout, chunking does not pay
TEMP_PREFIX = "ordiff-pdf-"
SHORT_PATH = 40  # a browser directory up to this long also holds Chromium's own temporary files
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--remote-debugging-pipe",
)
PRINT_OPTIONS = {
    "preferCSSPageSize": True,
    "printBackground": False,
    "displayHeaderFooter": False,
    "transferMode": "ReturnAsStream",
}


def find_browser() -> str | None:
    """The Chromium executable to print with, or None."""
    configured = os.environ.get("ORDIFF_CHROMIUM")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


# ---------------------------------------------------------------- the browser


class Browser:
    """One headless Chromium in its own process group, printing pages sent over a DevTools pipe."""

    def __init__(self, executable: str) -> None:
        clean_stale_dirs()
        self.dir = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
        (self.dir / "owner.pid").write_text(str(os.getpid()))
        self.lock = threading.Lock()
        self._buffer = b""
        self._next_id = 0
        to_child, self._write_fd = os.pipe()
        self._read_fd, from_child = os.pipe()
        # the child's stdin / stdout become its DevTools fds 3 / 4 (``sh`` keeps fd numbers below 10)
        cmd = [
            "/bin/sh",
            "-c",
            'exec 3<&0 4>&1 0</dev/null 1>/dev/null; exec "$@"',
            "sh",
            executable,
            *FLAGS,
            f"--user-data-dir={self.dir / 'profile'}",
        ]
        try:
            self.process = subprocess.Popen(
                cmd,
                stdin=to_child,
                stdout=from_child,
                stderr=open(self.dir / "browser.log", "wb"),  # noqa: SIM115 (the child owns it)
                start_new_session=True,
                env=self._environment(),
            )
        except OSError as exc:
            self._close_fds()
            shutil.rmtree(self.dir, ignore_errors=True)
            raise ReportError(f"PDF export: cannot run {executable} ({exc.strerror})") from None
        finally:
            os.close(to_child)
            os.close(from_child)
        (self.dir / "browser.pgid").write_text(str(self.process.pid))
        _LIVE.add(self)
        try:
            self._call("Browser.getVersion", timeout=30)
        except ReportError:
            self.close()
            raise

    def _environment(self) -> dict[str, str]:
        """Chromium's own temporary files (shared memory without /dev/shm) go in our directory too, so
        they go with it; not when its path is long, as Chromium's sockets there would pass the 107-byte
        limit of a socket path and the browser would not start."""
        if len(str(self.dir)) > SHORT_PATH:
            return dict(os.environ)
        return {**os.environ, "TMPDIR": str(self.dir)}

    # -- protocol

    def _send(self, method: str, params: dict[str, Any] | None, session: str | None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self._write_fd, data) :]
        except OSError:
            raise ReportError(f"PDF export: Chromium stopped ({self._last_log_line()})") from None
        return self._next_id

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ReportError(f"PDF export: Chromium did not finish within {TIMEOUT_S} s")
            ready, _, _ = select.select([self._read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._read_fd, 1 << 20)
            if not chunk:
                raise ReportError(f"PDF export: Chromium stopped ({self._last_log_line()})")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return dict(json.loads(message))

    def _call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        timeout: float = TIMEOUT_S,
        until: Callable[[dict[str, Any]], bool] | None = None,
    ) -> dict[str, Any]:
        """Send one command and return its result (after the event ``until`` accepts, if given)."""
        deadline = time.monotonic() + timeout
        wanted = self._send(method, params, session)
        result: dict[str, Any] | None = None
        waiting = until is not None
        while result is None or waiting:
            message = self._receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    detail = message["error"].get("message", "error")
                    raise ReportError(f"PDF export: Chromium refused {method} ({detail})")
                result = dict(message.get("result", {}))
            elif waiting and until is not None and until(message):
                waiting = False
        return result

    def _last_log_line(self) -> str:
        try:
            lines = (self.dir / "browser.log").read_text("utf-8", "replace").strip().splitlines()
        except OSError:
            lines = []
        code = self.process.poll()
        return lines[-1][:200] if lines else f"exit code {code}" if code is not None else "no answer"

    # -- printing

    def alive(self) -> bool:
        return self.process.poll() is None

    def print_pdf(self, html: bytes) -> bytes:
        """The PDF of one HTML page."""
        with self.lock:
            fd, name = tempfile.mkstemp(dir=self.dir, suffix=".html")
            with os.fdopen(fd, "wb") as fh:
                fh.write(html)
            page = Path(name)
            # a browser context of its own gives each print a fresh renderer: Chromium numbers the tagged
            # PDF's structure elements by the renderer's DOM node count, so a reused one would change them
            context = self._call("Target.createBrowserContext", {"disposeOnDetach": True})["browserContextId"]
            target = self._call("Target.createTarget", {"url": "about:blank", "browserContextId": context})[
                "targetId"
            ]
            try:
                session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})[
                    "sessionId"
                ]
                self._call("Page.enable", session=session)
                self._call(
                    "Page.navigate",
                    {"url": page.as_uri()},
                    session,
                    until=lambda m: (
                        m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session
                    ),
                )
                self._call(
                    "Runtime.evaluate", {"expression": "document.fonts.ready", "awaitPromise": True}, session
                )
                stream = self._call("Page.printToPDF", PRINT_OPTIONS, session)["stream"]
                parts = []
                while True:
                    piece = self._call("IO.read", {"handle": stream, "size": 1 << 22}, session)
                    data = piece.get("data", "")
                    parts.append(base64.b64decode(data) if piece.get("base64Encoded") else data.encode())
                    if piece.get("eof"):
                        break
                self._call("IO.close", {"handle": stream}, session)
            finally:
                if self.alive():
                    with contextlib.suppress(ReportError):
                        self._call("Target.closeTarget", {"targetId": target}, timeout=10)
                        self._call("Target.disposeBrowserContext", {"browserContextId": context}, timeout=10)
                page.unlink(missing_ok=True)
        pdf = b"".join(parts)
        if not pdf.startswith(b"%PDF-"):
            raise ReportError("PDF export: Chromium wrote no PDF")
        return stable_node_ids(pdf)

    # -- ending

    def close(self) -> None:
        """End the browser's whole process group and remove its directory (idempotent, signal-safe)."""
        _LIVE.discard(self)
        _end_group(self.process.pid, self.process)
        self._close_fds()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _close_fds(self) -> None:
        for attr in ("_read_fd", "_write_fd"):
            fd = getattr(self, attr, -1)
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
                setattr(self, attr, -1)


def _end_group(pgid: int, process: subprocess.Popen[bytes] | None = None) -> None:
    """SIGTERM the process group, SIGKILL it after a moment if anything is left."""
    with contextlib.suppress(OSError):
        os.killpg(pgid, signal.SIGTERM)
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline:
        if process is not None and process.poll() is None:
            time.sleep(0.02)
            continue
        try:
            os.killpg(pgid, 0)
        except OSError:
            return  # the group is empty
        time.sleep(0.02)
    with contextlib.suppress(OSError):
        os.killpg(pgid, signal.SIGKILL)
    if process is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=2)


_LIVE: set[Browser] = set()
_POOL: list[Browser] = []
_POOL_LOCK = threading.Lock()
_PREVIOUS: dict[int, Any] = {}


def close_browsers() -> None:
    """End every browser this process started (at exit, on SIGTERM / SIGINT, or when a caller wants)."""
    for browser in list(_LIVE):
        browser.close()
    _POOL.clear()


def _on_signal(signum: int, frame: Any) -> None:
    close_browsers()
    previous = _PREVIOUS.get(signum, signal.SIG_DFL)
    signal.signal(signum, previous)
    if callable(previous):
        previous(signum, frame)  # e.g. Python's own SIGINT handler: KeyboardInterrupt
    elif previous != signal.SIG_IGN:
        os.kill(os.getpid(), signum)  # the default action (end the process), as if we had not been here


_FINALIZER: list[object] = []


def _install_handlers() -> None:
    """End our browsers at exit and on SIGTERM / SIGINT, then do what the signal did before.

    ``atexit`` does not run in a multiprocessing child (a ``--jobs`` worker, a
    Dask worker process): it leaves through ``os._exit`` after running
    multiprocessing's own finalizers, so one is registered there too.  Signal
    handlers can only be set from the main thread (a Dask task runs in another).
    """
    if not _FINALIZER:
        import multiprocessing.util

        _FINALIZER.append(multiprocessing.util.Finalize(None, close_browsers, exitpriority=10))
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGTERM, signal.SIGINT):
        current = signal.getsignal(signum)
        if current is not _on_signal:
            _PREVIOUS[signum] = current
            signal.signal(signum, _on_signal)


atexit.register(close_browsers)


def _browsers(count: int) -> list[Browser]:
    """``count`` running browsers of this process (started on first use, restarted if one died)."""
    executable = find_browser()
    if executable is None:
        raise ReportError(
            "PDF export needs Chromium (apt-get install chromium fonts-nanum, or set ORDIFF_CHROMIUM "
            "to the browser executable); export HTML and print it instead"
        )
    with _POOL_LOCK:
        _install_handlers()
        for browser in [b for b in _POOL if not b.alive()]:
            _POOL.remove(browser)
            browser.close()
        missing = count - len(_POOL)
        if missing > 0:
            with ThreadPoolExecutor(missing) as pool:
                _POOL.extend(pool.map(lambda _: Browser(executable), range(missing)))
        return _POOL[:count]


# ---------------------------------------------------------------- stale directories


_TEMP_DIR_RE = re.compile(rf"""^{re.escape(TEMP_PREFIX)}(?P<random>[a-z0-9_]{{8}})$""", re.VERBOSE)
STALE_AFTER_S = 3600  # a directory without an owner file older than this belongs to a killed run


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def clean_stale_dirs(root: Path | None = None) -> list[Path]:
    """Remove ``ordiff-pdf-*`` directories of this user left by killed runs; end their browsers.

    A directory is stale when the process recorded in its ``owner.pid`` is gone
    (or, without that file, when it is older than ``STALE_AFTER_S``).  Only
    directories owned by this user and named as this module names them are
    touched; a browser is ended only if its command line names that directory.
    """
    base = root or Path(tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(os.scandir(base))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMP_DIR_RE.match(entry.name):
            continue
        path = Path(entry.path)
        try:
            st = entry.stat(follow_symlinks=False)
            if not entry.is_dir(follow_symlinks=False) or st.st_uid != os.getuid():
                continue
            owner = path / "owner.pid"
            if owner.exists():
                if _pid_alive(int(owner.read_text().strip() or 0)):
                    continue
            elif time.time() - st.st_mtime < STALE_AFTER_S:
                continue
            group = path / "browser.pgid"
            if group.exists():
                pgid = int(group.read_text().strip() or 0)
                if pgid > 1 and _names_dir(pgid, path):
                    _end_group(pgid)
        except (OSError, ValueError):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _names_dir(pgid: int, directory: Path) -> bool:
    """Whether a process of group ``pgid`` runs a browser on ``directory`` (not a reused id)."""
    needle = f"--user-data-dir={directory / 'profile'}".encode()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if os.getpgid(int(proc.name)) != pgid:
                continue
            if needle in (proc / "cmdline").read_bytes():
                return True
        except OSError:
            continue
    return False


# ---------------------------------------------------------------- printing reports


def html_to_pdf(html: bytes) -> bytes:
    """The PDF of one HTML page, printed by this process's browser."""
    return _browsers(1)[0].print_pdf(html)


# ``reports.html.render_html`` writes each pair of the detailed profile as ``\n<section class="pair"
# id="pair-N">`` between the head and ``\n<h2 id="addenda">``, and each pair of the council table as a
# ``<tbody class="pair">`` of that one table; document text is escaped there, so these strings only occur
# as markup.
SECTION_MARK = '\n<section class="pair" id="pair-'
ADDENDA_MARK = '\n<h2 id="addenda">'
COUNCIL_MARK = COUNCIL_PAIR
COUNCIL_TABLE_START = '<table class="council'
COUNCIL_TABLE_END = "</table>" + COUNCIL_END
NO_FOOTER_CSS = "@page { @bottom-right { content: none; } }"


def pair_units(html: str) -> int:
    """How many pair units (detailed sections or council table bodies) ``html`` can be cut between."""
    return max(html.count(SECTION_MARK), html.count(COUNCIL_MARK))


def split_html(html: str, chunks: int) -> list[str]:
    """``html`` cut between pairs into at most ``chunks`` pages (each a whole HTML document).

    Detailed profile: the first chunk keeps the front matter and concordance,
    the last the addenda.  Council profile: every chunk holds the comparison
    table's head and a run of its pair bodies; the first keeps the title
    block, the last what follows the table.  Every chunk has the same head
    (the print CSS) with the page footer turned off, as the merged PDF is
    numbered afterwards.
    """
    head_end = html.find("<body>")
    if chunks < 2 or head_end < 0:
        return [html]
    head = html[:head_end].replace("</style>", NO_FOOTER_CSS + "</style>", 1) + "<body>"
    body_start = head_end + len("<body>")
    if SECTION_MARK in html:
        first = html.find(SECTION_MARK)
        tail = html.rfind(ADDENDA_MARK)
        if tail < first:
            return [html]
        units, mark = html[first:tail].split(SECTION_MARK)[1:], SECTION_MARK
        lead, opener, closer, trail = html[body_start:first], "", "", html[tail:]
    else:
        table = html.find(COUNCIL_TABLE_START)
        first = html.find(COUNCIL_MARK, table)
        tail = html.find(COUNCIL_TABLE_END, first)
        if table < 0 or first < 0 or tail < 0:
            return [html]
        units, mark = html[first:tail].split(COUNCIL_MARK)[1:], COUNCIL_MARK
        lead, opener, closer = html[body_start:table], html[table:first], COUNCIL_TABLE_END
        trail = html[tail + len(COUNCIL_TABLE_END) :]  # the summary and appendices
    size = -(-len(units) // chunks)
    groups = [units[i : i + size] for i in range(0, len(units), size)]
    out = []
    for n, group in enumerate(groups):
        start = lead if n == 0 else ""
        end = trail if n == len(groups) - 1 else "</body></html>"
        out.append(head + start + opener + "".join(mark + u for u in group) + closer + end)
    return out


# Chromium stamps the PDF with the time it printed; a report says when it was generated instead, so its
# bytes do not depend on which worker printed it, or when (digits replaced in place: the same length).
PDF_DATE_RE = re.compile(
    rb"""
    (?P<key>/(?:CreationDate|ModDate)\s*\(D:)
    (?P<stamp>\d{14})                              # YYYYMMDDHHmmSS
    """,
    re.VERBOSE,
)


# The tagged PDF's structure elements carry ids of the browser's DOM nodes ("/ID (node00000026)"); the
# counter behind them runs across every page a browser process prints, so the same report printed after
# another one gets other numbers.  Ranked, they are the same whatever was printed before.
NODE_ID_RE = re.compile(rb"""node(?P<number>\d{8})(?=\))""", re.VERBOSE)


def stable_node_ids(pdf: bytes) -> bytes:
    """``pdf`` with its structure-element node ids renumbered 1, 2, ... in their numeric order.

    Order-preserving, so a sorted ``/IDTree`` stays sorted, and the same width, so every byte offset in
    the cross-reference table stays valid.
    """
    numbers = sorted({int(m["number"]) for m in NODE_ID_RE.finditer(pdf)})
    rank = {n: i for i, n in enumerate(numbers, start=1)}
    return NODE_ID_RE.sub(lambda m: b"node%08d" % rank[int(m["number"])], pdf)


def set_pdf_dates(pdf: bytes, stamp: str) -> bytes:
    """``pdf`` with its creation and modification dates set to ``stamp`` (14 digits, UTC)."""
    if not re.fullmatch(r"\d{14}", stamp):
        raise ValueError(f"not a YYYYMMDDHHmmSS stamp: {stamp!r}")
    return PDF_DATE_RE.sub(lambda m: m.group("key") + stamp.encode(), pdf)


def report_html_to_pdf(html: bytes, stamp: str | None = None) -> bytes:
    """The PDF of a report's HTML: one print, or chunks printed in parallel and merged when it is large.

    ``stamp`` (YYYYMMDDHHmmSS, UTC) becomes the PDF's creation date.
    """
    data = _report_pdf(html)
    return set_pdf_dates(data, stamp) if stamp else data


def _report_pdf(html: bytes) -> bytes:
    text = html.decode("utf-8")
    units = pair_units(text)
    chunks = min(max(1, PARALLEL), -(-units // CHUNK_SECTIONS)) if units else 1
    parts = split_html(text, chunks)
    if len(parts) == 1:
        return html_to_pdf(html)
    browsers = _browsers(len(parts))
    with ThreadPoolExecutor(len(parts)) as pool:
        pdfs = list(
            pool.map(lambda bp: bp[0].print_pdf(bp[1].encode("utf-8")), zip(browsers, parts, strict=True))
        )
    english = HTML_LANG_RE.search(text, 0, max(0, text.find("<head>")))
    return merge_numbered(pdfs, "Page {number} of {total}" if english else "{number} / {total}")


# the report's language, as ``reports.html`` writes it; its page footers read "Page 2 of 5" in English,
# "2 / 5" in any other language
HTML_LANG_RE = re.compile(r"""<html\ lang="(?P<lang>en)">""", re.VERBOSE)


# Helvetica widths (per 1000 em) of the characters of "Page 12 of 340", from the standard 14 fonts' AFM.
_HELVETICA = {**dict.fromkeys("0123456789", 556), "P": 667, "a": 556, "g": 556, "e": 556, "o": 556, "f": 278}
_HELVETICA[" "] = _HELVETICA["/"] = 278
FOOTER_PT = 8.0
FOOTER_RIGHT_PT = 12 * 72 / 25.4  # the print CSS's right margin (12 mm): the footer ends there
FOOTER_BASELINE_PT = 17.0  # inside the 14 mm bottom margin, where Chromium draws the @bottom-right box


def merge_numbered(pdfs: list[bytes], footer: str = "Page {number} of {total}") -> bytes:
    """One PDF of ``pdfs`` in order, each page stamped ``footer`` ("Page i of N") at the bottom right."""
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        TextStringObject,
    )

    writer = PdfWriter()
    readers = [PdfReader(io.BytesIO(data)) for data in pdfs]
    for reader in readers:
        writer.append(reader)
    # pypdf does not merge the chunks' structure trees (the merged PDF is untagged), but the document's
    # language stays declared
    lang = readers[0].root_object.get("/Lang") if readers else None
    if lang is not None:
        writer._root_object[NameObject("/Lang")] = TextStringObject(str(lang))
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    save = DecodedStreamObject()
    save.set_data(b"q\n")
    save_ref = writer._add_object(save)
    total = len(writer.pages)
    for number, page in enumerate(writer.pages, 1):
        text = footer.format(number=number, total=total)
        width = sum(_HELVETICA[c] for c in text) * FOOTER_PT / 1000
        x = float(page.mediabox.right) - FOOTER_RIGHT_PT - width
        stamp = DecodedStreamObject()
        at = f"{x:.2f} {FOOTER_BASELINE_PT:.2f}"
        stamp.set_data(f"Q q BT /OrdiffPg {FOOTER_PT:g} Tf 0.2 g {at} Td ({text}) Tj ET Q\n".encode())
        contents = page.get("/Contents")
        existing = (
            contents if isinstance(contents, ArrayObject) else [contents] if contents is not None else []
        )
        page[NameObject("/Contents")] = ArrayObject([save_ref, *existing, writer._add_object(stamp)])
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        page[NameObject("/Resources")] = resources
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else DictionaryObject()
        resources[NameObject("/Font")] = fonts
        fonts[NameObject("/OrdiffPg")] = font
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
