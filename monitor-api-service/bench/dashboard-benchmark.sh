#!/usr/bin/env bash
# Dashboard page loads in headless Chromium (Performance API marks) against a running system, by default the local
# run: start it first with deploy/local/run.sh --detach. Options: -Dbench.url=URL -Dbench.runs=N
# -Dbench.kafka=HOST:PORT (also measure live updates: produces new monitors ZZBENCH... to that broker, e.g. localhost:19092).
set -euo pipefail
cd "$(dirname "$0")/../.."
# Compiled in the reactor (nothing installed into ~/.m2); the class path comes from the same build.
./mvnw -B -q -pl monitor-api-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
M=monitor-api-service/target
java "$@" -cp "$M/test-classes:$M/classes:$(cat $M/bench.classpath)" io.trapwatch.monitorapi.bench.DashboardBenchmark
