#!/usr/bin/env bash
# TrapWatch, locally, in one command: builds what is missing, starts PostgreSQL, a KRaft Kafka broker and the three
# services as separate processes, runs the four user flows for spot and futures, and prints a summary.
#
#   deploy/local/run.sh [--data DIR | --live] [--stream [--speed SECONDS] [--stream-days DAYS]] [--detach]
#
# Default data: the real Binance sample bundled in deploy/local/data/binance, replayed offline.
# --stream: market-data-service streams K-lines over WebSocket from its replay stream server; the replay clock starts
# DAYS (default 14) before the newest recorded bar and moves one hour every SECONDS (default 1) after the flows, so
# bars arrive one by one and monitors change while you watch. --live always streams from Binance.
# Environment overrides: TRAPWATCH_WORK_DIR (default .trapwatch), TRAPWATCH_JDBC_URL (use an existing PostgreSQL),
# TRAPWATCH_PG_PORT (15432), TRAPWATCH_KAFKA_PORT (19092), TRAPWATCH_KAFKA_CONTROLLER_PORT (19093),
# TRAPWATCH_API_PORT (8080), TRAPWATCH_MARKET_DATA_PORT (8081), TRAPWATCH_DETECTION_PORT (8082),
# TRAPWATCH_BACKFILL (bars per new instrument, default 5000), TRAPWATCH_API_TOKEN (the write endpoints' bearer token;
# generated and kept in .trapwatch/api-token when not set).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOCAL="$ROOT/deploy/local"
WORK=${TRAPWATCH_WORK_DIR:-$ROOT/.trapwatch}
DATA="$LOCAL/data/binance"
SOURCE=replay
DETACH=false
STREAM=false
SPEED=1
STREAM_DAYS=14
while [ $# -gt 0 ]; do
  case "$1" in
    --data) DATA=$(cd "$2" && pwd); shift 2 ;;
    --live) SOURCE=binance; shift ;;
    --detach) DETACH=true; shift ;;
    --stream) STREAM=true; shift ;;
    --speed) SPEED=$2; shift 2 ;;
    --stream-days) STREAM_DAYS=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

# A replay directory holds spot/ and futures/ (like ../shared/data/binance); its parent (holding binance/) is
# accepted too. Anything else would only fail minutes later at instrument sync, so say what was expected now.
if [ "$SOURCE" = replay ]; then
  if [ ! -d "$DATA/spot" ] && [ ! -d "$DATA/futures" ] && [ -d "$DATA/binance" ]; then
    DATA="$DATA/binance"
  fi
  if [ ! -d "$DATA/spot" ] && [ ! -d "$DATA/futures" ]; then
    echo "--data $DATA: expected a directory with spot/ and/or futures/ (each with exchangeInfo.json and" >&2
    echo "klines/SYMBOL-INTERVAL.json), laid out like deploy/local/data/binance" >&2
    exit 2
  fi
fi

PG_PORT=${TRAPWATCH_PG_PORT:-15432}
KAFKA_PORT=${TRAPWATCH_KAFKA_PORT:-19092}
CONTROLLER_PORT=${TRAPWATCH_KAFKA_CONTROLLER_PORT:-19093}
API_PORT=${TRAPWATCH_API_PORT:-8080}
MD_PORT=${TRAPWATCH_MARKET_DATA_PORT:-8081}
DET_PORT=${TRAPWATCH_DETECTION_PORT:-8082}
BACKFILL=${TRAPWATCH_BACKFILL:-5000}
LOGS="$WORK/logs"
PIDS="$WORK/pids"
mkdir -p "$LOGS" "$PIDS"

STEP="starting"
STEP_LOG=""
finished=false
step() { STEP="$1"; STEP_LOG="${2:-}"; echo "==> $1"; }
on_exit() {
  if [ "$finished" != true ]; then
    echo "FAILED during: $STEP" >&2
    if [ -n "$STEP_LOG" ]; then
      echo "  log: $STEP_LOG" >&2
      # A service that could not start says why in a FATAL line; otherwise the end of the log tells.
      if grep -q '^FATAL' "$STEP_LOG" 2>/dev/null; then
        grep -m1 -A4 '^FATAL' "$STEP_LOG" | sed 's/^/    /' >&2
      elif [ -s "$STEP_LOG" ]; then
        echo "  its last lines:" >&2; tail -n 15 "$STEP_LOG" | sed 's/^/    /' >&2
      fi
    fi
    echo "  all logs: $LOGS" >&2
    "$LOCAL/stop.sh" >/dev/null 2>&1 || true
  fi
}
trap on_exit EXIT

