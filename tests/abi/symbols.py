#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The header, the symbol map and the built libraries must agree.

- Every function declared in landscope.h is in liblandscope.map, and the
  map lists nothing else: a symbol missing from the map is silently local
  (a link error for users), one missing from the header is an ABI nobody
  can call properly.
- The shared library exports exactly those symbols, each with a version
  of the map (no unversioned or leaked helper).
- Version nodes are chained: each node after the first inherits the
  previous one, so old nodes are never edited.
- The static archive defines no global symbol outside the landscope_ and
  lsc_ prefixes, since static users share one namespace with it.

Usage: symbols.py SRCDIR SHARED_LIB [STATIC_LIB]
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from docs_sync import header_prototypes  # noqa: E402


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

    with open(os.path.join(srcdir, 'include', 'liblandscope',
                           'landscope.h')) as f:
        header = set(header_prototypes(f.read()))
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
    for s in sorted(header - set(mapped)):
        errors.append('%s: declared in the header, missing from the map' % s)
    for s in sorted(set(mapped) - header):
        errors.append('%s: in the map, not declared in the header' % s)

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
    for s in sorted(set(exported) - set(mapped)):
        errors.append('%s: exported by %s, not in the map' %
                      (s, os.path.basename(shared)))
    for s in sorted(set(mapped) - set(exported)):
        errors.append('%s: in the map, not exported (missing LSC_EXPORT?)'
                      % s)
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
    print('header %d, map %d, exported %d, problems %d' %
          (len(header), len(mapped), len(exported), len(errors)))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
