"""End to end in a real Chromium: deep link to a pair, literal notes, <del>/<ins>, uploading an old/new pair.

Uses Debian's /usr/bin/chromium through Playwright (never ``playwright
install``).  Skipped when that browser is missing, unless
``ORDIFF_REQUIRE_BROWSER=1``.  Screenshots go to ``tests/artifacts/`` (or ``$ORDIFF_SHOTS``).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("ORDIFF_SHOTS") or ROOT / "tests" / "artifacts")  # screenshots
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ACT = ROOT / "corpus" / "data" / "kr-ai-framework-act"

pytestmark = pytest.mark.browser


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("ORDIFF_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{CHROMIUM} is missing and ORDIFF_REQUIRE_BROWSER=1")
    pytest.skip(
        f"{CHROMIUM} is missing (apt-get install chromium fonts-nanum); set ORDIFF_REQUIRE_BROWSER=1 to fail"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy at {url} within {timeout:.0f} s")


@pytest.fixture(scope="module")
def review_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The app server's own review database (never the user's)."""
    return f"sqlite:///{tmp_path_factory.mktemp('review') / 'review.db'}"


@pytest.fixture(scope="module")
def app_url(review_db: str) -> Iterator[str]:
    _require_browser()
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT,
        env={**os.environ, "ORDIFF_DB": review_db},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _settled(page) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)


def _shot(page, name: str, focus=None) -> None:
    """A viewport screenshot once lazy widgets have drawn; ``focus`` is scrolled to the top."""
    from playwright.sync_api import expect

    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=30_000)
    page.wait_for_timeout(300)
    if focus is not None:
        focus.evaluate("e => { e.style.scrollMarginTop = '4rem'; e.scrollIntoView({block: 'start'}); }")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_deep_link_shows_literal_note_and_marked_changes(app_url, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{app_url}/?doc=seoul-informatization&old=7")
    table = page.locator("table.od-compare").first
    expect(table).to_be_visible(timeout=60_000)
    _settled(page)
    expect(table.locator("caption")).to_contain_text("Old Article 7 + 8 →")  # old 8 merged into new 7
    expect(page.get_by_text("<Amended by Ordinance No. 6487, May 18, 2017>").first).to_be_visible()
    assert table.locator("del").count() > 0
    assert table.locator("ins").count() > 0
    expect(page).to_have_url(re.compile(r"\?doc=seoul-informatization&pair=7(%2B|\+)8(%3E|>)7$"))
    _shot(page, "top-1280.png")
    _shot(page, "pair-old7-1280.png", table)

    page.set_viewport_size({"width": 480, "height": 900})
    expect(table).to_be_visible()
    _shot(page, "pair-old7-narrow.png", table)
    page.close()


def test_digital_divide_acceptance_path(app_url, browser):
    """A new user searches "digital divide": old 34 opens on new 20 with its 2013 amendment note."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(app_url)
    table = page.locator("table.od-compare").first
    expect(table).to_be_visible(timeout=60_000)
    _settled(page)
    search = page.get_by_role("textbox", name="Search or go to article")
    search.fill("digital divide")
    search.press("Enter")
    expect(table.locator("caption")).to_contain_text("Old Article 34 → new Article 20", timeout=60_000)
    expect(page.get_by_text("<Amended by Ordinance No. 5527, Aug. 1, 2013>").first).to_be_visible()
    _settled(page)
    expect(page).to_have_url(re.compile(r"[?&]pair=34(%3E|>)20(&|$)"))
    _shot(page, "pair-old34-1280.png", table)
    page.close()


def test_selecting_a_table_row_opens_that_pair(app_url, browser):
    """Row selection in the overview table (canvas grid: AppTest cannot click it)."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{app_url}/?doc=seoul-informatization&old=1")
    caption = page.locator("table.od-compare caption").first
    expect(caption).to_contain_text("Old Article 1 →", timeout=60_000)
    _settled(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    expect(grid).to_be_visible()
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=30_000)
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # the grid is a canvas: let it draw before clicking
    for _attempt in range(3):
        box = grid.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 16, box["y"] + 35 + 35 * 2 + 17)  # the checkbox of the third row
        try:
            expect(caption).not_to_contain_text("Old Article 1 →", timeout=10_000)
            break
        except AssertionError:
            continue
    expect(caption).not_to_contain_text("Old Article 1 →")
    expect(page).not_to_have_url(re.compile(r"[?&]pair=1(%3E|>)1(&|$)"))  # the URL follows the selection
    page.close()


