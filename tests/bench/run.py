"""Run the search benchmarks and print the tables.

Environment:
  BENCH_SIZES    page counts, comma-separated (default 1000,10000,50000)
  BENCH_QUERIES  queries per query class and size (default 30)
  BENCH_BACKENDS aliases from WAGTAILSEARCH_BACKENDS to compare (default: "default" and "database")
  BENCH_FRESH=1  rebuild the template database (migrations + starter content)
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.test.utils import override_settings
from modelsearch.backends import get_search_backend

from search import adapters, service

from . import corpus, relevance
from .loader import load_pages

DB_PATH = Path(settings.DATABASES["default"]["NAME"])
TEMPLATE_PATH = DB_PATH.with_name("template.sqlite3")
STOCK = ("modelsearch.backends.database", "wagtail.search.backends.database")
CLASSES = ("one word", "several words", "phrase", "autocomplete")
ALTERNATING_QUERIES = 20


def say(*args) -> None:
    print(*args, flush=True)


# --- databases --------------------------------------------------------------------------------

def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _copy_db(source: Path, target: Path) -> None:
    connections.close_all()
    _remove_db(target)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def prepare_template() -> None:
    if TEMPLATE_PATH.exists() and os.environ.get("BENCH_FRESH") != "1":
        return
    say(f"Preparing the template database ({TEMPLATE_PATH}): migrations and starter content …")
    connections.close_all()
    _remove_db(DB_PATH)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_content", verbosity=0)
    connections.close_all()
    _copy_db(DB_PATH, TEMPLATE_PATH)


# --- backends ---------------------------------------------------------------------------------

def backends_to_compare() -> list[tuple[str, str]]:
    """[(alias, label)]: ours first, then Wagtail's stock database backend."""
    configured = settings.WAGTAILSEARCH_BACKENDS
    wanted = [a for a in os.environ.get("BENCH_BACKENDS", "default,database").split(",") if a]
    chosen: list[tuple[str, str]] = []
    seen_stock = False
    for alias in wanted:
        if alias not in configured:
            say(f"note: backend '{alias}' is not in WAGTAILSEARCH_BACKENDS; skipped")
            continue
        path = configured[alias].get("BACKEND", "")
        stock = path.startswith(STOCK)
        if stock and seen_stock:
            say(f"note: '{alias}' is Wagtail's database backend again; measured once")
            continue
        try:
            get_search_backend(alias)
        except Exception as error:  # a backend that cannot load is reported, not fatal
            say(f"note: backend '{alias}' could not be loaded ({error}); skipped")
            continue
        seen_stock = seen_stock or stock
        chosen.append((alias, "database" if stock else f"ours ({alias})"))
    if not any(not label.startswith("database") for _a, label in chosen):
        say("note: no backend other than Wagtail's database backend is configured as 'default' "
            "(merge search-backend); only the database backend is measured")
    return chosen


# --- measuring --------------------------------------------------------------------------------

def _ms(function) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def percentiles(samples: list[float]) -> tuple[float, float]:
    if not samples:
        return (float("nan"), float("nan"))
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return statistics.median(ordered), p95


def query_sets(specs: list[corpus.PageSpec], count: int, seed: int = 11) -> dict[str, list[str]]:
    rng = random.Random(seed)
    sets: dict[str, list[str]] = {name: [] for name in CLASSES}
    for language in ("en", "da"):
        words = corpus.vocabulary(language).words
        middle = [w for w in words[10:1500] if len(w) >= 4]
        half = count // 2 + count % 2 if language == "en" else count // 2
        sets["one word"] += rng.sample(middle, half)
        sets["several words"] += [" ".join(rng.sample(middle, rng.choice((2, 3)))) for _ in range(half)]
        sets["phrase"] += [f'"{p}"' for p in corpus.phrases_from(specs, language, half, rng)]
        sets["autocomplete"] += [w[: rng.randint(3, 5)] for w in rng.sample(middle, half)]
    return sets


