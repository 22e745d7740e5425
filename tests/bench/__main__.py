"""Entry point: python -m tests.bench (sets up its own settings and data directory first)."""

import os
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

sys.exit(main())
