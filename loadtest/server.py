"""A throw-away copy of the site: its own DATA_DIR (database with starter content), gunicorn on the loopback
and one task worker (`manage.py db_worker`: the search- and reference-index updates) beside it."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from loadtest.http import Client, ConnectionFailedError

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"


def production_env(data_dir: Path, port: int, workers: int, threads: int, extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_", "PAGE_CACHE"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        DATA_DIR=str(data_dir),
        HOST=HOST,
        PORT=str(port),
        GUNICORN_WORKERS=str(workers),
        GUNICORN_THREADS=str(threads),
        GUNICORN_ACCESS_LOG="0",
        GUNICORN_LOG_LEVEL="warning",
        LOG_LEVEL="WARNING",
        # Every worker would otherwise recycle itself during the run.
        GUNICORN_MAX_REQUESTS="1000000",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra or {})
    return env


def manage(env: dict, *args: str, input_text: str | None = None, timeout: int = 600) -> str:
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, input=input_text,
        capture_output=True, text=True, timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def copy_database(source: Path, target: Path):
    """A consistent copy of a live SQLite database (the backup API, not a file copy)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


# The production worker's options (site/deploy/systemd/wiki-tasks.service).
WORKER_ARGS = ("db_worker", "--no-reload", "--interval", "0.5")
QUEUED = "from search.backend.tasks import queued_count; print(queued_count())"

CREATE_USERS = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
User = get_user_model()
group, _ = Group.objects.get_or_create(name="Editors")
for name in {names!r}:
    user, _ = User.objects.get_or_create(username=name, defaults={{"email": name + "@example.invalid"}})
    user.set_password({password!r})
    user.is_staff = True
    user.save()
    user.groups.add(group)
    for extra in ("Moderators",):
        g = Group.objects.filter(name=extra).first()
        if g: user.groups.add(g)
"""


@dataclass
class Site:
    """The data folder and settings of one load-test run."""

    port: int
    workers: int = 2
    threads: int = 4
    env_extra: dict = field(default_factory=dict)
    data_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="wiki-loadtest-")))
    editor_password: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    process: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def env(self) -> dict:
        if not hasattr(self, "_env"):
            self._env = production_env(self.data_dir, self.port, self.workers, self.threads, self.env_extra)
        return self._env

    def prepare(self, editors: list[str], source_data_dir: Path | None = None):
        """Migrate a copy of the project's database (or a new one), load the starter content, make editors."""
        source_db = (source_data_dir or ROOT / "var") / "db.sqlite3"
        if source_db.exists() and not self.env.get("DATABASE_URL"):
            copy_database(source_db, self.data_dir / "db.sqlite3")
            index = source_db.parent / "whoosh"
            if index.is_dir():
                shutil.copytree(index, self.data_dir / "whoosh")
        manage(self.env, "migrate", "--noinput", "-v0")
        manage(self.env, "load_content", "--if-empty", "-v0")
        manage(self.env, "collectstatic", "--noinput", "-v0")
        # The copied (or missing) index starts consistent with the copied database.
        manage(self.env, "update_index", "-v0")
        manage(self.env, "shell", "-c", CREATE_USERS.format(names=editors, password=self.editor_password))

    def start(self, wait: float = 60):
        self.log_path = self.data_dir / "gunicorn.log"
        log = open(self.log_path, "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
            [PYTHON, "-m", "gunicorn", "-c", "site/deploy/gunicorn.conf.py"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )
        self.worker = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [PYTHON, "manage.py", *WORKER_ARGS], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + wait
        client = Client(HOST, self.port, timeout=5)
        while time.monotonic() < deadline:
            if self.process.poll() is not None or self.worker.poll() is not None:
                raise RuntimeError(f"gunicorn or the task worker exited:\n{self.log_path.read_text()[-3000:]}")
            try:
                if client.get("/en/").status == 200 and len(self.worker_pids()) >= self.workers:
                    return
            except ConnectionFailedError:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer in time")

    def _children(self) -> list[int]:
        if self.process is None:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def worker_pids(self) -> list[int]:
        """gunicorn's workers."""
        return self._children()

    def task_worker_pid(self) -> int | None:
        return self.worker.pid if self.worker is not None and self.worker.poll() is None else None

    def kill_a_worker(self) -> int | None:
        pids = self.worker_pids()
        if not pids:
            return None
        os.kill(pids[0], signal.SIGKILL)
        return pids[0]

    def stop(self):
        """Stop gunicorn (its workers finish their requests), then the task worker (it finishes its task)."""
        for process in (self.process, self.worker):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    def queued_tasks(self) -> int:
        """Index updates still waiting in the task queue."""
        return int(manage(self.env, "shell", "-c", QUEUED).split()[-1])

    def drain_queue(self) -> str:
        """Run what is still queued, as a restarted worker would: nothing committed is lost with a stopped one."""
        return manage(self.env, "db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v0")

    def remove(self):
        shutil.rmtree(self.data_dir, ignore_errors=True)


