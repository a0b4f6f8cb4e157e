#!/usr/bin/env bash
# Builds the extractors' libFuzzer targets with clang (ASan + UBSan) and runs
# each for a short time on a copy of its seed corpus. Exits non-zero if any
# fuzzer finds a crash, leak, timeout or sanitizer report; the input that
# did it is kept in <build>/fuzz-artifacts/.
#   scripts/run-fuzzers.sh [SECONDS_PER_FUZZER=10] [BUILD_DIR=build-fuzz]
# JOBS (default 2) sets the build's parallelism. FUZZ_SEED (default 1) fixes
# libFuzzer's seed so that a CI run repeats the same mutations; set another
# (or 0 for a random one) and more SECONDS to explore further.
set -euo pipefail

seconds=${1:-10}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${2:-$root/build-fuzz}
# folder/name: the fuzzer is build/<folder>/fuzz/<name>_fuzzer, its seeds
# <folder>/fuzz/corpus/<name>/.
fuzzers=(extractors/text extractors/normalizer extractors/phone extractors/email extractors/handle
  extractors/postcode extractors/place extractors/wallet extractors/bank extractors/indicators
  imageproc/decode)

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DHARRIER_FUZZ=ON \
  -DHARRIER_WERROR=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target harrier_fuzzers -j"${JOBS:-2}"

artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failed=()
for entry in "${fuzzers[@]}"; do
  folder=${entry%/*}
  name=${entry#*/}
  max_len=4096
  [[ $folder == imageproc ]] && max_len=65536  # whole small images
  cp -r "$root/$folder/fuzz/corpus/$name" "$work/$name"
  log=$build/fuzz-$name.log
  echo "fuzz $name for ${seconds}s"
  if ! "$build/$folder/fuzz/${name}_fuzzer" "$work/$name" \
      -seed="${FUZZ_SEED:-1}" -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=5 \
      -artifact_prefix="$artifacts/$name-" >"$log" 2>&1; then
    failed+=("$name")
    echo "FAILED: $name (log $log)"
    tail -n 40 "$log"
  else
    grep -E '^(#[0-9]+ +DONE|Done )' "$log" | tail -n 1 || true
  fi
done

if ((${#failed[@]} > 0)); then
  echo "fuzzers that failed: ${failed[*]}; inputs in $artifacts"
  exit 1
fi
echo "all ${#fuzzers[@]} fuzzers ran ${seconds}s without a crash"
