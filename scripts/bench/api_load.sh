#!/usr/bin/env bash
# API load benchmark (issue 6): desired-state reads under wrk, metric-push throughput with a count check,
# and the peak RSS of `graygate serve` while SYMBOLS symbols stream. A benchmark, not a test.
#
#   GRAYGATE_DB_URL=jdbc:postgresql://127.0.0.1:5432/graygate_bench scripts/bench/api_load.sh
#
# Needs a configured PostgreSQL (GRAYGATE_DB_URL, GRAYGATE_DB_USER, PGPASSWORD for psql): the count check
# reads the stored samples back with psql. Environment knobs (defaults in brackets):
#   RATE [1000] target GET /api/state requests/s   CONNECTIONS [10] wrk connections   DURATION [30s]
#   SYMBOLS [500] symbols streaming                 PUSH_MINUTES [20] one-minute batches pushed back to back
#   PORT [18080]                                    GRAYGATE [./graygate of this checkout]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GRAYGATE="${GRAYGATE:-$here/../../graygate}"
DB_URL="${GRAYGATE_DB_URL:?set GRAYGATE_DB_URL to the bench database (jdbc:postgresql://HOST:PORT/DB)}"
DB_USER="${GRAYGATE_DB_USER:-postgres}"
RATE="${RATE:-1000}"
CONNECTIONS="${CONNECTIONS:-10}"
DURATION="${DURATION:-30s}"
SYMBOLS="${SYMBOLS:-500}"
PUSH_MINUTES="${PUSH_MINUTES:-20}"
PORT="${PORT:-18080}"
base="http://127.0.0.1:$PORT"

work="$(mktemp -d)"
serve_pid=""
stream_pid=""
cleanup() {
    if [[ -n "$stream_pid" ]]; then kill "$stream_pid" 2>/dev/null || true; fi
    if [[ -n "$serve_pid" ]]; then kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# psql from the JDBC URL: jdbc:postgresql://HOST[:PORT]/DB
hostport="${DB_URL#jdbc:postgresql://}"
db_name="${hostport#*/}"
db_name="${db_name%%\?*}"
hostport="${hostport%%/*}"
db_host="${hostport%%:*}"
db_port=5432
if [[ "$hostport" == *:* ]]; then db_port="${hostport##*:}"; fi
sql() { psql -h "$db_host" -p "$db_port" -U "$DB_USER" -d "$db_name" -tAc "$1"; }

GRAYGATE_TOKEN_VIEWER="viewer-$RANDOM$RANDOM$RANDOM"
GRAYGATE_TOKEN_INGEST="ingest-$RANDOM$RANDOM$RANDOM"
export GRAYGATE_TOKEN_VIEWER GRAYGATE_TOKEN_INGEST
cat >"$work/service.yaml" <<YAML
listen:
  host: 127.0.0.1
  port: $PORT
tokens:
  bench-viewer:
    role: viewer
    token_env: GRAYGATE_TOKEN_VIEWER
  bench-pusher:
    role: ingest
    token_env: GRAYGATE_TOKEN_INGEST
YAML

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), PostgreSQL $(sql 'SHOW server_version'), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk: $CONNECTIONS connections, $DURATION, paced to about $RATE requests/s; $SYMBOLS symbols x 7 metrics per one-minute batch"

"$GRAYGATE" serve --config "$work/service.yaml" --port "$PORT" --db-url "$DB_URL" >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 240); do
    if curl -fsS "$base/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$serve_pid" 2>/dev/null; then echo "serve exited:" >&2; cat "$work/serve.log" >&2; exit 2; fi
    sleep 0.5
done
curl -fsS "$base/health" >/dev/null

