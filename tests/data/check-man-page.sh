#!/bin/sh
# check-man-page.sh ATTEST MAN-PAGE: fails unless the man page and --help name the same commands
# and the same options.
set -eu
attest=$1
page=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

export LC_ALL=C.UTF-8
unset DISPLAY WAYLAND_DISPLAY

"$attest" --help-all > "$tmp/help"
commands=$(sed -n '/^Commands:/,/^$/p' "$tmp/help" | awk 'NR > 1 && NF { print $1 }')
for command in $commands; do
  "$attest" "$command" --help-all >> "$tmp/help"
done

options() {
  grep -oE -- '--[a-z0-9]+(-[a-z0-9]+)*' | grep -vE -- '^--help|^--gapplication' | sort -u
}

options < "$tmp/help" > "$tmp/help-options"
sed 's/\\-/-/g' "$page" | options > "$tmp/man-options"

status=0
if ! diff -u "$tmp/help-options" "$tmp/man-options" > "$tmp/diff"; then
  echo "The options of --help and of the man page differ (- help, + man page):"
  cat "$tmp/diff"
  status=1
fi

for command in $commands; do
  if ! grep -q "^\.B.* $command\b\|^\.B $command\|^\.BR* \"\\?$command" "$page" \
     && ! sed 's/\\-/-/g' "$page" | grep -qE "^\.(B|BR|BI) \"?$command( |\"|$)"; then
    echo "The man page does not describe the command “$command”."
    status=1
  fi
done

[ "$status" = 0 ] && echo "$(wc -l < "$tmp/help-options") options and $(echo $commands | wc -w) commands agree"
exit $status
