"""A small HTTP/1.1 client with keep-alive and cookies, timed; one per simulated person (thread)."""

from __future__ import annotations

import http.client
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode


class ConnectionFailedError(Exception):
    """The server closed or reset the connection (e.g. its worker was killed)."""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


@dataclass
class Client:
    host: str
    port: int
    timeout: float = 30.0
    # The server closes a keep-alive connection idle for `keepalive` seconds (5 in gunicorn.conf.py);
    # a request sent on it as it closes fails. Like browsers and urllib3, open a fresh one instead.
    idle_limit: float = 2.0
    cookies: dict[str, str] = field(default_factory=dict)
    _conn: http.client.HTTPConnection | None = None
    _last_used: float = 0.0

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is not None and time.monotonic() - self._last_used > self.idle_limit:
            self.close()
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def close(self):
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None) -> Response:
        all_headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "en", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body, doseq=True).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        try:
            conn = self._connection()
            conn.request(method, path, body=data, headers=all_headers)
            raw = conn.getresponse()
            payload = raw.read()
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            raise ConnectionFailedError(f"{method} {path}: {exc!r}") from exc
        seconds = time.perf_counter() - start
        self._last_used = time.monotonic()
        headers = {k.lower(): v for k, v in raw.getheaders()}
        for name, value in raw.getheaders():
            if name.lower() == "set-cookie":
                jar = SimpleCookie()
                jar.load(value)
                for key, morsel in jar.items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[key] = morsel.value
                    else:
                        self.cookies.pop(key, None)
        if raw.will_close:
            self.close()
        return Response(raw.status, headers, payload, seconds)

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body: dict, **kwargs) -> Response:
        return self.request("POST", path, body=body, **kwargs)
