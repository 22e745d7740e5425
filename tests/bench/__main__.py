"""Entry point: python -m tests.bench (sets up its own settings and data directory first)."""

import glob
import os
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(os.environ.get("BENCH_DATA_DIR", Path(__file__).resolve().parents[2] / "var" / "bench"))
BENCH_DIR.mkdir(parents=True, exist_ok=True)
# The bench never touches the development database or index: everything lives in var/bench/.
os.environ["DATA_DIR"] = str(BENCH_DIR)
os.environ.pop("DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.settings"

import django  # noqa: E402

django.setup()

from tests.bench.run import main  # noqa: E402

status = main()
# The relevance set on PostgreSQL (tests/bench/postgres.py) when PostgreSQL is installed, on a private,
# throw-away cluster (.ci/with-postgres; BENCH_PG_PORT, default 5447). BENCH_POSTGRES=0 skips it.
if os.environ.get("BENCH_POSTGRES", "1") != "0":
    if glob.glob("/usr/lib/postgresql/*/bin"):
        root = Path(__file__).resolve().parents[2]
        env = {**os.environ, "PG_PORT": os.environ.get("BENCH_PG_PORT", "5447")}
        status = subprocess.run(  # noqa: S603 - our own script and interpreter
            ["bash", str(root / ".ci" / "with-postgres"), sys.executable, "-m", "tests.bench.postgres"],  # noqa: S607
            cwd=root, env=env, check=False,
        ).returncode or status
    else:
        print("\nPostgreSQL is not installed, so no PostgreSQL columns (apt-get install postgresql to add them)")
sys.exit(status)
