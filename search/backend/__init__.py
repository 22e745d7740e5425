"""A Wagtail (modelsearch) search backend on Whoosh, with Danish and English analysis.

Settings::

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", "PATH": DATA_DIR / "whoosh"}}

Options: PATH (index root), WRITE_TIMEOUT (seconds a write waits for the index
lock before it is queued for retry; default 5).
"""

from __future__ import annotations

import logging
import os

from django.conf import settings
from modelsearch.backends.base import BaseIndex, BaseSearchBackend

from caching.signals import confined_to_its_page

from . import buffer, queue
from .compiler import WhooshAutocompleteQueryCompiler, WhooshSearchQueryCompiler
from .documents import build_document
from .results import WhooshSearchResults
from .storage import LockError, get_store

logger = logging.getLogger("search.backend")

DEFAULT_WRITE_TIMEOUT = 5.0


def rebuild_options() -> dict:
    """A rebuild analyses and writes documents in one process per core (Whoosh's MpWriter), each
    writing its own segment (no final merge: later commits merge by tiers)."""
    procs = min(os.cpu_count() or 1, 4)
    return {"procs": procs, "multisegment": True, "batchsize": 200} if procs > 1 else {}


class WhooshIndex(BaseIndex):
    """The single index holding every model. `generation` is set while a rebuild fills a new one."""

    def __init__(self, backend, generation: str | None = None):
        super().__init__(backend)
        self.generation = generation
        self._writer = None  # a rebuild keeps one writer open for the whole build

    def __str__(self):
        return f"whoosh:{self.backend.store.root}"

    def get_key(self):
        return "whoosh"

    def add_model(self, model):
        pass

    def refresh(self):
        pass

    def reset(self):
        self.backend.store.reset()

    def add_items(self, model, items):
        items = list(items)
        if not items:
            return
        if self.generation is not None:
            # Rebuild into a fresh generation: one writer, one commit at the end; errors go to the command.
            if self._writer is None:
                # More memory before spilling to disk: a rebuild writes every document in one go.
                self._writer = self.backend.store.open_writer(
                    self.backend.write_timeout, self.generation, limitmb=256, **rebuild_options()
                )
            for obj in items:
                self._writer.add_document(**build_document(obj))
            return
        for obj in items:
            buffer.add(self, type(obj), obj.pk, "add", quiet=confined_to_its_page(obj))

    def delete_item(self, item):
        buffer.add(self, type(item), item.pk, "delete")

    def write_objects(self, entries, outbox: bool = False, retire_search: bool = True):
        """Apply [(model, pk, action)] to the live index, from the objects' current database state.

        ``retire_search``: retire the cached search results of every process once the index has them.

        Never raises: a failed write (lock held too long, disk error) is logged and queued for retry.
        Returns True when the index has the changes.
        """
        store = self.backend.store
        rebuilding = store.rebuilding()
        try:
            store.write(lambda: queue.operations_for_objects(entries), timeout=self.backend.write_timeout,
                        retire_search=retire_search)
        except LockError:
            logger.warning(
                "Search index locked for more than %ss; %d update(s) queued for retry", self.backend.write_timeout, len(entries)
            )
            self._queue(entries, "index locked")
            return False
        except Exception as error:
            logger.exception("Search index update failed; %d update(s) queued for retry", len(entries))
            self._queue(entries, repr(error))
            return False
        if rebuilding or store.rebuilding():
            # A rebuild is filling a new generation: replay this change into it when it switches.
            self._queue(entries, "written during a rebuild")
            return False
        if outbox:
            queue.forget_awaiting(entries)
        self.backend.process_pending_quietly()
        return True

    def commit_rebuild(self):
        if self._writer is not None:
            self._writer.commit()
            self._writer = None

    def cancel_rebuild(self):
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None

    def _queue(self, objects, error):
        for model, pk, action in objects:
            queue.queue_update(model, pk, action, error)


class WhooshRebuilder:
    """Builds a new generation, then switches to it atomically (modelsearch's rebuilder interface)."""

    def __init__(self, index):
        self.index = index
        self.store = index.backend.store
        self.generation = None
        self.new_index = None

    def start(self):
        self.generation = self.store.create_generation()
        self.store.mark_rebuilding(self.generation)
        self.new_index = WhooshIndex(self.index.backend, generation=self.generation)
        return self.new_index

    def finish(self):
        try:
            self.new_index.commit_rebuild()
            self.store.switch_to(self.generation)
        except BaseException:
            self.new_index.cancel_rebuild()
            raise
        finally:
            self.store.clear_rebuilding()
        # Changes made while the new generation was being built.
        queue.process_pending(self.store, timeout=self.index.backend.write_timeout)


class SearchBackend(BaseSearchBackend):
    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    results_class = WhooshSearchResults
    index_class = WhooshIndex
    rebuilder_class = WhooshRebuilder
    catch_indexing_errors = True

    def __init__(self, params):
        super().__init__(params)
        path = params.get("PATH") or (settings.DATA_DIR / "whoosh")
        self.store = get_store(path)
        self.write_timeout = float(params.get("WRITE_TIMEOUT", DEFAULT_WRITE_TIMEOUT))

    def get_index_for_model(self, model):
        return WhooshIndex(self)

    def process_pending_quietly(self) -> None:
        """Retry queued writes after a successful one; leave them queued if the index is busy."""
        try:
            queue.process_pending(self.store, timeout=0.5, limit=queue.BATCH, due_only=True)
        except LockError:
            logger.info("Search index busy; queued updates stay queued")
        except Exception:
            logger.exception("Retrying queued search index updates failed")


WhooshSearchBackend = SearchBackend
