#!/usr/bin/env bash
# Measures `equipcheck check` on generated 100,000-row sheets next to a program that only reads them.
# Usage: benches/bench.sh [ROWS] [RUNS]    (defaults: 100000 rows, 5 runs; medians are reported)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
runs=${2:-5}
data=target/bench-data
cargo build --release --quiet --bin equipcheck --example gen_bench_data --example bare_read
target/release/examples/gen_bench_data "$data" "$rows" >/dev/null

# Wall seconds, user CPU seconds and peak resident memory (KiB) of one run, via GNU time.
measure() {
  /usr/bin/time -f "%e %U %M" -o "$data/time.txt" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$data/time.txt" # GNU time puts "Command exited with non-zero status" first
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf "%-6s %-10s %10s %10s %12s\n" format program "wall (s)" "user (s)" "peak (MiB)"
for ext in csv xlsx; do
  file="$data/items-$rows.$ext"
  for program in bare_read check; do
    : >"$data/runs.txt"
    for _ in $(seq "$runs"); do
      if [ "$program" = bare_read ]; then
        measure target/release/examples/bare_read "$file" >>"$data/runs.txt"
      else
        measure target/release/equipcheck check --format json --output "$data/out.json" "$file" >>"$data/runs.txt"
      fi
    done
    wall=$(cut -d' ' -f1 "$data/runs.txt" | median)
    user=$(cut -d' ' -f2 "$data/runs.txt" | median)
    peak=$(cut -d' ' -f3 "$data/runs.txt" | median)
    printf "%-6s %-10s %10s %10s %12s\n" "$ext" "$program" "$wall" "$user" "$(awk -v k="$peak" 'BEGIN {printf "%.1f", k / 1024}')"
  done
done
