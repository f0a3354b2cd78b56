#!/usr/bin/env python3
"""Prints 'N passed, N failed' for meson test logs (testlog.json files), always as the last line;
skipped tests, if any, are counted on the line before it.

A TAP test program counts one per 'ok' / 'not ok' line; a program that reports no TAP lines
counts as one test. A program that failed without a 'not ok' line (a crash, a timeout) counts
one failure more."""
import json
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    with open(path, encoding='utf-8') as log:
        for line in log:
            record = json.loads(line)
            result = record['result']
            out = (record.get('stdout') or '').splitlines()
            ok = sum(1 for l in out if l.startswith('ok ') and '# SKIP' not in l)
            skip = sum(1 for l in out if l.startswith('ok ') and '# SKIP' in l)
            not_ok = sum(1 for l in out if l.startswith('not ok '))
            if ok + skip + not_ok == 0:
                if result in ('OK', 'EXPECTEDFAIL'):
                    ok = 1
                elif result == 'SKIP':
                    skip = 1
                else:
                    not_ok = 1
            elif result not in ('OK', 'SKIP', 'EXPECTEDFAIL') and not_ok == 0:
                not_ok = 1
            passed += ok
            failed += not_ok
            skipped += skip

if skipped:
    print(f'{skipped} skipped')
print(f'{passed} passed, {failed} failed')
