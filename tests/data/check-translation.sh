#!/bin/sh
# check-translation.sh SOURCE_ROOT LANG: fails unless LANG's .po translates every string the
# sources hold now (not only those in the .po), with nothing fuzzy.
set -eu
root=$1
lang=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -v '^#' "$root/po/POTFILES.in" | grep -v '^$' > "$tmp/files"
xgettext --files-from="$tmp/files" --directory="$root" --from-code=UTF-8 \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --add-comments --package-name=attest -o "$tmp/attest.pot"
msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$root/po/$lang.po" "$tmp/attest.pot"
msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2> "$tmp/stats"
cat "$tmp/stats"
if grep -q -E 'untranslated|fuzzy' "$tmp/stats"; then
  echo "$lang.po is incomplete: translate the strings above (see HACKING.md)." >&2
  exit 1
fi
