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

.PHONY: run test setup install messages migrate content lint check pytest bench clean

run: setup content
	$(MANAGE) runserver $(HOST):$(PORT)

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

lint: install
	$(BIN)/ruff check .

check: install messages
	$(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: install messages
	$(BIN)/pytest -n 2 $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests"; fi; exit $$status

bench: setup
	$(BIN)/python -m tests.bench

clean:
	rm -rf $(VENV) var $(MO_FILES)
