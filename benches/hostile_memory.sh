#!/usr/bin/env bash
# Peak memory on the hostile-file corpus (issue 16, finding 4): for every file of benches/hostile_corpus.py,
# `equipcheck check FILE` under /usr/bin/time -v (maximum resident set size) and an upload to a fresh server
# (its VmHWM after the upload answered); every figure must stay under 256 MiB.
# Usage: benches/hostile_memory.sh [CORPUS_DIR]   (default target/hostile, generated when missing)
#        EQUIPCHECK_BIN=target/debug/equipcheck to measure a debug build instead of building the release one.
# Only ever targets 127.0.0.1; the server uses a throw-away SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-target/hostile}
limit_mib=256
bin=${EQUIPCHECK_BIN:-}
if [ -z "$bin" ]; then
  cargo build --release --quiet --bin equipcheck
  bin=target/release/equipcheck
fi
[ -d "$corpus" ] && [ -n "$(ls -A "$corpus")" ] || python3 benches/hostile_corpus.py "$corpus"
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_server() {
  port=$(free_port)
  base="http://127.0.0.1:$port"
  rm -f "$work/db.sqlite"
  RUST_LOG=warn EQUIPCHECK_RATE_LIMIT=0 EQUIPCHECK_DATABASE_URL="sqlite://$work/db.sqlite" EQUIPCHECK_BIND="127.0.0.1:$port" \
    "$bin" serve 2>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 300); do
    curl -sf "$base/ready" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -sf "$base/ready" >/dev/null || { cat "$work/server.log"; exit 1; }
  token=$(EQUIPCHECK_DATABASE_URL="sqlite://$work/db.sqlite" "$bin" token --sub bench --role admin --project bench --ttl 1h)
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
kib_to_mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

failed=0
printf '%-26s %9s | %-5s %9s %s | %-6s %9s %s\n' file "size KiB" check "peak MiB" "" upload "peak MiB" ""
for file in "$corpus"/*; do
  name=$(basename "$file")
  size=$(( $(stat -L -c %s "$file") / 1024 ))
  code=0
  /usr/bin/time -v "$bin" check "$file" >"$work/check.out" 2>"$work/check.err" || code=$?
  check_kib=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/check.err")
  check_mib=$(kib_to_mib "$check_kib")
  start_server
  status=$(curl -s -o "$work/upload.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
    -F "project=bench" -F "file=@$file" "$base/api/v1/batches" || echo 000)
  upload_kib=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
  upload_mib=$(kib_to_mib "$upload_kib")
  stop_server
  verdict() { if [ "$1" -lt "$limit_mib" ]; then echo ok; else echo OVER; failed=1; fi; }
  v1=$(verdict "$check_mib"); v2=$(verdict "$upload_mib")
  [ "$v1" = ok ] && [ "$v2" = ok ] || failed=1
  printf '%-26s %9s | exit %-2s %8s %-4s | %-6s %9s %s\n' "$name" "$size" "$code" "$check_mib" "$v1" "$status" "$upload_mib" "$v2"
  reason=$(grep -o 'refused for safety: [^(]*' "$work/check.err" "$work/check.out" 2>/dev/null | head -1 | cut -d: -f2- | cut -c1-150 || true)
  [ -n "$reason" ] && echo "    $reason"
done
if [ "$failed" = 0 ]; then echo "every file stayed under $limit_mib MiB"; else echo "some file reached $limit_mib MiB or more"; exit 1; fi