def measure_latency(alias: str, queries: dict[str, list[str]]) -> dict[str, dict[str, tuple[float, float]]]:
    client = Client()
    queryset = service.searchable_pages()
    results: dict[str, dict[str, tuple[float, float]]] = {"page": {}, "backend": {}}
    with override_settings(SEARCH_PAGE_BACKEND=alias):
        backend = adapters.backend()
        for warm in ("export", "eksport", "virksomhed"):  # open indexes, fill caches
            client.get("/en/search/", {"q": warm})
            client.get("/en/search/suggest/", {"q": warm[:4]})
        for name, texts in queries.items():
            page_samples, backend_samples = [], []
            for text in texts:
                if name == "autocomplete":
                    page_samples.append(_ms(lambda t=text: _ok(client.get("/en/search/suggest/", {"q": t}))))
                    backend_samples.append(_ms(lambda t=text: list(backend.autocomplete(t, queryset)[:8])))
                else:
                    page_samples.append(_ms(lambda t=text: _ok(client.get("/en/search/", {"q": t}))))
                    backend_samples.append(
                        _ms(lambda t=text: list(backend.search(adapters.parse(t)[0], queryset)[:10]))
                    )
            results["page"][name] = percentiles(page_samples)
            results["backend"][name] = percentiles(backend_samples)
    return results


def _ok(response) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"search page answered {response.status_code}")


def page_names(planted: dict[str, int]) -> dict[int, str]:
    from wagtail.models import Page

    names = {pk: f"planted:{key}" for key, pk in planted.items()}
    for pk, slug, code in Page.objects.filter(depth__gte=3).exclude(slug__startswith="bench-").exclude(
        slug__startswith="planted-"
    ).values_list("pk", "slug", "locale__language_code"):
        names.setdefault(pk, f"{code}/{slug}")
    return names


def measure_relevance(alias: str, names: dict[int, str]) -> dict:
    per_kind: dict[str, list[tuple[float, float]]] = {}
    details = []
    client = Client()
    with override_settings(SEARCH_PAGE_BACKEND=alias):
        for entry in relevance.QUERIES:
            text, kind, expected = entry[:3]
            if kind == "api typo":
                ids = api_ids(client, text)
            else:
                # As the search page lists them: one page per translation group in the reader's language,
                # the results of the spelling suggestion when nothing is found (only our backend suggests).
                ids = service.ranked_pages(text, relevance.reader_language(entry))[0][:10]
            ranked = [names.get(pk, f"#{pk}") for pk in ids]
            rr, ndcg = relevance.score(ranked, expected)
            per_kind.setdefault(kind, []).append((rr, ndcg))
            details.append({"query": text, "kind": kind, "rr": rr, "ndcg": ndcg, "top3": ranked[:3]})
    scores = [s for values in per_kind.values() for s in values]
    return {
        "mrr": statistics.mean(s[0] for s in scores),
        "ndcg": statistics.mean(s[1] for s in scores),
        "by_kind": {k: (statistics.mean(v[0] for v in vs), statistics.mean(v[1] for v in vs))
                    for k, vs in per_kind.items()},
        "details": details,
    }


def api_ids(client, text: str) -> list[int]:
    response = client.get("/api/v2/pages/", {"search": text, "limit": 10})
    _ok(response)
    return [item["id"] for item in response.json()["items"]]


