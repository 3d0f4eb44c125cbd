# Production image of the Forum Razem workspace: one image for the web processes
# (gunicorn), the django-q2 workers and one-off commands (migrate, manage.py …).
#
# The build is offline: the Python packages come from a wheelhouse built beside it,
#   pip wheel -r requirements/base.txt -w wheelhouse     (Python 3.11, Linux x86_64)
#   docker build -t razem-workspace .                     (or: docker compose build)
# BASE is any Debian-based image whose `python3` is 3.11 with the venv module: the
# public python:3.11-slim by default; the stack test builds one from Debian's
# packages (scripts/stack.sh base) because no registry is reachable there.
ARG BASE=python:3.11-slim

# ---- build stage: virtualenv from the wheelhouse, translations, static files ----
FROM ${BASE} AS build
ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# gettext (msgfmt) compiles the translations; it stays in this stage.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /opt/venv
# Runtime requirements only (requirements/dev.txt never enters the image), with
# --no-index: nothing is fetched during the build, so no index credentials exist here.
# PIP_INSTALL_OPTIONS: empty in production; the stack test's Debian base has Python
# 3.11.2, below one package's declared minimum (soupsieve: >=3.11.5), and passes
# --ignore-requires-python (scripts/stack.sh says which packages that concerns).
ARG PIP_INSTALL_OPTIONS=""
COPY requirements/base.txt /tmp/requirements.txt
COPY wheelhouse/ /tmp/wheelhouse/
# Bytecode by compileall on every core (pip compiles one file after another).
RUN /opt/venv/bin/pip install --no-index --no-compile --find-links /tmp/wheelhouse $PIP_INSTALL_OPTIONS \
        -r /tmp/requirements.txt \
    && /opt/venv/bin/pip uninstall -y -q pip setuptools \
    && rm -rf /tmp/wheelhouse /tmp/requirements.txt \
    && /opt/venv/bin/python -m compileall -q -j 0 /opt/venv >/dev/null
WORKDIR /app
COPY . .
# The build-only values never reach the final image (this stage is discarded); production
# settings require them, and nothing here connects to Redis.
RUN export SECRET_KEY=build-only ALLOWED_HOSTS=localhost REDIS_URL=redis://localhost:6379/0 \
        DJANGO_SETTINGS_MODULE=cms.settings.production \
    && /opt/venv/bin/python manage.py compilemessages --ignore=.venv -v0 \
    && STATIC_ROOT=/app/static_collected /opt/venv/bin/python manage.py collectstatic --noinput -v0 \
    && rm -rf wheelhouse \
    && /opt/venv/bin/python -m compileall -q -j 0 /app >/dev/null

# ---- final stage: the base, the virtualenv and the application, nothing else ----
FROM ${BASE}
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    STATIC_ROOT=/app/static_collected \
    MEDIA_ROOT=/app/media
RUN useradd --system --create-home --uid 10001 --user-group razem \
    && mkdir -p /app/media /srv/static \
    && chown razem:razem /app/media /srv/static
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
# Code and packages belong to root and are read-only for the process; it writes only
# to the media and static volumes (and /tmp): compose.yaml runs it with read_only.
USER razem
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=10s --start-period=40s --retries=3 \
    CMD ["python", "deploy/healthcheck.py", "web"]
ENTRYPOINT ["deploy/entrypoint.sh"]
CMD ["web"]
