#!/usr/bin/env python3
# check-layers.py SOURCE_ROOT: the layers hold as HACKING.md states them.
#
# Reads the "Layout" table of HACKING.md (each layer and the layers it may use) and fails when
#   - a file under src/ includes an Attest header ("attest-….h") that lives neither in its own
#     layer nor in one its row names, or one that lives nowhere under src/;
#   - the declaration of the layers in src/meson.build, from which the build is made, names other
#     layers, other arrows, other libraries or another order than the table;
#   - a folder under src/ is not a layer of the table.

import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
problems = []


def names(cell):
    return [name.strip('/') for name in re.findall(r'`([^`]+)`', cell)]


def read_table():
    text = (root / 'HACKING.md').read_text(encoding='utf-8')
    section = re.search(r'^## Layout\n(.*?)^## ', text, re.M | re.S)
    if section is None:
        sys.exit('HACKING.md has no "## Layout" section')
    rows = [line for line in section.group(1).splitlines() if line.startswith('| `src/')]
    table = {}
    for row in rows:
        cells = [cell.strip() for cell in row.strip('|').split('|')]
        if len(cells) != 4:
            sys.exit(f'HACKING.md: a Layout row needs four cells: {row}')
        layer = names(cells[0])[0].removeprefix('src/')
        table[layer] = {'uses': names(cells[2]), 'libraries': names(cells[3])}
    if not table:
        sys.exit('HACKING.md: the Layout section has no table of layers')
    return table


def read_meson():
    text = (root / 'src' / 'meson.build').read_text(encoding='utf-8')
    block = re.search(r'^layers = \{\n(.*?)^\}', text, re.M | re.S)
    if block is None:
        sys.exit('src/meson.build declares no "layers = { … }"')
    entry = re.compile(r"'([\w-]+)':\s*\{'uses':\s*\[([^\]]*)\],"
                       r"\s*'libraries':\s*\[([^\]]*)\]\s*\}")
    layers = {}
    for match in entry.finditer(block.group(1)):
        layers[match.group(1)] = {
            'uses': re.findall(r"'([^']+)'", match.group(2)),
            'libraries': re.findall(r"'([^']+)'", match.group(3)),
        }
    return layers


table = read_table()
meson = read_meson()

# (b) The build is declared as the table says, lowest layer first in the build and last in the
# table.
built = [layer for layer in table if layer != 'main.c']
if list(meson) != list(reversed(built)):
    problems.append(f'src/meson.build declares the layers {list(meson)}, lowest first; '
                    f'HACKING.md lists {built}, highest first')
for layer in set(meson) & set(table):
    for key in ('uses', 'libraries'):
        if set(meson[layer][key]) != set(table[layer][key]):
            problems.append(f'{layer}: src/meson.build says it {key} {sorted(meson[layer][key])}, '
                            f'HACKING.md {sorted(table[layer][key])}')
for layer, row in table.items():
    for used in row['uses']:
        if used not in built:
            problems.append(f'{layer}: HACKING.md lets it use {used}, which is no layer')
        elif layer in built and built.index(used) <= built.index(layer):
            problems.append(f'{layer}: HACKING.md lets it use {used}, which is not below it')

# Every folder under src/ is a layer.
folders = sorted(path.name for path in (root / 'src').iterdir() if path.is_dir())
for folder in folders:
    if folder not in table:
        problems.append(f'src/{folder}/ is no layer of the HACKING.md table')

# (a) Every Attest header a file includes lives in its layer or in one it may use.
home = {}
for folder in folders:
    for header in (root / 'src' / folder).glob('*.h'):
        home[header.name] = folder

sources = [(path, path.parent.name) for folder in folders
           for path in sorted((root / 'src' / folder).iterdir()) if path.suffix in ('.c', '.h')]
sources.append((root / 'src' / 'main.c', 'main.c'))
include = re.compile(r'^\s*#\s*include\s+"(attest-[^"]+\.h)"', re.M)
for path, layer in sources:
    allowed = {layer} | set(table.get(layer, {'uses': []})['uses'])
    for header in include.findall(path.read_text(encoding='utf-8')):
        where = home.get(header)
        name = path.relative_to(root)
        if where is None:
            problems.append(f'{name} includes {header}, which no layer holds')
        elif where not in allowed:
            problems.append(f'{name} includes {header} of {where}/, '
                            f'but {layer} may use only {sorted(allowed - {layer})}')

for problem in problems:
    print(problem)
if problems:
    print('The layers do not hold; see "Layout" in HACKING.md.', file=sys.stderr)
    sys.exit(1)
print(f'{len(sources)} files in {len(table)} layers keep to the arrows of HACKING.md')
