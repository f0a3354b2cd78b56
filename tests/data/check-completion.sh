#!/bin/bash
# check-completion.sh ATTEST COMPLETION: the bash completion offers every command of --help,
# and the options and values of a few commands.
set -u
attest=$1
source /usr/share/bash-completion/bash_completion
source "$2"

status=0

complete_line() {  # complete_line WORD... ; the last word is being completed
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="$*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _attest
  echo "${COMPREPLY[*]}"
}

expect() {  # expect "WORDS" WANTED...
  local got
  got=" $(complete_line $1) "
  shift
  for wanted in "$@"; do
    if [[ $got != *" $wanted "* ]]; then
      echo "completing \"$line\" offered [$got], not $wanted"
      status=1
    fi
  done
}

commands=$(LC_ALL=C.UTF-8 "$attest" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
for command in $commands; do
  line="attest ${command:0:3}"
  expect "attest ${command:0:3}" "$command"
done

line="attest submit --st"; expect "attest submit --st" --strategy
line="attest submit --strategy ''"; expect "attest submit --strategy ''" bulk per-customer
line="attest sandbox --rate"; expect "attest sandbox --rate" --rate-429 --rate-500 --rate-503
line="attest --debug whoami --"; expect "attest --debug whoami --" --app-id --no-mfa
line="attest check --"; expect "attest check --" --json
line="attest request --"; expect "attest request --" --output --direct --renew --yes
line="attest complete --"; expect "attest complete --" --results
line="attest status --"; expect "attest status --" --output --concurrency
line="attest sign-in --app"; expect "attest sign-in --app" --app-only --application-id
line="attest sign-out --"; expect "attest sign-out --" --app-only

# Without a command, CSV files to open in the window are offered too.
files=$(mktemp -d)
touch "$files/customers.csv" "$files/checklist.csv"
pushd "$files" > /dev/null
line="attest cus"; expect "attest cus" customers.csv
line="attest ch"; expect "attest ch" check checklist.csv
popd > /dev/null
rm -rf "$files"

[ $status = 0 ] && echo "$(echo $commands | wc -w) commands and their options complete"
exit $status
