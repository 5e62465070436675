#!/usr/bin/env bash
# Fuzzes one parser with libFuzzer and AddressSanitizer (issue 14).
#
#   Fuzz/run.sh TARGET [SECONDS]      (default 600)
#
# TARGET: csv, xlsx, phone, template, filter, receipt, pipeline (FuzzTarget).
# Builds texto-fuzz once (release, -sanitize=fuzzer,address, in
# .build-fuzz/), seeds Fuzz/corpus/TARGET/ from the fixtures, and runs for
# SECONDS with a 10 s per-input timeout and a 2 GB memory limit. A finding
# is written to Fuzz/findings/TARGET/: copy it to
# Tests/FuzzTargetsTests/Regressions/TARGET/, fix the cause, and the test
# suite replays it on every run.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?"usage: Fuzz/run.sh TARGET [SECONDS]"}
seconds=${2:-600}

# One -sanitize=fuzzer,address: SwiftPM's --sanitize=fuzzer --sanitize=address
# pass two flags, and swiftc keeps only the last (no coverage, nothing found).
build=(swift build -c release --build-path .build-fuzz -Xswiftc -sanitize=fuzzer,address)
TEXTO_FUZZ_BUILD=1 "${build[@]}" --product texto-fuzz >&2
bin=$(TEXTO_FUZZ_BUILD=1 "${build[@]}" --show-bin-path)

corpus=Fuzz/corpus/$target
findings=Fuzz/findings/$target
mkdir -p "$corpus" "$findings"
seed() { for file in "$@"; do [ -f "$file" ] && cp -n "$file" "$corpus/" || true; done; }
case $target in
    csv) seed Fixtures/csv/* Fixtures/targeting/* Fixtures/stop-lists/* Fixtures/messages/* Fixtures/bad/*.csv ;;
    xlsx) seed Fixtures/xlsx/*.xlsx Fixtures/watch/*.xlsx Fixtures/bad/*.xlsx ;;
    pipeline) seed pipelines/*.yaml ;;
    *) seed Fuzz/seeds/"$target"/* ;;
esac
seed Tests/FuzzTargetsTests/Regressions/"$target"/*

# Swift's backtracer would catch the crash before libFuzzer writes its input.
export SWIFT_BACKTRACE=enable=no
export TEXTO_FUZZ_TARGET=$target
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
exec "$bin/texto-fuzz" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -artifact_prefix="$findings/" -print_final_stats=1
