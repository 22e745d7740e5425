"""Counting requests by kind, and the summary table."""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Stats:
    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    cache: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    connection_errors: Counter = field(default_factory=Counter)
    # Saves answered but not done (conflict, refusal), by reason.
    not_acknowledged: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # During the warm-up, answers are checked (5xx) but not timed or counted.
    measuring: bool = True
    warmup_server_errors: int = 0

    def record(self, kind: str, response):
        with self.lock:
            if not self.measuring:
                self.warmup_server_errors += response.status >= 500
                return
            self.seconds[kind].append(response.seconds)
            self.statuses[kind][response.status] += 1
            state = response.headers.get("x-cache")
            if state:
                self.cache[kind][state] += 1

    def connection_error(self, kind: str, message: str):
        with self.lock:
            self.connection_errors[kind] += 1
            if len(self.failures) < 50:
                self.failures.append(f"{kind}: {message}")

    def server_errors(self) -> int:
        measured = sum(n for counter in self.statuses.values() for status, n in counter.items() if status >= 500)
        return measured + self.warmup_server_errors

    def table(self, duration: float) -> str:
        rows = [("kind", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "statuses", "conn err", "cache hit/miss")]
        for kind in sorted(self.seconds):
            values = self.seconds[kind]
            statuses = " ".join(f"{s}:{n}" for s, n in sorted(self.statuses[kind].items()))
            cache = self.cache.get(kind)
            hits = f"{cache['hit']}/{cache['miss']}" if cache else "-"
            rows.append((
                kind, str(len(values)), f"{len(values) / duration:.1f}",
                f"{percentile(values, 0.5) * 1000:.1f}", f"{percentile(values, 0.95) * 1000:.1f}",
                f"{percentile(values, 0.99) * 1000:.1f}", statuses, str(self.connection_errors.get(kind, 0)), hits,
            ))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = [" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows]
        lines.insert(1, "-+-".join("-" * w for w in widths))
        return "\n".join(lines)
