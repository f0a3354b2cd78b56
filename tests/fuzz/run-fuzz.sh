#!/bin/sh
# Builds one of the fuzz targets with libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer (clang) and runs it for SECONDS (default 60).
#
# Usage: tests/fuzz/run-fuzz.sh [TARGET] [SECONDS]
#   csv-reader  the CSV reader and writer (the default)
#   responses   Partner Center pages and errors, sign-in tokens and codes
#   journal     reading a run journal back
#
# Work folder: $ATTEST_FUZZ_DIR (default build-fuzz/), one subfolder per
# target. A crash leaves its input there as crash-*; once fixed, a CSV
# crash goes into tests/fuzz/regressions/ (the unit suite replays it on
# every run) and any other crash becomes a unit test of its reader.
set -eu

case ${1:-} in
  [0-9]*) target=csv-reader ;;
  "") target=csv-reader ;;
  *) target=$1; shift ;;
esac
seconds=${1:-60}

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${ATTEST_FUZZ_DIR:-$root/build-fuzz}/$target
core="$root/src/core"
net="$root/src/net"
partner="$root/src/partner"
auth="$root/src/auth"
submit="$root/src/submit"

mkdir -p "$out/corpus" "$out/seeds" "$out/tmp"

# The record store and what it needs: CSV, validation.
records="$core/attest-bytes.c $core/attest-csv-header.c $core/attest-csv-load.c
  $core/attest-csv-reader.c $core/attest-csv-scanner.c $core/attest-csv-text.c
  $core/attest-csv-writer.c $core/attest-guid-index.c $core/attest-parallel.c
  $core/attest-record.c $core/attest-record-check.c $core/attest-record-store.c
  $core/attest-record-store-columns.c $core/attest-record-store-outcomes.c
  $core/attest-record-table.c $core/attest-record-types.c $core/attest-record-view.c
  $core/attest-validation.c"

case $target in
  csv-reader)
    cp "$root"/tests/data/csv/* "$root"/tests/fuzz/regressions/* "$out/seeds/"
    packages="gio-2.0 gio-unix-2.0"
    sources="$records $root/tests/fuzz/csv-exercise.c $root/tests/fuzz/fuzz-csv-reader.c"
    ;;
  responses)
    cp "$root"/tests/fuzz/seeds/responses/* "$out/seeds/"
    packages="gio-2.0 gio-unix-2.0 json-glib-1.0 libsoup-3.0"
    # Fetched records become a record store (attest_partner_records_new_store).
    sources="$records $core/attest-base64url.c $net/attest-json.c $net/attest-mfa.c
      $net/attest-token-claims.c $partner/attest-partner-error.c $partner/attest-partner-record.c
      $auth/attest-auth-error.c $auth/attest-oauth-response.c
      $root/tests/fuzz/fuzz-responses.c"
    ;;
  journal)
    cp "$root"/tests/fuzz/seeds/journal/* "$out/seeds/"
    packages="gio-2.0 gio-unix-2.0 json-glib-1.0"
    # Each batch read back is an AttestPartnerRequest.
    sources="$core/attest-base64url.c $core/attest-bytes.c $core/attest-config.c
      $core/attest-endpoint.c $core/attest-settings.c $net/attest-json.c
      $partner/attest-partner-request.c $net/attest-token-claims.c $net/attest-token-provider.c
      $submit/attest-run-journal.c $submit/attest-run-journal-entry.c
      $submit/attest-run-replay.c $root/tests/fuzz/fuzz-journal.c"
    ;;
  *)
    echo "Unknown fuzz target: $target (csv-reader, responses or journal)" >&2
    exit 2
    ;;
esac

cat > "$out/config.h" <<'CONFIG'
#define GETTEXT_PACKAGE "attest"
#define PACKAGE_VERSION "fuzz"
#define APP_ID "io.github.attest.Attest"
CONFIG

# shellcheck disable=SC2046,SC2086
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -D_GNU_SOURCE \
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
  -I"$out" -I"$core" -I"$net" -I"$partner" -I"$auth" -I"$submit" $(pkg-config --cflags $packages) \
  $sources -o "$out/fuzz-$target" $(pkg-config --libs $packages)

# A GLib critical (a g_return_if_fail) is a bug as much as a crash is.
G_DEBUG=fatal-criticals \
TMPDIR="$out/tmp" \
ASAN_OPTIONS=detect_leaks=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  "$out/fuzz-$target" -max_total_time="$seconds" -max_len=8192 -timeout=10 \
  -artifact_prefix="$out/" -print_final_stats=1 "$out/corpus" "$out/seeds"
