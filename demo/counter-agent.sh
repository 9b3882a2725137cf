#!/bin/sh
# Cell 0 demo agent. Every second it appends "<count> <UTC time> <agent id> <node id>" to counter.txt
# in its state directory. After a restart it carries on from the last count, so the file shows
# whether the runtime kept the agent's state directory. SIGTERM ends it cleanly (exit 0).
dir="${CELL0_STATE_DIR:-.}"
n=$(tail -n 1 "$dir/counter.txt" 2>/dev/null | cut -d' ' -f1)
case "$n" in ''|*[!0-9]*) n=0 ;; esac
trap 'exit 0' TERM INT
while :; do
  n=$((n + 1))
  echo "$n $(date -u +%Y-%m-%dT%H:%M:%SZ) ${CELL0_AGENT_ID:-?} ${CELL0_NODE_ID:-?}" >> "$dir/counter.txt"
  sleep 1
done
