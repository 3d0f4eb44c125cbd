#!/usr/bin/env bash
# The production stack built and run on this machine (`make stack-test`, issue #27).
#
#   scripts/stack.sh test        everything below, then the checks (scripts/stack_test.py),
#                                then `down -v` and the Docker daemon stopped (if we started it)
#   scripts/stack.sh tools       apt: docker.io, docker-compose (v1), mmdebstrap
#   scripts/stack.sh base        razem-base:bookworm from Debian's packages (mmdebstrap + docker import)
#   scripts/stack.sh wheelhouse  wheels of requirements/base.txt into wheelhouse/ (host pip)
#   scripts/stack.sh images      the app image and the local PostgreSQL, Redis, nginx, Elasticsearch images
#   scripts/stack.sh check       only the checks, on the images already built
#
# No registry is reachable here, so every image is built from Debian's packages (see
# /work/shared/SERVICES.md, "Docker") and every container uses host networking with its
# own loopback port (compose.stack-test.yaml). Work files live in .stack/ (git-ignored).
# STACK_FRESH=1 first removes our images and their build cache: a fresh machine's timings.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/.stack"
BASE_IMAGE="razem-base:bookworm"
APP_IMAGE="razem-workspace:latest"
SERVICE_IMAGES=(postgres redis nginx elasticsearch)   # razem-stack-<name>:latest
export COMPOSE_PROJECT_NAME=razemstack
TIMINGS="$WORK/timings.txt"
# Niceness of the builds, the daemon and so of every container: 10 on a development machine
# (the stack yields the CPU to interactive work), 0 in CI (CI=true), where nothing of ours
# runs beside it and a niced stack would only lose the CPU to a neighbour's jobs.
# STACK_NICE overrides both.
NICE_LEVEL="${STACK_NICE:-$([[ -n "${CI:-}" ]] && echo 0 || echo 10)}"
NICE=(nice -n "$NICE_LEVEL")

log() { printf '[stack] %s\n' "$*"; }
die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

# step NAME CMD…: run and record the wall time (printed, and kept for the final summary).
step() {
    local name="$1" start=$SECONDS; shift
    log "$name …"
    "$@"
    local took=$(( SECONDS - start ))
    log "$name: ${took} s"
    printf '%s\t%s\n' "$name" "$took" >>"$TIMINGS"
}

