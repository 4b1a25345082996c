#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Guard: what the shared library exports (nm -D --defined-only), what
src/liblandscope.map lists and the functions the public headers declare
(landscope.h, and config.h for policy files) are one and the same set.

The header's declarations are asked of the compiler (gcc -aux-info), not
parsed, so macros and comments cannot fool the guard; a compiler without
-aux-info falls back to a regular expression over the comment-free text.

Usage: symbols.py HEADER[,HEADER...] MAPFILE SHARED_LIB CC [CC_ARGS...]
"""
import os
import re
import subprocess
import sys
import tempfile


def header_functions(header, cc):
    with tempfile.TemporaryDirectory() as tmp:
        aux = os.path.join(tmp, 'aux.txt')
        src = os.path.join(tmp, 'h.c')
        with open(src, 'w') as f:
            f.write('#include "%s"\n' % os.path.abspath(header))
        r = subprocess.run(cc + ['-fsyntax-only', '-aux-info', aux, src],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True)
        if r.returncode == 0 and os.path.exists(aux):
            names = set()
            base = os.path.basename(header)
            for line in open(aux):
                m = re.match(r'/\* (\S+):\d+:\w+ \*/ (.*)', line)
                if m and os.path.basename(m.group(1)) == base:
                    names.update(re.findall(r'\b(\w+) \(', m.group(2)))
            return names
    text = open(header).read()
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    text = re.sub(r'\\\n', ' ', text)
    text = '\n'.join(l for l in text.splitlines()
                     if not l.lstrip().startswith('#'))
    return set(re.findall(r'\b(landscope_\w+)\s*\(', text))


def map_symbols(path):
    text = re.sub(r'/\*.*?\*/', ' ', open(path).read(), flags=re.S)
    names = set()
    for body in re.findall(r'\{(.*?)\}', text, flags=re.S):
        glob = re.search(r'global\s*:(.*?)(?:local\s*:|$)', body, re.S)
        if glob:
            names.update(re.findall(r'([A-Za-z_]\w*)\s*;', glob.group(1)))
    return names


def exported(lib):
    out = subprocess.run(['nm', '-D', '--defined-only', lib], check=True,
                         stdout=subprocess.PIPE,
                         universal_newlines=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        # Version nodes show up as absolute ('A') symbols.
        if len(parts) == 3 and parts[1] != 'A':
            names.add(parts[2].split('@')[0])
    return names


def main():
    header, mapfile, lib = sys.argv[1:4]
    cc = sys.argv[4:] or ['cc']
    declared = set()
    for h in header.split(','):
        declared |= header_functions(h, cc)
    sets = {
        'header': declared,
        'map': map_symbols(mapfile),
        'exported': exported(lib),
    }
    for name, syms in sorted(sets.items()):
        print('%s: %d symbols' % (name, len(syms)))
    ok = bool(sets['header'])
    if not ok:
        print('no function found in %s' % header)
    keys = sorted(sets)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            for sym in sorted(sets[a] - sets[b]):
                print('%s in %s but not in %s' % (sym, a, b))
                ok = False
            for sym in sorted(sets[b] - sets[a]):
                print('%s in %s but not in %s' % (sym, b, a))
                ok = False
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
