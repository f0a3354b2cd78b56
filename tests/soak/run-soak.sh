#!/bin/sh
# The long fault soak: 100,000 customers in batches of 500 through a sandbox
# that answers 10% 503, 5% 429 (Retry-After 1-3 s), drops 2% of the
# connections and hands out tokens that live 5 s (the run takes well under a
# minute, so 60-second tokens would never expire in it). Prints the figures
# and ends with the test's verdict.
#
# Usage: tests/soak/run-soak.sh [RECORDS]
# Environment: ATTEST_SOAK_BUILD (default build-release).
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${ATTEST_SOAK_BUILD:-$root/build-release}

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$root" --buildtype=release >/dev/null
fi
ninja -C "$build" tests/soak/test-soak tests/soak/soak-client >/dev/null

ATTEST_SOAK_RECORDS=${1:-100000} \
ATTEST_SOAK_BATCH_SIZE=500 \
ATTEST_SOAK_RETRY_AFTER=1-3 \
ATTEST_SOAK_TOKEN_LIFETIME=5 \
GSETTINGS_BACKEND=memory \
GSETTINGS_SCHEMA_DIR="$build/data" \
no_proxy=127.0.0.1,localhost \
  "$build/tests/soak/test-soak" --tap
