"""Where the index lives on disk, and safe reading and writing.

Layout under the backend's PATH (default DATA_DIR/whoosh):

    CURRENT          name of the live generation directory (replaced atomically)
    REBUILDING       present while `update_index` builds a new generation
    g-<time>-<rand>/ a complete Whoosh index

A rebuild writes a fresh generation, then points CURRENT at it with one
`os.replace`: searches never see a half-built index. Each thread keeps one
searcher per index (Whoosh's readers are not safe to share between threads),
refreshed when the index changes.

Every change of the live index (a commit, a switch to a new generation) sends the ``index_changed``
signal (search.signals): whoever caches search results retires them then, not when the database
commits, as the index gets a change only once the task worker has applied it.

Writers: Whoosh allows one writer per index (a file lock). A writer waits for the
lock for at most `timeout` seconds (Whoosh's own retry loop) and then raises
LockError, which the caller turns into a task queued again for later (search.backend.tasks):
nothing is dropped silently.
"""

from __future__ import annotations

import fcntl
import logging
import os
import secrets
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import LockError  # noqa: F401  (re-exported)

from .codec import InliningCodec
from .merging import merge_by_tiers
from .schema import build_schema
from .weighting import FieldBM25F

logger = logging.getLogger("search.backend")

CURRENT = "CURRENT"
REBUILDING = "REBUILDING"
REBUILD_MARKER_MAX_AGE = 6 * 3600


OPEN_ATTEMPTS = 10


def _open_dir(path: Path):
    """Whoosh's open_dir, tried again when the index's newest TOC file vanished while it was read.

    open_dir lists the directory for the newest TOC file and then opens it; a commit in another
    process can delete that file in between (Whoosh keeps only the newest), and open_dir raises
    FileNotFoundError. Whoosh's own reader() retries on exactly that; open_dir does not.
    """
    for _attempt in range(OPEN_ATTEMPTS - 1):
        try:
            return whoosh_index.open_dir(str(path), schema=build_schema())
        except FileNotFoundError:
            time.sleep(0.05)
    return whoosh_index.open_dir(str(path), schema=build_schema())