def test_report_download_in_the_browser(app_url, browser, tmp_path):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page.goto(f"{app_url}/?doc=seoul-informatization&old=34")
    expect(page.locator("table.od-compare").first).to_be_visible(timeout=60_000)
    _settled(page)
    page.get_by_text("Download a report").click()
    button = page.get_by_role("button", name="CSV", exact=True)
    expect(button).to_be_visible(timeout=30_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.name == "seoul-informatization-all.csv"
    text = target.read_text(encoding="utf-8-sig")
    assert text.startswith("old_article,") and "Promotion of Narrowing of Digital Divide" in text
    page.close()


def test_timeline_and_addenda_pages(app_url, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{app_url}/?doc=seoul-informatization&view=timeline")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    expect(chart).to_be_visible(timeout=60_000)
    _settled(page)
    _shot(page, "timeline-1280.png", chart)
    page.locator('[data-testid="stRadio"] label').get_by_text("Contents", exact=True).click()
    entry = page.get_by_role("button", name="Article 34 (Promotion of Narrowing of Digital Divide)")
    expect(entry).to_be_visible(timeout=30_000)
    _settled(page)
    _shot(page, "contents-1280.png")
    page.evaluate("window.__odSamePage = true")  # gone if the click reloaded the page
    started = time.perf_counter()
    entry.click()
    expect(page.locator("table.od-compare caption").first).to_contain_text(
        "Old Article 34 → new Article 20", timeout=60_000
    )
    print(f"Contents click to visible pair: {time.perf_counter() - started:.2f} s")
    assert page.evaluate("window.__odSamePage === true"), "the Contents click reloaded the page"
    _settled(page)
    expect(page).to_have_url(re.compile(r"[?&]pair=34%3E20(&|$)"))
    page.get_by_text("Addenda", exact=True).click()
    expect(page.get_by_text("ADDENDA <Ordinance No. 5527, Aug.1, 2013>").first).to_be_visible(timeout=30_000)
    _settled(page)
    expect(page).to_have_url(re.compile(r"[?&]view=addenda(&|$)"))
    _shot(page, "addenda-1280.png")
    page.close()


def test_upload_old_and_new_act(app_url, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{app_url}/?doc=upload")
    _settled(page)
    page.get_by_text("An old and a new file").click()
    uploaders = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    expect(uploaders).to_have_count(2, timeout=30_000)
    uploaders.nth(0).set_input_files(str(ACT / "old.txt"))
    expect(page.get_by_text("old.txt").first).to_be_visible(timeout=30_000)
    uploaders.nth(1).set_input_files(str(ACT / "new.txt"))
    expect(page.get_by_text("new.txt").first).to_be_visible(timeout=30_000)
    table = page.locator("table.od-compare").first
    expect(table).to_be_visible(timeout=120_000)
    expect(
        page.get_by_text("FRAMEWORK ACT ON THE DEVELOPMENT OF ARTIFICIAL INTELLIGENCE").first
    ).to_be_visible()
    _settled(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "upload-act-1280.png", table)
    page.close()


XSS = (
    "Sector plans: see **new Article 12**. <script>window.__xss = 1</script> "
    '[click](javascript:window.__xss=2) <img src=x onerror="window.__xss=3">'
)


def _pick(page, label: str, option: str) -> None:
    """Choose ``option`` in the Streamlit selectbox or multiselect labelled ``label``."""
    box = page.get_by_label(label, exact=True)
    box.click()
    page.keyboard.type(option)
    page.get_by_role("listbox").get_by_text(option, exact=True).first.click()
    _settled(page)


def test_acceptance_walk_note_and_link_survive_a_new_browser_context(app_url, browser):
    """Issue 9: a note on old Article 16 and a link old 16 -> new 12 with a reason, seen from a fresh
    context; the note's <script>, javascript: link and <img onerror> never run."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{app_url}/?doc=seoul-informatization&old=16")
    caption = page.locator("table.od-compare caption").first
    expect(caption).to_contain_text("Old Article 16 →", timeout=60_000)
    _settled(page)
    name = page.get_by_label("Analyst", exact=True).and_(page.locator("input"))
    name.fill("Kim")
    name.press("Enter")
    _settled(page)
    page.get_by_text("Review and notes").click()
    _pick(page, "Note on", "Old Article 16 (the article)")
    body = page.get_by_label("Note (Markdown)")
    body.fill(XSS)
    body.press("Control+Enter")
    _settled(page)
    expect(page.locator(".od-anno").first).to_contain_text("Sector plans")  # the preview
    page.get_by_role("button", name="Add note").click()
    note = page.locator("tr.od-notes-row .od-anno").first
    expect(note).to_contain_text("Sector plans: see new Article 12.", timeout=30_000)
    expect(note.locator("strong", has_text="new Article 12")).to_have_count(1)
    expect(note).to_contain_text("<script>window.__xss = 1</script>")  # shown as text
    assert note.locator("script, img").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    _settled(page)
    _shot(page, "workspace-note-1280.png", page.locator("table.od-compare").first)

    _pick(page, "Old article(s)", "Old Article 16 (Promotion of Informatization by Field)")
    page.keyboard.press("Escape")
    _pick(page, "New article(s)", "New Article 12 (Policy Promotion by Area)")
    page.keyboard.press("Escape")
    reason = page.get_by_label("Reason for the link")
    reason.fill("the sector plans moved to new Article 12")
    reason.press("Enter")
    _settled(page)
    page.get_by_role("button", name="Link", exact=True).click()
    expect(caption).to_contain_text("Old Article 16 → new Article 12", timeout=30_000)
    _settled(page)
    _shot(page, "workspace-linked-1280.png", page.get_by_text("Review and notes"))
    assert page.evaluate("window.__xss") is None and not dialogs
    context.close()

    fresh = browser.new_context(viewport={"width": 1280, "height": 800})
    page = fresh.new_page()
    page.goto(f"{app_url}/?doc=seoul-informatization&old=16")
    caption = page.locator("table.od-compare caption").first
    expect(caption).to_contain_text("Old Article 16 → new Article 12", timeout=60_000)
    _settled(page)
    expect(page.locator(".od-review-line").first).to_contain_text("review: linked")
    expect(page.locator(".od-review-line").first).to_contain_text("the sector plans moved to new Article 12")
    expect(page.locator("tr.od-notes-row .od-anno").first).to_contain_text(
        "Sector plans: see new Article 12."
    )
    assert page.evaluate("window.__xss") is None
    page.get_by_text("Notes", exact=True).click()
    expect(page.locator(".od-anno").first).to_contain_text("Sector plans", timeout=30_000)
    _settled(page)
    _shot(page, "notes-view-1280.png")
    page.get_by_text("Analysis", exact=True).click()
    expect(page.get_by_text("Systematic substitutions")).to_be_visible(timeout=30_000)
    _settled(page)
    _shot(page, "analysis-view-1280.png")
    fresh.close()


CONTRAST_JS = """
(selector) => {
  const rgba = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, base) => [0, 1, 2].map((i) => top[i] * top[3] + base[i] * (1 - top[3]));
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let base = [255, 255, 255];
    for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base);
    return base;
  };
  return Array.from(document.querySelectorAll(selector)).slice(0, 25).map((e) => {
    const bg = background(e);
    return { fg: over(rgba(getComputedStyle(e).color), bg), bg };
  });
}
"""


def _luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(fg: list[float], bg: list[float]) -> float:
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_change_cues_meet_wcag_aa_in_both_themes(app_url, browser, review_db, scheme):
    """Deleted, inserted, searched-for words, table headers and analyst notes: text contrast >= 4.5:1."""
    from playwright.sync_api import expect

    from corpus import load_document
    from review.store import open_store
    from review.workspace import new_note

    document = load_document("seoul-informatization")
    store = open_store(review_db)
    if not any(n.body.startswith("Contrast check") for n in store.annotations(document.name)):
        store.save_annotation(
            new_note(document, side="old", eid="art_7", body="Contrast check: *committee*", author="Kim")
        )
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{app_url}/?doc=seoul-informatization&pair=7%2B8%3E7&q=committee")
    table = page.locator("table.od-compare").first
    expect(table).to_be_visible(timeout=60_000)
    _settled(page)
    app_bg = page.evaluate("getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor")
    dark = _luminance([float(x) for x in re.findall(r"[\d.]+", app_bg)[:3]]) < 0.2
    assert dark == (scheme == "dark"), f"the app did not follow the {scheme} system setting ({app_bg})"
    checked = 0
    for selector in (
        "table.od-compare del",
        "table.od-compare ins",
        "table.od-compare mark",
        "table.od-compare thead th",
        ".od-anno .od-anno-body p",
        ".od-cue",
    ):
        found = page.evaluate(CONTRAST_JS, selector)
        assert found, f"nothing matched {selector}"
        for item in found:
            ratio = _contrast(item["fg"], item["bg"])
            assert ratio >= 4.5, (scheme, selector, item, round(ratio, 2))
            checked += 1
    assert checked >= 6
    assert page.locator("text=Deploy").count() == 0  # toolbarMode = "viewer"
    _shot(page, f"theme-{scheme}-1280.png", table)
    context.close()


def test_a_copied_pair_link_reopens_that_pair_and_the_filtered_set_exports_as_shown(
    app_url, browser, tmp_path
):
    """Issue 11: old Article 7 is in 7+8>7 and 7+9+12+13>8; the copied link of the second reopens it in a
    fresh context.  Then "digital divide" + "deleted" shows N pairs and the export of that set holds N."""
    import csv
    import io

    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{app_url}/?doc=seoul-informatization&old=7")
    caption = page.locator("table.od-compare caption").first
    expect(caption).to_contain_text("Old Article 7 + 8 → new Article 7", timeout=60_000)
    _settled(page)
    expect(page.get_by_text("Old Article 7 is in 2 pairs: 7 + 8 → 7; 7 + 9 + 12 + 13 → 8.")).to_be_visible()
    page.get_by_role("button", name="Open 7 + 9 + 12 + 13 → 8").click()
    expect(caption).to_contain_text("Old Article 7 + 9 + 12 + 13 → new Article 8", timeout=30_000)
    _settled(page)
    page.get_by_role("button", name="Copy a link to this pair").click()
    code = page.locator('[data-testid="stPopoverBody"] code, [data-testid="stPopover"] code').first
    expect(code).to_contain_text("pair=7%2B9%2B12%2B13%3E8", timeout=30_000)
    link = code.inner_text().strip()
    assert link.startswith(app_url)
    page.close()

    fresh = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = fresh.new_page()
    page.goto(link)
    caption = page.locator("table.od-compare caption").first
    expect(caption).to_contain_text("Old Article 7 + 9 + 12 + 13 → new Article 8", timeout=60_000)
    _settled(page)
    assert "7+9+12+13>8" in page.title()

    search = page.get_by_role("textbox", name="Search or go to article")
    search.fill("digital divide")
    search.press("Enter")
    counter = page.get_by_text(re.compile(r"^\d+ of \d+ pairs shown"))
    expect(counter).not_to_have_text(re.compile(r"^(\d+) of \1 pairs"), timeout=30_000)  # search applied
    _settled(page)
    searched = counter.inner_text()
    page.get_by_role("button", name=re.compile(r"^\d+ deleted$")).click()
    expect(counter).not_to_have_text(searched, timeout=30_000)  # and the kind
    _settled(page)
    shown = int(counter.inner_text().split()[0])
    assert 0 < shown < int(searched.split()[0])
    page.get_by_text("Download a report").click()
    page.get_by_text(re.compile(r"^The pairs shown in the table")).click()
    expect(page.get_by_role("radio", name=re.compile(r"^The pairs shown in the table"))).to_be_checked()
    page.wait_for_timeout(500)  # the rerun redraws the buttons with the new scope: click the new one
    _settled(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="CSV", exact=True).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.name == f"seoul-informatization-{shown}-pairs-shown.csv"
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert len(rows) == shown and {r["change"] for r in rows} == {"deleted"}
    _shot(page, "filtered-export-1280.png")
    fresh.close()
