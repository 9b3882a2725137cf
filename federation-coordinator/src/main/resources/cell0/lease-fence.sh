#!/usr/bin/env bash
# Cell 0 lease fence, started by the coordinator: kills this node's agents as soon as the lease the
# coordinator last wrote has run out. It is a separate process so that it also acts while the
# coordinator's JVM is frozen (a long GC pause, SIGSTOP, a debugger) and cannot stop them itself.
#   lease-fence.sh LEASE_FILE AGENTS_DIR
# LEASE_FILE holds the lease's end in epoch milliseconds; the coordinator rewrites it every
# heartbeat interval. AGENTS_DIR/<agent>/agent.pid holds "pid start-ms start-ticks"; a process is
# killed only if its /proc start time still matches, so a reused pid is never hit. An agent whose
# directory holds a keep-running file chose to keep running through a disconnection: left alone.
lease=$1
agents=$2
while :; do
  until=0
  read -r until < "$lease" 2>/dev/null
  now=${EPOCHREALTIME/./}
  now=$((10#${now:0:13}))
  if (( now > until )); then
    for f in "$agents"/*/agent.pid; do
      [[ -f $f ]] || continue
      [[ -e ${f%/agent.pid}/keep-running ]] && continue
      read -r pid _ ticks < "$f" || continue
      [[ -n $ticks && -r /proc/$pid/stat ]] || continue
      read -r stat < "/proc/$pid/stat" || continue
      read -r -a fields <<< "${stat##*) }"
      if [[ ${fields[19]} == "$ticks" ]]; then
        kill -KILL "$pid" 2>/dev/null && echo "$(date -u +%FT%T.%3NZ) lease over ($until < $now): killed agent pid $pid ($f)"
      fi
    done
  fi
  sleep 0.1
done
