#!/usr/bin/env bash
# A single-node Slurm (munged, slurmctld, slurmd) in DIR, for tests: no systemd, no system config touched, every
# file (config, munge key and socket, state, logs, pid files) under DIR. Installs Debian's slurm-wlm and munge when
# missing (apt-get, sudo unless root). Prints the slurm.conf path (export it as SLURM_CONF) on success.
# Exit 77 (the test skips) when the packages cannot be installed or the daemons do not come up; stop.sh DIR ends it.
set -uo pipefail
dir=${1:?usage: start.sh DIR}
mkdir -p "$dir" && dir=$(cd "$dir" && pwd)
skip() { echo "slurm unavailable: $*" >&2; exit 77; }
# The daemons must not inherit the caller's other descriptors: Foundation's Process waits for EOF on one of them,
# and would wait for as long as slurmctld lives.
for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
    [ "${SOUNDLAB_SLURM_INSTALL:-1}" = 1 ] || skip "slurmctld/slurmd/munged not installed (SOUNDLAB_SLURM_INSTALL=0)"
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -n"
    command -v apt-get >/dev/null || skip "no apt-get to install slurm-wlm and munge"
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends slurm-wlm munge; } \
        >"$dir/apt.log" 2>&1 || skip "apt-get install slurm-wlm munge failed (see $dir/apt.log)"
fi
[ "$(id -u)" = 0 ] || skip "the daemons need root here (slurmd starts jobs as their user); run the test as root"

host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)
port=$(( 20000 + RANDOM % 20000 ))
mkdir -p "$dir/state" "$dir/spool"
chmod 700 "$dir"

# munge: a fresh key and a socket of our own, so a system munged (if any) is neither used nor disturbed.
dd if=/dev/urandom of="$dir/munge.key" bs=1024 count=1 status=none && chmod 400 "$dir/munge.key"
munged --force --key-file="$dir/munge.key" --socket="$dir/munge.socket" --pid-file="$dir/munged.pid" \
    --log-file="$dir/munged.log" --seed-file="$dir/munged.seed" >"$dir/munged.out" 2>&1 \
    || skip "munged did not start: $(tail -n 3 "$dir/munged.out" "$dir/munged.log" 2>/dev/null | tr '\n' ' ')"

cat >"$dir/slurm.conf" <<CONF
ClusterName=soundlab-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$dir/slurm.conf

slurmctld -f "$SLURM_CONF" >"$dir/slurmctld.out" 2>&1 || skip "slurmctld did not start: $(tail -n 3 "$dir/slurmctld.log" 2>/dev/null | tr '\n' ' ')"
slurmd -f "$SLURM_CONF" >"$dir/slurmd.out" 2>&1 || skip "slurmd did not start: $(tail -n 3 "$dir/slurmd.log" 2>/dev/null | tr '\n' ' ')"
for _ in $(seq 1 60); do
    state=$(sinfo -h -N -o %t 2>/dev/null | head -n 1)
    [ "$state" = idle ] && { echo "$SLURM_CONF"; exit 0; }
    sleep 0.5
done
skip "node never became idle (state '${state:-none}'): $(tail -n 3 "$dir/slurmd.log" "$dir/slurmctld.log" 2>/dev/null | tr '\n' ' ')"
