#!/bin/sh
# Runs a test program against a real gnome-keyring on a private session bus.
#
# The keyring lives in a temporary folder, its login collection is created and
# unlocked up front (so no prompt is ever needed), and no display is visible to
# the bus, so that gcr-prompter can never open a window and hang the test.
set -eu

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -m 700 "$tmp/runtime" "$tmp/data" "$tmp/home"

export XDG_RUNTIME_DIR="$tmp/runtime"
export XDG_DATA_HOME="$tmp/data"
export HOME="$tmp/home"
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
unset SECRET_BACKEND SECRET_FILE_TEST_PATH SECRET_FILE_TEST_PASSWORD

exec dbus-run-session -- sh -c '
  printf "%s" keyring-test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' keyring-session "$@"
