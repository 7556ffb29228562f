"""Version labels: from the text's own metadata, else (for a file pair) from the file names."""

from __future__ import annotations

from corpus import read_sources
from corpus.model import SourceText

BODY = "Article 1 (Purpose)\nThe purpose of this Act is to promote widgets.\n"
IN_FORCE = "This Act shall enter into force on the date of its promulgation.\n"


def test_file_pair_without_metadata_names_each_version_by_its_file() -> None:
    doc = read_sources(
        "pair", (SourceText(name="draft-2023.txt", text=BODY), SourceText(name="draft-2024.txt", text=BODY))
    )
    assert doc.old.label.endswith(": draft-2023.txt")
    assert doc.new.label.endswith(": draft-2024.txt")


def test_labels_from_addenda_metadata_are_kept_as_they_are() -> None:
    old = BODY + "ADDENDA <Act No. 100, Jan. 2, 2020>\n" + IN_FORCE
    new = BODY + "ADDENDA <Act No. 200, Mar. 4, 2021>\n" + IN_FORCE
    doc = read_sources("pair", (SourceText(name="a.txt", text=old), SourceText(name="b.txt", text=new)))
    assert doc.old.label == "Act No. 100 (2020-01-02)"
    assert doc.new.label == "Act No. 200 (2021-03-04)"
