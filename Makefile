# e-Kinerja — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8000
# pytest exits 5 when it collected no tests: that is a failure here, never a pass.
PYTEST_NO_TESTS_IS_FAILURE = st=$$?; if [ $$st -eq 5 ]; then echo "ERROR: pytest collected no tests"; exit 1; fi; exit $$st

.PHONY: run test install lint format messages e2e bench clean demo-logins

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

install: $(STAMP)

# The demo runs like production (DEBUG off, whitenoise static files), minus HTTPS on
# loopback. A local secret key is generated once into .secret_key (git-ignored).
.secret_key:
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > .secret_key

run: $(STAMP) .secret_key
	@export SECRET_KEY=$$(cat .secret_key) SECURE_SSL=0; \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py collectstatic --noinput -v 0 && \
	$(PY) manage.py seed_demo --if-empty && \
	$(PY) manage.py demo_logins && \
	{ $(PY) manage.py db_worker --no-reload --interval 2 >.worker.log 2>&1 & WORKER=$$!; \
	  trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	  echo "Background worker (large imports) running, pid $$WORKER, log .worker.log"; \
	  $(PY) manage.py runserver --noreload $(HOST):$(PORT); }

# Print the demo logins again, with the local secret key `make run` uses.
demo-logins: $(STAMP) .secret_key
	@SECRET_KEY=$$(cat .secret_key) SECURE_SSL=0 $(PY) manage.py demo_logins

# The whole suite: lint, migrations check, types (mypy with django-stubs, config in
# pyproject.toml), the tests. Browser tests in e2e/ run when Debian's chromium is installed;
# otherwise they are skipped and we say so plainly.
test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DEBUG=1 $(PY) -m mypy
	@if [ -x /usr/bin/chromium ]; then \
	  echo "== chromium found: browser tests in e2e/ will run"; \
	else \
	  echo "== SKIPPING browser tests in e2e/: /usr/bin/chromium is not installed (apt-get install chromium)"; \
	fi
	$(PY) -m pytest -n 2 ekinerja; $(PYTEST_NO_TESTS_IS_FAILURE)
	@if [ -x /usr/bin/chromium ]; then \
	  $(PY) -m pytest e2e; $(PYTEST_NO_TESTS_IS_FAILURE); \
	fi

# Only the browser tests; unlike `make test`, a missing chromium is an error here.
e2e: $(STAMP)
	@test -x /usr/bin/chromium || { echo "ERROR: /usr/bin/chromium is not installed (apt-get install chromium; never 'playwright install')"; exit 1; }
	$(PY) -m pytest e2e; $(PYTEST_NO_TESTS_IS_FAILURE)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Regenerate translation catalogues (needs GNU gettext); the compiled .mo files are committed.
# DEBUG=1: these commands need the settings but no SECRET_KEY.
messages: $(STAMP)
	cd ekinerja && DEBUG=1 ../$(PY) ../manage.py makemessages -l en --no-obsolete --ignore "*/tests/*"
	cd ekinerja && DEBUG=1 ../$(PY) ../manage.py compilemessages -l en

bench: $(STAMP)
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache
