"""Two imports of the same clients at once: both end with a report, each client stored once.

Two writers used to crash the second with an uncaught ``ClientExists`` (its batch found, when
it wrote, the clients the first had stored since it read): a batch that another writer got
ahead of is now read and imported again, and finds the first writer's clients.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from clientbook import ClientExists, StaleClient
from clientbook._services import importing
from clientbook.memory import MemoryStore
from clientbook.services import ImportReport, import_clients
from clientbook.sql import SqlStore
from tests.factories import companies

from .conftest import Units

TENANT = "cabinet-lefort"
EXAMPLES = Path(__file__).parents[2] / "examples"


def both_at_once(units: Units, rows: list[object], *, batch_size: int) -> list[ImportReport]:
    """Run two imports of *rows* in two threads that start together; return both reports."""
    start = threading.Barrier(2)
    reports: list[ImportReport] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            reports.append(
                import_clients(units(TENANT), rows, user="u-amelie", batch_size=batch_size)  # type: ignore[arg-type]
            )
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return reports


@pytest.mark.parametrize("attempt", range(3))
def test_two_imports_of_the_same_clients_at_once_both_end_and_store_each_client_once(
    units: Units, attempt: int
) -> None:
    rows = companies(300)
    reports = both_at_once(units, list(rows), batch_size=50)
    assert sorted(len(r.created) + len(r.unchanged) + len(r.updated) for r in reports) == [
        300,
        300,
    ]
    assert sum(len(report.created) for report in reports) == 300
    assert all(report.skipped == () for report in reports)
    with units(TENANT) as uow:
        stored = uow.clients.list(limit=1000)
    assert [client.id for client in stored] == [client.id for client in rows]
    assert {client.version for client in stored} <= {1, 2}


def test_a_batch_refused_every_time_is_tried_three_times_then_the_refusal_is_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tries: list[int] = []

    def refused(*args: object, **kwargs: object) -> None:
        tries.append(1)
        raise ClientExists("cl-000001")

    monkeypatch.setattr(importing, "_import_batch", refused)
    with pytest.raises(ClientExists):
        import_clients(MemoryStore().unit_of_work(tenant_id=TENANT), companies(3), user="u-amelie")
    assert len(tries) == importing.ATTEMPTS == 3


def test_in_the_hosts_transaction_a_refusal_after_writing_is_raised_not_tried_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = companies(3)
    tries: list[int] = []

    def writes_then_refused(repository: object, batch: list[object], **kwargs: object) -> None:
        tries.append(1)
        repository.add(rows[2])  # type: ignore[attr-defined]
        raise ClientExists("cl-000001")

    monkeypatch.setattr(importing, "_import_batch", writes_then_refused)
    store = MemoryStore()
    host = store.unit_of_work(tenant_id=TENANT)
    with host:
        host.clients.add(rows[0])  # the host's own work, in its transaction
        with pytest.raises(ClientExists):
            import_clients(host, rows[1:2], user="u-amelie")
        with pytest.raises(RuntimeError):  # rolled back: the host decides
            host.commit()
    assert len(tries) == 1
    with store.unit_of_work(tenant_id=TENANT) as uow:
        assert uow.clients.get_many(c.id for c in rows) == {}


def test_in_the_hosts_transaction_a_refusal_before_writing_is_tried_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importing._import_batch
    tries: list[int] = []

    def refused_once(*args: object, **kwargs: object) -> None:
        tries.append(1)
        if len(tries) == 1:
            raise StaleClient("cl-000001", expected_version=1, actual_version=2)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importing, "_import_batch", refused_once)
    store = MemoryStore()
    host = store.unit_of_work(tenant_id=TENANT)
    with host:
        report = import_clients(host, companies(2), user="u-amelie")
        host.commit()
    assert (len(tries), report.created) == (2, ("cl-000000", "cl-000001"))


def test_two_clientbook_imports_of_one_file_at_once_both_report_and_store_it_once(
    tmp_path: Path, sqlite_store: SqlStore
) -> None:
    # The reproduction: `clientbook import FILE --db DB &` twice, a 1,000-row file.
    path = tmp_path / "clients.csv"
    subprocess.run(
        [sys.executable, str(EXAMPLES / "make_clients.py"), "--rows", "1000", "--out", str(path)],
        check=True,
    )
    command = [sys.executable, "-m", "clientbook", "import", str(path), "--db", sqlite_store.url]
    command += ["--format", "json", "--locale", "en"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    runs.append(
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    )
    outcomes = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _out, err in outcomes]

    imports = [json.loads(out)["import"] for out, _err in outcomes]
    assert (
        sum(found["created"] for found in imports) == imports[0]["created"] + imports[1]["created"]
    )
    stored = sum(found["created"] for found in imports)
    assert all(found["created"] + found["unchanged"] == stored for found in imports)
    with sqlite_store.unit_of_work(tenant_id="default") as uow:
        assert len(uow.clients.list(limit=5000)) == stored
