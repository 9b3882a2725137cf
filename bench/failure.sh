#!/usr/bin/env bash
# Failure detection and recovery against a local 3-node cluster with its scheduler (./cell0 up):
# N crashes of a follower running agents (detection and recovery time), then M minutes of short
# SIGSTOP pauses counting false SUSPECT/DOWN verdicts. Results go to bench/results/.
#   bench/failure.sh [CRASHES] [PAUSE_MINUTES]      (defaults: 20 and 30)
set -euo pipefail
cd "$(dirname "$0")/.."
CRASHES=${1:-20}; MINUTES=${2:-30}
./mvnw -B -q -DskipTests install
./mvnw -B -q -pl federation-coordinator test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
CP="federation-coordinator/target/test-classes:federation-coordinator/target/classes:$(cat federation-coordinator/target/bench.classpath)"
mkdir -p bench/results
OUT="bench/results/failure-$(date -u +%Y-%m-%dT%H%M%SZ).txt"
./cell0 down >/dev/null 2>&1 || true
./cell0 up
trap './cell0 down' EXIT
{
  echo "# $(date -u)  $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
  echo "# $(lscpu | sed -n 's/^Model name: *//p'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xmx256m -cp "$CP" io.cell0.coordinator.bench.FailureBench --crashes "$CRASHES" --pause-minutes "$MINUTES"
} 2>&1 | tee "$OUT"
echo "results: $OUT"
