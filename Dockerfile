# Production image of the Forum Razem workspace: one image for the web processes
# (gunicorn), the django-q2 workers and one-off commands (migrate, export_data…).
# Build:  docker build -t razem .        Run: compose.yaml, docs/operations.md
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    STATIC_ROOT=/app/static_collected \
    MEDIA_ROOT=/app/media

# gettext: msgfmt for compilemessages. The Python wheels bring their own libraries
# (psycopg-binary, lxml, pillow), so no compiler is needed.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --create-home --uid 10001 --user-group razem
WORKDIR /app

# Runtime dependencies only (no test tools); this layer is reused until they change.
COPY requirements/base.txt requirements/base.txt
RUN pip install -r requirements/base.txt

COPY . .

# Compiled translations and collected static files belong to the image. The
# build-only secret never reaches a running container (it is not an ENV).
RUN SECRET_KEY=build-only-not-a-secret ALLOWED_HOSTS=localhost \
        python manage.py compilemessages --ignore=.venv -v0 \
    && SECRET_KEY=build-only-not-a-secret ALLOWED_HOSTS=localhost \
        python manage.py collectstatic --noinput -v0 \
    && mkdir -p /app/media /srv/static \
    && chown razem:razem /app/media /srv/static

USER razem
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=10s --start-period=40s --retries=3 \
    CMD ["python", "deploy/healthcheck.py", "web"]
ENTRYPOINT ["deploy/entrypoint.sh"]
CMD ["web"]
