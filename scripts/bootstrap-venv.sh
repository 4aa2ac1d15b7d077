#!/usr/bin/env bash
# Create .venv and install the pinned dependencies into it.
#
#   scripts/bootstrap-venv.sh          runtime dependencies (requirements.lock)
#   scripts/bootstrap-venv.sh test     runtime + test dependencies (requirements-test.lock)
#
# Safe to run again and again: it only reinstalls when the lock file changed,
# which it notices through a stamp file in the venv holding the lock's checksum.
set -euo pipefail
cd "$(dirname "$0")/.."

kind="${1:-runtime}"
venv="${VENV:-.venv}"
case "$kind" in
  runtime) lock=requirements.lock ;;
  test) lock=requirements-test.lock ;;
  *) echo "usage: $0 [runtime|test]" >&2; exit 2 ;;
esac

checksum() { sha256sum "$1" | cut -d' ' -f1; }
stamp_ok() { [ -f "$venv/.stamp-$1" ] && [ "$(cat "$venv/.stamp-$1")" = "$(checksum "$2")" ]; }

# The test lock is a superset of the runtime lock (same pins), so a venv
# installed for tests already serves `make run`.
if stamp_ok "$kind" "$lock" || { [ "$kind" = runtime ] && stamp_ok test requirements-test.lock; }; then
  exit 0
fi

find_python() {
  if command -v python3.11 >/dev/null 2>&1; then
    echo python3.11
  elif command -v python3 >/dev/null 2>&1 &&
    [ "$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')" = "3.11" ]; then
    echo python3
  else
    echo "Linli needs Python 3.11 (python3.11 or a python3 that is 3.11)." >&2
    echo "On Debian 12: apt-get install python3 python3-venv" >&2
    return 1
  fi
}

if [ ! -x "$venv/bin/python" ]; then
  python="$(find_python)"
  # Debian ships venv's ensurepip as a separate package; as root, fetch it.
  if ! "$python" -c "import ensurepip" 2>/dev/null && [ "$(id -u)" = 0 ] &&
    command -v apt-get >/dev/null 2>&1; then
    echo "==> installing python3-venv with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  fi
  echo "==> creating $venv with $python"
  if ! "$python" -m venv "$venv"; then
    echo "'$python -m venv' failed; on Debian: apt-get install python3-venv" >&2
    rm -rf "$venv"
    exit 1
  fi
fi

echo "==> installing $lock into $venv"
"$venv/bin/python" -m pip install --quiet --require-hashes -r "$lock"
"$venv/bin/python" -m pip install --quiet --no-deps -e .
checksum "$lock" >"$venv/.stamp-$kind"