# One series set for every run (a first push registers 3,500 series; later runs reuse them). Batches are
# one minute apart from the second this run started, so no two runs share a timestamp; the count check
# reads back only the samples of this run's ingest runs.
source_tag="apiload"
first_second=$(date +%s)
first_ingest=$(sql 'SELECT coalesce(max(id), 0) FROM ingest_run')
batch() {
    local ts
    ts="$(date -u -d "@$((first_second + 60 * $1))" +%Y-%m-%dT%H:%M:%SZ)"
    awk -v minute="$1" -v ts="$ts" -v symbols="$SYMBOLS" -v src="$source_tag" 'BEGIN {
        split("activity zscore ofi_signal_quality cvd_signal_quality mode_switch_count strategy_return active_strategy_return", m, " ")
        srand(minute)
        for (s = 1; s <= symbols; s++)
            for (i = 1; i <= 7; i++)
                printf "{\"ts\":\"%s\",\"metric\":\"%s\",\"value\":%s,\"symbol\":\"LOAD%04d\",\"source\":\"%s\"}\n", ts, m[i], (i == 5 ? int(rand() * 2) : rand()), s, src
    }'
}
# Pushes one batch; prints the accepted count the service answered.
push() {
    batch "$1" | curl -fsS -X POST -H "Authorization: Bearer $GRAYGATE_TOKEN_INGEST" -H 'Content-Type: application/x-ndjson' \
        --data-binary @- "$base/api/samples" | jq -r '.accepted'
}

# 1. metric-push throughput: PUSH_MINUTES batches back to back
started=$(date +%s.%N)
pushed=0
for minute in $(seq 0 $((PUSH_MINUTES - 1))); do
    pushed=$((pushed + $(push "$minute")))
done
elapsed=$(echo "$(date +%s.%N) - $started" | bc -l)
printf 'push: %d samples in %d batches in %.2f s = %.0f samples/s\n' "$pushed" "$PUSH_MINUTES" "$elapsed" "$(echo "$pushed / $elapsed" | bc -l)"

# 2. GET /api/state under wrk while the symbols keep streaming (one batch per second)
(
    minute=$PUSH_MINUTES
    while [[ ! -f "$work/stop" ]]; do
        push "$minute" >>"$work/streamed"
        minute=$((minute + 1))
        sleep 1
    done
) &
stream_pid=$!
# wrk's delay() is whole milliseconds and comes on top of the request's own time (about 1 ms on a quiet
# machine), so a connection waits one millisecond less than its share: without that, 10 connections
# paced for 1,000 requests/s reached only about 900.
delay_ms=$(( CONNECTIONS * 1000 / RATE - 1 ))
(( delay_ms < 0 )) && delay_ms=0
cat >"$work/paced.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $GRAYGATE_TOKEN_VIEWER"
function delay() return $delay_ms end
LUA
wrk -t 2 -c "$CONNECTIONS" -d "$DURATION" --latency -s "$work/paced.lua" "$base/api/state" >"$work/wrk.txt"
# let the push in flight finish, so that the count below sees every accepted sample
touch "$work/stop"
wait "$stream_pid" || true
stream_pid=""
cat "$work/wrk.txt"
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
rate=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
socket=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$work/wrk.txt")
echo "state reads: $requests requests, achieved ${rate} req/s (target ~$RATE), P50 $p50, P99 $p99, errors: non-2xx ${non2xx:-0}, socket ${socket:-0}"

# 3. count check and memory
streamed=0
if [[ -f "$work/streamed" ]]; then streamed=$(paste -sd+ "$work/streamed" | bc); fi
stored=$(sql "SELECT count(*) FROM sample x JOIN series se ON se.id = x.series_id WHERE se.source = '$source_tag' AND x.ingest_id > $first_ingest")
total=$((pushed + streamed))
echo "count: $total samples accepted by the API ($pushed back to back, $streamed while wrk ran), $stored stored: $([[ "$total" -eq "$stored" ]] && echo 'none lost' || echo 'MISMATCH')"
# serve runs java under the launcher script: take the JVM child if there is one
jvm_pid="$(pgrep -P "$serve_pid" java || echo "$serve_pid")"
echo "serve peak RSS (VmHWM): $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$jvm_pid/status")"
[[ "$total" -eq "$stored" ]]
