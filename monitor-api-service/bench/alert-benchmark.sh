#!/usr/bin/env bash
# Alert benchmark of monitor-api-service: packages the module, then runs AlertBenchmark (src/test/java/.../bench):
# 10,000 subscriptions with mixed filters, a burst of 500 transitions (time until every matching delivery reached a
# local webhook receiver) and projection throughput with and without deliveries, as alternating streams in one service.
# Options: -Dbench.subscriptions=N -Dbench.burst=N -Dbench.events=N -Dbench.rounds=N -Dbench.load=N
#          -Dbench.service-jvm="<JVM options of the service, e.g. a flight recording>".
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl monitor-api-service -am package -DskipTests
./mvnw -B -q -pl monitor-api-service org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
  -Dexec.mainClass=io.trapwatch.monitorapi.bench.AlertBenchmark -Dexec.classpathScope=test "$@"
