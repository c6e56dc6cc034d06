#!/usr/bin/env bash
# The smoke grid on a real one-node Slurm cluster (controller and node on localhost).
#
# Installs Debian's slurm-wlm and munge where they are missing (apt; needs root or sudo), starts munged, slurmctld
# and slurmd with a minimal slurm.conf in a temporary folder (no cgroups: proctrack/linuxproc, task/none), then:
#   1. a plain single-machine run: mrh reproduce --preset smoke (trains every network in-process, cache A);
#   2. mrh jobs slurm --preset smoke, submitted with sbatch --wait: one array task per planned unit (cache B);
#   3. mrh reproduce --preset smoke on cache B.
# It asserts that every unit ran as an array task (its task log, and the cache's record of which process trained
# which key), that step 3 trained nothing (the cache's log), that the array's networks are bit for bit those of the
# plain run (same keys, same weight checksums), and that the two summaries report the same numbers for every claim.
# The daemons it started are stopped on exit. Last line: "slurm test: PASS" or "slurm test: FAIL: why".
# Usage: tests/slurm/run-slurm-test.sh [--keep]   (--keep: leave the temporary folder for inspection)
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
KEEP=0; [ "${1:-}" = "--keep" ] && KEEP=1
WORK=$(mktemp -d /tmp/mrh-slurm-test.XXXXXX)
PIDS=()
fail() { echo "slurm test: FAIL: $*"; exit 1; }
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done; kill -9 "$pid" 2>/dev/null; done
  if [ "$KEEP" = 0 ]; then rm -rf "$WORK"; else echo "slurm test: kept $WORK"; fi
}
trap cleanup EXIT
started=$(date +%s)

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=()
for cmd in slurmctld slurmd sbatch munged jq; do command -v "$cmd" >/dev/null 2>&1 || need+=("$cmd"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "slurm test: installing slurm-wlm munge jq (missing: ${need[*]})"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y slurm-wlm munge jq >/dev/null || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y slurm-wlm munge jq >/dev/null; } \
    || fail "cannot install slurm-wlm and munge with apt"
fi

# munge: a key of our own and a daemon on our own socket
mkdir -p "$WORK/munge" "$WORK/munge-run" && chmod 700 "$WORK/munge" && chmod 755 "$WORK/munge-run"
dd if=/dev/urandom of="$WORK/munge/munge.key" bs=1024 count=1 status=none && chmod 400 "$WORK/munge/munge.key"
MUNGE_SOCKET="$WORK/munge-run/munge.socket"
munged --force --foreground --key-file="$WORK/munge/munge.key" --socket="$MUNGE_SOCKET" \
  --pid-file="$WORK/munge/munged.pid" --log-file="$WORK/munge/munged.log" --seed-file="$WORK/munge/munge.seed" \
  > "$WORK/munge/munged.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do [ -S "$MUNGE_SOCKET" ] && break; sleep 0.2; done
[ -S "$MUNGE_SOCKET" ] || fail "munged did not start ($(tail -n 3 "$WORK/munge/munged.log" 2>/dev/null))"

# slurm.conf: this machine's CPUs and memory, one node "localhost", ports of our own
CPUS=$(nproc)
MEM=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 9 / 10 ))
PORT=$(( 20000 + RANDOM % 20000 ))
mkdir -p "$WORK/state" "$WORK/spool" "$WORK/logs"
cat > "$WORK/slurm.conf" <<CONF
ClusterName=mrhtest
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$MUNGE_SOCKET
CredType=cred/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool/%n
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
SlurmdTimeout=300
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$WORK/slurm.conf"
slurmctld -D -i -f "$SLURM_CONF" > "$WORK/slurmctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -N localhost -f "$SLURM_CONF" > "$WORK/slurmd.out" 2>&1 &
PIDS+=($!)
ready=0
for _ in $(seq 1 60); do
  state=$(sinfo -h -N -n localhost -o %t 2>/dev/null | head -n 1)
  case "$state" in idle*|mix*|alloc*) ready=1; break ;; esac
  sleep 1
done
[ "$ready" = 1 ] || fail "the node did not become idle (sinfo: '${state:-}'; $(tail -n 3 "$WORK/slurmctld.log" "$WORK/slurmd.log" 2>/dev/null | tr '\n' ' '))"
echo "slurm test: one-node cluster up ($CPUS CPUs, $MEM MiB, port $PORT)"

# the program the array runs (Release, as the notebooks load the Release library)
dotnet build -c Release src/Mrh.Cli -v q -nologo > "$WORK/build.log" 2>&1 || fail "build failed ($(tail -n 5 "$WORK/build.log" | tr '\n' ' '))"
MRH="$ROOT/src/Mrh.Cli/bin/Release/net10.0/mrh"
[ -x "$MRH" ] || fail "$MRH not found after the build"

