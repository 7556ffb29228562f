"""Suite-wide isolation: no test reads or writes the developer's own review database.

``ordiff align`` (and the app, and reports) apply the decisions of the review database named by
``$ORDIFF_DB`` or kept in the user data folder; the suite runs with neither, so outputs do not depend
on what an analyst stored on this machine.  A test that wants a database names one (``--db``, or
``monkeypatch.setenv("ORDIFF_DB", ...)``).  Also: no Hypothesis deadlines (see below).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check what the code does, not how fast: Hypothesis's per-example deadline (200 ms) only
# made them fail when the machine was busy.  Speed is measured by the benchmarks.
settings.register_profile("ordiff", deadline=None)
settings.load_profile("ordiff")


@pytest.fixture(autouse=True, scope="session")
def _no_personal_review_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("ORDIFF_DB", raising=False)
        data: Path = tmp_path_factory.mktemp("user-data")
        mp.setenv("XDG_DATA_HOME", str(data))
        yield
