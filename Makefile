# Linli: two commands on a fresh machine.
#   make run    set up, migrate, load the demo community, serve on http://127.0.0.1:8000 (PORT=…)
#   make test   everything CI checks: lint, Django checks, pytest on SQLite and PostgreSQL, browser
#   make bench  the benchmarks, written to bench/results.json

VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export VENV PORT

# The test database server that scripts/test-services.sh prepares.
TEST_DATABASE_URL ?= postgresql://linli:linli@127.0.0.1:5432/linli

# CI runs on a fresh clone: no pytest cache to read or leave behind.
PYTEST := $(BIN)/pytest -q $(if $(filter true,$(CI)),-p no:cacheprovider)
# Two workers halve the SQLite and PostgreSQL runs on CI's two cores.
PYTEST_WORKERS ?= -n 2

.PHONY: run test bench screenshot venv venv-test services prepare lint check \
	test-sqlite test-postgres test-replica test-browser clean
# Each step of `make test` needs the one before; never run them side by side.
.NOTPARALLEL:

run: venv
	scripts/run.sh

test: prepare lint check test-sqlite test-postgres test-replica test-browser
	@echo "==> $$(date +%T) make test: all passed"

bench: venv-test
	$(BIN)/python bench/run.py

# docs/screenshot.png: captain9's page on a phone, from a fresh demo community.
screenshot: venv-test
	$(BIN)/python scripts/screenshot.py

venv:
	@scripts/bootstrap-venv.sh runtime

venv-test:
	@scripts/bootstrap-venv.sh test

services:
	@scripts/test-services.sh

# venv-test and services side by side (scripts/prepare-tests.sh).
prepare:
	@echo "==> $$(date +%T) preparing: the venv and the services"
	@scripts/prepare-tests.sh

lint: venv-test
	@echo "==> $$(date +%T) ruff"
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: venv-test
	@echo "==> $$(date +%T) linli check, makemigrations --check"
	$(BIN)/linli check --fail-level WARNING
	$(BIN)/linli makemigrations --check --dry-run

test-sqlite: venv-test
	@echo "==> $$(date +%T) pytest on SQLite"
	$(PYTEST) $(PYTEST_WORKERS) -m "not browser"

# Skipped with a warning when PostgreSQL is not there, except on CI, where
# that is a failure: a suite that silently stops testing PostgreSQL is worse
# than one that fails. Only the tests that touch the database run again here
# (tests/conftest.py, --database-only): the others cannot depend on the engine.
test-postgres: venv-test
	@echo "==> $$(date +%T) pytest on PostgreSQL"
	@if scripts/postgres-reachable.sh "$(TEST_DATABASE_URL)"; then \
		echo "LINLI_DATABASE_URL=$(TEST_DATABASE_URL) $(PYTEST) $(PYTEST_WORKERS) --database-only -m 'not browser'"; \
		LINLI_DATABASE_URL="$(TEST_DATABASE_URL)" $(PYTEST) $(PYTEST_WORKERS) --database-only -m "not browser"; \
	elif [ "$(CI)" = true ]; then \
		echo "ERROR: PostgreSQL is unreachable at $(TEST_DATABASE_URL) under CI=true" >&2; exit 1; \
	else \
		echo "WARNING: PostgreSQL is unreachable; skipping the PostgreSQL run (run scripts/test-services.sh)" >&2; \
	fi

# The reports' pages and command with the replica router on (docs/deploy.md,
# "A city"): a "replica" alias that mirrors the test database. On PostgreSQL
# when it is there (two real connections), else on SQLite.
REPLICA_TESTS := tests/security/test_replica_router.py tests/reports/test_pages.py \
	tests/reports/test_command.py
test-replica: venv-test
	@echo "==> $$(date +%T) pytest with the replica router"
	@if scripts/postgres-reachable.sh "$(TEST_DATABASE_URL)"; then \
		LINLI_DATABASE_URL="$(TEST_DATABASE_URL)" LINLI_REPLICA_DATABASE_URL="$(TEST_DATABASE_URL)" \
			$(PYTEST) $(REPLICA_TESTS); \
	else \
		LINLI_REPLICA_DATABASE_URL="sqlite:///var/linli.sqlite3" $(PYTEST) $(REPLICA_TESTS); \
	fi

# tests/browser/conftest.py skips when Chromium is missing, unless CI=true.
test-browser: venv-test
	@echo "==> $$(date +%T) browser tests (Playwright + /usr/bin/chromium)"
	$(PYTEST) -m browser

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache linli.egg-info var/static
