"""Two copies of the site (gunicorn and a task worker each) on one PostgreSQL database and one Redis.

Built from the load test's pieces (loadtest.server.Site): each server has its own DATA_DIR (static
files), and both share the database (pages, sessions, the task queue, the search index with
`SEARCH_URL=database://`), the Redis cache (page cache, its content versions, anti-spam state) and the
SECRET_KEY (a session or a challenge signed by one is read by the other).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field

from loadtest.server import Site, manage

NAMES = ("A", "B")


@dataclass
class Cluster:
    ports: tuple[int, int]
    workers: int = 2
    threads: int = 4
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))
    sites: dict[str, Site] = field(default_factory=dict)

    def __post_init__(self):
        for variable in ("DATABASE_URL", "CACHE_URL"):
            if not os.environ.get(variable):
                raise SystemExit(f"{variable} is not set: run through `make test-scaleout` "
                                 "(.ci/with-postgres and .ci/with-redis start the services and set it)")
        shared = {
            "DATABASE_URL": os.environ["DATABASE_URL"],
            "CACHE_URL": os.environ["CACHE_URL"],
            "SEARCH_URL": "database://",
            "SECRET_KEY": self.secret_key,
        }
        for name, port in zip(NAMES, self.ports, strict=True):
            self.sites[name] = Site(port=port, workers=self.workers, threads=self.threads, env_extra=dict(shared))

    @property
    def a(self) -> Site:
        return self.sites["A"]

    @property
    def b(self) -> Site:
        return self.sites["B"]

    def prepare(self, editors: list[str]) -> None:
        """Migrate, load the starter content, index it, make the accounts (once, through A); static files for B."""
        self.a.prepare(editors)
        manage(self.b.env, "collectstatic", "--noinput", "-v0")

    def start(self) -> None:
        for site in self.sites.values():
            site.start()

    def stop(self) -> None:
        for site in self.sites.values():
            site.stop()

    def remove(self) -> None:
        for site in self.sites.values():
            site.remove()

    def manage(self, *args: str, **kwargs) -> str:
        return manage(self.a.env, *args, **kwargs)
