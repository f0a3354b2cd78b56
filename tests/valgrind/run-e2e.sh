#!/bin/sh
# Runs the e2e suite under valgrind memcheck: every test program and every
# process it starts (the attest binary, the sandbox) is traced. Any memory
# error or definite leak fails the test it happened in.
#
# Usage: tests/valgrind/run-e2e.sh [MESON TEST ARGUMENTS...]
# Environment: ATTEST_VALGRIND_BUILD (default build-valgrind, a debug build
# without sanitizers).
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${ATTEST_VALGRIND_BUILD:-$root/build-valgrind}

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$root" --buildtype=debug >/dev/null
fi
ninja -C "$build" >/dev/null

# Only our programs are checked: not Python (the CSV catalogue's checker), shells or
# system tools.
wrapper="valgrind --quiet --trace-children=yes \
  --trace-children-skip=/usr/*,/bin/*,*python* \
  --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
  --error-exitcode=99 --num-callers=30 \
  --suppressions=$root/tests/valgrind/attest.supp"

# Memcheck slows every process down (these, mostly waiting on the network,
# about six times): tests that kill a process at a chosen moment wait that
# much longer.
ATTEST_TEST_TIME_SCALE=${ATTEST_TEST_TIME_SCALE:-6} G_SLICE=always-malloc G_DEBUG=gc-friendly \
  meson test -C "$build" --suite e2e --wrapper "$wrapper" --timeout-multiplier 20 \
  --num-processes 2 --print-errorlogs "$@"
