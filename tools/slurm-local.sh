#!/usr/bin/env bash
# A single-node Slurm on this machine, private to one folder: munged, slurmctld and slurmd with their own
# key, sockets, ports, state and logs under DIR, so it touches nothing in /etc and can run beside a real
# Slurm. For trying deploy/slurm/ by hand and for the tests (tests/Runner.Tests/Deploy/SlurmTests.cs).
# Needs Debian's slurmctld, slurmd, slurm-client and munge (`bash .ci/run` installs them) and root (slurmd
# starts jobs as their user).
#
#   tools/slurm-local.sh start DIR   starts the daemons, waits (at most 60 s) until the node takes jobs, and
#                                    prints the line to use it: export SLURM_CONF=DIR/slurm.conf
#   tools/slurm-local.sh stop DIR    stops the daemons it started there (by their pid files)
#
# The node claims 4 CPUs whatever the machine has (SlurmdParameters=config_overrides), so a 3-task array
# runs at once even on 2 cores; jobs are tracked by process (proctrack/linuxproc), without cgroups.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$(realpath -m "$2")

stop() {
  for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    [ -s "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
}

free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 20000))
    # Nothing answers there: bash's /dev/tcp fails to connect.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2; exit 1
}

start() {
  for program in munged mungekey slurmctld slurmd sinfo; do
    command -v "$program" >/dev/null || { echo "$program is not installed (Debian: apt-get install slurmctld slurmd slurm-client munge)" >&2; exit 1; }
  done
  [ "$(id -u)" -eq 0 ] || { echo "slurmd must run as root to start jobs" >&2; exit 1; }
  mkdir -p "$dir"/{munge,ctld,spool}
  chmod 700 "$dir" "$dir/munge"
  [ -f "$dir/munge/munge.key" ] || mungekey --create --keyfile="$dir/munge/munge.key"
  munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed"

  local node
  node=$(hostname -s)
  cat > "$dir/slurm.conf" <<CONF
ClusterName=runner-local
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/ctld
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
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
# Finished jobs stay visible to scontrol for 10 minutes (there is no accounting database).
MinJobAge=600
KillWait=10
NodeName=$node NodeAddr=127.0.0.1 CPUs=4 State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -c -f "$SLURM_CONF"
  slurmd -f "$SLURM_CONF" -N "$node"
  for _ in $(seq 120); do
    if [ "$(sinfo -h -o %t 2>/dev/null)" = "idle" ]; then echo "export SLURM_CONF=$SLURM_CONF"; return; fi
    sleep 0.5
  done
  echo "the node did not become idle in 60 s; logs: $dir/slurmctld.log, $dir/slurmd.log" >&2
  sinfo >&2 || true
  stop
  exit 1
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
