#!/usr/bin/env bash
# Demo mode (as root): brings up the lab of real PostgreSQL hosts, registers them in
# Tandem with their pinned host keys, and starts Tandem on http://localhost:3000.
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(id -u)" -eq 0 ] || { echo "The demo builds network namespaces: run it as root." >&2; exit 1; }
if (exec 3<>/dev/tcp/127.0.0.1/"${PORT:-3000}") 2>/dev/null; then
  echo "Something already listens on port ${PORT:-3000}. Stop Tandem first: the demo starts it (the embedded database admits one process)." >&2
  exit 1
fi
bash scripts/ensure-system-packages.sh
[ -d node_modules ] || npm install --no-save --no-audit --no-fund
bash lab/lab.sh up
node --conditions=react-server --import tsx scripts/register-lab-hosts.ts
exec bash scripts/start.sh
