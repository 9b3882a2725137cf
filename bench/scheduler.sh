#!/usr/bin/env bash
# Benchmark of the scheduler's placement pipeline: latency of one Pipeline.place() at 100, 1,000 and
# 10,000 nodes, 1 and 3 replicas. First JMH in SampleTime mode (wall clock, p50/p99 reported), then the
# same placements timed in thread CPU time (PlacementCpuTime), which stays meaningful on a machine
# shared with other work. Needs no cluster. About 4 minutes. Results go to
# bench/results/scheduler-<UTC timestamp>.txt.
#   bench/scheduler.sh [extra JMH options, e.g. -p nodes=1000]
set -euo pipefail
cd "$(dirname "$0")/.."

# Build only what the benchmark needs; on a shared machine, prefix with `nice -n 15`.
./mvnw -B -q --no-transfer-progress -pl scheduler-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="scheduler-service/target/test-classes:scheduler-service/target/classes:$(cat scheduler-service/target/bench.classpath)"

mkdir -p bench/results
OUT="bench/results/scheduler-$(date -u +%Y-%m-%dT%H%M%SZ).txt"
{
  echo "# $(date -u)  $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
  echo "# $(lscpu | sed -n 's/^Model name: *//p')   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xmx1g -cp "$CP" org.openjdk.jmh.Main 'io.cell0.scheduler.bench.*' \
    -f 1 -wi 3 -i 5 -w 1s -r 1s -tu us -bm sample "$@"
  echo "# CPU time of the placing thread per place() (io.cell0.scheduler.bench.PlacementCpuTime), one JVM per case,"
  echo "# 3 s CPU warm-up then 3 s CPU measured; microseconds"
  printf '%-7s %-8s %9s %9s %9s %9s %9s %9s\n' nodes replicas samples p50 p90 p99 p99.9 max
  for n in 100 1000 10000; do
    for r in 1 3; do
      java -Xmx1g -cp "$CP" io.cell0.scheduler.bench.PlacementCpuTime 3 "$n" "$r"
    done
  done
  echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$OUT"
echo "results: $OUT"
