#!/usr/bin/env bash
# Deletes old state from a self-hosted GPU runner: shard folders (ledger and checkpoints) of commits not touched
# for DAYS days, under RUNNER_STATE_DIR (default ~/runner-state, laid out OWNER/REPO/COMMIT/SPEC-ID/I-of-N), and
# NuGet packages not used for as long. The experiment workflow runs it before every GPU job, and the cleanup
# workflow weekly on idle runners; a shard's results are also in its CI artifacts, so deleting them loses no rows.
#
#   tools/clean-runner-state.sh [--days 14] [--dry-run]
set -euo pipefail

days=14 dry_run=false
while [ $# -gt 0 ]; do
  case "$1" in
    --days) days=${2:?--days needs a number}; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    *) echo "clean-runner-state: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ "$days" =~ ^[0-9]+$ ]] || { echo "clean-runner-state: --days must be a whole number (got '$days')" >&2; exit 2; }

state="${RUNNER_STATE_DIR:-$HOME/runner-state}"
removed=0
remove() {
  echo "remove $1"
  $dry_run || rm -rf -- "$1"
  removed=$((removed + 1))
}

# A commit's folder is old when nothing below it changed for DAYS days (a running job writes its ledger and checkpoints).
if [ -d "$state" ]; then
  while IFS= read -r -d '' commit; do
    [ -n "$(find "$commit" -newermt "-$days days" -print -quit)" ] || remove "$commit"
  done < <(find "$state" -mindepth 3 -maxdepth 3 -type d -print0)
fi
# NuGet packages (one folder per package version) that no build read for DAYS days; the next build restores them.
for packages in "${NUGET_PACKAGES:-}" "$HOME"/.nuget/packages*; do
  if [ -z "$packages" ] || [ ! -d "$packages" ]; then continue; fi
  while IFS= read -r -d '' version; do
    [ -n "$(find "$version" -maxdepth 1 -atime "-$days" -print -quit)" ] || remove "$version"
  done < <(find "$packages" -mindepth 2 -maxdepth 2 -type d -print0)
done
echo "clean-runner-state: $removed folder(s) $($dry_run && echo "would be ")removed (older than $days days)"
