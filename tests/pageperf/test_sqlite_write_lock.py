"""Production SQLite connections queue writers on a file lock (caching/sqlite_backend)."""

import fcntl
import os

import pytest
from django.db.utils import ConnectionHandler


@pytest.fixture
def wrapper(tmp_path, django_db_blocker):
    """A connection of its own to a file database (not the test database)."""
    django_db_blocker.unblock()
    handler = ConnectionHandler(
        {"default": {"ENGINE": "caching.sqlite_backend", "NAME": str(tmp_path / "db.sqlite3"),
                     "OPTIONS": {"transaction_mode": "IMMEDIATE"}}}
    )
    connection = handler["default"]
    yield connection, tmp_path / "db.sqlite3.write-lock"
    connection.close()
    django_db_blocker.restore()


def _held_by_someone(path) -> bool:
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


@pytest.mark.parametrize("end", ["commit", "rollback", "close"])
def test_a_transaction_holds_the_lock_until_it_ends(wrapper, end):
    connection, lock = wrapper
    connection.ensure_connection()
    connection._start_transaction_under_autocommit()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS t (x int)")
    assert _held_by_someone(lock)
    if end == "close":
        connection.close()
    else:
        getattr(connection, f"_{end}")()
    assert not _held_by_someone(lock)


def test_statements_outside_a_transaction_take_no_lock(wrapper):
    connection, lock = wrapper
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert not lock.exists() or not _held_by_someone(lock)


def test_production_settings_use_it_for_sqlite(tmp_path):
    from tests.prod.test_production import STRONG_KEY, run_manage

    code = "from django.db import connection; print(connection.settings_dict['ENGINE'])"
    result = run_manage(["shell", "-c", code], tmp_path, SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="wiki.example.com")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "caching.sqlite_backend"
