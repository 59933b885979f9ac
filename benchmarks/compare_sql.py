"""The SQL adapter on a real SQLite file: import, get_many and prefix search.

Run it (several minutes: it stores a million clients)::

    .venv/bin/python -m benchmarks.compare_sql [--import-clients 100000] [--search-clients 1000000]

``--import-clients 0`` or ``--search-clients 0`` leaves that measure out. With
``--postgres URL`` the searches (measure 3) run on PostgreSQL instead of a SQLite file, in a
schema of their own that is dropped at the end (``source /tmp/pgenv`` and pass
``"$CLIENTBOOK_POSTGRES_URL"``).

Three measures, each beside its floor or peer in the same run:

1. ``import_clients`` of generated complete company records into a new SQLite file, every
   record rule on (normalise, validate, upsert by SIRET then VAT then id, batches committed),
   beside ``normalize_client`` + ``validate_client`` alone on the same records (the rules'
   share). Target: at least 5,000 clients/s.
2. ``get_many`` of 1,000 ids: the SQL statements it sends (counted with a SQLAlchemy
   ``before_cursor_execute`` event) and its time.
3. ``search`` on a tenant of ``--search-clients`` stored clients, p50 and p95 over repeated
   typed texts, beside a plain scan of the same table (``LIKE`` on the name, ordered, no
   index) for the same first word. Target: p50 under 5 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

from sqlalchemy import create_engine, event, make_url, text

from benchmarks.compare_records import _with_luhn, make_records
from clientbook import Address, Client, ClientKind, Contact, normalize_client, validate_client
from clientbook.identifiers import vat
from clientbook.services import import_clients
from clientbook.sql import SqlStore

TENANT = "bench"
TYPED = ("boul", "claire dup", "1234", "ets dub", "martin 12", "garage")
# One and two letters or digits, and a VAT number typed a key at a time: words that start
# hundreds of thousands of keys (every VAT number is a key starting with "fr", every SIRET one
# starting with a digit).
SHORT = (
    *("b", "bo", "c", "cl", "d", "du", "e", "et", "m", "ma", "f", "fr", "fr1", "fr12", "FR 1"),
    *("4", "40", "404", "4 0"),
)
TRADES = ("Boulangerie", "Établissements", "Garage", "Cabinet", "Pharmacie", "Atelier", "Ets")
NAMES = ("Dupont", "Martin", "Dubois", "Lefèvre", "Moreau", "Laurent", "Simon", "Michel")
CITIES = ("Lyon", "Paris", "Lille", "Bordeaux", "Nantes", "Strasbourg", "Rennes", "Nice")


def _light_clients(count: int) -> Iterator[Client]:
    """Clients for the search tenant: a name, a city, a contact, a SIRET and a VAT number.

    As a French company has them: the SIREN (spread over the numbers by a multiplier) is the
    start of the SIRET and the end of the VAT number.
    """
    for position in range(count):
        siren = _with_luhn(f"{(position + 1) * 7919 % 10**8:08d}")
        yield Client(
            id=f"S{position:07d}",
            kind=ClientKind.COMPANY,
            name=f"{TRADES[position % 7]} {NAMES[position // 7 % 8]} {position}",
            address=Address(postal_code=f"{position % 95 + 1:02d}000", city=CITIES[position % 8]),
            siret=_with_luhn(f"{siren}0001"),
            vat_number=vat.from_siren(siren),
            contacts=(Contact(first_name="Claire", last_name=NAMES[position % 8], primary=True),),
        )


def measure_import(folder: Path, count: int) -> None:
    """Import *count* complete records into a new SQLite file; print clients/s."""
    records = make_records(count)
    start = time.perf_counter()
    for record in records:
        validate_client(normalize_client(record))
    rules = time.perf_counter() - start
    store = SqlStore(folder / "import.sqlite")
    store.create_schema()
    start = time.perf_counter()
    report = import_clients(store.unit_of_work(tenant_id=TENANT), records, user="bench")
    whole = time.perf_counter() - start
    again = time.perf_counter()
    second = import_clients(store.unit_of_work(tenant_id=TENANT), records, user="bench")
    reimport = time.perf_counter() - again
    store.close()
    print(f"import of {count:,} clients into SQLite: {count / whole:,.0f} clients/s")
    print(f"  created {len(report.created):,}, skipped {len(report.skipped):,}")
    print(f"  the record rules alone (normalise + validate): {count / rules:,.0f} clients/s")
    print(
        f"  import again (nothing changes: {len(second.unchanged):,} unchanged): "
        f"{count / reimport:,.0f} clients/s"
    )


def _counting(store: SqlStore) -> list[str]:
    statements: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    return statements


def _load(store: SqlStore, count: int) -> None:
    batch: list[Client] = []
    for client in _light_clients(count):
        batch.append(client)
        if len(batch) == 20_000:
            _add(store, batch)
            batch = []
    if batch:
        _add(store, batch)


def _add(store: SqlStore, batch: Sequence[Client]) -> None:
    with store.unit_of_work(tenant_id=TENANT) as uow:
        uow.clients.add_many(batch)  # the SQL adapter's bulk add
        uow.commit()


def _times(function: object, repeat: int, *, budget: float = 5.0) -> list[float]:
    """Time *repeat* calls of *function*, in ms; fewer (5 at least) past *budget* seconds."""
    times: list[float] = []
    spent = 0.0
    while len(times) < repeat and (len(times) < 5 or spent < budget):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        elapsed = time.perf_counter() - start
        spent += elapsed
        times.append(elapsed * 1000)
    return times


@contextlib.contextmanager
def _search_store(folder: Path, postgres: str | None) -> Iterator[SqlStore]:
    """A new store for the search: a SQLite file, or a schema of its own on PostgreSQL."""
    if postgres is None:
        with SqlStore(folder / "search.sqlite") as store:
            yield store
        return
    url = make_url(postgres)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    schema = f"clientbook_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        with SqlStore(engine) as store:
            yield store
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def measure_reads(folder: Path, count: int, *, postgres: str | None = None) -> None:
    """Store *count* clients, then time get_many of 1,000 ids and prefix searches."""
    with _search_store(folder, postgres) as store:
        _measure_reads(store, count)


def _measure_reads(store: SqlStore, count: int) -> None:
    store.create_schema()
    start = time.perf_counter()
    _load(store, count)
    if store.engine.dialect.name == "postgresql":
        with store.engine.begin() as connection:  # as a database in use has its statistics
            connection.execute(text("ANALYZE"))
    print(
        f"stored {count:,} clients for the search ({store.engine.dialect.name}) in "
        f"{time.perf_counter() - start:.0f} s"
    )
    statements = _counting(store)
    ids = [f"S{position:07d}" for position in range(0, count, max(1, count // 1000))][:1000]
    with store.unit_of_work(tenant_id=TENANT) as uow:
        uow.clients.get_many(ids[:10])
        statements.clear()
        found = uow.clients.get_many(ids)
        sent = len(statements)
        times = _times(lambda: uow.clients.get_many(ids), 5)
    print(
        f"get_many of {len(ids):,} ids: {len(found):,} found, {sent} SQL statements, "
        f"median {statistics.median(times):.1f} ms"
    )
    print(f"{'typed':<16}{'p50 ms':>9}{'p95 ms':>9}{'results':>9}")
    with store.unit_of_work(tenant_id=TENANT) as uow:
        for typed in TYPED + SHORT:
            uow.clients.search(typed)
            times = _times(lambda typed=typed: uow.clients.search(typed), 50)
            results = len(uow.clients.search(typed))
            p95 = statistics.quantiles(times, n=20)[-1]
            print(f"{typed:<16}{statistics.median(times):>9.2f}{p95:>9.2f}{results:>9}")
    with store.engine.connect() as connection:
        scan = text(
            "SELECT id FROM clientbook_clients WHERE tenant_id = :t AND lower(name) LIKE :p "
            "ORDER BY name, id LIMIT 20"
        )
        times = _times(lambda: connection.execute(scan, {"t": TENANT, "p": "boul%"}).all(), 5)
    print(f"{'plain scan boul':<16}{statistics.median(times):>9.2f}")


def main(argv: Sequence[str] | None = None) -> None:
    """Run the three measures and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--import-clients", type=int, default=100_000)
    parser.add_argument("--search-clients", type=int, default=1_000_000)
    parser.add_argument("--postgres", metavar="URL", help="search on PostgreSQL at this URL")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        if arguments.import_clients:
            measure_import(Path(folder), arguments.import_clients)
        if arguments.search_clients:
            measure_reads(Path(folder), arguments.search_clients, postgres=arguments.postgres)


if __name__ == "__main__":
    main()
