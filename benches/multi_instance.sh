#!/usr/bin/env bash
# Three `equipcheck serve` instances on one fresh PostgreSQL database behind HAProxy, all on loopback: uploads,
# reviews (approved by reviewers other than the uploader) and sign-ins go through the balancer; one instance is
# killed with kill -9 midway. Checks that every acknowledged upload is stored exactly once (retries answer the
# stored batch), every item approved once, a token and a browser session from one instance work on another,
# sign-out ends the session everywhere, the sign-in throttle and the API rate limit count across instances, the
# periodic prune is queued once, and the audit chain verifies. Prints PASS/FAIL lines; exit 1 on any failure.
# Usage: benches/multi_instance.sh [BINARY]   (default target/release/equipcheck, else target/debug/equipcheck)
# PostgreSQL: EQUIPCHECK_BENCH_PG_ADMIN (default postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/equipcheck}
[ -x "$bin" ] || bin=target/debug/equipcheck
[ -x "$bin" ] || { echo "no equipcheck binary (cargo build first)" >&2; exit 2; }
pg_admin=${EQUIPCHECK_BENCH_PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
rate_limit=600
command -v haproxy >/dev/null || { echo "installing haproxy"; apt-get install -y haproxy >/dev/null 2>&1 ||
  { apt-get update >/dev/null && apt-get install -y haproxy >/dev/null; }; }
command -v psql >/dev/null || { echo "psql is needed" >&2; exit 2; }
source benches/common.sh
pids=()
lb_pid=""
stop_all() {
  for pid in "${pids[@]}" $lb_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  cleanup
}
trap stop_all EXIT

pg_db="eqc_multi_$$_$RANDOM"
psql "$pg_admin" -qc "CREATE DATABASE $pg_db" >/dev/null
db_url="${pg_admin%/*}/$pg_db"
echo "binary: $bin; database: $pg_db"

urls=()
start_instance() { # start_instance N: instance N on a free port, waits for /ready
  local port log=$work/instance-$1.log
  port=$(free_port)
  RUST_LOG=warn EQUIPCHECK_DATABASE_URL="$db_url" EQUIPCHECK_BIND="127.0.0.1:$port" \
    EQUIPCHECK_TRUSTED_PROXIES=127.0.0.1 EQUIPCHECK_RATE_LIMIT=$rate_limit EQUIPCHECK_WORKERS=2 \
    "$bin" serve 2>"$log" &
  pids+=($!)
  urls+=("http://127.0.0.1:$port")
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "instance $1 did not start:"; cat "$log"; exit 1
}
start_instance 1
for name in olga:officer rita:reviewer ravi:reviewer amina:officer; do
  echo "a long passphrase for the bench" |
    "$bin" user add "${name%%:*}" --role "${name##*:}" --project multi --database-url "$db_url" >/dev/null 2>&1 ||
    { echo "cannot add user $name" >&2; exit 1; }
done
start_instance 2
start_instance 3

lb_port=$(free_port)
cat >"$work/haproxy.cfg" <<EOF
global
    maxconn 512
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    retries 3
    option redispatch
    option forwardfor
frontend equipcheck
    bind 127.0.0.1:$lb_port
    default_backend instances
backend instances
    balance roundrobin
    option httpchk GET /ready
    server one ${urls[0]#http://} check inter 500ms fall 2 rise 2
    server two ${urls[1]#http://} check inter 500ms fall 2 rise 2
    server three ${urls[2]#http://} check inter 500ms fall 2 rise 2
EOF
haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
lb_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$lb_port/health" >/dev/null 2>&1 && break; sleep 0.1; done
echo "instances: ${urls[*]} (pids ${pids[*]}); HAProxy on 127.0.0.1:$lb_port"

status=0
python3 benches/multi_instance.py --lb "http://127.0.0.1:$lb_port" --instances "$(IFS=,; echo "${urls[*]}")" \
  --pids "$(IFS=,; echo "${pids[*]}")" --db "$db_url" --bin "$bin" --rate-limit "$rate_limit" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- logs (last lines)"; tail -n 20 "$work"/instance-*.log "$work/haproxy.log" || true
  echo "FAIL multi-instance run"
else
  echo "PASS multi-instance run"
fi
exit "$status"
