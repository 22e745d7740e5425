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


def test_threads_searching_at_once_each_read_their_own_searcher(tmp_path):
    # Whoosh's readers seek and read shared file objects: two threads on one searcher read each
    # other's positions (unpickling errors, wrong hits). Switching threads every microsecond makes
    # that near certain with a shared searcher.
    import random
    import sys
    import threading

    from whoosh import query as wq

    store = IndexStore(tmp_path)
    rng = random.Random(3)
    words = [f"word{n}" for n in range(40)]
    documents = []
    for i in range(1500):
        key = f"test.doc:{i}"
        body = " ".join(rng.choice(words) for _ in range(30))
        documents.append(("add", {"key": key, "pk": key, "ct": "test.doc", "lang": "en", "ten_body_b1": body}))
    store.write(documents, timeout=30)

    def hits(word):
        return [(hit.docnum, hit.score) for hit in store.searcher().search(wq.Term("ten_body_b1", word), limit=None)]

    expected = {word: hits(word) for word in words}
    assert all(len(found) > 100 for found in expected.values())  # postings of several blocks each
    failures = []

    def search(offset):
        try:
            for n in range(len(words) * 2):
                word = words[(n + offset) % len(words)]
                if hits(word) != expected[word]:
                    failures.append(f"wrong hits for {word}")
        except Exception as error:  # noqa: BLE001 - any error is the failure this test looks for
            failures.append(repr(error))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=search, args=(k * 11,)) for k in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []


def test_opening_the_index_tries_again_when_a_commit_elsewhere_removed_its_toc(tmp_path, monkeypatch):
    # The traceback of the old flake of test_concurrent_writers_lose_nothing: open_dir listed
    # _MAIN_2.toc, another process committed and deleted it, and opening it raised FileNotFoundError.
    from search.backend import storage

    store = IndexStore(tmp_path)
    generation = store.current_generation()
    real_open_dir = storage.whoosh_index.open_dir
    calls = []

    def open_dir_once_too_late(path, **kwargs):
        calls.append(path)
        if len(calls) == 1:
            raise FileNotFoundError(f"{path}/_MAIN_2.toc")
        return real_open_dir(path, **kwargs)

    monkeypatch.setattr(storage.whoosh_index, "open_dir", open_dir_once_too_late)
    fresh = IndexStore(tmp_path)
    assert fresh.open_index(generation) is not None
    assert len(calls) == 2


def test_a_writer_reads_what_it_writes_only_once_it_holds_the_lock(tmp_path):
    # Documents read before waiting for the lock could be older than those of the writer holding it, and would
    # then replace them (a page's index entry stuck at an older version of the page, with nothing queued).
    import threading

    store = IndexStore(tmp_path)
    lock = store.open_index().lock("WRITELOCK")
    assert lock.acquire(blocking=False)
    reads = []

    def operations():
        reads.append("read")
        return [("add", {"key": "test.doc:1", "pk": "1", "ct": "test.doc", "lang": "en", "ten_body_b1": "fresh"})]

    writer = threading.Thread(target=store.write, args=(operations,), kwargs={"timeout": 10.0})
    writer.start()
    writer.join(0.5)
    assert writer.is_alive() and reads == []
    lock.release()
    writer.join(10)
    assert reads == ["read"]
    assert store.searcher().doc_count() == 1


def test_a_write_with_nothing_to_apply_commits_nothing(tmp_path):
    store = IndexStore(tmp_path)
    store.write([("add", {"key": "test.doc:1", "pk": "1", "ct": "test.doc", "lang": "en", "ten_body_b1": "x"})],
                timeout=1.0)
    version = store.open_index().latest_generation()
    store.write(lambda: [], timeout=1.0)
    assert store.open_index().latest_generation() == version
    assert store.open_index().lock("WRITELOCK").acquire(blocking=False)  # and the lock was let go
