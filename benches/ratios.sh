#!/usr/bin/env bash
# The figures of issue 17 in one run, as ratios against a program that only reads the same file
# (examples/bare_read.rs: a streaming calamine read of the XLSX, a plain csv-crate read of the CSV):
#   - `equipcheck check --format json` on the generated ROWS-row, 12-column XLSX and CSV;
#   - the upload of the XLSX through the API until its items can be read, on SQLite and on PostgreSQL
#     (CPU of the server process over the upload and the first read of its items; on PostgreSQL the CPU of the
#     database's backends serving the bench database is shown on a line of its own, from /proc);
#   - the bulk approval of the clear items of a generated APPROVE-row CSV on PostgreSQL (wall time: it is one
#     request, and what it waits for is mostly the database).
# CPU is user + system seconds (a shared machine disturbs it far less than wall time); peak memory is the
# process's maximum resident set. Each figure is the median of RUNS runs.
# Usage: benches/ratios.sh [ROWS] [RUNS] [APPROVE]   (defaults 100000, 3, 20000)
# PostgreSQL: EQUIPCHECK_BENCH_PG_ADMIN (default postgres://postgres@127.0.0.1:5432/postgres); skipped if
# unreachable. Only ever targets 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
runs=${2:-3}
approve_rows=${3:-20000}
data=target/bench-data
pg_admin=${EQUIPCHECK_BENCH_PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

# EQUIPCHECK_BENCH_BIN=PATH measures another build of equipcheck (e.g. a copy of the one before a change).
bin=${EQUIPCHECK_BENCH_BIN:-target/release/equipcheck}
if [ -z "${EQUIPCHECK_BENCH_BIN:-}" ]; then
  cargo build --release --quiet --bin equipcheck --example gen_bench_data --example bare_read
fi
target/release/examples/gen_bench_data "$data" "$rows" >/dev/null
target/release/examples/gen_bench_data "$data" "$approve_rows" >/dev/null
source benches/common.sh
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# cpu_of COMMAND...: RUNS runs; prints "cpu_seconds peak_mib" (medians).
cpu_of() {
  : >"$work/runs.txt"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%U %S %M" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/time.txt" | awk '{printf "%.3f %.1f\n", $1 + $2, $3 / 1024}' >>"$work/runs.txt"
  done
  echo "$(cut -d' ' -f1 "$work/runs.txt" | median) $(cut -d' ' -f2 "$work/runs.txt" | median)"
}

# Server helpers: CPU seconds (user + system) and peak memory of the running server.
ticks=$(getconf CLK_TCK)
server_cpu() { awk -v t="$ticks" '{printf "%.3f", ($14 + $15) / t}' "/proc/$server_pid/stat"; }
server_peak() { awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$server_pid/status"; }
# PostgreSQL's own CPU: the backends serving the server's database (pid and user + system ticks, one per line;
# pooled connections live across a measurement, a backend that starts during one counts from zero).
pg_backends() {
  psql "$pg_url" -qAtc "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()" |
    while read -r pid; do awk -v p="$pid" '{print p, $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true; done
}
# pg_cpu_since FILE: CPU seconds the backends used since FILE was written by pg_backends.
pg_cpu_since() {
  pg_backends | awk -v t="$ticks" 'NR == FNR {before[$1] = $2; next} {sum += $2 - before[$1]} END {printf "%.3f", sum / t}' \
    "$1" -
}
json_field() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print(len(v) if isinstance(v, list) else v)' "$1" "$2"; }
start_server() {
  local port
  port=$(free_port)
  base="http://127.0.0.1:$port"
  RUST_LOG=warn EQUIPCHECK_RATE_LIMIT=0 EQUIPCHECK_DATABASE_URL="$1" EQUIPCHECK_BIND="127.0.0.1:$port" \
    EQUIPCHECK_MAX_UPLOAD_MIB=200 "$bin" serve 2>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 100); do curl -sf "$base/ready" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -sf "$base/ready" >/dev/null || { cat "$work/server.log"; exit 1; }
  token() { EQUIPCHECK_DATABASE_URL="$1" "$bin" token --sub "bench-$2" --role "$2" --project bench --ttl 1h; }
  admin=$(token "$1" admin)
  reviewer=$(token "$1" reviewer)
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

# upload_cpu NAME: RUNS uploads of the XLSX (each to a new project); prints "cpu_seconds peak_mib wall pg_cpu"
# (pg_cpu: PostgreSQL's backends, 0 on SQLite).
upload_cpu() {
  local i before start batch
  : >"$work/uploads.txt"
  for i in $(seq "$runs"); do
    if [ -n "$pg_url" ]; then pg_backends >"$work/pg_before.txt"; fi
    before=$(server_cpu)
    start=$(date +%s.%N)
    curl -sf -o "$work/batch.json" -H "Authorization: Bearer $admin" -F "project=$1-$i" -F "file=@$data/items-$rows.xlsx" \
      "$base/api/v1/batches"
    batch=$(json_field "$work/batch.json" id)
    curl -sf -o "$work/items.json" -H "Authorization: Bearer $admin" "$base/api/v1/batches/$batch/items?limit=10"
    awk -v b="$before" -v a="$(server_cpu)" -v s="$start" -v e="$(date +%s.%N)" \
      -v pg="$([ -n "$pg_url" ] && pg_cpu_since "$work/pg_before.txt" || echo 0)" \
      'BEGIN {printf "%.3f %.3f %.3f\n", a - b, e - s, pg}' >>"$work/uploads.txt"
  done
  echo "$(cut -d' ' -f1 "$work/uploads.txt" | median) $(server_peak) $(cut -d' ' -f2 "$work/uploads.txt" | median)" \
    "$(cut -d' ' -f3 "$work/uploads.txt" | median)"
}

# approve: uploads the APPROVE-row CSV and bulk-approves its clear items; prints
# "approved wall_seconds server_cpu postgres_cpu".
approve() {
  local batch start before
  curl -sf -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"name": "Bench"}' \
    "$base/api/v1/projects/bench" >/dev/null
  curl -sf -o "$work/batch.json" -H "Authorization: Bearer $admin" -F "project=bench" \
    -F "file=@$data/items-$approve_rows.csv" "$base/api/v1/batches"
  batch=$(json_field "$work/batch.json" id)
  pg_backends >"$work/pg_before.txt"
  before=$(server_cpu)
  start=$(date +%s.%N)
  curl -sf -o "$work/approved.json" -H "Authorization: Bearer $reviewer" -H 'Content-Type: application/json' \
    -d '{"justification": "Civilian equipment, checked against the catalogue entries listed"}' \
    "$base/api/v1/batches/$batch/approve-clear"
  awk -v n="$(json_field "$work/approved.json" approved)" -v s="$start" -v e="$(date +%s.%N)" \
    -v b="$before" -v a="$(server_cpu)" -v pg="$(pg_cpu_since "$work/pg_before.txt")" \
    'BEGIN {printf "%d %.3f %.3f %.3f\n", n, e - s, a - b, pg}'
}

row() { printf "%-34s %9s %9s %10s  %s\n" "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf (b > 0 ? "%.2fx" : "-"), a / (b > 0 ? b : 1)}'; }

read -r bare_xlsx bare_xlsx_mib < <(cpu_of target/release/examples/bare_read "$data/items-$rows.xlsx")
read -r bare_csv bare_csv_mib < <(cpu_of target/release/examples/bare_read "$data/items-$rows.csv")
read -r check_xlsx check_xlsx_mib < <(cpu_of "$bin" check --format json --output "$work/out.json" "$data/items-$rows.xlsx")
read -r check_csv check_csv_mib < <(cpu_of "$bin" check --format json --output "$work/out.json" "$data/items-$rows.csv")

echo "$rows rows, 12 columns; medians of $runs runs; CPU = user + system"
row "" "CPU (s)" "peak MiB" ratio "against"
row "bare read xlsx (calamine)" "$bare_xlsx" "$bare_xlsx_mib" 1.00x ""
row "check --format json xlsx" "$check_xlsx" "$check_xlsx_mib" "$(ratio "$check_xlsx" "$bare_xlsx")" "bare read xlsx (target <= 1.2x)"
row "bare read csv (csv crate)" "$bare_csv" "$bare_csv_mib" 1.00x ""
row "check --format json csv" "$check_csv" "$check_csv_mib" "$(ratio "$check_csv" "$bare_csv")" \
  "bare read csv; $(awk -v n="$rows" -v c="$check_csv" 'BEGIN {printf "%.0f", n / c}') items/CPU-s (target >= 300000)"

# Peak memory must not grow with the rows: the same checks on the smaller APPROVE-row sheets.
read -r _ small_xlsx_mib < <(cpu_of "$bin" check --format json --output "$work/out.json" "$data/items-$approve_rows.xlsx")
read -r _ small_csv_mib < <(cpu_of "$bin" check --format json --output "$work/out.json" "$data/items-$approve_rows.csv")
row "peak memory of check, xlsx" "" "$check_xlsx_mib" "" "$small_xlsx_mib MiB at $approve_rows rows (target <= 64, flat)"
row "peak memory of check, csv" "" "$check_csv_mib" "" "$small_csv_mib MiB at $approve_rows rows (target <= 64, flat)"

pg_url=""
start_server "sqlite://$work/bench.db"
read -r up_sqlite up_sqlite_mib up_sqlite_wall _ < <(upload_cpu sqlite)
stop_server
row "upload xlsx, sqlite (server)" "$up_sqlite" "$up_sqlite_mib" "$(ratio "$up_sqlite" "$check_xlsx")" \
  "check xlsx (target <= 1.3x); $(ratio "$up_sqlite" "$bare_xlsx") of the bare read; wall ${up_sqlite_wall}s"

if psql "$pg_admin" -qAtc "SELECT 1" >/dev/null 2>&1; then
  pg_db="equipcheck_ratios_$$"
  psql "$pg_admin" -qc "CREATE DATABASE $pg_db" >/dev/null
  pg_url="${pg_admin%/*}/$pg_db"
  start_server "$pg_url"
  read -r up_pg up_pg_mib up_pg_wall up_pg_db < <(upload_cpu postgres)
  row "upload xlsx, postgres (server)" "$up_pg" "$up_pg_mib" "$(ratio "$up_pg" "$check_xlsx")" \
    "check xlsx (target <= 1.5x); $(ratio "$up_pg" "$bare_xlsx") of the bare read; wall ${up_pg_wall}s"
  row "  postgres backends, same uploads" "$up_pg_db" "" "$(ratio "$(awk -v a="$up_pg" -v b="$up_pg_db" 'BEGIN {print a + b}')" "$check_xlsx")" \
    "check xlsx, server + backends together"
  read -r approved approve_wall approve_cpu approve_db < <(approve)
  row "bulk approval, postgres" "$approve_cpu" "" "" \
    "$approved clear items of $approve_rows approved in ${approve_wall}s wall (target < 1 s for 20000); backends ${approve_db} CPU-s"
  stop_server
else
  echo "PostgreSQL not reachable at $pg_admin: upload and approval on PostgreSQL skipped"
fi
