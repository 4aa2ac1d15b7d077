#!/usr/bin/env bash
# Make sure what the test suite needs outside Python is here and running:
# PostgreSQL (with a `linli` role that may create databases), Debian's Chromium
# for the browser tests, a CJK font so Chinese text renders in screenshots, and
# wrk for the load benchmark (bench/bench_load.py).
#
# Installs missing packages with apt-get (as root, or through sudo), starts the
# local PostgreSQL cluster, and creates the role and database.
# With CI=true any failure stops the run; otherwise it warns and carries on,
# and the PostgreSQL and browser tests are skipped.
set -uo pipefail

DB_USER="${LINLI_TEST_DB_USER:-linli}"
DB_PASSWORD="${LINLI_TEST_DB_PASSWORD:-linli}"
DB_NAME="${LINLI_TEST_DB_NAME:-linli}"
DB_PORT="${LINLI_TEST_DB_PORT:-5432}"
CHROMIUM=/usr/bin/chromium
FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc

failed=0
problem() {
  failed=1
  if [ "${CI:-}" = true ]; then
    echo "ERROR: $*" >&2
  else
    echo "WARNING: $* (the tests that need it will be skipped)" >&2
  fi
}

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    return 1
  fi
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    sudo -n -u postgres "$@"
  fi
}

postgres_installed() { ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && command -v pg_ctlcluster >/dev/null 2>&1; }

# 1. Packages.
missing=()
postgres_installed || missing+=(postgresql)
[ -x "$CHROMIUM" ] || missing+=(chromium)
[ -f "$FONT" ] || missing+=(fonts-wqy-microhei)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> installing ${missing[*]} with apt-get"
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
    ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    problem "could not install ${missing[*]} (needs root or passwordless sudo, and apt-get)"
  fi
fi
[ -x "$CHROMIUM" ] || problem "Chromium is missing at $CHROMIUM"
[ -f "$FONT" ] || problem "the font fonts-wqy-microhei is missing"
command -v wrk >/dev/null 2>&1 || problem "wrk is missing (the load benchmark needs it)"

# 2. PostgreSQL: start the cluster on $DB_PORT, creating one if the install has none.
start_postgres() {
  local version cluster
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  cluster="$(pg_lsclusters --no-header 2>/dev/null | awk -v p="$DB_PORT" '$3 == p {print $1, $2; exit}')"
  if [ -z "$cluster" ]; then
    echo "==> creating PostgreSQL $version cluster 'main' on port $DB_PORT"
    as_root pg_createcluster --port "$DB_PORT" "$version" main >/dev/null || return 1
    cluster="$version main"
  fi
  # shellcheck disable=SC2086  # "$cluster" is "<version> <name>", two words on purpose
  if ! pg_lsclusters --no-header | awk -v p="$DB_PORT" '$3 == p && $4 == "online"' | grep -q .; then
    echo "==> starting PostgreSQL cluster $cluster"
    as_root pg_ctlcluster $cluster start || return 1
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$DB_PORT" && return 0
    sleep 1
  done
  return 1
}

create_role() {
  # Idempotent: creates the role and database once, resets the password each time.
  as_postgres psql -p "$DB_PORT" -v ON_ERROR_STOP=1 -qAt <<SQL >/dev/null || return 1
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE "$DB_USER" LOGIN;
  END IF;
END
\$\$;
ALTER ROLE "$DB_USER" WITH LOGIN CREATEDB PASSWORD '$DB_PASSWORD';
SQL
  if ! as_postgres psql -p "$DB_PORT" -qAt -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    as_postgres createdb -p "$DB_PORT" -O "$DB_USER" "$DB_NAME" || return 1
  fi
}

if ! postgres_installed; then
  problem "PostgreSQL is not installed"
elif ! start_postgres; then
  problem "PostgreSQL did not start on port $DB_PORT"
elif ! create_role; then
  problem "could not create the PostgreSQL role '$DB_USER' and database '$DB_NAME'"
else
  echo "==> PostgreSQL ready: postgresql://$DB_USER:***@127.0.0.1:$DB_PORT/$DB_NAME"
fi

if [ "$failed" = 1 ] && [ "${CI:-}" = true ]; then
  exit 1
fi
exit 0
