#!/usr/bin/env bash
# Load benchmark of the service on loopback (release build):
#   1. POST /api/v1/classify (one item, valid token) with wrk at 64 connections: requests/s, p50, p99;
#   2. upload of a 100,000-row XLSX until its results can be read: wall time and the server's peak memory,
#      next to `equipcheck check` on the same file; rows/s stored, on SQLite and on PostgreSQL.
# Usage: benches/load.sh [SECONDS] [ROWS] [RUNS]   (defaults 15 s of wrk, 100000 rows, 3 runs of each timing;
#        the median and the best run are shown, since other work on a shared machine only ever slows a run down)
# PostgreSQL: EQUIPCHECK_BENCH_PG_ADMIN (default postgres://postgres@127.0.0.1:5432/postgres); skipped if unreachable.
# Only ever targets 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
rows=${2:-100000}
runs=${3:-3}
data=target/bench-data
pg_admin=${EQUIPCHECK_BENCH_PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}

command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

cargo build --release --quiet --bin equipcheck --example gen_bench_data
target/release/examples/gen_bench_data "$data" "$rows" >/dev/null
xlsx="$data/items-$rows.xlsx"
bin=target/release/equipcheck
source benches/common.sh


# start_server DATABASE_URL: starts `equipcheck serve` on a free loopback port, waits for /ready.
start_server() {
  port=$(free_port)
  base="http://127.0.0.1:$port"
  RUST_LOG=warn EQUIPCHECK_RATE_LIMIT=0 EQUIPCHECK_DATABASE_URL="$1" EQUIPCHECK_BIND="127.0.0.1:$port" EQUIPCHECK_MAX_UPLOAD_MIB=200 \
    "$bin" serve 2>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 100); do
    curl -sf "$base/ready" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -sf "$base/ready" >/dev/null || { cat "$work/server.log"; exit 1; }
  token=$(EQUIPCHECK_DATABASE_URL="$1" "$bin" token --sub bench --role admin --project bench --ttl 1h)
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
peak_mib() { awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$server_pid/status"; }
rss_mib() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$server_pid/status"; }

# upload_once PROJECT: uploads the XLSX to PROJECT and reads the first page of its items; prints "seconds items".
upload_once() {
  local start end batch
  start=$(date +%s.%N)
  curl -sf -o "$work/batch.json" -H "Authorization: Bearer $token" -F "project=$1" -F "file=@$xlsx" "$base/api/v1/batches"
  batch=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/batch.json")
  curl -sf -o "$work/items.json" -H "Authorization: Bearer $token" "$base/api/v1/batches/$batch/items?decision=prohibited&limit=10"
  end=$(date +%s.%N)
  echo "$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.3f", e - s}') $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["item_count"])' "$work/batch.json")"
}

# stats NAME UNIT: median and best of the first column of stdin.
stats() { sort -n | awk -v n="$1" -v u="$2" '{a[NR]=$1} END {printf "%-26s median %7.2f %s  best %7.2f %s  (%d runs)\n", n, a[int((NR+1)/2)], u, a[1], u, NR}'; }

# upload_runs NAME: RUNS uploads (each to a new project, so none is a re-upload); time, rows/s, server peak memory.
upload_runs() {
  local before i
  before=$(rss_mib)
  : >"$work/uploads.txt"
  for i in $(seq "$runs"); do upload_once "bench-$i" >>"$work/uploads.txt"; done
  stats "$1" s <"$work/uploads.txt"
  awk '{print $2 / $1}' "$work/uploads.txt" | sort -rn | awk -v n="$1" '{a[NR]=$1} END {printf "%-26s median %7.0f rows/s  best %7.0f rows/s (%d items per upload)\n", n, a[int((NR+1)/2)], a[1], '"$rows"'}'
  printf "%-26s %.1f MiB peak RSS of the server (%.1f MiB before the uploads)\n" "$1" "$(peak_mib)" "$before"
}

echo "== equipcheck check on the same file (wall, peak memory)"
: >"$work/check.txt"
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" check --format json --output "$work/check.json" "$xlsx" >/dev/null 2>&1 || true
  tail -n 1 "$work/time.txt" >>"$work/check.txt"
done
stats "check (json report)" s <"$work/check.txt"
sort -n -k2 "$work/check.txt" | tail -n 1 | awk '{printf "%-26s %.1f MiB peak RSS\n", "check (json report)", $2 / 1024}'

echo "== SQLite"
start_server "sqlite://$work/bench.db"
cat >"$work/classify.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"description": "Night vision goggles Gen 3, 64 lp/mm", "hs_code": "9005.10"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA
curl -sf -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
  -d '{"description": "Night vision goggles Gen 3"}' "$base/api/v1/classify" >/dev/null
echo "-- POST /api/v1/classify, 64 connections, ${seconds}s (wrk -t2 -c64)"
wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/classify.lua" "$base/api/v1/classify" >"$work/wrk.txt"
awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
     END {printf "requests/s %s  p50 %s  p99 %s  non-2xx %s\n", rps, p50, p99, (bad == "" ? 0 : bad)}' "$work/wrk.txt"
echo "-- upload of $rows rows (XLSX) until its items can be read"
upload_runs "upload sqlite"
stop_server

if psql "$pg_admin" -qAtc "SELECT 1" >/dev/null 2>&1; then
  echo "== PostgreSQL"
  pg_db="equipcheck_bench_$$"
  psql "$pg_admin" -qc "CREATE DATABASE $pg_db" >/dev/null
  start_server "${pg_admin%/*}/$pg_db"
  upload_runs "upload postgres"
  stop_server
else
  echo "== PostgreSQL not reachable at $pg_admin: skipped"
fi
