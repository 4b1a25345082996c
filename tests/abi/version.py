#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The header's LANDSCOPE_VERSION_* macros are the project's version.

meson.build's project version names the shared library file and the man
pages; the header's macros are what programs compile in.  They must be the
same release.

Usage: version.py HEADER VERSION
"""
import re
import sys


def main():
    header, version = sys.argv[1], sys.argv[2]
    text = open(header).read()
    got = []
    for part in ('MAJOR', 'MINOR', 'MICRO'):
        m = re.search(r'^#define LANDSCOPE_VERSION_%s (\d+)$' % part, text,
                      re.M)
        if not m:
            print('FAIL LANDSCOPE_VERSION_%s is not defined' % part)
            return 1
        got.append(m.group(1))
    if '.'.join(got) != version:
        print('FAIL header %s, meson.build %s' % ('.'.join(got), version))
        return 1
    print('header and meson.build: %s' % version)
    return 0


if __name__ == '__main__':
    sys.exit(main())