# Starts a background process and records its pid so that stop.sh stops exactly what was started.
start_process() {
  local name=$1; shift
  if [ -f "$PIDS/$name.pid" ] && kill -0 "$(cat "$PIDS/$name.pid")" 2>/dev/null; then
    echo "$name is already running (pid $(cat "$PIDS/$name.pid")); run deploy/local/stop.sh first" >&2
    return 1
  fi
  "$@" >"$LOGS/$name.log" 2>&1 &
  echo $! >"$PIDS/$name.pid"
}

step "build (skipped when the packages exist)" "$LOGS/build.log"
jars=("$ROOT"/{market-data,detection,monitor-api}-service/target/quarkus-app/quarkus-run.jar)
if ! ls "${jars[@]}" "$WORK/local-infra.classpath" >/dev/null 2>&1; then
  (cd "$ROOT" && ./mvnw -B -q install -DskipTests \
    && ./mvnw -B -q -pl local-infra dependency:build-classpath -Dmdep.outputFile="$WORK/local-infra.classpath") \
    >"$LOGS/build.log" 2>&1
fi
INFRA_CP="$ROOT/local-infra/target/classes:$(cat "$WORK/local-infra.classpath")"
# quarkus-test-common rides along on this classpath; its log manager must be the JUL manager or it complains.
INFRA_JAVA=(java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$INFRA_CP")
FLOWS=("${INFRA_JAVA[@]}" "$LOCAL/LocalFlows.java")

if [ -n "${TRAPWATCH_JDBC_URL:-}" ]; then
  JDBC_URL=$TRAPWATCH_JDBC_URL
  echo "    using PostgreSQL at $JDBC_URL"
else
  step "start PostgreSQL on port $PG_PORT" "$LOGS/postgres.log"
  start_process postgres "${INFRA_JAVA[@]}" io.trapwatch.infra.LocalPostgres "$WORK/postgres" "$PG_PORT" trapwatch
  JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/trapwatch"
  "${FLOWS[@]}" wait-log "$LOGS/postgres.log" "READY" 180 "$(cat "$PIDS/postgres.pid")"
fi

step "start Kafka (KRaft) on port $KAFKA_PORT" "$LOGS/kafka.log"
KAFKA_DIR="$WORK/kafka"
mkdir -p "$KAFKA_DIR"
sed -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" -e "s#@LOG_DIRS@#$KAFKA_DIR/data#g" \
  "$LOCAL/config/kafka-server.properties.template" >"$KAFKA_DIR/server.properties"
KAFKA_JAVA=("${INFRA_JAVA[@]}" -Dlog4j2.configurationFile="$LOCAL/config/kafka-log4j2.properties")
if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
  "${KAFKA_JAVA[@]}" kafka.tools.StorageTool format --cluster-id "$("${KAFKA_JAVA[@]}" kafka.tools.StorageTool random-uuid)" \
    --config "$KAFKA_DIR/server.properties" >"$LOGS/kafka-format.log" 2>&1
fi
start_process kafka "${KAFKA_JAVA[@]}" kafka.Kafka "$KAFKA_DIR/server.properties"
"${FLOWS[@]}" wait-port 127.0.0.1 "$KAFKA_PORT" 120 "$(cat "$PIDS/kafka.pid")"

# The bearer token every write endpoint asks for: kept across runs so a detached system stays usable.
if [ -n "${TRAPWATCH_API_TOKEN:-}" ]; then
  (umask 077 && printf '%s' "$TRAPWATCH_API_TOKEN" >"$WORK/api-token")
elif [ ! -s "$WORK/api-token" ]; then
  (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$WORK/api-token")
fi
TRAPWATCH_API_TOKEN=$(cat "$WORK/api-token")
export TRAPWATCH_API_TOKEN
echo "    API token for write endpoints (POST/PUT/PATCH/DELETE): $TRAPWATCH_API_TOKEN"
echo "      curl -X POST -H \"Authorization: Bearer \$(cat $WORK/api-token)\" ..."

export TRAPWATCH_JDBC_URL="$JDBC_URL"
export TRAPWATCH_KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
export TRAPWATCH_MARKET_DATA_URL="http://127.0.0.1:$MD_PORT"
# monitor-api-service forwards the dashboard's threshold sweeps to detection-service.
export TRAPWATCH_DETECTION_URL="http://127.0.0.1:$DET_PORT"
export TRAPWATCH_MARKET_DATA_SOURCE="$SOURCE"
# The AES key that seals webhook secrets of alert subscriptions: made once, kept with the local data.
if [ ! -s "$WORK/alerts-secret-key" ]; then
  head -c 32 /dev/urandom | base64 >"$WORK/alerts-secret-key"
fi
export TRAPWATCH_ALERTS_SECRET_KEY=${TRAPWATCH_ALERTS_SECRET_KEY:-$(cat "$WORK/alerts-secret-key")}
export TRAPWATCH_REPLAY_DIR="$DATA"
if [ "$SOURCE" = binance ] || [ "$STREAM" = true ]; then
  export TRAPWATCH_STREAM_ENABLED=true
  # the REST fill after each stream connect back-fills new series as deeply as flow 2 does
  export TRAPWATCH_BACKFILL_DEFAULT="$BACKFILL"
fi
if [ "$SOURCE" = replay ] && [ "$STREAM" = true ]; then
  export TRAPWATCH_REPLAY_START="$("${FLOWS[@]}" stream-start "$DATA" "$STREAM_DAYS")"
  echo "    replay clock starts at $TRAPWATCH_REPLAY_START"
fi
if [ "$SOURCE" = replay ]; then
  # The replayed exchange is market-data-service itself: Binance's per-minute weight budget would only add waiting.
  export TRAPWATCH_MARKET_DATA_BINANCE_SPOT_WEIGHT_PER_MINUTE=${TRAPWATCH_MARKET_DATA_BINANCE_SPOT_WEIGHT_PER_MINUTE:-1000000}
  export TRAPWATCH_MARKET_DATA_BINANCE_FUTURES_WEIGHT_PER_MINUTE=${TRAPWATCH_MARKET_DATA_BINANCE_FUTURES_WEIGHT_PER_MINUTE:-1000000}
fi

start_service() {
  local name=$1 port=$2
  step "start $name on port $port" "$LOGS/$name.log"
  # A stable name per process: its Kafka consumers are static members, so a restarted service resumes at once.
  TRAPWATCH_HTTP_PORT=$port TRAPWATCH_INSTANCE_NAME=$name start_process "$name" java -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar"
  "${FLOWS[@]}" wait-ready "http://127.0.0.1:$port/q/health/ready" 180 "$(cat "$PIDS/$name.pid")"
}
start_service market-data-service "$MD_PORT"
start_service detection-service "$DET_PORT"
start_service monitor-api-service "$API_PORT"

FROM=""
[ "$SOURCE" = replay ] && FROM=" from $DATA"
step "run the four user flows ($SOURCE data$FROM)" "$LOGS/flows.log"
"${FLOWS[@]}" flows "http://127.0.0.1:$MD_PORT" "http://127.0.0.1:$DET_PORT" "http://127.0.0.1:$API_PORT" \
  "$TRAPWATCH_KAFKA_BOOTSTRAP" "$BACKFILL" 2>&1 | tee "$LOGS/flows.log"

cat <<EOF
==> try alerts: subscribe a webhook to confirmations of futures 1h traps (README: "Alerts"), with a receiver:
deploy/local/webhook-receiver.py --secret at-least-16-characters --port 9999 &
curl -X POST http://127.0.0.1:$API_PORT/api/volume-trap/subscriptions -H "Authorization: Bearer \$(cat $WORK/api-token)" \\
     -H 'Content-Type: application/json' \\
     -d '{"channel":{"type":"webhook","url":"http://127.0.0.1:9999/trapwatch","secret":"at-least-16-characters"},"market_types":["futures"],"intervals":["1h"],"statuses":["suspected_abandonment"]}'
curl -H "Authorization: Bearer \$(cat $WORK/api-token)" http://127.0.0.1:$API_PORT/api/volume-trap/subscriptions/<id>/deliveries
EOF

finished=true
if [ "$SOURCE" = replay ] && [ "$STREAM" = true ]; then
  echo "==> stream the replay data bar by bar (log: $LOGS/stream-player.log)"
  start_process stream-player "${FLOWS[@]}" stream "http://127.0.0.1:$MD_PORT" "http://127.0.0.1:$API_PORT" "$SPEED" "$DATA"
fi
echo
echo "Dashboard: http://localhost:$API_PORT/dashboard/"
if [ "$DETACH" = true ]; then
  echo "Everything keeps running; stop it with deploy/local/stop.sh (data stays in $WORK)."
  exit 0
fi
echo "Running. Press Ctrl-C to stop everything (data stays in $WORK)."
TAIL_PID=""
if [ "$SOURCE" = replay ] && [ "$STREAM" = true ]; then
  tail -n +1 -f "$LOGS/stream-player.log" &
  TAIL_PID=$!
fi
trap '"$LOCAL/stop.sh"; [ -n "$TAIL_PID" ] && kill "$TAIL_PID" 2>/dev/null; exit 0' INT TERM
while true; do sleep 3600 & wait $!; done
