"""Several processes writing to one index: writers wait for the lock (bounded), nothing is lost."""

import multiprocessing

import pytest

from search.backend.storage import IndexStore, LockError


def _writer(root, worker, count, timeout, results):
    store = IndexStore(root)
    done = 0
    for i in range(count):
        key = f"test.doc:{worker}-{i}"
        store.write([("add", {"key": key, "pk": key, "ct": "test.doc", "lang": "en", "ten_body_b1": f"word{worker}"})],
                    timeout=timeout)
        done += 1
    results.put(done)


def test_concurrent_writers_lose_nothing(tmp_path):
    store = IndexStore(tmp_path)
    store.current_generation()
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    # A generous lock timeout: under a loaded machine (the suite's other worker) 30 s was once too short
    # for 45 commits in turn; a write that times out is queued for retry in the application, not lost.
    workers = [context.Process(target=_writer, args=(tmp_path, w, 15, 120.0, results)) for w in range(3)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(300)
        assert process.exitcode == 0
    assert sorted(results.get(timeout=5) for _ in workers) == [15, 15, 15]
    assert IndexStore(tmp_path).searcher().doc_count() == 45


def test_a_writer_gives_up_after_its_timeout_with_lock_error(tmp_path):
    store = IndexStore(tmp_path)
    lock = store.open_index().lock("WRITELOCK")
    assert lock.acquire(blocking=False)
    try:
        with pytest.raises(LockError):
            store.write([("delete", "x")], timeout=0.1)
    finally:
        lock.release()
    store.write([("delete", "x")], timeout=0.1)


def test_rebuild_switch_is_atomic_and_old_generations_are_removed(tmp_path):
    store = IndexStore(tmp_path)
    first = store.current_generation()
    second = store.create_generation()
    store.switch_to(second)
    assert store.current_generation() == second
    third = store.create_generation()
    store.switch_to(third)
    generations = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("g-"))
    assert first not in generations and {second, third} <= set(generations)
