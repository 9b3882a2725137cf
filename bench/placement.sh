#!/usr/bin/env bash
# End-to-end placements per second through a local 3-node cluster (./cell0 up) and its scheduler:
# registers NODES synthetic capacity nodes (no processes), creates AGENTS agents with no command while
# the scheduler is stopped, then starts it and times the placements (PlacementBench). Results go to
# bench/results/.   bench/placement.sh [NODES] [AGENTS]      (defaults: 1000 and 10000)
# The synthetic nodes never send heartbeats, so failure detection is switched off for this run
# (otherwise the leader would rightly declare them DOWN and nothing could be placed on them).
# Extra scheduler options: CELL0_SCHEDULER_OPTS (e.g. --cell0.scheduler.candidate-limit=100).
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${1:-1000}; AGENTS=${2:-10000}
./mvnw -B -q -DskipTests install
./mvnw -B -q -pl federation-coordinator test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
CP="federation-coordinator/target/test-classes:federation-coordinator/target/classes:$(cat federation-coordinator/target/bench.classpath)"
mkdir -p bench/results
OUT="bench/results/placement-$(date -u +%Y-%m-%dT%H%M%SZ).txt"
./cell0 down >/dev/null 2>&1 || true
rm -rf .cell0/node-* .cell0/scheduler   # a fresh state; the PKI is kept
CELL0_NODE_OPTS="--failure-detection.enabled=false ${CELL0_NODE_OPTS:-}" ./cell0 up
trap './cell0 down' EXIT
./cell0 scheduler stop
{
  echo "# $(date -u)  $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
  echo "# $(lscpu | sed -n 's/^Model name: *//p'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# failure detection off; scheduler options: ${CELL0_SCHEDULER_OPTS:-(none)}"
} | tee "$OUT"
java -Xmx512m -cp "$CP" io.cell0.coordinator.bench.PlacementBench --url https://127.0.0.11:8080 \
  --scheduler https://127.0.0.10:8070 --nodes "$NODES" --agents "$AGENTS" > >(tee -a "$OUT") 2>&1 &
BENCH=$!
# Start the scheduler once every agent exists, so the last figure is scheduling and commit alone.
until grep -q '^created ' "$OUT"; do
  kill -0 "$BENCH" 2>/dev/null || { echo "PlacementBench ended before creating the agents" >&2; exit 1; }
  sleep 0.5
done
./cell0 scheduler start
wait "$BENCH"
echo "results: $OUT"
