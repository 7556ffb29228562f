"""Hand-written old/new texts with known substitutions, references and notes (for tests/test_analysis_*.py).

Each pair is described next to it: the expectations in the tests are read off these texts.
"""

from __future__ import annotations

from pathlib import Path

from corpus import load_document
from diffing import compare
from diffing.model import Comparison

# A board renamed: "Testing Board" -> "Evaluation Council" in Articles 1, 2 (1) and 2 (2) (three times),
# the short name "Board" -> "Council" in the title of Article 2 and in its definition (twice); Article 3
# still says "Testing Board" (a survivor).  Article 5 is deleted while Article 4 still cites it (dangling).
# Notes: 2 (2) changed without a note, 2 (3) has a note but did not change, the title of Article 2 changed
# without a title note, Article 6 carries a note dated 2030, after the new version (2021-06-01).
BOARD_OLD = """\
SAMPLE ACT ON TESTING
Partial Amendment No. 100, Jan. 1, 2020
Article 1 (Purpose) The purpose of this Act is to establish the Testing Board.
Article 2 (Board) (1) The Testing Board (hereinafter referred to as the "Board") shall be established under \
the Minister.
(2) The Testing Board shall consist of not more than 10 members.
(3) The members under paragraph (2) shall be appointed by the Minister.
Article 3 (Reports) The Testing Board shall report to the Minister under Article 2 (1).
Article 4 (Fees) Fees shall be paid as prescribed by Article 5.
Article 5 (Amount) The amount of fees shall be prescribed by Presidential Decree.
Article 6 (Penalty) A person who violates Article 4 shall be fined.
"""
BOARD_NEW = """\
SAMPLE ACT ON TESTING
Partial Amendment No. 200, Jun. 1, 2021
Article 1 (Purpose) The purpose of this Act is to establish the Evaluation Council. \
<Amended by Act No. 200, Jun. 1, 2021>
Article 2 (Council) (1) The Evaluation Council (hereinafter referred to as the "Council") shall be \
established under the Minister. <Amended by Act No. 200, Jun. 1, 2021>
(2) The Evaluation Council shall consist of not more than 10 members.
(3) The members under paragraph (2) shall be appointed by the Minister. <Amended by Act No. 200, Jun. 1, 2021>
Article 3 (Reports) The Testing Board shall report to the Minister under Article 2 (1).
Article 4 (Fees) Fees shall be paid as prescribed by Article 5.
Article 5 Deleted. <by Act No. 200, Jun. 1, 2021>
Article 6 (Penalty) A person who violates Article 4 shall be fined. <Amended by Act No. 300, Jan. 1, 2030>
"""

# A new Article 2 is inserted, so old 2, 3, 4 become 3, 4, 5.  New Article 4 updates its reference
# (Article 2 (1) -> Article 3 (1)); new Article 5 keeps "Article 3", which now names the fees article
# instead of the penalty article (re-pointed).  "paragraph (1)" inside the fees article moves with it.
LIBRARY_OLD = """\
SAMPLE ORDINANCE ON FEES
Partial Amendment No. 10, Jan. 1, 2020
Article 1 (Purpose) The purpose of this Ordinance is to prescribe fees for the use of public libraries.
Article 2 (Fees) (1) Users of public libraries shall pay an annual membership fee.
(2) The Mayor may reduce the fee under paragraph (1) for students and senior citizens.
Article 3 (Penalty) A person who fails to pay the fee under Article 2 (1) shall be refused entry to reading \
rooms.
Article 4 (Appeal) A person refused entry under Article 3 may appeal to the Mayor within thirty days.
"""
LIBRARY_NEW = """\
SAMPLE ORDINANCE ON FEES
Partial Amendment No. 20, Jun. 1, 2021
Article 1 (Purpose) The purpose of this Ordinance is to prescribe fees for the use of public libraries.
Article 2 (Registration) Every user shall register with a public library before borrowing books. \
<Newly Inserted by Ordinance No. 20, Jun. 1, 2021>
Article 3 (Fees) (1) Users of public libraries shall pay an annual membership fee.
(2) The Mayor may reduce the fee under paragraph (1) for students and senior citizens.
Article 4 (Penalty) A person who fails to pay the fee under Article 3 (1) shall be refused entry to reading \
rooms. <Amended by Ordinance No. 20, Jun. 1, 2021>
Article 5 (Appeal) A person refused entry under Article 3 may appeal to the Mayor within thirty days.
"""


def comparison_of(tmp_path: Path, old: str, new: str) -> Comparison:
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    return compare(load_document(str(tmp_path / "old.txt"), str(tmp_path / "new.txt")))
