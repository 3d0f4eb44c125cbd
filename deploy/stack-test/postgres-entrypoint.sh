#!/bin/sh
# First start: initdb with POSTGRES_USER as superuser and its password, then the
# database POSTGRES_DB (default: the user's name), as the official image does;
# afterwards just the server (port from PGPORT, like libpq's tools).
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    pwfile=$(mktemp)
    printf '%s' "$POSTGRES_PASSWORD" >"$pwfile"
    initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    rm -f "$pwfile"
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
    db="${POSTGRES_DB:-$POSTGRES_USER}"
    if [ "$db" != postgres ]; then
        psql -X -q -U "$POSTGRES_USER" -d postgres -c "CREATE DATABASE \"$db\" OWNER \"$POSTGRES_USER\""
    fi
    pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
