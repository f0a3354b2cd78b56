#!/bin/sh
# Runs a test suite under valgrind memcheck: every test program and every
# process it starts (the attest binary, the sandbox) is traced. Any memory
# error or definite leak fails the test it happened in.
#
# Usage: tests/valgrind/run.sh [SUITE [MESON TEST ARGUMENTS...]]
#   SUITE is e2e (the default) or any other suite; the window suites (ui,
#   keyring) run on their own X server and session bus, as scripts/test
#   runs them.
# Environment: ATTEST_VALGRIND_BUILD (default build-valgrind, a debug build
# without sanitizers).
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${ATTEST_VALGRIND_BUILD:-$root/build-valgrind}
suite=${1:-e2e}
[ $# -gt 0 ] && shift

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

case $suite in
  ui|keyring)
    export GSK_RENDERER=cairo GDK_DEBUG=gl-disable GSETTINGS_BACKEND=memory
    [ "$suite" = ui ] && export GTK_A11Y=none NO_AT_BRIDGE=1
    display="dbus-run-session -- xvfb-run -a -s '-screen 0 1280x1024x24 -nolisten tcp'"
    # A window under memcheck is some thirty times slower than without.
    scale=30
    ;;
  *)
    display=
    scale=6
    ;;
esac

# Memcheck slows every process down (those of e2e, mostly waiting on the
# network, about six times): tests that kill a process at a chosen moment
# wait that much longer, and every wait gives up that much later.
export ATTEST_TEST_TIME_SCALE=${ATTEST_TEST_TIME_SCALE:-$scale} G_SLICE=always-malloc G_DEBUG=gc-friendly
eval "$display" meson test -C '"$build"' --suite "$suite" --wrapper '"$wrapper"' \
  --timeout-multiplier 20 --num-processes 2 --print-errorlogs --logbase "testlog-$suite" '"$@"'