# background NAME CMD…: like step, in a subshell with its output in .stack/logs/; the
# caller waits for $! (its status is the command's).
background() {
    local name="$1"; shift
    local logfile; logfile="$WORK/logs/$(printf '%s' "${name%% (*}" | tr ' ' '-').log"
    ( step "$name" "$@" >"$logfile" 2>&1   # set -e: a failure ends the subshell with its status
      grep -h '^\[stack\] .*: [0-9]* s$' "$logfile" | tail -1 ) &
}

# ------------------------------------------------------------------ tools ---
cmd_tools() {
    local missing=()
    command -v dockerd >/dev/null || missing+=(docker.io)
    command -v docker-compose >/dev/null || missing+=(docker-compose)
    command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
    [[ ${#missing[@]} -eq 0 ]] && return
    log "apt: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
        || { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }
}

# ----------------------------------------------------------------- daemon ---
# Started only when none answers; stopped at the end by its pid, only if we started it.
# Niced by NICE_LEVEL (above): the containers inherit it.
DAEMON_PID=""
daemon_start() {
    if docker info >/dev/null 2>&1; then
        log "docker: using the daemon already running"
        return
    fi
    mkdir -p "$WORK"
    setsid "${NICE[@]}" dockerd --bridge=none --iptables=false --ip-masq=false \
        --pidfile "$WORK/dockerd.pid" >"$WORK/dockerd.log" 2>&1 &
    DAEMON_PID=$!
    for _ in $(seq 1 60); do
        docker info >/dev/null 2>&1 && { log "docker: daemon started (pid $DAEMON_PID)"; return; }
        kill -0 "$DAEMON_PID" 2>/dev/null || { tail -20 "$WORK/dockerd.log" >&2; die "dockerd exited"; }
        sleep 1
    done
    die "dockerd did not answer within 60 s (log: .stack/dockerd.log)"
}

daemon_stop() {
    [[ -n "$DAEMON_PID" ]] || return 0
    log "docker: stopping the daemon (pid $DAEMON_PID)"
    kill -TERM "$DAEMON_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$DAEMON_PID" 2>/dev/null || { DAEMON_PID=""; return 0; }; sleep 1; done
    log "docker: daemon still running after 60 s; sending KILL"
    kill -KILL "$DAEMON_PID" 2>/dev/null || true
    DAEMON_PID=""
}

# ------------------------------------------------------------------- base ---
debian_mirror() {
    local uri
    uri="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
    echo "${uri:-http://deb.debian.org/debian}"
}

forget_images() {
    # STACK_FRESH=1: as on a fresh machine, no image and no build cache of ours is left.
    local images; images="$(docker images -q --filter 'reference=razem-*' | sort -u)"
    [[ -n "$images" ]] && docker image rm -f $images >/dev/null
    docker image prune -af >/dev/null   # this daemon serves only the stack test
    log "fresh: removed every razem-* image and the unused build layers"
}

cmd_base() {
    [[ -n "${STACK_FRESH:-}" ]] && forget_images
    if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
        log "base: $BASE_IMAGE exists ($(docker image inspect -f '{{.Created}}' "$BASE_IMAGE")); reused"
        return
    fi
    # minbase + what the app image needs from its base: python3 (3.11 in bookworm) and venv.
    # mmdebstrap rather than debootstrap: the same Debian root file system, but apt downloads
    # in parallel and dpkg runs once (measured here under load 13: 117 s against 742 s).
    local tarball="$WORK/base-bookworm.tar"
    if ! "${NICE[@]}" mmdebstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
            --dpkgopt=force-unsafe-io --aptopt='Acquire::Retries "3"' \
            bookworm "$tarball" "$(debian_mirror)" >"$WORK/mmdebstrap.log" 2>&1; then
        tail -20 "$WORK/mmdebstrap.log" >&2; die "mmdebstrap failed (log: .stack/mmdebstrap.log)"
    fi
    docker import -c 'CMD ["/bin/bash"]' "$tarball" "$BASE_IMAGE" >/dev/null
    rm -f "$tarball"
    docker run --rm --network none "$BASE_IMAGE" python3 -c 'import sys, venv; assert sys.version_info[:2] == (3, 11), sys.version'
}

# ------------------------------------------------------------- wheelhouse ---
cmd_wheelhouse() {
    python3 -c 'import sys; assert sys.version_info[:2] == (3, 11), "the wheelhouse needs Python 3.11 on the host"'
    mkdir -p "$ROOT/wheelhouse"
    "${NICE[@]}" python3 -m pip wheel -q --disable-pip-version-check -r "$ROOT/requirements/base.txt" \
        -w "$ROOT/wheelhouse"
}

# ----------------------------------------------------------------- images ---
es_stage() {
    # The Elasticsearch distribution exactly as the test services use it (Maven's
    # integ-test-zip, plus the search app's plugin if it ships one), without the
    # dictionaries (the compose file's hunspell service provides them) and state.
    "$ROOT/scripts/services.sh" install >"$WORK/services-install.log" 2>&1 \
        || { tail -20 "$WORK/services-install.log" >&2; die "scripts/services.sh install failed"; }
    local ctx="$WORK/images"
    rm -rf "$ctx"; mkdir -p "$ctx"
    cp "$ROOT"/deploy/stack-test/* "$ctx/"
    cp -a "$ROOT/.services/elasticsearch" "$ctx/elasticsearch"
    rm -rf "$ctx"/elasticsearch/{data,logs} "$ctx"/elasticsearch/config/hunspell "$ctx"/elasticsearch/*.pid
}

build() {  # build TAG CONTEXT [docker build args…]
    local tag="$1" ctx="$2"; shift 2
    # -q prints only the image id; the legacy builder's deprecation notice goes to the log.
    "${NICE[@]}" docker build -q --network host --build-arg "BASE=$BASE_IMAGE" -t "$tag" "$@" "$ctx" \
        >>"$WORK/logs/build.log" 2>&1 || { tail -30 "$WORK/logs/build.log" >&2; return 1; }
}

cmd_images() {
    [[ -n "$(ls "$ROOT/wheelhouse" 2>/dev/null)" ]] || die "wheelhouse/ is empty: run scripts/stack.sh wheelhouse"
    mkdir -p "$WORK/logs"
    # Debian's python3 is 3.11.2; a wheel that declares a higher minimum is installed anyway
    # (production's python:3.11-slim is the newest 3.11 and needs no such option).
    local pyver too_new pip_options=()
    pyver="$(docker run --rm --network none "$BASE_IMAGE" python3 -c 'import platform; print(platform.python_version())')"
    too_new="$(python3 "$ROOT/scripts/stack_test.py" --requires-python "$ROOT/wheelhouse" "$pyver")"
    if [[ -n "$too_new" ]]; then
        log "app image: Python $pyver in the base; installed despite their Requires-Python: $too_new"
        pip_options=(--build-arg "PIP_INSTALL_OPTIONS=--ignore-requires-python")
    fi
    [[ -n "${STAGED:-}" ]] || es_stage   # `test` stages it earlier, beside the base
    # The app image and the service images download different things: build side by side.
    ( start=$SECONDS
      build "$APP_IMAGE" "$ROOT" "${pip_options[@]}" >"$WORK/logs/build-app.log" 2>&1 || exit 1
      printf 'build app image\t%s\n' $(( SECONDS - start )) >>"$TIMINGS" ) &
    local app=$!
    local name
    for name in "${SERVICE_IMAGES[@]}"; do
        step "build $name image" build "razem-stack-$name:latest" "$WORK/images" --target "$name"
    done
    wait "$app" || { cat "$WORK/logs/build-app.log" >&2; die "the app image did not build"; }
    grep -h '^build app image' "$TIMINGS" | tail -1 | sed 's/^/[stack] /'
}

# ------------------------------------------------------------------ stack ---
write_test_files() {
    # Secrets of this run only: generated, kept in .stack/ (0600), never in an image.
    ( umask 077
      local nofile; nofile="$(ulimit -Hn)"
      [[ "$nofile" == unlimited ]] || (( nofile > 65536 )) && nofile=65536
      python3 - "$WORK/test.env" "$nofile" <<'EOF'
import secrets, sys
values = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "POSTGRES_PASSWORD": secrets.token_urlsafe(24),
    "ELASTIC_PASSWORD": secrets.token_urlsafe(24),
    "ALLOWED_HOSTS": "razem.test,localhost",
    "CSRF_TRUSTED_ORIGINS": "https://razem.test",
    "WAGTAILADMIN_BASE_URL": "https://razem.test",
    "EMAIL_HOST": "127.0.0.1",
    "DEFAULT_FROM_EMAIL": "Forum Razem <no-reply@razem.test>",
    "HTTP_PORT": "18080",
    "STACK_NOFILE": sys.argv[2],
}
with open(sys.argv[1], "w") as f:
    f.writelines(f"{k}={v}\n" for k, v in values.items())
EOF
    )
    # deploy/nginx.conf with the test's ports (host networking: one port per service; the page
    # cache's purge server, when the conf has one, on 18081).
    sed -e 's/^\(\s*\)listen 80 default_server;/\1listen 127.0.0.1:18080 default_server;/' \
        -e 's/^\(\s*\)listen 8081;/\1listen 127.0.0.1:18081;/' \
        -e 's/^\(\s*\)server web:8000;/\1server web:18001;/' \
        -e 's/^\(\s*\)server web2:8000;/\1server web2:18002;/' \
        "$ROOT/deploy/nginx.conf" >"$WORK/nginx.conf"
    grep -q 'server web2:18002;' "$WORK/nginx.conf" && grep -q 'listen 127.0.0.1:18080' "$WORK/nginx.conf" \
        || die "deploy/nginx.conf changed shape: update write_test_files in scripts/stack.sh"
    if grep -q 'listen .*8081' "$WORK/nginx.conf" && ! grep -q 'listen 127.0.0.1:18081;' "$WORK/nginx.conf"; then
        die "deploy/nginx.conf's purge server changed shape: update write_test_files in scripts/stack.sh"
    fi
}

remove_leftovers() {
    local label="label=com.docker.compose.project=$COMPOSE_PROJECT_NAME"
    docker ps -aq --filter "$label" | xargs -r docker rm -f >/dev/null 2>&1 || true
    docker volume ls -q --filter "$label" | xargs -r docker volume rm >/dev/null 2>&1 || true
}

compose() {
    docker-compose -f "$ROOT/compose.yaml" -f "$ROOT/compose.stack-test.yaml" --env-file "$WORK/test.env" "$@"
}

cleanup() {
    local status=$?
    set +e
    if [[ -f "$WORK/test.env" ]] && docker info >/dev/null 2>&1; then
        if [[ $status -ne 0 ]]; then
            log "failed: last log lines of each service"
            compose logs --no-color --tail=40 >"$WORK/logs/compose-failure.log" 2>&1
            tail -n 200 "$WORK/logs/compose-failure.log"
        fi
        log "compose down -v"
        compose down -v --remove-orphans -t 10 >/dev/null 2>&1
        remove_leftovers
    fi
    daemon_stop
    [[ $status -eq 0 ]] && log "PASSED in $(( SECONDS - TEST_START )) s" || log "FAILED (status $status) after $(( SECONDS - TEST_START )) s"
    exit $status
}

cmd_test() {
    TEST_START=$SECONDS
    mkdir -p "$WORK/logs"
    : >"$TIMINGS"
    printf 'load average at start\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$TIMINGS"
    printf 'nice level of builds and containers\t%s\n' "$NICE_LEVEL" >>"$TIMINGS"
    step "tools (apt)" cmd_tools
    trap cleanup EXIT
    # The wheelhouse (pip on the host) and the Elasticsearch files need no Docker: they are
    # made while the daemon starts and mmdebstrap builds the base (downloads side by side).
    background "wheelhouse (pip wheel on the host)" cmd_wheelhouse
    local wheelhouse=$!
    background "stage elasticsearch (services.sh install)" es_stage
    local staging=$!
    step "docker daemon" daemon_start
    remove_leftovers   # of an interrupted run, perhaps from another checkout
    step "base image (mmdebstrap + docker import)" cmd_base
    wait "$wheelhouse" || { cat "$WORK/logs/wheelhouse.log" >&2; die "the wheelhouse failed"; }
    wait "$staging" || { cat "$WORK/logs/stage-elasticsearch.log" >&2; die "staging Elasticsearch failed"; }
    STAGED=1
    step "images" cmd_images
    write_test_files
    # The checks print their own timings; they get the build figures from $TIMINGS.
    STACK_TIMINGS="$TIMINGS" STACK_WORK="$WORK" python3 "$ROOT/scripts/stack_test.py"
}

case "${1:-}" in
    test)         cmd_test ;;
    tools)        cmd_tools ;;
    base)         daemon_start; cmd_base ;;
    wheelhouse)   cmd_wheelhouse ;;
    images)       daemon_start; cmd_images ;;
    check)        # the checks only, on images already built (development of the checks)
                  TEST_START=$SECONDS; mkdir -p "$WORK/logs"; : >"$TIMINGS"; trap cleanup EXIT
                  daemon_start; write_test_files
                  STACK_TIMINGS="$TIMINGS" STACK_WORK="$WORK" python3 "$ROOT/scripts/stack_test.py" ;;
    *) sed -n '2,15p' "$0"; exit 2 ;;
esac
