#!/usr/bin/env bash
# Stops exactly what deploy/local/run.sh started (by its recorded process ids), newest first. Data is kept.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PIDS="${TRAPWATCH_WORK_DIR:-$ROOT/.trapwatch}/pids"
for name in stream-player monitor-api-service detection-service market-data-service kafka postgres; do
  file="$PIDS/$name.pid"
  [ -f "$file" ] || continue
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "stopped $name (pid $pid)"
  fi
  rm -f "$file"
done
