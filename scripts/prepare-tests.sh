#!/usr/bin/env bash
# What `make test` needs before its first step: the virtual environment with the
# test dependencies (scripts/bootstrap-venv.sh test) and the services
# (scripts/test-services.sh: PostgreSQL, Chromium, a CJK font).
#
# On a fresh machine both spend minutes downloading, pip from PyPI and apt from
# Debian, so they run side by side; the services' output follows the venv's.
# When the venv itself would need apt (no ensurepip), they run one after the
# other: two apt-gets at once would fight over dpkg's lock.
set -uo pipefail
cd "$(dirname "$0")/.."

has_ensurepip() {
  local python
  for python in python3.11 python3; do
    command -v "$python" >/dev/null 2>&1 && "$python" -c "import ensurepip" 2>/dev/null && return 0
  done
  return 1
}

if [ ! -x "${VENV:-.venv}/bin/python" ] && ! has_ensurepip; then
  scripts/bootstrap-venv.sh test || exit 1
  exec scripts/test-services.sh
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
scripts/test-services.sh >"$log" 2>&1 &
services=$!
scripts/bootstrap-venv.sh test
venv=$?
wait "$services"
ready=$?
cat "$log"
[ "$venv" = 0 ] && [ "$ready" = 0 ]