# 1. the plain single-machine run
MRH_CACHE="$WORK/cache-plain" "$MRH" reproduce --preset smoke --out "$WORK/plain" > "$WORK/plain.log" 2>&1 \
  || fail "the plain reproduce failed ($(tail -n 3 "$WORK/plain.log" | tr '\n' ' '))"
echo "slurm test: plain run done ($(( $(date +%s) - started )) s)"

# 2. the grid as a job array
"$MRH" jobs plan --preset smoke --json --cache "$WORK/cache-array" > "$WORK/plan.json" || fail "mrh jobs plan failed"
UNITS=$(jq '.units' "$WORK/plan.json")
"$MRH" jobs slurm --preset smoke --out "$WORK/grid.sbatch" --cache "$WORK/cache-array" --logs "$WORK/logs" --cpus 1 --mrh "$MRH" \
  > /dev/null 2> "$WORK/slurm-script.log" || fail "mrh jobs slurm failed ($(cat "$WORK/slurm-script.log"))"
grep -q "^#SBATCH --array=0-$((UNITS - 1))$" "$WORK/grid.sbatch" || fail "the script's array is not 0-$((UNITS - 1))"
sbatch --wait "$WORK/grid.sbatch" > "$WORK/sbatch.out" 2>&1 || fail "the job array failed ($(tail -n 3 "$WORK/sbatch.out" | tr '\n' ' '); task logs in $WORK/logs)"
ARRAY=$(grep -o '[0-9]\+' "$WORK/sbatch.out" | head -n 1)
echo "slurm test: array job $ARRAY with $UNITS tasks done ($(( $(date +%s) - started )) s)"

# every unit ran as an array task: task i's log names the unit at index i of the plan
for i in $(seq 0 $((UNITS - 1))); do
  id=$(jq -r ".plan[$i].id" "$WORK/plan.json")
  log="$WORK/logs/grid-${ARRAY}_$i.out"
  [ -f "$log" ] || fail "no log of array task $i ($id)"
  grep -q "^$id: " "$log" || fail "array task $i did not run unit $id ($(tail -n 2 "$log" | tr '\n' ' '))"
done
# ... and the cache says each of its networks was trained by a task of this array
ENTRIES=$(ls "$WORK"/cache-array/??/*/entry.json | wc -l)
[ "$ENTRIES" = "$UNITS" ] || fail "$ENTRIES networks in the array's cache, $UNITS units planned"
for e in "$WORK"/cache-array/??/*/entry.json; do
  [ "$(jq -r '.origin.slurmArrayJobId' "$e")" = "$ARRAY" ] || fail "$(jq -r .unit "$e") was not trained by array job $ARRAY ($(jq -c .origin "$e"))"
done
TRAINED_BEFORE=$(grep -c $'\ttrained\t' "$WORK/cache-array/cache.log")

# 3. reproduce after the array: evaluates and draws, trains nothing
MRH_CACHE="$WORK/cache-array" "$MRH" reproduce --preset smoke --out "$WORK/array" > "$WORK/array.log" 2>&1 \
  || fail "reproduce after the array failed ($(tail -n 3 "$WORK/array.log" | tr '\n' ' '))"
TRAINED_AFTER=$(grep -c $'\ttrained\t' "$WORK/cache-array/cache.log")
[ "$TRAINED_AFTER" = "$TRAINED_BEFORE" ] || fail "reproduce trained $((TRAINED_AFTER - TRAINED_BEFORE)) networks after the array: $(grep $'\ttrained\t' "$WORK/cache-array/cache.log" | tail -n $((TRAINED_AFTER - TRAINED_BEFORE)) | cut -f4 | tr '\n' ' ')"

# the same seeds give the same weights, so the same numbers
weights() { for f in "$1"/??/*/model.json; do echo "$(basename "$(dirname "$f")") $(jq -r .weightsSha256 "$f")"; done | sort; }
weights "$WORK/cache-plain" > "$WORK/weights-plain.txt"
weights "$WORK/cache-array" > "$WORK/weights-array.txt"
diff -q "$WORK/weights-plain.txt" "$WORK/weights-array.txt" > /dev/null \
  || fail "the array's networks differ from the plain run's: $(diff "$WORK/weights-plain.txt" "$WORK/weights-array.txt" | head -n 4 | tr '\n' ' ')"
claims() { jq -c '[.claims[] | {figure, id, thisRun, holds}]' "$1/summary.json"; }
[ "$(claims "$WORK/plain")" = "$(claims "$WORK/array")" ] \
  || fail "the summaries differ: $(diff <(claims "$WORK/plain" | jq -c '.[]') <(claims "$WORK/array" | jq -c '.[]') | head -n 4 | tr '\n' ' ')"
CLAIMS=$(jq '.claims | length' "$WORK/array/summary.json")
echo "slurm test: PASS ($UNITS units as array tasks of job $ARRAY; reproduce trained nothing; $UNITS networks and $CLAIMS claims equal to the plain run's; $(( $(date +%s) - started )) s)"
