#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Symbol versioning and namespace, beyond tests/guards/symbols.py.

The guards suite already checks that the header, liblandscope.map and the
shared library's exports are one set.  This checks what a distribution
relies on next:
- each export carries the version node the map puts it in (a symbol that
  moved node, or lost its version, breaks programs linked against the
  old one);
- version nodes are chained: each node after the first inherits the
  previous one, so released nodes are never edited;
- the static archive defines no global symbol outside the landscope_ and
  lsc_ prefixes, since static users share one namespace with it.

Usage: versions.py SRCDIR SHARED_LIB [STATIC_LIB]
"""
import os
import re
import subprocess
import sys


def parse_map(text):
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    text = re.sub(r'#.*$', ' ', text, flags=re.M)
    nodes = []
    node = re.compile(r'([\w.]+)\s*\{(.*?)\}\s*([\w.]*)\s*;', re.S)
    for m in node.finditer(text):
        body = m.group(2)
        glob = re.search(r'global\s*:(.*?)(?:local\s*:|$)', body, re.S)
        syms = re.findall(r'([A-Za-z_]\w*)\s*;', glob.group(1)) if glob \
            else []
        nodes.append((m.group(1), syms, m.group(3)))
    return nodes


def nm(args):
    res = subprocess.run(['nm'] + args, capture_output=True, text=True,
                         check=True)
    return res.stdout.splitlines()


def main():
    srcdir, shared = sys.argv[1], sys.argv[2]
    static = sys.argv[3] if len(sys.argv) > 3 else None
    errors = []

    with open(os.path.join(srcdir, 'src', 'liblandscope.map')) as f:
        nodes = parse_map(f.read())

    mapped = {}
    for i, (name, syms, parent) in enumerate(nodes):
        if i and parent != nodes[i - 1][0]:
            errors.append('map node %s must inherit %s' %
                          (name, nodes[i - 1][0]))
        for s in syms:
            if s in mapped:
                errors.append('%s is in both %s and %s' %
                              (s, mapped[s], name))
            mapped[s] = name

    exported = {}
    for line in nm(['-D', '--defined-only', shared]):
        parts = line.split()
        if len(parts) < 3:
            continue
        kind, sym = parts[1], parts[2]
        if kind == 'A':
            continue  # the version node names themselves
        name, _, version = sym.partition('@@')
        if not version:
            name, _, version = sym.partition('@')
        exported[name] = version
    for s, v in sorted(exported.items()):
        if s in mapped and v != mapped[s]:
            errors.append('%s: exported with version "%s", map says %s' %
                          (s, v, mapped[s]))

    if static:
        for line in nm(['--defined-only', '-g', static]):
            parts = line.split()
            if len(parts) < 3:
                continue
            # Sanitizer builds add their own bookkeeping symbols.
            if re.match(r'__(odr_asan|asan|ubsan|sancov)', parts[2]):
                continue
            if not re.match(r'(landscope_|lsc_)', parts[2]):
                errors.append('%s: global symbol %s lacks the landscope_ '
                              'or lsc_ prefix' %
                              (os.path.basename(static), parts[2]))

    for e in errors:
        print('FAIL ' + e)
    print('map %d, exported %d, problems %d' %
          (len(mapped), len(exported), len(errors)))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
