"""`manage.py search_latency`: time searches, autocomplete, "did you mean" and snippets on this index.

Prints p50/p95 in milliseconds per kind of call (warm: each query runs once before timing).
"""

import statistics
import time

from django.core.management.base import BaseCommand
from wagtail.models import Page

from search.highlight import snippet
from search.query import parse_user_query
from search.spelling import suggest

DEFAULT_QUERIES = [
    "mikrovirksomheder eksport",
    "childrens shoes denmark",
    "Aarhus",
    "virksomhed",
    "iværksætter",
    "micro-business",
    '"trade fair" -shoes',
    "eksp*",
    "konkolleger netværk",
    "exchange rate",
]


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(fraction * (len(values) - 1))))]


class Command(BaseCommand):
    help = "Measure search latency (p50/p95 ms) on the current index."

    def add_arguments(self, parser):
        parser.add_argument("queries", nargs="*")
        parser.add_argument("--repeat", type=int, default=20)

    def timed(self, fn, repeat):
        fn()
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - started) * 1000)
        return samples

    def handle(self, *args, queries=None, repeat=20, **options):
        queries = queries or DEFAULT_QUERIES
        kinds = {"search (10 results)": [], "count": [], "autocomplete": [], "suggest": [], "snippet x10": []}
        pages = Page.objects.live().specific()
        for text in queries:
            query, _warnings = parse_user_query(text)
            if query is None:
                continue
            kinds["search (10 results)"] += self.timed(lambda q=query: list(pages.search(q)[:10]), repeat)
            kinds["count"] += self.timed(lambda q=query: pages.search(q).count(), repeat)
            kinds["autocomplete"] += self.timed(lambda t=text: list(Page.objects.live().autocomplete(t[:4])[:8]), repeat)
            kinds["suggest"] += self.timed(lambda t=text: suggest(t), repeat)
            results = list(pages.search(query)[:10])
            kinds["snippet x10"] += self.timed(lambda r=results, t=text: [snippet(p, t) for p in r], max(1, repeat // 4))
        self.stdout.write(f"{Page.objects.count()} pages, {len(queries)} queries x {repeat}")
        for kind, samples in kinds.items():
            if samples:
                self.stdout.write(
                    f"{kind:22} p50 {statistics.median(samples):7.1f} ms   p95 {percentile(samples, 0.95):7.1f} ms"
                )