def measure_alternating(backends: list[tuple[str, str]], texts: list[str], rounds: int) -> dict:
    """End-to-end latency of the API's search and of the search page for each backend, measured in turn
    query by query (ours, stock, ours, …), so that the machine's load falls on both alike."""
    client = Client()
    samples: dict[str, dict[str, list[float]]] = {label: {"api": [], "page": []} for _a, label in backends}
    for alias, _label in backends:  # open indexes, fill caches
        with override_settings(SEARCH_PAGE_BACKEND=alias):
            for warm in ("export", "eksport"):
                client.get("/api/v2/pages/", {"search": warm})
                client.get("/en/search/", {"q": warm})
    for _round in range(rounds):
        for text in texts:
            for alias, label in backends:
                with override_settings(SEARCH_PAGE_BACKEND=alias):
                    samples[label]["api"].append(
                        _ms(lambda t=text: _ok(client.get("/api/v2/pages/", {"search": t})))
                    )
                    samples[label]["page"].append(_ms(lambda t=text: _ok(client.get("/en/search/", {"q": t}))))
    # The same comparison over the queries both backends answer with as many results: a page of ten
    # results costs more to show than stock's "nothing found", whatever finds them.
    alike = [i for i, text in enumerate(texts) if len({_result_count(alias, text) for alias, _l in backends}) == 1]
    figures = {label: {where: percentiles(values) for where, values in by_where.items()}
               for label, by_where in samples.items()}
    for label, by_where in samples.items():
        page = by_where["page"]
        figures[label]["page alike"] = percentiles([page[r * len(texts) + i] for r in range(rounds) for i in alike])
        figures[label]["alike"] = len(alike)
    return figures


def _result_count(alias: str, text: str) -> int:
    with override_settings(SEARCH_PAGE_BACKEND=alias):
        return service.run_search(text, {}, "en").total


# --- one size ---------------------------------------------------------------------------------

def run_size(size: int, backends: list[tuple[str, str]], query_count: int) -> dict:
    say(f"\n== {size} pages ==")
    _copy_db(TEMPLATE_PATH, DB_PATH)
    started = time.perf_counter()
    specs = corpus.generate(max(0, size - len(relevance.PLANTED)))
    generated = time.perf_counter() - started
    started = time.perf_counter()
    planted = load_pages(specs + relevance.PLANTED)
    loaded = time.perf_counter() - started
    say(f"generated {len(specs) + len(relevance.PLANTED)} pages in {generated:.1f} s, loaded in {loaded:.1f} s")
    queries = query_sets(specs, query_count)
    names = page_names(planted)
    result = {"size": size, "load_s": loaded, "backends": {}}
    for alias, label in backends:
        index_s = build_index(alias, label)
        if label == "database":
            index_s = _check_database_index(alias, size, index_s)
        say(f"{label}: index built in {index_s:.1f} s")
        latency = measure_latency(alias, queries)
        rel = measure_relevance(alias, names)
        say(f"{label}: MRR {rel['mrr']:.3f}, nDCG@10 {rel['ndcg']:.3f}")
        result["backends"][label] = {"alias": alias, "index_s": index_s, "latency": latency, "relevance": rel}
    # Queries readers type (the relevance set's, every other one): at the starter content's size the
    # generated vocabulary's words are mostly unknown, and every search would be a spelling correction.
    texts = list(dict.fromkeys(entry[0] for entry in relevance.QUERIES[::2]))[:ALTERNATING_QUERIES]
    rounds = int(os.environ.get("BENCH_ROUNDS", "5"))
    say(f"API and search page, {len(texts)} queries x {rounds}, backends in turn …")
    for label, figures in measure_alternating(backends, texts, rounds).items():
        result["backends"][label]["alternating"] = figures
    return result


def build_index(alias: str, label: str) -> float:
    """Seconds of `update_index --backend <alias>` (a full rebuild); our backend's progress is shown as it goes."""
    out = StringIO() if label == "database" else sys.stdout
    started = time.perf_counter()
    call_command("update_index", backend_name=alias, stdout=out, stderr=StringIO())
    return time.perf_counter() - started


def _check_database_index(alias: str, size: int, index_s: float) -> float:
    """Once a rebuild of the database backend came back at once with nothing indexed: check and redo."""
    from wagtail.search.models import IndexEntry

    entries = IndexEntry.objects.count()
    if entries >= size:
        return index_s
    say(f"note: the database index has {entries} entries for {size} pages (FTS fallback?); rebuilding it again")
    started = time.perf_counter()
    call_command("update_index", backend_name=alias, stdout=StringIO())
    say(f"      now {IndexEntry.objects.count()} entries")
    return time.perf_counter() - started


