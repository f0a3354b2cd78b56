#!/bin/sh
# Builds the CSV reader's fuzz target with libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer (clang), and runs it for SECONDS (default 60)
# from a seed corpus of the test files and past crashes.
#
# Usage: tests/fuzz/run-fuzz.sh [SECONDS]
# Work folder: $ATTEST_FUZZ_DIR (default build-fuzz/). A crash leaves its
# input there as crash-*; copy it into tests/fuzz/regressions/ once fixed,
# where the unit suite (test-csv-corpus) replays it on every run.
set -eu

seconds=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${ATTEST_FUZZ_DIR:-$root/build-fuzz}

mkdir -p "$out/corpus" "$out/seeds"
cp "$root"/tests/data/csv/* "$root"/tests/fuzz/regressions/* "$out/seeds/"

cat > "$out/config.h" <<'CONFIG'
#define GETTEXT_PACKAGE "attest"
#define PACKAGE_VERSION "fuzz"
CONFIG

core="$root/src/core"
# shellcheck disable=SC2046
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
  -I"$out" -I"$core" $(pkg-config --cflags gio-2.0 gio-unix-2.0) \
  "$core"/attest-csv-reader.c "$core"/attest-csv-scanner.c "$core"/attest-csv-text.c \
  "$core"/attest-csv-writer.c "$core"/attest-record.c "$core"/attest-record-row.c \
  "$core"/attest-record-store.c "$core"/attest-record-store-columns.c \
  "$core"/attest-record-store-guids.c \
  "$core"/attest-record-store-outcomes.c "$core"/attest-record-store-view.c \
  "$core"/attest-record-types.c "$core"/attest-validation.c \
  "$root"/tests/fuzz/csv-exercise.c "$root"/tests/fuzz/fuzz-csv-reader.c \
  -o "$out/fuzz-csv-reader" $(pkg-config --libs gio-2.0 gio-unix-2.0)

# A GLib critical (a g_return_if_fail) is a bug as much as a crash is.
G_DEBUG=fatal-criticals \
ASAN_OPTIONS=detect_leaks=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  "$out/fuzz-csv-reader" -max_total_time="$seconds" -max_len=8192 -timeout=10 \
  -artifact_prefix="$out/" -print_final_stats=1 "$out/corpus" "$out/seeds"
