#!/usr/bin/env bash
# Crash and race experiments, on SQLite and on PostgreSQL: KILLS (20) kill -9 of the server while it imports an
# upload of ROWS (20000) lines, each followed by a restart and a check that the database holds the whole batch or
# none of it and that the audit chain verifies; then 32 reviewers racing to approve one item (exactly one wins).
# Prints PASS/FAIL lines; exit 1 on any failure.
# Usage: KILLS=20 ROWS=20000 benches/crash.sh [BINARY]   (default target/release/equipcheck, else target/debug)
# PostgreSQL: EQUIPCHECK_BENCH_PG_ADMIN (default postgres://postgres@127.0.0.1:5432/postgres); skipped if
# unreachable. Only ever targets 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/equipcheck}
[ -x "$bin" ] || bin=target/debug/equipcheck
[ -x "$bin" ] || { echo "no equipcheck binary (cargo build first)" >&2; exit 2; }
pg_admin=${EQUIPCHECK_BENCH_PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
source benches/common.sh
echo "binary: $bin; ${KILLS:-20} kills per database, ${ROWS:-20000} rows per upload"
run() { python3 benches/crash.py --bin "$bin" --db "$1" --name "$2" --work "$work" --kills "${KILLS:-20}" \
  --rows "${ROWS:-20000}"; }
status=0
run "sqlite://$work/crash.db" SQLite || status=1
if psql "$pg_admin" -qc "SELECT 1" >/dev/null 2>&1; then
  pg_db="eqc_crash_$$_$RANDOM"
  psql "$pg_admin" -qc "CREATE DATABASE $pg_db" >/dev/null
  run "${pg_admin%/*}/$pg_db" PostgreSQL || status=1
else
  echo "SKIP PostgreSQL: $pg_admin unreachable"
fi
[ "$status" -eq 0 ] || { echo "--- server log (last lines)"; tail -n 20 "$work"/server-*.log || true; }
exit "$status"
