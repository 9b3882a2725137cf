#!/usr/bin/env bash
# Benchmarks of the foundation issue against a local 3-node cluster (./cell0 up):
# write throughput and latency at fixed offered rates and saturated, failover time over N leader
# kills, and coordinator resident memory. Bounded: about 10 minutes. Results go to bench/results/.
#   bench/run.sh [--quick]     (--quick: 5 s runs and 5 kills, to try it out)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=20; WARMUP=5; KILLS=20
[[ "${1:-}" == "--quick" ]] && { DURATION=5; WARMUP=2; KILLS=5; }

./mvnw -B -q -DskipTests install
./mvnw -B -q -pl federation-coordinator test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
CP="federation-coordinator/target/test-classes:federation-coordinator/target/classes:$(cat federation-coordinator/target/bench.classpath)"
JAVA=(java -Xmx512m -cp "$CP")

mkdir -p bench/results
OUT="bench/results/$(date -u +%Y-%m-%dT%H%M%SZ).txt"
started_here=0
if ! ./cell0 status 2>/dev/null | grep -q leader; then
  ./cell0 up
  started_here=1
fi
trap '[[ $started_here == 1 ]] && ./cell0 down' EXIT

{
  echo "# $(date -u)  $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
  echo "# $(lscpu | sed -n 's/^Model name: *//p')"
  load() { "${JAVA[@]}" io.cell0.coordinator.bench.LoadGenerator --duration "$DURATION" --warmup "$WARMUP" "$@"; }
  echo "# warm-up: 30 s of saturated load so the JIT has compiled the hot paths of all three JVMs (not reported)"
  "${JAVA[@]}" io.cell0.coordinator.bench.LoadGenerator --duration 25 --warmup 5 --clients 64 --rate max > /dev/null
  "${JAVA[@]}" io.cell0.coordinator.bench.LoadGenerator --duration 10 --warmup 2 --clients 16 --rate max --batch 100 > /dev/null
  load --clients 1 --rate 100
  load --clients 1 --rate max
  load --clients 64 --rate 500
  load --clients 64 --rate 2000
  load --clients 64 --rate max
  echo "# batched: every request is POST /federation/batch with 100 config updates; ok/s counts commands"
  load --clients 16 --rate max --batch 100
  load --clients 64 --rate max --batch 100
  echo "# resident memory after the load runs (kB)"
  for pid in $(sed -n 's/.*"pid": \([0-9]*\).*/\1/p' .cell0/cluster.json); do
    echo "pid $pid $(grep -E 'VmRSS|VmHWM' /proc/"$pid"/status | tr -s ' \n' ' ')"
  done
  "${JAVA[@]}" io.cell0.coordinator.bench.FailoverBench --kills "$KILLS"
} 2>&1 | tee "$OUT"
echo "results: $OUT"
