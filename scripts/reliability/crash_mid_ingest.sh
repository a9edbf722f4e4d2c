#!/usr/bin/env bash
# Crash mid-ingest, the long version of CrashMidIngestTest: kills a real `graygate ingest` with SIGKILL at a
# random moment of a large load, ROUNDS times. After each kill the file must be fully in or fully out (stored
# samples 0 or all); at the end a normal rerun must leave exactly the distinct samples of the file stored.
# Each round prints when it killed, what the load's backend was doing then, and what was stored.
#
# Needs java 17, psql and a PostgreSQL that the user may create a database on (dropped at the end):
#   PGHOST (default 127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD
#   ROUNDS (default 20), SAMPLES (default 1000000, 500 per minute from 2024-01-01, so 720000 fill one day),
#   REPEAT_EVERY (default 10: every tenth line is written twice; 0: none, so a one-day file of a new day takes
#   the path that keys and attaches the staged rows as the day's partition instead of the keyed insert),
#   MAX_DELAY_MS (default 10000): each kill lands 0 to MAX_DELAY_MS after the load's COPY started
# Exit status 0 when every round held, 1 at the first round that did not.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
rounds="${ROUNDS:-20}"
samples="${SAMPLES:-1000000}"
repeat_every="${REPEAT_EVERY:-10}"
max_delay_ms="${MAX_DELAY_MS:-10000}"
app="graygate-crash-script"
db="gg_crash_$$"
work="$(mktemp -d)"

cleanup() {
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

psql -q -d postgres -c "CREATE DATABASE $db"
export GRAYGATE_DB_USER="$PGUSER" GRAYGATE_DB_PASSWORD="${PGPASSWORD:-}"
url="jdbc:postgresql://$PGHOST:$PGPORT/$db?ApplicationName=$app"
"$here/graygate" db migrate --db-url "$url" >/dev/null   # builds target/graygate.jar when needed
jar="$here/target/graygate.jar"

file="$work/large.csv"
awk -v n="$samples" -v every="$repeat_every" 'BEGIN {
  print "ts,metric,value,symbol,source"
  for (i = 0; i < n; i++) {
    m = int(i / 500); line = sprintf("2024-01-%02dT%02d:%02d:00Z,activity,%.3f,SYM%d,crash", 1 + int(m / 1440), int(m % 1440 / 60), m % 60, (i % 89) / 8, i % 500)
    print line
    if (every > 0 && i % every == 0) print line
  }
}' > "$file"
echo "file: $(wc -l < "$file") lines, $samples distinct samples, $(du -h "$file" | cut -f1)"

query() { psql -d "$db" -tAq -c "$1"; }
stored() { query "SELECT count(*) FROM sample s JOIN series se ON se.id = s.series_id WHERE se.source = 'crash'"; }

for round in $(seq 1 "$rounds"); do
  delay_ms=$(( (RANDOM * 32768 + RANDOM) % (max_delay_ms + 1) ))
  java -jar "$jar" ingest "$file" --db-url "$url" --release "$here/config/release.yaml" >"$work/out" 2>&1 &
  pid=$!
  # the delay counts from the moment the load's COPY is seen, so start-up time (slow on a busy machine)
  # does not decide where the kill lands
  while kill -0 "$pid" 2>/dev/null && [[ "$(query "SELECT count(*) FROM pg_stat_activity WHERE application_name = '$app' \
      AND query LIKE 'COPY ingest_staging_%'")" == 0 ]]; do
    sleep 0.05
  done
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  doing="$(query "SELECT coalesce(string_agg(left(regexp_replace(query, '\s+', ' ', 'g'), 40), ' | '), 'no statement running') \
    FROM pg_stat_activity WHERE application_name = '$app' AND state = 'active'")"
  if kill -9 "$pid" 2>/dev/null; then what="killed after ${delay_ms} ms during: $doing"; else what="finished before the kill at ${delay_ms} ms"; fi
  wait "$pid" 2>/dev/null || true
  while [[ "$(query "SELECT count(*) FROM pg_stat_activity WHERE application_name = '$app' AND pid <> pg_backend_pid()")" != 0 ]]; do
    sleep 0.1
  done
  count="$(stored)"
  if [[ "$count" != 0 && "$count" != "$samples" ]]; then
    echo "round $round: $what: FAIL: $count of $samples samples stored (neither fully in nor fully out)"
    exit 1
  fi
  leftover="$(query "SELECT count(*) FROM pg_class WHERE relname LIKE 'ingest\_staging\_%'")"
  if [[ "$leftover" != 0 ]]; then
    echo "round $round: $what: FAIL: $leftover staging table(s) left behind"
    exit 1
  fi
  echo "round $round: $what: stored $count ($([[ "$count" == 0 ]] && echo 'fully out' || echo 'fully in')), no staging table left"
done

java -jar "$jar" ingest "$file" --db-url "$url" --release "$here/config/release.yaml"
count="$(stored)"
if [[ "$count" != "$samples" ]]; then
  echo "rerun: FAIL: $count stored, expected $samples"
  exit 1
fi
echo "rerun: $count stored = the $samples distinct samples of the file; every round held"
