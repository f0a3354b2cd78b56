#!/usr/bin/env python3
"""check-flatpak-manifest.py MANIFEST: the Flatpak manifest is valid JSON for the GNOME runtime,
builds Attest with meson, and asks for no more than network, display, the secret service and the
portals (no access to the home folder)."""
import json
import sys

with open(sys.argv[1], encoding='utf-8') as manifest:
    data = json.load(manifest)

problems = []
if data.get('id') != 'io.github.attest.Attest':
    problems.append('the id is not io.github.attest.Attest')
if data.get('runtime') != 'org.gnome.Platform' or data.get('sdk') != 'org.gnome.Sdk':
    problems.append('not the GNOME runtime and SDK')
if data.get('command') != 'attest':
    problems.append('the command is not attest')

allowed = {'--share=network', '--share=ipc', '--socket=fallback-x11', '--socket=wayland',
           '--device=dri', '--talk-name=org.freedesktop.secrets'}
for arg in data.get('finish-args', []):
    if arg not in allowed:
        problems.append(f'permission not needed: {arg}')
    if arg.startswith('--filesystem'):
        problems.append(f'file system access: {arg}')

modules = data.get('modules', [])
if not modules or modules[-1].get('name') != 'attest' or modules[-1].get('buildsystem') != 'meson':
    problems.append('the last module does not build attest with meson')

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
