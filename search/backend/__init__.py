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
from modelsearch.index import get_indexed_instance

from . import tasks
from .compiler import WhooshAutocompleteQueryCompiler, WhooshSearchQueryCompiler
from .documents import build_document, document_key
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
        # Called by modelsearch's insert_or_update_object_task: in production on the task worker.
        self.backend.write_objects([(type(obj), obj.pk) for obj in items])

    def delete_item(self, item):
        # modelsearch deletes in the deleting request; through the task queue the worker stays Whoosh's only writer.
        tasks.enqueue_update(type(item), [item.pk])

    def commit_rebuild(self):
        if self._writer is not None:
            self._writer.commit()
            self._writer = None

    def cancel_rebuild(self):
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None


def operations_for_objects(entries, indexed_digest=None):
    """Index operations for [(model, pk)], from each object's current database state.

    An object that exists and belongs in the index is (re)added; otherwise it is deleted. With
    ``indexed_digest(key)``, a document the index already holds unchanged is left out: a publish saves a page
    several times, each save queues a task, and only the first of them needs a commit.
    """
    operations = []
    for model, pk in entries:
        instance = model._default_manager.filter(pk=pk).first()
        indexed = get_indexed_instance(instance) if instance is not None else None
        if indexed is not None:
            document = build_document(indexed)
            if indexed_digest is None or indexed_digest(document["key"]) != document["digest"]:
                operations.append(("add", document))
        else:
            operations.append(("delete", document_key(model, pk)))
    return operations


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

    def write_objects(self, entries) -> bool:
        """Apply [(model, pk)] to the live index, from the objects' current database state; True when it has them.

        Never raises: a failed write (lock held too long, disk error) is logged and queued again for later.
        During a rebuild the change goes into the live index now and is queued again for the new generation.
        """
        store = self.store
        rebuilding = store.rebuilding()
        try:
            store.write(lambda: operations_for_objects(entries, store.indexed_digest), timeout=self.write_timeout)
        except LockError:
            logger.warning("Search index locked for more than %ss; %d update(s) queued again", self.write_timeout,
                           len(entries))
            self._retry(entries)
            return False
        except Exception:
            logger.exception("Search index update of %d object(s) failed; queued again", len(entries))
            self._retry(entries)
            return False
        if rebuilding or store.rebuilding():
            self._retry(entries)
            return False
        return True

    @staticmethod
    def _retry(entries) -> None:
        by_model: dict = {}
        for model, pk in entries:
            by_model.setdefault(model, []).append(pk)
        for model, pks in by_model.items():
            tasks.retry_later(model, pks)


WhooshSearchBackend = SearchBackend
