#!/usr/bin/env bash
# Recall and false alarms of the catalogue on public corpora (issue 11): CML sub-entry titles and the EU Common
# Procurement Vocabulary. Not a timed test: it prints figures. Usage: benches/evaluate.sh [CATALOG_DIR]
# Corpora, sources and licences: benches/data/README.md. Failures are written to target/evaluate/*.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release --example evaluate -- "$@"
