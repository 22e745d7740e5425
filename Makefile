# Two commands matter: `make run` and `make test`. Both set everything up first
# and are cheap to repeat (each step only redoes work when its inputs changed).

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po */locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test setup install messages migrate content lint check pytest bench clean serve-prod test-postgres loadtest loadtest-bench test-scaleout

# The address absolute URLs name (API, sitemap); none when listening on every interface (then: the request's host).
PUBLIC_URL = $(if $(filter 0.0.0.0 ::,$(HOST)),,http://$(HOST):$(PORT))

run: setup content
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-$(PUBLIC_URL)}" $(MANAGE) runserver $(HOST):$(PORT)

test: install messages lint check pytest

setup: install messages migrate

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required (set PYTHON=...)")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Translations are compiled with Babel, so no system gettext tools are needed.
messages: install $(MO_FILES)

%.mo: %.po
	$(BIN)/pybabel compile --statistics -i $< -o $@

migrate: install messages
	$(MANAGE) migrate --noinput

content: migrate
	$(MANAGE) load_content --if-empty
	# An index lost or left behind by an older version is rebuilt from the database.
	$(MANAGE) search_index_check --repair --show 3

lint: install
	$(BIN)/ruff check .

check: install messages
	$(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: install messages
	$(BIN)/pytest -n 2 $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests"; fi; exit $$status

# Production settings under gunicorn, on plain HTTP on the loopback (so the HTTPS redirect,
# secure cookies and HSTS are off unless set). A SECRET_KEY is generated once into var/.
DATA_DIR ?= var
PROD_ENV = DJANGO_SETTINGS_MODULE=config.settings.production \
	SECRET_KEY="$${SECRET_KEY:-$$(cat $(DATA_DIR)/secret_key)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST),localhost,127.0.0.1}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}" SECURE_COOKIES="$${SECURE_COOKIES:-0}" \
	SECURE_HSTS_SECONDS="$${SECURE_HSTS_SECONDS:-0}" HOST=$(HOST) PORT=$(PORT) \
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-$(PUBLIC_URL)}"

serve-prod: install messages
	@mkdir -p $(DATA_DIR)
	@test -s $(DATA_DIR)/secret_key || $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $(DATA_DIR)/secret_key
	$(PROD_ENV) $(MANAGE) collectstatic --noinput -v0
	$(PROD_ENV) $(MANAGE) migrate --noinput
	$(PROD_ENV) $(MANAGE) createcachetable
	$(PROD_ENV) $(MANAGE) load_content --if-empty
	@# The task worker (index updates) beside gunicorn, stopped with it.
	$(PROD_ENV) $(MANAGE) db_worker --no-reload --interval 0.5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(PROD_ENV) $(BIN)/gunicorn -c site/deploy/gunicorn.conf.py

# The pytest suite again on a private PostgreSQL (installed from Debian packages if missing).
# The browser journeys run once, in `make test` on the embedded default (their session-wide live
# server holds a connection that PostgreSQL refuses to drop the test database under).
test-postgres: install messages
	bash .ci/with-postgres $(BIN)/pytest -n 2 --ignore=tests/e2e $(PYTEST_ARGS)

bench: setup
	$(BIN)/python -m tests.bench

# Load and fault test (not part of `make test`; ~2-3 min, loopback only): gunicorn with the production
# settings and the task worker (db_worker) on a copy of the database, 50 readers + 10 editors for 60 s,
# one web worker killed mid-run.
# LOADTEST_ARGS passes options, e.g. LOADTEST_ARGS="--duration 30 --editors 5"; see python -m loadtest --help.
LOADTEST_PORT ?= 8350
loadtest: setup content
	$(PY) -m loadtest --port $(LOADTEST_PORT) $(LOADTEST_ARGS)

# Requests/s of one page from the page cache and rendered (wrk when installed: apt-get install wrk).
loadtest-bench: setup content
	$(PY) -m loadtest.bench --port $$(( $(LOADTEST_PORT) + 1 )) $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) var $(MO_FILES)

# Two app servers on one PostgreSQL, one Redis and one task queue, checked over HTTP (not part of `make test`;
# 3-6 min, loopback only): PostgreSQL on 127.0.0.1:5447 and Redis on :6391, private and thrown away (installed
# from the Debian packages when missing), gunicorn on :8640 and :8641. See python -m scaleout --help.
SCALEOUT_PG_PORT ?= 5447
SCALEOUT_REDIS_PORT ?= 6391
test-scaleout: install messages
	PG_PORT=$(SCALEOUT_PG_PORT) bash .ci/with-postgres env REDIS_PORT=$(SCALEOUT_REDIS_PORT) bash .ci/with-redis \
		$(PY) -m scaleout $(SCALEOUT_ARGS)
