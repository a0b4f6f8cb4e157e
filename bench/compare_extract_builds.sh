#!/usr/bin/env bash
# Runs extract_throughput from several builds in turn, so that the VM's drift
# (about ±5 % over a day here) falls on all of them alike; prints each run's
# MB/s per build. The Fifth pass in docs/benchmarks.md was measured this way.
#   bench/compare_extract_builds.sh ROUNDS LABEL=BINARY [LABEL=BINARY ...]
# e.g. bench/compare_extract_builds.sh 6 base=/tmp/base/build/bench/extract_throughput \
#        new=build/bench/extract_throughput
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:?rounds}
shift
empty=$(mktemp)
trap 'rm -f "$empty"' EXIT
echo '{"id":"x","text":""}' >"$empty"
declare -A runs
for ((r = 1; r <= rounds; r++)); do
  for spec in "$@"; do
    label=${spec%%=*}
    binary=${spec#*=}
    mbs=$("$binary" "$empty" tests/fixtures/demo-site/advert --mb 10 --repeat 7 \
      --config config/harrier.toml | sed -n 's/.* \([0-9.]*\) MB\/s on one core.*/\1/p')
    runs[$label]="${runs[$label]:-} $mbs"
  done
done
for spec in "$@"; do
  label=${spec%%=*}
  echo "$label:$(tr ' ' '\n' <<<"${runs[$label]}" | sort -n | tr '\n' ' ')"
done
