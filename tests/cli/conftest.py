"""The command line's tests run on one date, so that their reports do not change with the day.

``clientbook check`` and ``import`` check a file as of today by default (``--as-of``), and from
1 January 2027 an APE code of NAF rév. 2 is a warning. The tests' files carry rév. 2 codes: the
command's today is 8 December 2026 here, and the tests of ``--as-of`` give their dates.
"""

from __future__ import annotations

import datetime

import pytest

#: The day the command line's tests run on.
TODAY = datetime.date(2026, 12, 8)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("clientbook._cli.commands._today", lambda: TODAY)
