# shellcheck shell=bash
# Connection settings for the local services started by scripts/services.sh.
# Usage:  source scripts/test-env.sh
# Values already set in the environment win.
export DATABASE_URL="${DATABASE_URL:-postgres://razem:razem@127.0.0.1:5432/razem}"
export ELASTICSEARCH_URL="${ELASTICSEARCH_URL:-http://127.0.0.1:9200}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
