#!/usr/bin/env bash
# GPU smoke test: the CUDA path end to end before real runs spend GPU hours on it.
#
#   tools/gpu-smoke.sh [--device cuda|cpu] [--cell-tolerance 0.4] [--mean-tolerance 0.2] [--work DIR]
#
# Builds runner with the torch backend of the device (-p:TorchBackend=cuda needs a NuGet feed
# that serves libtorch-cuda-12.8-linux-x64), then runs a tiny spec whose two arms share round 0:
#   1. on the CPU, as the reference;
#   2. on the device, killed (SIGKILL) once the first arm has recorded round 1, then run again:
#      the first arm must resume from its checkpoint, the second start from its round 0;
# and compares the two ledgers' accuracies (tools/compare-ledgers.cs): round 0's each within the cell
# tolerance, every round's mean within the mean tolerance. A correct GPU run differs from the CPU's by
# rounding (TF32, atomics), less than another seed does; five seeds (7-11) of this spec on the CPU
# differed by up to 0.266 in one round 0 accuracy (length 5, just past D0; 0.094 within D0) and by
# up to 0.092 in a round's mean: the tolerances are 1.5x and 2x those. A broken path drops D0's
# accuracies (0.89-1.0) to about 0, past both (docs/gpu.md).
# With --device cuda, a GPU that nvidia-smi does not show fails it at once: nothing falls back to
# the CPU (the spec asks for device: cuda, and a run that asked for CUDA and got none errors).
# --device cpu runs the same steps on the CPU alone (both ledgers then agree exactly): the way to
# check the script itself on a machine without a GPU. Needs only the .NET SDK of global.json.
# Exit 0 when all of it holds; the last line says what was checked.
set -euo pipefail

device=cuda cell_tolerance=0.4 mean_tolerance=0.2 work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --device) device="$2"; shift 2 ;;
    --cell-tolerance) cell_tolerance="$2"; shift 2 ;;
    --mean-tolerance) mean_tolerance="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu-smoke: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$device" in cuda|cpu) ;; *) echo "gpu-smoke: --device must be cuda or cpu (got '$device')" >&2; exit 2 ;; esac

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${work:-$(mktemp -d "${TMPDIR:-/tmp}/gpu-smoke.XXXXXX")}"
mkdir -p "$work"
fail() { echo "gpu-smoke: FAILED: $*" >&2; echo "gpu-smoke: logs and ledgers in $work" >&2; exit 1; }

gpu="cpu"
if [ "$device" = cuda ]; then
  command -v nvidia-smi >/dev/null || fail "nvidia-smi not found: this machine shows no NVIDIA GPU"
  gpu="$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader)" || fail "nvidia-smi sees no GPU"
  [ -n "$gpu" ] || fail "nvidia-smi lists no GPU"
  echo "gpu-smoke: GPUs: $gpu"
fi

echo "gpu-smoke: building runner (-p:TorchBackend=$device) into $work/bin"
dotnet build "$repo/src/Runner" -c Release "-p:TorchBackend=$device" -o "$work/bin" > "$work/build.log" 2>&1 ||
  { tail -20 "$work/build.log" >&2; fail "build (log: $work/build.log)"; }

# Two arms that differ only after round 0: the second starts from the first's round 0.
cat > "$work/smoke.yaml" <<'YAML'
name: gpu-smoke
task: {kind: copy, d0: {min: 1, max: 4}}
model: {layers: 2, heads: 2, d_model: 32, ffn: 64, context: 32}
training:
  batch: 32
  peak_lr: 0.003
  round0: {warmup: 10, stable: 150, decay: 90}
  rounds: {warmup: 0, stable: 20, decay: 30}
self_improve:
  rounds: 3
  labels_per_round: 64
  decode_batch: 32
  filters: [{kind: length, rule: expected}]
eval: {examples: 64, above: 2}
seeds: [7]
arms:
  - name: filtered
  - name: unfiltered
    self_improve: {filters: []}
YAML

# Runs from $work: the spec is outside any repository, so the ledger records git_sha 'unknown'.
runner() { (cd "$work" && dotnet "$work/bin/runner.dll" "$@"); }
run_on() { runner run smoke.yaml --set "device=$1" --ledger "$1/ledger" --runs "$1/runs"; }

echo "gpu-smoke: reference run on the CPU"
run_on cpu > "$work/cpu.log" 2>&1 || { tail -20 "$work/cpu.log" >&2; fail "the CPU run (log: $work/cpu.log)"; }

reference="$work/cpu"
if [ "$device" = cpu ]; then
  # The run on the "device" must not find the reference's runs: its own folders.
  mv "$work/cpu" "$work/reference"
  reference="$work/reference"
fi

echo "gpu-smoke: run on $device, killed after the first arm's round 1"
(cd "$work" && exec dotnet "$work/bin/runner.dll" run smoke.yaml --set "device=$device" --ledger "$device/ledger" --runs "$device/runs") \
  > "$work/$device-killed.log" 2>&1 &
pid=$!
rounds="$work/$device/ledger/rounds/spec=gpu-smoke"
for _ in $(seq 1 6000); do
  compgen -G "$rounds/part-*-filtered-s7-*-r001.parquet" > /dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$pid" 2>/dev/null || { tail -20 "$work/$device-killed.log" >&2; fail "the run on $device ended before round 1 could be killed (log: $work/$device-killed.log)"; }
compgen -G "$rounds/part-*-filtered-s7-*-r001.parquet" > /dev/null || { kill -9 "$pid"; fail "no round 1 recorded within 10 minutes"; }
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
compgen -G "$rounds/part-*-filtered-s7-*-r003.parquet" > /dev/null && fail "the first arm had finished before the kill: nothing to resume"

echo "gpu-smoke: run on $device again: it resumes"
run_on "$device" > "$work/$device-resumed.log" 2>&1 || { tail -20 "$work/$device-resumed.log" >&2; fail "the resumed run (log: $work/$device-resumed.log)"; }
grep -q "filtered seed 7: done (resumed after round [1-9]" "$work/$device-resumed.log" ||
  { cat "$work/$device-resumed.log" >&2; fail "the first arm did not resume from its checkpoint"; }
grep -q "unfiltered seed 7: done (round.* shared with " "$work/$device-resumed.log" ||
  { cat "$work/$device-resumed.log" >&2; fail "the second arm did not start from the first arm's round 0"; }
runner ledger verify --ledger "$device/ledger" > "$work/verify.log" 2>&1 || { cat "$work/verify.log" >&2; fail "ledger verify"; }

echo "gpu-smoke: accuracies on $device against the CPU's"
(cd "$repo" && dotnet run tools/compare-ledgers.cs -- "$reference/ledger" "$work/$device/ledger" "$cell_tolerance" "$mean_tolerance") |
  tee "$work/compare.log" || fail "accuracies differ beyond the tolerance"
echo "gpu-smoke: ok: $device ($gpu): killed after round 1 and resumed, round 0 shared between arms, $(tail -1 "$work/compare.log")"
