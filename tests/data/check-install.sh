#!/bin/bash
# check-install.sh BUILD-DIR: installs the build into a temporary folder and checks that what a
# desktop needs is there, and that the installed Attest runs from it without the build tree.
set -euo pipefail
build=$1
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

meson install -C "$build" --destdir "$stage" --no-rebuild --quiet > "$stage/install.log" 2>&1 \
  || { cat "$stage/install.log"; exit 1; }
prefix=$(meson introspect "$build" --buildoptions | python3 -c '
import json, sys
print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
root="$stage$prefix"
share="$root/share"

# Meson's post-install step compiles the schemas, except into a DESTDIR, where a package's
# trigger does it when the package is installed: do what the trigger does.
[ -e "$share/glib-2.0/schemas/gschemas.compiled" ] \
  || glib-compile-schemas --strict "$share/glib-2.0/schemas"

for file in \
  bin/attest \
  share/applications/io.github.attest.Attest.desktop \
  share/metainfo/io.github.attest.Attest.metainfo.xml \
  share/icons/hicolor/scalable/apps/io.github.attest.Attest.svg \
  share/icons/hicolor/symbolic/apps/io.github.attest.Attest-symbolic.svg \
  share/glib-2.0/schemas/io.github.attest.Attest.gschema.xml \
  share/glib-2.0/schemas/gschemas.compiled \
  share/locale/fr/LC_MESSAGES/attest.mo \
  share/locale/tr/LC_MESSAGES/attest.mo \
  share/man/man1/attest.1 \
  share/bash-completion/completions/attest
do
  [ -e "$root/$file" ] || { echo "not installed: $file"; exit 1; }
done

desktop-file-validate "$share/applications/io.github.attest.Attest.desktop"
appstreamcli validate --no-net "$share/metainfo/io.github.attest.Attest.metainfo.xml" > /dev/null
man -l "$share/man/man1/attest.1" > "$stage/man.txt" 2> /dev/null
grep -q "EXIT STATUS" "$stage/man.txt"

# The installed binary, with only the installed files to find.
export GSETTINGS_SCHEMA_DIR="$share/glib-2.0/schemas" XDG_DATA_DIRS="$share"
export GSETTINGS_BACKEND=memory
unset G_TEST_SRCDIR G_TEST_BUILDDIR
cd "$stage"
version=$("$root/bin/attest" --version)
[ "$version" = "attest $(meson introspect "$build" --projectinfo | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')" ] \
  || { echo "unexpected version: $version"; exit 1; }

# The window opens; a missing resource or schema would end Attest before. The window is there
# once the application offers its actions on the session bus.
"$root/bin/attest" &
pid=$!
until gdbus call --session --dest io.github.attest.Attest \
        --object-path /io/github/attest/Attest/window/1 --method org.gtk.Actions.List \
        > /dev/null 2>&1; do
  if ! kill -0 "$pid" 2> /dev/null; then
    wait "$pid" || true
    echo "the installed window did not open"
    exit 1
  fi
  sleep 0.1
done
kill "$pid"
wait "$pid" 2> /dev/null || true
echo "installed into $prefix and ran: $version"
