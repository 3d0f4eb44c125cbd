#!/usr/bin/env bash
# Restore a backup written by scripts/backup.sh: the database with pg_restore (in one
# transaction: on any error nothing changes), then the media folder's content.
# Stop web and workers first; afterwards rebuild the search index (manage.py search_index --rebuild).
#
# Usage:  DATABASE_URL=postgres://… MEDIA_ROOT=/srv/media scripts/restore.sh DIR
set -euo pipefail

src=${1:?usage: scripts/restore.sh DIR}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to restore into}"
media=${MEDIA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/media}
[ -f "$src/database.dump" ] || { echo "$src/database.dump is missing" >&2; exit 1; }

# --clean --if-exists: drop what the dump recreates, so restoring over a damaged database works.
pg_restore --clean --if-exists --no-owner --no-acl --single-transaction --exit-on-error \
    --dbname="$DATABASE_URL" "$src/database.dump"

if [ -f "$src/media.tar.gz" ]; then
    mkdir -p "$media"
    # Unpack beside the folder first: a broken archive leaves the current media untouched.
    staging=$(mktemp -d "$(dirname "$media")/.media-restore.XXXXXX")
    trap 'rm -rf "$staging"' EXIT
    tar --extract --gzip --file="$src/media.tar.gz" --directory="$staging"
    find "$media" -mindepth 1 -delete
    cp -a "$staging/." "$media/"
fi
echo "restored from $src"
