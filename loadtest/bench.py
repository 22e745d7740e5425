"""python -m loadtest.bench: requests/s of one page, from the page cache and rendered, under gunicorn.

Uses `wrk` (Debian package) when installed, else a threaded Python client (which then shares
the two cores with the server and reports less). Loopback only, a few seconds per measurement.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import threading
import time

from loadtest.http import Client, ConnectionFailedError
from loadtest.server import HOST, Site
from loadtest.stats import percentile


def with_wrk(port: int, path: str, seconds: int, connections: int, threads: int) -> dict:
    result = subprocess.run(  # noqa: S603 - a fixed command line on the loopback
        [shutil.which("wrk") or "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", f"http://{HOST}:{port}{path}"],
        capture_output=True, text=True, timeout=seconds + 60,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    return {"tool": "wrk", "rps": rps, "errors": int(non2xx.group(1)) if non2xx else 0,
            "p50_ms": _ms(p50), "p99_ms": _ms(p99)}


def _ms(match) -> float:
    if not match:
        return 0.0
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def with_python(port: int, path: str, seconds: int, connections: int) -> dict:
    times, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def loop():
        client, mine = Client(HOST, port), []
        while time.monotonic() < deadline:
            try:
                response = client.get(path)
                mine.append(response.seconds)
                if response.status != 200:
                    errors[0] += 1
            except ConnectionFailedError:
                errors[0] += 1
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=loop) for _ in range(connections)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    return {"tool": "python", "rps": len(times) / elapsed, "errors": errors[0],
            "p50_ms": percentile(times, 0.5) * 1000, "p99_ms": percentile(times, 0.99) * 1000}


def measure(port, path, seconds, connections):
    client = Client(HOST, port)
    for _ in range(5):  # warm every worker's cache and connections
        client.get(path)
    state = client.get(path).headers.get("x-cache", "-")
    if shutil.which("wrk"):
        result = with_wrk(port, path, seconds, connections, threads=2)
    else:
        result = with_python(port, path, seconds, min(connections, 16))
    result["x-cache"] = state
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest.bench", description=__doc__)
    parser.add_argument("--port", type=int, default=8351)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--path", default="/en/definitions/konkollega/")
    args = parser.parse_args(argv)

    rows = []
    for label, extra in (("cached page view", {}), ("rendered page view (page cache off)", {"PAGE_CACHE_SECONDS": "0"})):
        site = Site(port=args.port, workers=args.workers, threads=args.threads, env_extra=extra)
        try:
            site.prepare([])
            site.start()
            result = measure(args.port, args.path, args.seconds, args.connections)
            rows.append((label, result))
            print(f"{label:38} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:7.1f} ms  p99 {result['p99_ms']:7.1f} ms"
                  f"  errors {result['errors']}  X-Cache {result['x-cache']}  ({result['tool']}, {args.connections} conn,"
                  f" {args.workers} workers x {args.threads} threads)", flush=True)
        finally:
            site.stop()
            site.remove()
    return 0


if __name__ == "__main__":
    sys.exit(main())
