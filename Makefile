# Two commands matter: `make run` (a working site on the embedded defaults) and
# `make test` (the whole suite against real PostgreSQL, Elasticsearch and Chromium).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
APPS := core home accounts directory groups community positions library innovations search digests
LANGS := -l pl -l uk -l en

.PHONY: run test stack-test install install-dev node gettext messages compilemessages migrate demo services bench check screenshots

## Runtime packages only (requirements/base.txt): what `make run` and the image need.
$(VENV)/.installed: requirements/base.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements/base.txt
	touch $@

## Runtime plus the test tools (requirements/dev.txt includes base.txt).
$(VENV)/.installed-dev: $(VENV)/.installed requirements/dev.txt
	$(PY) -m pip install -q -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## axe-core for the browser tests' accessibility checks (package-lock.json pins it).
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

node: node_modules/.package-lock.json

gettext:
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext)

## Extract UI strings into each app's locale/ and the project's locale/ (templates/).
messages: install gettext
	for app in $(APPS); do (cd $$app && ../$(PY) ../manage.py makemessages $(LANGS) --no-obsolete --no-location -v0); done
	$(PY) manage.py makemessages $(LANGS) --no-obsolete --no-location -v0 $(foreach app,$(APPS),--ignore=$(app)/*) --ignore=static_collected/* --ignore=node_modules/*

compilemessages: install gettext
	$(PY) manage.py compilemessages -v0 --ignore=.venv

migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_schedules

demo: migrate
	$(PY) manage.py load_demo_data

## The site and its django-q2 worker on SQLite, database search and the ORM broker.
run: compilemessages demo
	$(VENV)/bin/honcho start -f Procfile.dev

## Install and start PostgreSQL, Elasticsearch and Redis (idempotent).
services:
	scripts/services.sh install
	scripts/services.sh start
	scripts/services.sh wait

# The second run of `make test`: the embedded default `make run` uses (SQLite, database search, ORM
# broker; no service needed), the demo site crawled in every role and language (tests/test_crawl.py), and
# the search relevance set on SQLite against its targets (search/tests/test_evaluation.py).
EMBEDDED_TESTS = env -u DATABASE_URL -u ELASTICSEARCH_URL -u REDIS_URL $(VENV)/bin/pytest -p no:randomly \
	--ds=cms.settings.test_embedded tests/test_crawl.py search/tests/test_evaluation.py

## The whole suite, then the embedded default's crawl; stops only the services this run started.
test: install-dev node compilemessages services
	@set -e; . scripts/test-env.sh; \
	status=0; \
	$(PY) manage.py check --settings=cms.settings.test && \
	$(PY) manage.py makemigrations --check --dry-run --settings=cms.settings.test && \
	$(VENV)/bin/pytest -n auto --dist loadfile -p no:randomly $(PYTEST_ARGS) || status=$$?; \
	scripts/services.sh stop; \
	$(EMBEDDED_TESTS) || status=$$?; \
	exit $$status

## Every bench script on the bench dataset (BENCH_ARGS: names, --scale, --keep). bench/http_pages.py
## also needs nginx, its cache-purge module and wrk: scripts/services.sh install (the services
## target) installs them with apt when missing. BENCH_BASELINE=<git ref> measures that ref too,
## served beside the working tree and timed request by request in turn (BENCH_ROUNDS rounds).
bench: install-dev services
	@. scripts/test-env.sh; $(PY) -m bench.run $(BENCH_ARGS)
	@# Search relevance per engine (Elasticsearch, PostgreSQL, SQLite): recall@10, MRR, duplicates.
	@. scripts/test-env.sh; $(PY) manage.py search_eval search/eval/queries.json search/eval/organisations.csv

## The production stack built and run here (issue #27): Docker daemon, base image from
## Debian's packages, wheelhouse, app and service images, compose.yaml + compose.stack-test.yaml,
## every check with its timing, then `down -v` and the daemon stopped. See scripts/stack.sh.
stack-test:
	scripts/stack.sh test

## PNGs of home, directory, a profile, coverage, search and the account menu at 390 and 1280 px
## in pl/uk/en, written to screenshots/ (git-ignored); uses make demo's database.
screenshots: install-dev compilemessages demo
	$(PY) scripts/screenshots.py
