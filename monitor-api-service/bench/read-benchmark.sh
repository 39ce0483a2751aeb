#!/usr/bin/env bash
# Read-side benchmark of monitor-api-service: packages the module, then runs ReadBenchmark (src/test/java/.../bench),
# which starts PostgreSQL and Kafka, produces 100,000 monitors' events, runs the packaged service and prints
# the ingestion rate, the closed-loop read capacity and the paced (1,000 requests/s) latency percentiles.
# Options: -Dbench.monitors=N -Dbench.clients=N -Dbench.seconds=N -Dbench.rate=N.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl monitor-api-service package -DskipTests
mvn -B -q -pl monitor-api-service org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
  -Dexec.mainClass=io.trapwatch.monitorapi.bench.ReadBenchmark -Dexec.classpathScope=test "$@"
