#!/usr/bin/env bash
# Benchmark of the review and audit paths on loopback (release build), on SQLite and on PostgreSQL:
#   1. upload a generated ROWS-row CSV as an officer;
#   2. bulk-approve its clear items as a reviewer (one audit record per item);
#   3. download the decisions report as XLSX;
#   4. `equipcheck audit verify` over the whole chain.
# Usage: benches/review.sh [ROWS]   (default 20000)
# PostgreSQL: EQUIPCHECK_BENCH_PG_ADMIN (default postgres://postgres@127.0.0.1:5432/postgres); skipped if unreachable.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-20000}
data=target/bench-data
pg_admin=${EQUIPCHECK_BENCH_PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

cargo build --release --quiet --bin equipcheck --example gen_bench_data
target/release/examples/gen_bench_data "$data" "$rows" >/dev/null
csv="$data/items-$rows.csv"
bin=target/release/equipcheck
source benches/common.sh
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN {printf "%.2f", e - s}'; }

run() {
  local name=$1 url=$2 port base officer reviewer start batch approved records
  port=$(free_port)
  base="http://127.0.0.1:$port"
  RUST_LOG=warn EQUIPCHECK_DATABASE_URL="$url" EQUIPCHECK_BIND="127.0.0.1:$port" EQUIPCHECK_MAX_UPLOAD_MIB=200 \
    EQUIPCHECK_RATE_LIMIT=0 "$bin" serve 2>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 100); do curl -sf "$base/ready" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -sf "$base/ready" >/dev/null || { cat "$work/server.log"; exit 1; }
  officer=$(EQUIPCHECK_DATABASE_URL="$url" "$bin" token --sub bench-officer --role officer --project bench --ttl 1h)
  reviewer=$(EQUIPCHECK_DATABASE_URL="$url" "$bin" token --sub bench-reviewer --role reviewer --project bench --ttl 1h)
  admin=$(EQUIPCHECK_DATABASE_URL="$url" "$bin" token --sub bench-admin --role admin --ttl 1h)
  curl -sf -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"name": "Bench"}' "$base/api/v1/projects/bench" >/dev/null
  start=$(now)
  curl -sf -o "$work/batch.json" -H "Authorization: Bearer $officer" -F "project=bench" -F "file=@$csv" "$base/api/v1/batches"
  echo "$name: upload of $rows rows: $(since "$start") s"
  batch=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/batch.json")
  start=$(now)
  curl -sf -o "$work/approved.json" -H "Authorization: Bearer $reviewer" -H 'Content-Type: application/json' \
    -d '{"justification": "Civilian equipment, checked against the catalogue entries listed"}' \
    "$base/api/v1/batches/$batch/approve-clear"
  approved=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["approved"]))' "$work/approved.json")
  echo "$name: bulk approval of $approved clear items: $(since "$start") s"
  start=$(now)
  curl -sf -o "$work/decisions.xlsx" -H "Authorization: Bearer $reviewer" "$base/api/v1/batches/$batch/decisions.xlsx"
  echo "$name: decisions XLSX ($(du -k "$work/decisions.xlsx" | cut -f1) KiB): $(since "$start") s"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  start=$(now)
  records=$("$bin" audit verify --json --database-url "$url" | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"])')
  echo "$name: audit verify of $records records: $(since "$start") s"
}

run sqlite "sqlite://$work/review.db"
if psql "$pg_admin" -qc "SELECT 1" >/dev/null 2>&1; then
  pg_db="equipcheck_review_bench_$$"
  psql "$pg_admin" -qc "CREATE DATABASE $pg_db" >/dev/null
  run postgres "${pg_admin%/*}/$pg_db"
else
  echo "postgres: skipped ($pg_admin unreachable)"
fi
