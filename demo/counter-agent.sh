#!/bin/sh
# Cell 0 demo agent. Every second (CELL0_DEMO_INTERVAL, in seconds, may be fractional) it appends
# "<count> <UTC time> <agent id> <node id> <epoch ms>" to counter.txt in its state directory. After a
# restart it carries on from the last count, so the file shows whether the runtime kept the agent's
# state directory; the epoch milliseconds let the fault harness check that no two nodes ran the
# agent at the same time. SIGTERM ends it cleanly (exit 0).
dir="${CELL0_STATE_DIR:-.}"
interval="${CELL0_DEMO_INTERVAL:-1}"
n=$(tail -n 1 "$dir/counter.txt" 2>/dev/null | cut -d' ' -f1)
case "$n" in ''|*[!0-9]*) n=0 ;; esac
trap 'exit 0' TERM INT
while :; do
  n=$((n + 1))
  echo "$n $(date -u +%Y-%m-%dT%H:%M:%SZ) ${CELL0_AGENT_ID:-?} ${CELL0_NODE_ID:-?} $(date +%s%3N)" >> "$dir/counter.txt"
  sleep "$interval"
done
