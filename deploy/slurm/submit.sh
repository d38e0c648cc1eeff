#!/usr/bin/env bash
# Runs a spec on a Slurm cluster: its shards as one job array, then a merge job (ledger verify, report) that
# starts only when every task succeeded (--dependency=afterok). See docs/ci.md, "Slurm".
#
#   deploy/slurm/submit.sh SPEC [--shards N] [--tasks LIST] [--commit REV] [--state DIR] [--backend cpu|cuda]
#                          [--set KEY=VALUE]... [--runner DLL] [-- SBATCH-OPTION...]
#
# Run it from the repository. It pins the commit (HEAD unless --commit): a git worktree at that SHA and a build
# of runner from it, both under the state folder, so tasks that start hours later run the same code. Every
# task keeps its ledger and checkpoints on that shared storage, keyed by commit, spec and shard:
#   STATE/results/SHA/SPEC-ID/shard-I-of-N/{ledger,runs}   STATE/results/SHA/SPEC-ID/merged/{ledger,report}
# A task's shard is its array task id + 1 of N (RUNNER_SHARD_COUNT), however the array was submitted, so
# resubmitting a failed or cancelled task with --tasks resumes it where it stopped:
#   deploy/slurm/submit.sh specs/paper/reverse.yaml --shards 4 --tasks 2
#
#   --shards N      shards (default 4; a spec uses at most one per seed)
#   --tasks LIST    the array tasks to submit, ids from 0 (default 0-(N-1)); any sbatch --array list: 2 or 0,3
#   --commit REV    the commit to run (default HEAD); uncommitted changes are never run
#   --state DIR     shared storage every node sees (default $RUNNER_STATE_DIR, else ~/runner-state)
#   --backend B     libtorch to build with: cuda (default; adds --set device=cuda) or cpu
#   --set K=V       a spec override, as for runner run (repeatable)
#   --runner DLL    a runner built from that commit already (skips the build)
#   -- ...          options for the shard jobs' sbatch (e.g. --gres=gpu:1 --time=2-00:00:00 --partition=gpu)
set -euo pipefail

die() { echo "submit.sh: $*" >&2; exit 2; }

spec="" shards=4 tasks="" commit=HEAD state="${RUNNER_STATE_DIR:-$HOME/runner-state}" backend=cuda runner_dll=""
sets=() sbatch_options=()
while [ $# -gt 0 ]; do
  case "$1" in
    --shards) shards=${2:?--shards needs a number}; shift 2 ;;
    --tasks) tasks=${2:?--tasks needs a list}; shift 2 ;;
    --commit) commit=${2:?--commit needs a revision}; shift 2 ;;
    --state) state=${2:?--state needs a folder}; shift 2 ;;
    --backend) backend=${2:?--backend needs cpu or cuda}; shift 2 ;;
    --set) sets+=(--set "${2:?--set needs KEY=VALUE}"); shift 2 ;;
    --runner) runner_dll=$(realpath "${2:?--runner needs a runner.dll}"); shift 2 ;;
    --) shift; sbatch_options=("$@"); break ;;
    -*) die "unknown option $1" ;;
    *) [ -z "$spec" ] || die "one spec at a time (got $spec and $1)"; spec=$1; shift ;;
  esac
done
[ -n "$spec" ] || die "usage: submit.sh SPEC [--shards N] [--tasks LIST] [--commit REV] [--state DIR] [--backend cpu|cuda] [--set K=V]... [-- SBATCH-OPTION...]"
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || die "--shards must be a whole number from 1 (got '$shards')"
case "$backend" in cpu) ;; cuda) sets+=(--set device=cuda) ;; *) die "--backend must be cpu or cuda (got '$backend')" ;; esac
tasks=${tasks:-0-$((shards - 1))}

repo=$(git rev-parse --show-toplevel) || die "run it inside the repository"
sha=$(git -C "$repo" rev-parse --verify "$commit^{commit}") || die "--commit $commit is not a commit"
spec=$(realpath --relative-to="$repo" "$spec")
git -C "$repo" cat-file -e "$sha:$spec" 2>/dev/null || die "$spec is not in commit ${sha:0:7} (commit it first: the jobs run the commit, not the working tree)"
mkdir -p "$state"
state=$(realpath "$state")

# The pinned code: a worktree at the SHA (detached, so it never moves) and runner built from it.
code="$state/code/$sha"
if [ ! -d "$code" ]; then
  git -C "$repo" worktree add --detach "$code" "$sha" >/dev/null
fi
if [ -z "$runner_dll" ]; then
  build="$state/builds/$sha-$backend"
  if [ ! -f "$build/runner.dll" ]; then
    echo "building runner at ${sha:0:7} ($backend) into $build"
    dotnet build "$code/src/Runner" -c Release -p:TorchBackend="$backend" -o "$build" >"$state/builds/$sha-$backend.log" 2>&1 ||
      die "the build failed: $state/builds/$sha-$backend.log"
  fi
  runner_dll="$build/runner.dll"
fi

# The spec's name and id (the path as a name, as CI's artifacts use it); this validates the spec and the overrides.
matrix=$(cd "$code" && dotnet "$runner_dll" specs matrix "$spec" --shards "$shards" "${sets[@]}") || exit 2
name=$(sed -E 's/^\{"specs":\[\{[^}]*"name":"([^"]*)".*/\1/' <<<"$matrix")
id=$(sed -E 's/^\{"specs":\[\{[^}]*"id":"([^"]*)".*/\1/' <<<"$matrix")

out="$state/results/$sha/$id"
mkdir -p "$out/logs"
# What the jobs need, in one file they source: sbatch --export cannot carry values with commas.
{
  printf 'RUNNER_CODE=%q\nRUNNER_DLL=%q\nRUNNER_SPEC=%q\nRUNNER_NAME=%q\nRUNNER_OUT=%q\nRUNNER_SHARD_COUNT=%q\n' \
    "$code" "$runner_dll" "$spec" "$name" "$out" "$shards"
  printf 'RUNNER_SETS=(%s)\n' "${sets[*]@Q}"
} >"$out/job.env"

array=$(sbatch --parsable --job-name="runner-$id" --array="$tasks" --export="ALL,RUNNER_JOB=$out/job.env" \
  --output="$out/logs/shard-%a-job-%A.log" "${sbatch_options[@]}" "$code/deploy/slurm/shard.sbatch")
array=${array%%;*}
# The merge starts when every submitted task succeeded; if one fails or is cancelled, Slurm drops it, and
# resubmitting that task (--tasks) submits a new merge, which checks that all N shards are done.
merge=$(sbatch --parsable --job-name="runner-$id-merge" --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --export="ALL,RUNNER_JOB=$out/job.env" --output="$out/logs/merge-job-%j.log" "$code/deploy/slurm/merge.sbatch")
merge=${merge%%;*}

echo "commit ${sha:0:7}, spec $spec: shard job $array (tasks $tasks of 0-$((shards - 1))), merge job $merge"
echo "results: $out"
