#!/bin/sh
# Entry point of the production image. One image, several roles:
#   web      gunicorn (after copying the static files into the volume nginx serves)
#   worker   a django-q2 cluster (manage.py qcluster)
#   migrate  migrations and schedules, run once per release before the new web/worker start
#   anything else runs as a command, e.g. `manage.py search_index --rebuild`
set -eu

case "${1:-web}" in
  web)
    # Static files were collected at build time; copying them (without deleting
    # old ones) into the shared volume keeps the previous release's hashed files
    # available to pages still open in browsers during a rolling upgrade.
    # web and web2 start together and share the volume: one copies at a time (two
    # concurrent cp -R fail with "File exists" on each other's files).
    if [ -n "${STATIC_VOLUME:-}" ] && [ -d "$STATIC_VOLUME" ]; then
      flock "$STATIC_VOLUME/.copy.lock" cp -R "${STATIC_ROOT:-/app/static_collected}/." "$STATIC_VOLUME/"
    fi
    exec gunicorn -c deploy/gunicorn.conf.py cms.wsgi
    ;;
  worker)
    exec python manage.py qcluster
    ;;
  migrate)
    # The deployment checks first (a misconfigured release migrates nothing), so migrate
    # need not run the same system checks again.
    python manage.py check --deploy --fail-level WARNING
    python manage.py migrate --noinput --skip-checks
    # Periodic tasks of every app (digests…): idempotent, so every release runs it.
    exec python manage.py setup_schedules
    ;;
  manage.py)
    shift
    exec python manage.py "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
