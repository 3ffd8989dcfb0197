"""SQLite with many writers at once: transactions that read and then write queue for the
lock (BEGIN IMMEDIATE and the busy timeout) instead of failing with "database is locked".
(The pragmas themselves are checked connection by connection in test_app.py.)"""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import sqlalchemy as sa

from portal.extensions import db
from portal.models import SignInAttempt

WRITERS, TRANSACTIONS = 8, 15


def test_concurrent_read_then_write_transactions_all_succeed(sqlite_session):
    engine = db.engine
    table = SignInAttempt.__table__
    start = threading.Barrier(WRITERS)

    def write(number):
        start.wait()
        for _ in range(TRANSACTIONS):
            with engine.begin() as connection:
                # A read first: under a deferred BEGIN this transaction would hold a read
                # snapshot and fail at once when another writer committed before its write.
                seen = connection.scalar(sa.select(sa.func.count()).select_from(table))
                connection.execute(sa.insert(table).values(
                    at=datetime.now(UTC), door="test", subject_key=f"{number}:{seen}",
                    address_key="writer", succeeded=False,
                ))  # fmt: skip

    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(write, range(WRITERS)))  # any "database is locked" is raised here

    with engine.connect() as connection:
        keys = connection.scalars(sa.select(table.c.subject_key)).all()
    assert len(keys) == WRITERS * TRANSACTIONS
    # Each transaction saw every row committed before it: the counts are 0 … n-1, once each.
    assert sorted(int(key.split(":")[1]) for key in keys) == list(range(len(keys)))
