#!/usr/bin/env python3
# check-log-domains.py SOURCE_ROOT: every C file under src/ names its own log domain.
#
# The rule of HACKING.md ("Debugging"): each file defines G_LOG_DOMAIN, before any include, as
# its file name without ".c" (main.c: "attest"), so that G_MESSAGES_DEBUG picks out one file
# and a domain in a log line says which file wrote it. Fails on a file that defines none, one
# that defines another name, or one that defines it after an include.

import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
problems = []

for path in sorted((root / 'src').rglob('*.c')):
    text = path.read_text(encoding='utf-8')
    expected = 'attest' if path.name == 'main.c' else path.stem
    found = re.search(r'^#define G_LOG_DOMAIN "([^"]*)"', text, re.M)
    where = path.relative_to(root)
    if found is None:
        problems.append(f'{where}: no G_LOG_DOMAIN')
        continue
    if found.group(1) != expected:
        problems.append(f'{where}: G_LOG_DOMAIN is "{found.group(1)}", not "{expected}"')
    first_include = re.search(r'^#include', text, re.M)
    if first_include is not None and first_include.start() < found.start():
        problems.append(f'{where}: G_LOG_DOMAIN comes after an include')

for problem in problems:
    print(problem)
print(f'{len(problems)} problems')
sys.exit(1 if problems else 0)
