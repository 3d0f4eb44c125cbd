#!/usr/bin/env bash
# Back up the site's state with the standard tools: PostgreSQL's pg_dump (custom format:
# everything, pages, accounts, memberships, tasks, with their ids) and a tar of the media
# folder. Elasticsearch and Redis need none (docs/operations.md, "Backing up and restoring").
#
# Usage:  DATABASE_URL=postgres://… MEDIA_ROOT=/srv/media scripts/backup.sh DIR
# Writes DIR/database.dump and DIR/media.tar.gz (each replaced only once complete).
# Media on S3 (AWS_STORAGE_BUCKET_NAME): the bucket's versioning/replication is its backup;
# the tar is skipped.
set -euo pipefail

dest=${1:?usage: scripts/backup.sh DIR}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
media=${MEDIA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/media}
mkdir -p "$dest"

# pg_dump reads one consistent snapshot while the site keeps writing.
pg_dump --format=custom --no-owner --no-acl --dbname="$DATABASE_URL" --file="$dest/database.dump.part"
mv "$dest/database.dump.part" "$dest/database.dump"

if [ -n "${AWS_STORAGE_BUCKET_NAME:-}" ]; then
    echo "media on S3 ($AWS_STORAGE_BUCKET_NAME): not archived here (bucket versioning/replication)"
elif [ -d "$media" ]; then
    tar --create --gzip --file="$dest/media.tar.gz.part" --directory="$media" .
    mv "$dest/media.tar.gz.part" "$dest/media.tar.gz"
else
    echo "no media folder at $media: nothing uploaded yet" >&2
fi
echo "backup written to $dest"
