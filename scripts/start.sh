#!/usr/bin/env bash
# Starts Tandem on http://localhost:3000 (embedded database in ./data unless DATABASE_URL
# is set). Installs dependencies and builds first when needed. Next.js telemetry is off.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

[ -d node_modules ] || npm install --no-save --no-audit --no-fund
stale=yes
if [ -f .next/BUILD_ID ]; then
  changed=$(find app components lib prisma public instrumentation.ts next.config.ts package-lock.json \
    -newer .next/BUILD_ID -type f -print -quit 2>/dev/null)
  [ -z "$changed" ] && stale=no
fi
[ "$stale" = yes ] && npx next build
exec npx next start -p "${PORT:-3000}"
