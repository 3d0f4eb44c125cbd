#!/usr/bin/env bash
# Local backing services for Razem: PostgreSQL, Elasticsearch (integ-test-zip
# from Maven Central), Redis; plus the Debian packages the test suite needs
# (hunspell dictionaries, gettext, Chromium + chromedriver).
#
#   scripts/services.sh install   # idempotent; fast when everything is present
#   scripts/services.sh start     # starts only what is not already answering
#   scripts/services.sh wait      # blocks until PG accepts and ES is yellow
#   scripts/services.sh stop      # stops only what `start` itself started
#   scripts/services.sh status
#
# Connection settings for the app/tests: `source scripts/test-env.sh`.
set -euo pipefail

# --- the one place that pins the Elasticsearch version ----------------------
# Newest 8.19.x patch of the integ-test-zip on Maven Central at time of writing
# (8.19.10 is not published there).
ES_VERSION="${ES_VERSION:-8.19.9}"
# -----------------------------------------------------------------------------

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SVC="$ROOT/.services"
LOGS="$SVC/logs"
MARKERS="$SVC/started-by-us"
ES_HOME="$SVC/elasticsearch"
ES_DATA="$SVC/es-data"
ES_LOGS="$LOGS/elasticsearch"
ES_PIDFILE="$ES_HOME/elasticsearch.pid"
ES_USER="es"
ES_PORT=9200
ES_URL="http://127.0.0.1:$ES_PORT"
ES_JAVA_OPTS_DEFAULT="-Xms512m -Xmx512m"
# No plugin: the index uses the server core's analysis only. Older checkouts installed
# a razem-analysis plugin here; remove_es_plugin deletes it.
ES_PLUGIN_DIR="$ES_HOME/plugins/razem-analysis"
ES_PLUGIN_HASH="$SVC/razem-analysis.sha256"
PG_PORT=5432
PG_CLUSTER=main
REDIS_PORT=6379
REDIS_DIR="$SVC/redis"
REDIS_PIDFILE="$REDIS_DIR/redis.pid"
WAIT_TIMEOUT="${SERVICES_WAIT_TIMEOUT:-120}"

APT_PACKAGES=(postgresql hunspell-pl hunspell-uk gettext chromium chromium-driver
              redis-server
              # deploy/nginx.conf run locally (page-cache tests, make bench) and the bench's load generator
              nginx-light libnginx-mod-http-cache-purge wrk
              # needed by this script itself (normally already on the image)
              openjdk-17-jre-headless maven unzip curl)

