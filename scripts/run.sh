#!/usr/bin/env bash
# `make run`: migrate, load the demo community into an empty database, print the
# demo logins, then serve on http://127.0.0.1:$PORT (8000 by default).
set -euo pipefail
cd "$(dirname "$0")/.."
linli="${VENV:-.venv}/bin/linli"

# A developer's checkout runs in debug mode, so no secret key or host names are needed.
export LINLI_DEBUG="${LINLI_DEBUG:-true}"
export PORT="${PORT:-8000}"

"$linli" migrate --no-input -v 0

# The demo command refuses a database that already holds a community, so ask
# first: loading it is for a fresh checkout, never over someone's real data.
if "$linli" shell --no-imports -v 0 -c "
import sys
from linli.community.models import Community
sys.exit(1 if Community.objects.exists() else 0)
"; then
  echo "==> empty database: loading the demo community (linli demo)"
  "$linli" demo # prints the demo logins when done
else
  "$linli" demo --logins
fi
echo

exec "$linli" serve --port "$PORT"
