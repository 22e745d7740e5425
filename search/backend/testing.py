"""Helpers for tests: an empty index per test, like the rolled-back database."""

from modelsearch.backends import get_search_backend


def reset_search_index() -> None:
    backend = get_search_backend()
    store = getattr(backend, "store", None)
    if store is not None:
        store.reset()
