#!/usr/bin/env python3
# check-sources.py SOURCE_ROOT: the C files under src/ keep two rules of HACKING.md.
#
# "Debugging": each .c file defines G_LOG_DOMAIN, before any include, as its file name without
# ".c" (main.c: "attest"), so that G_MESSAGES_DEBUG picks out one file and a domain in a log
# line says which file wrote it. Fails on a file that defines none, one that defines another
# name, or one that defines it after an include.
#
# "Style": no line of a .c or .h file is longer than 100 characters (.editorconfig's
# max_line_length), counted in characters, not bytes, as an editor counts them.
#
# "Translations": a file with a string marked for translation (_(), N_(), C_(), ngettext) is
# listed in po/POTFILES.in, or its strings never reach the catalogues.

import pathlib
import re
import sys

MAX_LINE_LENGTH = 100

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

for path in sorted([*(root / 'src').rglob('*.c'), *(root / 'src').rglob('*.h')]):
    where = path.relative_to(root)
    lines = path.read_text(encoding='utf-8').split('\n')
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_LENGTH:
            problems.append(f'{where}:{number}: {len(line)} characters, more than '
                            f'{MAX_LINE_LENGTH}')

TRANSLATABLE = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|g_dngettext|ngettext)\s*\(\s*"')
listed = {line.strip() for line in (root / 'po' / 'POTFILES.in').read_text().splitlines()
          if line.strip() and not line.startswith('#')}
for path in sorted([*(root / 'src').rglob('*.c'), *(root / 'src').rglob('*.h')]):
    where = str(path.relative_to(root))
    if where not in listed and TRANSLATABLE.search(path.read_text(encoding='utf-8')):
        problems.append(f'{where}: has translatable strings but is not in po/POTFILES.in')

for problem in problems:
    print(problem)
print(f'{len(problems)} problems')
sys.exit(1 if problems else 0)