class IndexStore:
    """One index root directory. Use `get_store(path)`: one instance per path per process."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._lock = threading.RLock()
        self._indexes: dict[str, object] = {}
        # Whoosh's readers seek and read shared file objects: a searcher used by two threads at once
        # reads garbage (unpickling errors, wrong hits). Each thread gets its own.
        self._thread = threading.local()

    # --- generations ---

    @contextmanager
    def _setup_lock(self):
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "SETUP.lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def current_generation(self) -> str:
        """The live generation's directory name; an empty index is created on first use."""
        name = self._read_current()
        if name and (self.root / name).is_dir():
            return name
        with self._setup_lock():
            name = self._read_current()
            if name and (self.root / name).is_dir():
                return name
            name = self.create_generation()
            self._write_current(name)
            return name

    def _read_current(self) -> str | None:
        try:
            return (self.root / CURRENT).read_text().strip() or None
        except FileNotFoundError:
            return None

    def _write_current(self, name: str) -> None:
        tmp = self.root / f"{CURRENT}.{os.getpid()}.tmp"
        tmp.write_text(name)
        os.replace(tmp, self.root / CURRENT)

    def create_generation(self) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        name = f"g-{time.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(3)}"
        path = self.root / name
        path.mkdir()
        whoosh_index.create_in(str(path), build_schema())
        return name

    def switch_to(self, name: str) -> None:
        """Make `name` the live generation (atomic), then delete old generations."""
        with self._setup_lock():
            previous = self._read_current()
            self._write_current(name)
            keep = {name, previous}
            generations = sorted(
                (p for p in self.root.iterdir() if p.is_dir() and p.name.startswith("g-")),
                key=lambda p: p.stat().st_mtime,
            )
            for path in generations:
                if path.name not in keep:
                    shutil.rmtree(path, ignore_errors=True)
                    self._indexes.pop(path.name, None)
        _index_changed()

    def reset(self) -> None:
        """Replace the live index with an empty one."""
        self.switch_to(self.create_generation())

    def open_index(self, generation: str | None = None):
        name = generation or self.current_generation()
        with self._lock:
            ix = self._indexes.get(name)
            if ix is None:
                # The code's schema, not the one stored in the index: an index made before a field
                # was added takes documents with it (`search_index_check --repair` reindexes them).
                ix = _open_dir(self.root / name)
                self._indexes[name] = ix
            return ix

    # --- rebuild marker ---

    def mark_rebuilding(self, generation: str) -> None:
        (self.root / REBUILDING).write_text(generation)

    def clear_rebuilding(self) -> None:
        try:
            (self.root / REBUILDING).unlink()
        except FileNotFoundError:
            pass

    def rebuilding(self) -> bool:
        """A rebuild is running (a marker older than REBUILD_MARKER_MAX_AGE is from a crashed one)."""
        try:
            age = time.time() - (self.root / REBUILDING).stat().st_mtime
        except FileNotFoundError:
            return False
        return age < REBUILD_MARKER_MAX_AGE

    # --- reading ---

    def searcher(self):
        """This thread's searcher on the live generation, refreshed if the index changed since last time."""
        generation = self.current_generation()
        local = self._thread
        searcher = getattr(local, "searcher", None)
        if searcher is not None and local.generation == generation:
            fresh = searcher.refresh()
            if fresh is not searcher:
                local.searcher = fresh
            return local.searcher
        local.searcher = self.open_index(generation).searcher(weighting=FieldBM25F())
        local.generation = generation
        if searcher is not None:
            try:
                searcher.close()
            except Exception:  # noqa: S110 - closing a stale reader is best-effort
                pass
        return local.searcher

    # --- writing ---

    def indexed_digest(self, key: str) -> str | None:
        """The digest of the live index's document ``key`` (None when it holds none), as last committed."""
        fields = self.searcher().document(key=key)
        return fields.get("digest") if fields else None

    def write(self, operations, timeout: float, generation: str | None = None) -> None:
        """Apply [("add", document) | ("delete", key)] in one commit.

        ``operations`` may be a function returning them, called once the write lock is held: documents read
        from the database before waiting for the lock could be older than those of a writer that took the
        lock meanwhile, and would then replace them. Nothing to apply: no commit.

        Raises LockError after waiting `timeout` seconds for the write lock; on any
        other error the writer is cancelled (the index keeps its previous state).
        """
        with self._writer(timeout, generation) as writer:
            if callable(operations):
                operations = operations()
            if not operations:
                writer.cancel()
                return
            for action, payload in operations:
                if action == "add":
                    writer.update_document(**payload)
                else:
                    writer.delete_by_term("key", payload)
            writer.commit(mergetype=merge_by_tiers)
        if generation is None:
            _index_changed()

    def merge_all(self, timeout: float) -> tuple[int, int]:
        """Merge the live index into one segment, leaving deleted documents out.

        Saves merge only small segments (search.backend.merging), so the big one keeps the old
        versions of edited pages, marked deleted. Returns (segments before, deleted documents dropped).
        Holds the index's write lock while it runs; writes that cannot wait are queued again for later.
        """
        with self._writer(timeout) as writer:
            segments = len(writer.segments)
            deleted = sum(segment.deleted_count() for segment in writer.segments)
            writer.commit(optimize=True)
        return segments, deleted

    def open_writer(self, timeout: float, generation: str | None = None, **options):
        """A writer of the index (LockError after `timeout` s) whose segments keep a term found in one
        document inline (codec.InliningCodec): a saved page's segment costs a third less to write."""
        return self.open_index(generation).writer(timeout=timeout, codec=InliningCodec(), **options)

    @contextmanager
    def _writer(self, timeout: float, generation: str | None = None):
        """The index's writer (LockError after `timeout` s); cancelled if the block raises before committing."""
        writer = self.open_writer(timeout, generation, delay=0.05)
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise


def _index_changed() -> None:
    # Imported here: search.signals queues index tasks, whose module loads this package.
    from search.signals import index_changed

    # A receiver's failure (a lost cache server) must not fail the index write, which has happened.
    for _receiver, result in index_changed.send_robust(sender=IndexStore):
        if isinstance(result, Exception):
            logger.warning("A receiver of index_changed failed: %r", result)


_STORES: dict[str, IndexStore] = {}
_STORES_LOCK = threading.Lock()


def get_store(path) -> IndexStore:
    key = str(Path(path).resolve())
    with _STORES_LOCK:
        store = _STORES.get(key)
        if store is None:
            store = _STORES[key] = IndexStore(Path(key))
        return store
