#!/usr/bin/env bash
# Generates the Python client from a running server's OpenAPI document (the contract), into ./equipcheck_client.
# The generated code is not committed: CI generates it from the served document each run (.ci/conformance.sh).
#
#   bash examples/erp-client/generate.sh http://127.0.0.1:8080
set -euo pipefail
BASE="${1:?usage: generate.sh BASE_URL}"
HERE="$(cd "$(dirname "$0")" && pwd)"
OPENAPI_PYTHON_CLIENT_VERSION=0.29.1
PYTHON="${PYTHON:-python3}"
"$PYTHON" -m pip install --quiet --disable-pip-version-check "openapi-python-client==$OPENAPI_PYTHON_CLIENT_VERSION"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
curl -sf "$BASE/api/v1/openapi.json" -o "$WORK/openapi.json"
rm -rf "$HERE/equipcheck_client"
# The JSON-lines order body has a JSON alternative (`{"lines": [...]}`), which the client uses; the generator's
# warning about `application/x-ndjson` is expected.
(cd "$WORK" && openapi-python-client generate --path openapi.json --meta none --output-path equipcheck_client >"$WORK/log" 2>&1) \
    || { cat "$WORK/log" >&2; exit 1; }
mv "$WORK/equipcheck_client" "$HERE/equipcheck_client"
echo "generated $HERE/equipcheck_client"
