"""Suite-wide isolation: no test reads or writes the developer's own review database.

``ordiff align`` (and the app, and reports) apply the decisions of the review database named by
``$ORDIFF_DB`` or kept in the user data folder; the suite runs with neither, so outputs do not depend
on what an analyst stored on this machine.  A test that wants a database names one (``--db``, or
``monkeypatch.setenv("ORDIFF_DB", ...)``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _no_personal_review_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("ORDIFF_DB", raising=False)
        data: Path = tmp_path_factory.mktemp("user-data")
        mp.setenv("XDG_DATA_HOME", str(data))
        yield