# --- tables -----------------------------------------------------------------------------------

def _fmt(value: float) -> str:
    return f"{value:.1f}" if value == value else "-"


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def _ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}x" if theirs and ours == ours and theirs == theirs else "-"


def print_tables(results: list[dict]) -> None:
    for result in results:
        labels = list(result["backends"])
        say(f"\n### {result['size']} pages (loaded in {result['load_s']:.1f} s)")
        header = "| measure | " + " | ".join(labels) + (" | ratio |" if len(labels) == 2 else " |")
        say(header)
        say("|" + "---|" * (header.count("|") - 1))

        def row(name, values, ratio=True, labels=labels):
            cells = " | ".join(values)
            extra = ""
            if len(labels) == 2:
                numbers = [_number(v.split(" / ")[-1]) for v in values]
                extra = f" | {_ratio(numbers[0], numbers[1])}" if ratio else " | "
            say(f"| {name} | {cells}{extra} |")

        row("index build (s)", [_fmt(result["backends"][lb]["index_s"]) for lb in labels])
        for where in ("page", "backend"):
            for name in CLASSES:
                values = []
                for label in labels:
                    p50, p95 = result["backends"][label]["latency"][where][name]
                    values.append(f"{_fmt(p50)} / {_fmt(p95)}")
                title = "search page" if where == "page" else "backend"
                if name == "autocomplete" and where == "page":
                    title = "suggest endpoint"
                row(f"{title}, {name}: p50 / p95 (ms)", values)
        alike = result["backends"][labels[0]].get("alternating", {}).get("alike", 0)
        for where, title in (("api", "API search, in turn"), ("page", "search page, in turn"),
                             ("page alike", f"search page, in turn, the {alike} queries with as many results")):
            values = []
            for label in labels:
                figures = result["backends"][label].get("alternating", {}).get(where)
                values.append(f"{_fmt(figures[0])} / {_fmt(figures[1])}" if figures else "-")
            row(f"{title}: p50 / p95 (ms)", values)
        row("relevance MRR", [f"{result['backends'][lb]['relevance']['mrr']:.3f}" for lb in labels])
        row("relevance nDCG@10", [f"{result['backends'][lb]['relevance']['ndcg']:.3f}" for lb in labels])
        kinds = sorted({k for lb in labels for k in result["backends"][lb]["relevance"]["by_kind"]})
        for kind in kinds:
            row(f"  MRR, {kind} queries", [
                f"{result['backends'][lb]['relevance']['by_kind'].get(kind, (0, 0))[0]:.3f}" for lb in labels
            ])
        for kind in kinds:
            row(f"  nDCG@10, {kind} queries", [
                f"{result['backends'][lb]['relevance']['by_kind'].get(kind, (0, 0))[1]:.3f}" for lb in labels
            ])
    say("\nRatios are first column / second column (for times lower is faster; for relevance higher is better).")


def main() -> int:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,50000").split(",") if s.strip()]
    query_count = int(os.environ.get("BENCH_QUERIES", "30"))
    say(f"Search benchmark: sizes {sizes}, {query_count} queries per class, data in {DB_PATH.parent}")
    prepare_template()
    # The database backend decides once per process whether SQLite has its FTS tables (else it silently
    # falls back to unindexed LIKE queries): make sure it looks at a migrated database.
    _copy_db(TEMPLATE_PATH, DB_PATH)
    backends = backends_to_compare()
    if not backends:
        say("no backend to measure")
        return 1
    results = []
    total = time.perf_counter()
    out = DB_PATH.parent / f"results-{time.strftime('%Y%m%d-%H%M%S')}.json"
    for size in sizes:
        results.append(run_size(size, backends, query_count))
        print_tables(results[-1:])  # each size's table as soon as it is measured
        out.write_text(json.dumps(results, indent=1, default=str))
    if len(results) > 1:
        say("\n## All sizes")
        print_tables(results)
    say(f"\nTotal {time.perf_counter() - total:.0f} s. Details (per-query relevance) in {out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