log()  { printf '[services] %s\n' "$*"; }
warn() { printf '[services] WARNING: %s\n' "$*" >&2; }
die()  { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- helpers ---

java17_home() {
    if [[ -n "${ES_JAVA_HOME:-}" && -x "${ES_JAVA_HOME}/bin/java" ]]; then
        echo "$ES_JAVA_HOME"; return
    fi
    local d
    for d in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/*17*; do
        if [[ -x "$d/bin/java" ]]; then echo "$d"; return; fi
    done
    return 1
}

pg_version() {
    # Newest installed PostgreSQL server major version.
    local v
    v="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf "%f\n" 2>/dev/null | sort -n | tail -n1)"
    [[ -n "$v" ]] || die "PostgreSQL server not installed (run: scripts/services.sh install)"
    echo "$v"
}

pg_up()    { pg_isready -q -h 127.0.0.1 -p "$PG_PORT" >/dev/null 2>&1; }
# Note: the integ-test-zip lacks the rest-root module, so `GET /` answers 405;
# probe /_cluster/health instead.
es_up()    { curl -fsS -m 3 "$ES_URL/_cluster/health" >/dev/null 2>&1; }
redis_up() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null || true)" == "PONG" ]]; }

mark()     { mkdir -p "$MARKERS"; touch "$MARKERS/$1"; }
marked()   { [[ -f "$MARKERS/$1" ]]; }
unmark()   { rm -f "$MARKERS/$1"; }

# ---------------------------------------------------------------- install ---

apt_lists_fresh() {
    # "fresh" = some Packages index exists and is less than a day old.
    [[ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mtime -1 -print -quit 2>/dev/null)" ]]
}

install_packages() {
    local missing=() p
    for p in "${APT_PACKAGES[@]}"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        log "apt: all packages present"
        return
    fi
    log "apt: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt_lists_fresh; then
        apt-get update -qq
    fi
    if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
        # Stale lists (404 on a superseded .deb): refresh once and retry.
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

install_elasticsearch() {
    local zip="$SVC/dist/elasticsearch-$ES_VERSION.zip"
    mkdir -p "$SVC/dist" "$LOGS"
    if [[ ! -f "$zip" ]]; then
        log "elasticsearch: fetching integ-test-zip $ES_VERSION (Maven Central, cached in ~/.m2)"
        if ! (cd "$SVC" && mvn -q -B -Dstyle.color=never dependency:copy \
                -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
                -DoutputDirectory="$SVC/dist") >"$LOGS/maven.log" 2>&1; then
            tail -n 20 "$LOGS/maven.log" >&2 || true
            die "maven could not fetch elasticsearch $ES_VERSION (full log: .services/logs/maven.log)"
        fi
        [[ -f "$zip" ]] || die "expected $zip after mvn dependency:copy"
    fi

    # Re-unpack when the version changed, or when an earlier start without
    # -Expack.security.enabled=false let ES auto-configure TLS + auth into
    # config/elasticsearch.yml (that would make plain http://... unusable).
    if [[ ! -f "$ES_HOME/lib/elasticsearch-$ES_VERSION.jar" ]] \
       || grep -q 'SECURITY AUTO CONFIGURATION' "$ES_HOME/config/elasticsearch.yml" 2>/dev/null; then
        if es_up && marked elasticsearch; then
            die "elasticsearch is running from the old unpack; run 'scripts/services.sh stop' first"
        fi
        log "elasticsearch: unpacking $ES_VERSION into .services/elasticsearch"
        rm -rf "$ES_HOME" "$SVC/elasticsearch.tmp"
        mkdir -p "$SVC/elasticsearch.tmp"
        unzip -q "$zip" -d "$SVC/elasticsearch.tmp"
        mv "$SVC/elasticsearch.tmp/elasticsearch-$ES_VERSION" "$ES_HOME"
        rm -rf "$SVC/elasticsearch.tmp"
    fi

    if ! id -u "$ES_USER" >/dev/null 2>&1; then
        log "elasticsearch: creating system user '$ES_USER' (ES refuses to run as root)"
        useradd --system --create-home --shell /usr/sbin/nologin "$ES_USER"
    fi

    # Hunspell dictionaries from Debian -> config/hunspell/<locale>/<locale>.{dic,aff}.
    # cp -L dereferences symlinks so ES gets real files it can read.
    local loc ext src dst
    for loc in pl_PL uk_UA; do
        mkdir -p "$ES_HOME/config/hunspell/$loc"
        for ext in dic aff; do
            src="/usr/share/hunspell/$loc.$ext"
            dst="$ES_HOME/config/hunspell/$loc/$loc.$ext"
            [[ -e "$src" ]] || die "missing $src (is hunspell-${loc%%_*} installed?)"
            if ! cmp -s "$src" "$dst" 2>/dev/null; then
                cp -L "$src" "$dst"
            fi
        done
    done

    remove_es_plugin

    mkdir -p "$ES_DATA" "$ES_LOGS"
    chown -R "$ES_USER:$ES_USER" "$ES_HOME" "$ES_DATA" "$ES_LOGS"
    log "elasticsearch: $ES_VERSION ready in .services/elasticsearch (owner $ES_USER)"
}

remove_es_plugin() {
    # The content index uses only the server core's analysis (search/documents.py): a
    # razem-analysis plugin left by an older checkout is removed; a running node drops it
    # at its next start.
    if [[ -d "$ES_PLUGIN_DIR" ]]; then
        rm -rf "$ES_PLUGIN_DIR" "$ES_PLUGIN_HASH"
        log "es plugin: removed the old razem-analysis plugin (no plugin is needed)"
    fi
}

cmd_install() {
    install_packages
    java17_home >/dev/null || die "no Java 17 found under /usr/lib/jvm (needed by Elasticsearch 8)"
    install_elasticsearch
}

# ------------------------------------------------------------------ start ---

start_postgres() {
    local ver; ver="$(pg_version)"
    if pg_up; then
        log "postgres: already answering on 127.0.0.1:$PG_PORT (left alone)"
    else
        if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$ver $PG_CLUSTER"; then
            log "postgres: creating cluster $ver/$PG_CLUSTER"
            pg_createcluster --port "$PG_PORT" "$ver" "$PG_CLUSTER" >/dev/null
        fi
        log "postgres: starting cluster $ver/$PG_CLUSTER"
        pg_ctlcluster "$ver" "$PG_CLUSTER" start
        mark postgres
        for _ in $(seq 1 30); do pg_up && break; sleep 1; done
        pg_up || die "postgres did not come up; see /var/log/postgresql/postgresql-$ver-$PG_CLUSTER.log"
    fi
    # Role + database (idempotent), via the local superuser socket.
    local q=(runuser -u postgres -- psql -p "$PG_PORT" -X -q -v ON_ERROR_STOP=1 -tA)
    if [[ "$("${q[@]}" -c "select 1 from pg_roles where rolname='razem'" 2>/dev/null)" != "1" ]]; then
        log "postgres: creating role razem"
        "${q[@]}" -c "create role razem login password 'razem' createdb"
    fi
    if [[ "$("${q[@]}" -c "select 1 from pg_database where datname='razem'" 2>/dev/null)" != "1" ]]; then
        log "postgres: creating database razem"
        "${q[@]}" -c "create database razem owner razem"
    fi
}

start_elasticsearch() {
    if es_up; then
        log "elasticsearch: already answering on $ES_URL (left alone)"
        return
    fi
    [[ -x "$ES_HOME/bin/elasticsearch" ]] || die "elasticsearch not installed (run: scripts/services.sh install)"
    local jh; jh="$(java17_home)" || die "no Java 17 found"
    runuser -u "$ES_USER" -- test -x "$ES_HOME/bin/elasticsearch" \
        || die "user $ES_USER cannot reach $ES_HOME (a parent directory is not world-searchable?)"

    # Recommended by ES for mmapfs; bootstrap checks are not enforced for a
    # single-node/loopback node, so a low value only yields a warning.
    local mmc; mmc="$(cat /proc/sys/vm/max_map_count 2>/dev/null || echo 0)"
    if (( mmc < 262144 )); then
        sysctl -q -w vm.max_map_count=262144 >/dev/null 2>&1 \
            || warn "could not raise vm.max_map_count ($mmc); fine for a single-node dev instance"
    fi

    rm -f "$ES_PIDFILE"
    log "elasticsearch: starting $ES_VERSION as user $ES_USER (logs: .services/logs/elasticsearch/)"
    # -d daemonizes; the launcher returns once the node has started.
    # The integ-test-zip does bundle x-pack-core + x-pack-security: without
    # xpack.security.enabled=false the first start auto-enables TLS and auth.
    if ! (cd "$ES_HOME" && runuser -u "$ES_USER" -- env \
            HOME="$(getent passwd "$ES_USER" | cut -d: -f6)" \
            ES_JAVA_HOME="$jh" \
            ES_JAVA_OPTS="${ES_JAVA_OPTS:-$ES_JAVA_OPTS_DEFAULT}" \
            "$ES_HOME/bin/elasticsearch" -d -p "$ES_PIDFILE" \
                -Ediscovery.type=single-node \
                -Enetwork.host=127.0.0.1 \
                -Ehttp.port="$ES_PORT" \
                -Ecluster.routing.allocation.disk.threshold_enabled=false \
                -Expack.security.enabled=false \
                -Epath.data="$ES_DATA" \
                -Epath.logs="$ES_LOGS" \
            >"$LOGS/elasticsearch-launcher.log" 2>&1); then
        tail -n 30 "$LOGS/elasticsearch-launcher.log" >&2 || true
        die "elasticsearch failed to start; see .services/logs/elasticsearch-launcher.log and .services/logs/elasticsearch/"
    fi
    mark elasticsearch
}

start_redis() {
    if redis_up; then
        log "redis: already answering on 127.0.0.1:$REDIS_PORT (left alone)"
        return
    fi
    mkdir -p "$REDIS_DIR" "$LOGS"
    log "redis: starting on 127.0.0.1:$REDIS_PORT"
    redis-server --daemonize yes --port "$REDIS_PORT" --bind 127.0.0.1 \
        --save "" --appendonly no --dir "$REDIS_DIR" \
        --pidfile "$REDIS_PIDFILE" --logfile "$LOGS/redis.log"
    mark redis
    for _ in $(seq 1 20); do redis_up && return; sleep 0.25; done
    die "redis did not answer; see .services/logs/redis.log"
}

cmd_start() {
    mkdir -p "$LOGS"
    start_postgres
    start_redis
    start_elasticsearch
}

# ------------------------------------------------------------------- wait ---

cmd_wait() {
    local deadline=$(( SECONDS + WAIT_TIMEOUT ))
    until pg_up; do
        (( SECONDS < deadline )) || die "PostgreSQL not accepting connections on 127.0.0.1:$PG_PORT after ${WAIT_TIMEOUT}s"
        sleep 1
    done
    log "postgres: accepting connections"
    until redis_up; do
        (( SECONDS < deadline )) || die "Redis not answering on 127.0.0.1:$REDIS_PORT after ${WAIT_TIMEOUT}s"
        sleep 1
    done
    log "redis: PONG"
    local left status
    while :; do
        left=$(( deadline - SECONDS ))
        (( left > 0 )) || die "Elasticsearch not yellow at $ES_URL after ${WAIT_TIMEOUT}s; see .services/logs/elasticsearch/"
        if marked elasticsearch && [[ -f "$ES_PIDFILE" ]] && ! kill -0 "$(cat "$ES_PIDFILE")" 2>/dev/null; then
            die "Elasticsearch process has exited; see .services/logs/elasticsearch/elasticsearch.log"
        fi
        status="$(curl -sS -m $(( left + 2 )) \
            "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=${left}s" 2>/dev/null \
            | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' || true)"
        if [[ "$status" == "yellow" || "$status" == "green" ]]; then
            log "elasticsearch: cluster $status"
            return
        fi
        sleep 1
    done
}

# ------------------------------------------------------------------- stop ---

stop_pid() {  # name pidfile
    local name="$1" pidfile="$2" pid
    [[ -f "$pidfile" ]] || { warn "$name: no pidfile $pidfile"; return; }
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        if kill -0 "$pid" 2>/dev/null; then
            warn "$name: pid $pid did not exit in 30s; sending KILL"
            kill -9 "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$pidfile"
}

cmd_stop() {
    if marked elasticsearch; then
        log "elasticsearch: stopping"
        stop_pid elasticsearch "$ES_PIDFILE"
        unmark elasticsearch
    else
        log "elasticsearch: not started by this script (left alone)"
    fi
    if marked redis; then
        log "redis: stopping"
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
        if [[ -f "$REDIS_PIDFILE" ]]; then stop_pid redis "$REDIS_PIDFILE"; fi
        unmark redis
    else
        log "redis: not started by this script (left alone)"
    fi
    if marked postgres; then
        local ver; ver="$(pg_version)"
        log "postgres: stopping cluster $ver/$PG_CLUSTER"
        pg_ctlcluster "$ver" "$PG_CLUSTER" stop || warn "postgres: stop failed"
        unmark postgres
    else
        log "postgres: not started by this script (left alone)"
    fi
}

# ----------------------------------------------------------------- status ---

cmd_status() {
    local s m
    for s in postgres redis elasticsearch; do
        m=""; marked "$s" && m=" (started by this script)"
        case "$s" in
            postgres)      if pg_up;    then log "postgres:      up   127.0.0.1:$PG_PORT$m";    else log "postgres:      down"; fi ;;
            redis)         if redis_up; then log "redis:         up   127.0.0.1:$REDIS_PORT$m"; else log "redis:         down"; fi ;;
            elasticsearch)
                if es_up; then
                    local v h
                    v="$(curl -fsS -m 3 "$ES_URL/_nodes/_local?filter_path=nodes.*.version" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')"
                    h="$(curl -fsS -m 3 "$ES_URL/_cluster/health" | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p')"
                    log "elasticsearch: up   $ES_URL version ${v:-?} health ${h:-?}$m"
                else
                    log "elasticsearch: down"
                fi ;;
        esac
    done
}

usage() { echo "usage: $0 {install|start|wait|stop|status}" >&2; exit 2; }

case "${1:-}" in
    install) cmd_install ;;
    start)   cmd_start ;;
    wait)    cmd_wait ;;
    stop)    cmd_stop ;;
    status)  cmd_status ;;
    *)       usage ;;
esac
