#!/usr/bin/env bash
# Selector extraction benchmark (issue 4): throughput of TextExtractor on
# advert text (>= 20 MB cycled from the labelled set and the demo site's
# adverts, one core), then precision/recall/F1 per kind on the labelled set
# with `harrier extract --jsonl`, checked against the issue's targets.
#
# Usage: bench/run_extract_bench.sh [BUILD_DIR]     (make bench)
# Env:   MB=20 REPEAT=3 VERBOSE=1 (list every FP/FN)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-build}"
[[ "$build" = /* ]] || build="$root/$build"
labels="$root/tests/data/extract/labelled.jsonl"

cmake --build "$build" --target extract_throughput harrier -j1 >/dev/null || exit 2

echo "== throughput (one thread) =="
"$build/bench/extract_throughput" "$labels" "$root/tests/fixtures/demo-site/advert" \
  --mb "${MB:-20}" --repeat "${REPEAT:-3}" --config "$root/config/harrier.toml" || exit 2

echo
echo "== labelled set: $labels =="
verbose=()
[[ -n "${VERBOSE:-}" ]] && verbose=(--verbose)
python3 "$root/bench/extract_eval.py" --labels "$labels" --harrier "$build/cli/harrier" \
  --check "${verbose[@]}"
