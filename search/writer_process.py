"""The search index's writer process beside gunicorn's workers (site/deploy/gunicorn.conf.py).

The master starts it once it is ready, starts it again if it dies (a second later), and stops it on
exit after the workers, so that it applies the last saves' queued writes before the master is gone.
No Django here: this runs in gunicorn's master, which never loads the application.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from pathlib import Path

logger = logging.getLogger("gunicorn.error")

PROJECT = Path(__file__).resolve().parent.parent
COMMAND = [sys.executable, "manage.py", "search_index_writer"]


class WriterProcess:
    def __init__(self, command=None, cwd=PROJECT, restart_after: float = 1.0):
        self.command = list(command or COMMAND)
        self.cwd = cwd
        self.restart_after = restart_after
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self._stopping = threading.Event()
        self._lock = threading.Lock()

    def start(self) -> None:
        self._spawn()
        threading.Thread(target=self._supervise, name="search-index-writer", daemon=True).start()

    def _spawn(self) -> None:
        with self._lock:
            if self._stopping.is_set():
                return
            self.process = subprocess.Popen(self.command, cwd=self.cwd)  # noqa: S603 - our interpreter, our command
            self.starts += 1

    def _supervise(self) -> None:
        while not self._stopping.is_set():
            process = self.process
            # gunicorn's master may reap the process first (it waits for any child): wait() then returns 0.
            code = process.wait()
            if self._stopping.is_set():
                return
            logger.warning("Search index writer (pid %s) exited with %s; starting it again", process.pid, code)
            if self._stopping.wait(self.restart_after):
                return
            self._spawn()

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM, then wait for it to apply what is queued; SIGKILL after ``timeout`` seconds."""
        with self._lock:
            self._stopping.set()
            process = self.process
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                logger.warning("Search index writer did not stop in %ss; killed (its queue rows stay)", timeout)
                process.kill()
                process.wait()
