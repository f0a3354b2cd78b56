#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-csv-catalogue.py ATTEST_BINARY CATALOGUE_DIR EXPECTED_FILE: runs `attest check` on every
malformed CSV file of the catalogue and compares its exit status and report with the expected
lines, as TAP. EXPECTED_FILE holds FILE<TAB>LINE (a whole line stdout must contain) or
FILE<TAB>exit=N; empty lines and lines starting with # are ignored."""
import os
import re
import subprocess
import sys
import tempfile

TIMEOUT = 30
# GLib's own warnings, sanitizer reports: any of them means the file hit a bug, whatever stdout says.
BAD_STDERR = ('CRITICAL', 'WARNING', 'AddressSanitizer', 'runtime error')


def read_expectations(path):
    """Returns {file name: (exit status or None, [expected lines])}."""
    expectations = {}
    with open(path, encoding='utf-8') as expected:
        for number, line in enumerate(expected, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            name, sep, value = line.partition('\t')
            if not sep or not value:
                sys.exit(f'{path}:{number}: not FILE<TAB>EXPECTED')
            status, lines = expectations.setdefault(name, (None, []))
            match = re.fullmatch(r'exit=(\d+)', value)
            if match:
                if status is not None:
                    sys.exit(f'{path}:{number}: a second exit status for {name}')
                expectations[name] = (int(match.group(1)), lines)
            else:
                lines.append(value)
    return expectations


def make_env(attest, home):
    env = dict(os.environ)
    env.update({
        'LC_ALL': 'C.UTF-8',
        'LANG': 'C.UTF-8',
        'G_DEBUG': 'fatal-criticals',
        'GSETTINGS_BACKEND': 'memory',
        'HOME': home,
    })
    env.pop('LANGUAGE', None)
    # Nothing of the user's configuration, logs or runs may leak in or be written to.
    for var in ('XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME',
                'XDG_RUNTIME_DIR'):
        path = os.path.join(home, var.lower())
        os.makedirs(path, mode=0o700)
        env[var] = path
    # Outside meson (which sets it), find the schema compiled in the build tree, as the
    # installed one may be missing or older.
    if 'GSETTINGS_SCHEMA_DIR' not in env:
        schemas = os.path.join(os.path.dirname(os.path.dirname(attest)), 'data')
        if os.path.exists(os.path.join(schemas, 'gschemas.compiled')):
            env['GSETTINGS_SCHEMA_DIR'] = schemas
    return env


def check(attest, path, status, lines, env):
    """Returns why the file failed, or None."""
    try:
        result = subprocess.run([attest, 'check', path], env=env, stdin=subprocess.DEVNULL,
                                capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return f'no answer after {TIMEOUT} s'
    if result.returncode < 0:
        return f'killed by signal {-result.returncode}'
    stdout = result.stdout.decode('utf-8', errors='replace').splitlines()
    stderr = result.stderr.decode('utf-8', errors='replace')
    problems = []
    if result.returncode != status:
        problems.append(f'exit status {result.returncode}, expected {status}')
    problems += [f'no line “{line}”' for line in lines if line not in stdout]
    problems += [f'stderr has “{word}”' for word in BAD_STDERR if word in stderr]
    if not problems:
        return None
    # The output goes to the log as TAP diagnostics, so a failure can be read without rerunning.
    details = ''.join(f'\n# {line}' for line in stdout + stderr.splitlines())
    return '; '.join(problems) + details


def main():
    if len(sys.argv) != 4:
        sys.exit(f'usage: {sys.argv[0]} ATTEST_BINARY CATALOGUE_DIR EXPECTED_FILE')
    attest, folder, expected_file = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    expectations = read_expectations(expected_file)
    files = sorted(name for name in os.listdir(folder) if name.endswith('.csv'))
    names = sorted(set(files) | set(expectations))

    print(f'1..{len(names)}')
    failed = 0
    with tempfile.TemporaryDirectory(prefix='attest-bad-input-') as home:
        env = make_env(attest, home)
        for number, name in enumerate(names, 1):
            status, lines = expectations.get(name, (None, []))
            if name not in files:
                reason = 'expected, but there is no such file'
            elif status is None:
                reason = 'no expected exit status'
            elif not lines:
                reason = 'no expected line'
            else:
                reason = check(attest, os.path.join(folder, name), status, lines, env)
            if reason is None:
                print(f'ok {number} - {name}')
            else:
                failed += 1
                print(f'not ok {number} - {name}: {reason}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
