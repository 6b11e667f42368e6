#!/usr/bin/env bash
# Soak run: one server under mixed load (uploads, reads, classify, reviews, sign-ins right and wrong, CLIENTS
# threads) for DURATION seconds (default 1800), resident memory sampled every 10 s; prints whether memory is flat
# after warm-up (the last third's mean against the middle third's) and the answers by status. Exit 1 on growth or
# any 5xx. DB=sqlite (default) or DB=postgres (EQUIPCHECK_BENCH_PG_ADMIN, default
# postgres://postgres@127.0.0.1:5432/postgres). Only ever targets 127.0.0.1.
# Usage: DURATION=300 benches/soak.sh [BINARY]   (default target/release/equipcheck, else target/debug/equipcheck)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/equipcheck}
[ -x "$bin" ] || bin=target/debug/equipcheck
[ -x "$bin" ] || { echo "no equipcheck binary (cargo build first)" >&2; exit 2; }
pg_admin=${EQUIPCHECK_BENCH_PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
source benches/common.sh
db_url="sqlite://$work/soak.db"
if [ "${DB:-sqlite}" = postgres ]; then
  pg_db="eqc_soak_$$_$RANDOM"
  psql "$pg_admin" -qc "CREATE DATABASE $pg_db" >/dev/null
  db_url="${pg_admin%/*}/$pg_db"
fi
echo "binary: $bin; database: ${DB:-sqlite}; ${DURATION:-1800} s, ${CLIENTS:-8} clients"
python3 benches/soak.py --bin "$bin" --db "$db_url" --work "$work" --duration "${DURATION:-1800}" \
  --clients "${CLIENTS:-8}" || { status=$?; tail -n 20 "$work/soak-server.log"; exit "$status"; }
