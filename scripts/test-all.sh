#!/usr/bin/env bash
# Every test Tandem has: typecheck, lint, unit tests, production build, integration tests
# against the lab's real hosts (as root), and the end-to-end tests in Chromium on the
# embedded database and again on a PostgreSQL 15 server.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-packages.sh || exit 1
[ -d node_modules ] || npm install --no-save --no-audit --no-fund || exit 1

results=e2e/.artifacts/results-json
rm -rf "$results" && mkdir -p "$results"
failed_stages=()

stage() {
  local name=$1; shift
  printf '\n=== %s\n' "$name"
  "$@" || failed_stages+=("$name")
}

stage typecheck npm run --silent typecheck
stage lint npm run --silent lint
stage unit npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$results/unit.json"
stage build npm run --silent build
stage lab npx vitest run --project lab --reporter=default --reporter=json --outputFile.json="$results/lab.json"
stage e2e-pglite env PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e-pglite.json" npx playwright test --reporter=list,json
stage e2e-postgresql bash scripts/with-postgres.sh env E2E_DATA_DIR=e2e/.artifacts/data-pg E2E_OUTPUT_DIR=e2e/.artifacts/results-pg \
  PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e-postgresql.json" npx playwright test --reporter=list,json

node scripts/summarize-results.mjs "$results" "${failed_stages[@]}"
