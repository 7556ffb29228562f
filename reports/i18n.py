"""The reports' one message catalogue: every label a report prints, in English or Korean.

Labels are written in English in the renderers as message ids (``report.t("Current")``) and translated
through a gettext catalogue, ``reports/locale/<lang>/LC_MESSAGES/ordiff.po``, read with Babel (so the
``.po`` file is the single source: no compiled ``.mo`` is kept beside it).  English is the message ids
themselves.  Placeholders are ``str.format`` names: ``t("{count} pair(s)", count=3)``.

:func:`document_language` picks a report's default language from the document's own text, and
:func:`printed_heading` names an article as the document prints it (``제5조의2(정보화계획의 반영)``).
``korean_label`` is re-exported from ``corpus.model`` (the reader's rule).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Literal

from corpus.model import Article, Document, korean_label, labelled_heading

__all__ = ["LANGUAGES", "Lang", "document_language", "korean_label", "printed_heading", "translator"]

Lang = Literal["en", "ko"]
LANGUAGES: tuple[Lang, ...] = ("en", "ko")
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "ordiff"

Translate = Callable[..., str]


@cache
def _catalogue(lang: str) -> dict[str, str]:
    """msgid -> msgstr of one language (empty translations left out, so they fall back to English)."""
    if lang == "en":
        return {}
    from babel.messages.pofile import read_po

    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as f:
        catalogue = read_po(f, locale=lang, domain=DOMAIN)
    return {str(m.id): str(m.string) for m in catalogue if m.id and m.string}


def translator(lang: str) -> Translate:
    """``t(msgid, **values)``: the message in ``lang``, with its placeholders filled."""
    if lang not in LANGUAGES:
        from reports.content import ReportError

        raise ReportError(f"unknown report language {lang!r} (known: {', '.join(LANGUAGES)})")
    messages = _catalogue(lang)

    def t(msgid: str, **values: object) -> str:
        text = messages.get(msgid, msgid)
        return text.format(**values) if values else text

    return t


# ---------------------------------------------------------------- the document's language

_HANGUL = re.compile(r"""[\uac00-\ud7a3]""", re.VERBOSE)  # precomposed Hangul syllables
_LETTER = re.compile(r"""[^\W\d_]""", re.VERBOSE)  # any letter of any script


def document_language(document: Document) -> Lang:
    """``"ko"`` when most letters of the document's articles are Hangul, else ``"en"``."""
    sample = "".join(a.title + a.text[:400] for v in document.versions for a in v.articles[:60])
    letters = len(_LETTER.findall(sample))
    return "ko" if letters and len(_HANGUL.findall(sample)) * 2 > letters else "en"


def printed_heading(article: Article, style: Lang) -> str:
    """The article's number and title as the document prints them (``Article.styled_heading``).

    An article built without its printed label (a hand-made model) gets the Korean label built from
    its number in a Korean document, else the English heading ``Article 5-2 (Title)``.  The one place a
    report names an article as printed.
    """
    if article.label:
        return article.styled_heading
    if style == "ko":
        return labelled_heading(korean_label(article.number), article.title)
    return article.heading
