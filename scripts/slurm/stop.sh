#!/usr/bin/env bash
# Stops what start.sh DIR started (by the pid files under DIR) and leaves DIR for the caller to delete.
set -u
dir=${1:?usage: stop.sh DIR}
for daemon in slurmd slurmctld munged; do
    pid=$(cat "$dir/$daemon.pid" 2>/dev/null) || continue
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
done
exit 0
