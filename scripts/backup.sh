#!/usr/bin/env bash
# Back up Linli's database into a directory (default var/backups), readable by
# the owner only: `linli backup` does the work (docs/operations.md).
#
#   scripts/backup.sh [DEST_DIR]
#
# Reads the same environment as the server (LINLI_DATABASE_URL, or SQLite in
# var/). Prints the path of the backup.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077
exec "${VENV:-.venv}/bin/linli" backup "$@"
