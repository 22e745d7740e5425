"""Production SQLite connections queue writers on a file lock (caching/sqlite_backend)."""

import fcntl
import os
import threading
import time

import pytest
from django.db.utils import ConnectionHandler
from django.http import HttpResponse
from django.test import RequestFactory

from caching.sqlite_backend import priority


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
    assert priority.writing()
    if end == "close":
        connection.close()
    else:
        getattr(connection, f"_{end}")()
    assert not _held_by_someone(lock)
    assert not priority.writing()


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


def test_a_new_request_waits_while_this_process_has_a_write_transaction_open(wrapper):
    connection, _lock = wrapper
    started = []
    middleware = priority.WritesFirstMiddleware(lambda request: started.append(time.monotonic()) or HttpResponse())
    connection.ensure_connection()
    connection._start_transaction_under_autocommit()
    request = threading.Thread(target=middleware, args=(RequestFactory().get("/"),))
    request.start()
    request.join(0.1)
    assert started == []  # waiting for the transaction
    committed = time.monotonic()
    connection._commit()
    request.join(5)
    assert len(started) == 1 and started[0] >= committed


def test_a_request_waits_for_another_transaction_only_so_long(wrapper, monkeypatch):
    # A transaction that runs long (an admin's bulk move) delays other requests by MAX_WAIT at most.
    connection, _lock = wrapper
    monkeypatch.setattr(priority, "MAX_WAIT", 0.2)
    middleware = priority.WritesFirstMiddleware(lambda request: HttpResponse("served"))
    connection.ensure_connection()
    connection._start_transaction_under_autocommit()
    try:
        start = time.monotonic()
        assert middleware(RequestFactory().get("/")).content == b"served"
        assert 0.2 <= time.monotonic() - start < 2
    finally:
        connection._rollback()


def test_production_settings_let_writes_go_first_with_sqlite(tmp_path):
    from tests.prod.test_production import STRONG_KEY, run_manage

    code = "from django.conf import settings; print(settings.MIDDLEWARE[0])"
    result = run_manage(["shell", "-c", code], tmp_path, SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="wiki.example.com")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "caching.sqlite_backend.priority.WritesFirstMiddleware"
    result = run_manage(["shell", "-c", code], tmp_path, SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="wiki.example.com",
                        SQLITE_WRITES_FIRST="0")
    assert result.stdout.split()[-1] != "caching.sqlite_backend.priority.WritesFirstMiddleware"
