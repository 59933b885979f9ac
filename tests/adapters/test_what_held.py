"""What held when hostile users and concurrent writers probed the store, and must keep holding.

- an import killed (``kill -9``) at any moment leaves an intact database, which running the
  import again completes to the content of an import never interrupted;
- optimistic versions under four writers at once: no update is lost, none applied twice;
- tenant ids and typed text with ``%``, ``_``, quotes and backslashes never cross tenants and
  never match more than :func:`~clientbook.matches_prefix` says.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import attrs
import pytest

from clientbook import Client, StaleClient, matches_prefix
from clientbook.sql import SqlStore
from tests.factories import company

from .conftest import Units

EXAMPLES = Path(__file__).parents[2] / "examples"


def _command(path: Path, database: Path) -> list[str]:
    return [sys.executable, "-m", "clientbook", "import", str(path), "--db", str(database)]


def _skipped(path: Path, database: Path) -> object:
    """Run a whole import to its end and give the clients its JSON report says it left out."""
    run = subprocess.run(
        [*_command(path, database), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)["import"]["skipped"]


def _content(database: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT id, version, name, siret, vat_number FROM clientbook_clients ORDER BY id"
        ).fetchall()


@pytest.mark.parametrize("after", [0.3, 0.8, 1.5])
def test_an_import_killed_at_any_moment_leaves_an_intact_database_a_rerun_completes(
    tmp_path: Path, after: float
) -> None:
    path = tmp_path / "clients.csv"
    subprocess.run(
        [sys.executable, str(EXAMPLES / "make_clients.py"), "--rows", "3000", "--out", str(path)],
        check=True,
    )
    whole = tmp_path / "whole.sqlite"
    never_interrupted = _skipped(path, whole)
    killed = tmp_path / "killed.sqlite"
    run = subprocess.Popen(
        _command(path, killed), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(after)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=60)
    if killed.exists():
        with sqlite3.connect(killed) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert _skipped(path, killed) == never_interrupted
    whole_rows = [(row[0], *row[2:]) for row in _content(whole)]
    killed_rows = [(row[0], *row[2:]) for row in _content(killed)]
    assert killed_rows == whole_rows  # the same clients, whatever the versions


def test_four_writers_at_once_lose_no_update_and_apply_none_twice(units: Units) -> None:
    with units("cabinet-lefort") as uow:
        uow.clients.add(company("cl-1", "Boulangerie"))
        uow.commit()
    rounds = 10
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def writer(token: str) -> None:
        try:
            start.wait()
            for turn in range(rounds):
                while True:
                    try:
                        with units("cabinet-lefort") as uow:
                            copy = uow.clients.get("cl-1")
                            mark = f" {token}{turn}"
                            uow.clients.update(attrs.evolve(copy, name=copy.name + mark))
                            uow.commit()
                        break
                    except StaleClient:
                        continue
        except BaseException as error:  # the test reports any failure of a writer
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(token,)) for token in "abcd"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with units("cabinet-lefort") as uow:
        final = uow.clients.get("cl-1")
    marks = final.name.split()[1:]
    assert sorted(marks) == sorted(f"{token}{turn}" for token in "abcd" for turn in range(rounds))
    assert final.version == 1 + 4 * rounds


HOSTILE = ["%", "_", "'", '"', "\\", "a%b", "a_b", "x'; DROP TABLE clientbook_clients; --", "%_\\"]


def test_tenants_and_typed_text_with_sql_wildcards_and_quotes_never_cross_or_over_match(
    units: Units,
) -> None:
    clients: dict[str, list[Client]] = {}
    for number, tenant in enumerate(HOSTILE):
        mine = [
            company(f"cl-{number}-a", f"Boulangerie {tenant} Martin"),
            company(f"cl-{number}-b", f"Garage du Lys {number}"),
        ]
        with units(tenant) as uow:
            for client in mine:
                uow.clients.add(client)
            uow.commit()
        clients[tenant] = [attrs.evolve(client, version=1) for client in mine]
    for tenant, mine in clients.items():
        with units(tenant) as uow:
            assert uow.clients.list() == mine
            for typed in [*HOSTILE, "boul", "garage", "%boul", "_oul", "boul%", "lys _"]:
                found = uow.clients.search(typed, include_archived=True)
                expected = [c for c in mine if matches_prefix(c, typed, include_archived=True)]
                assert sorted(c.id for c in found) == sorted(c.id for c in expected), typed
    with units("%") as uow:
        assert uow.clients.get_many([c.id for m in clients.values() for c in m]) == {
            c.id: c for c in clients["%"]
        }


def test_a_wildcard_tenant_of_the_sql_adapter_reads_only_its_own_rows(store: SqlStore) -> None:
    for tenant in ("a", "ab", "a%", "a_"):
        with store.unit_of_work(tenant_id=tenant) as uow:
            uow.clients.add(company(f"{tenant}-1", f"Boulangerie {tenant}"))
            uow.commit()
    with store.unit_of_work(tenant_id="a%") as uow:
        assert [c.id for c in uow.clients.list()] == ["a%-1"]
        assert [c.id for c in uow.clients.search("boul")] == ["a%-1"]
    with store.unit_of_work(tenant_id="a_") as uow:
        assert [c.id for c in uow.clients.list()] == ["a_-1"]
