#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A Python program that sandboxes itself through ctypes, copying no number.

Every value comes from the library (landscope_constant()); the errno it
asserts comes from Python's own errno module.  Two checks:

1. the constant table: every constant of the public headers (outside the
   deprecated 0.1 block) is in landscope_constant_at()'s table with the
   value the compiler gives it (tests/abi/constants.py measures those), and
   the table holds nothing else;
2. a forked child restricts itself (read-only beneath one directory) and
   gets EACCES writing there, while the parent, not restricted, can.

Usage: ctypes_sandbox.py LIBLANDSCOPE_SO SRCDIR [CC...]
TAP output.
"""
import ctypes
import errno
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'abi'))
import constants  # noqa: E402  (how the headers' constants are named)

results = []


def check(ok, what):
    results.append(ok)
    print('%s %d - %s' % ('ok' if ok else 'not ok', len(results), what))
    return ok


def table(lib):
    name = ctypes.c_char_p()
    value = ctypes.c_uint64()
    out = {}
    i = 0
    while lib.landscope_constant_at(i, ctypes.byref(name),
                                    ctypes.byref(value)) == 0:
        out[name.value.decode()] = value.value
        i += 1
    return out


def header_constants(srcdir, cc):
    """Every constant of both headers, as the compiler sees it."""
    inc = os.path.join(srcdir, 'include', 'liblandscope')
    found = []
    for h in ('landscope.h', 'config.h'):
        with open(os.path.join(inc, h)) as f:
            text = f.read()
        if '#ifndef LANDSCOPE_NO_DEPRECATED' in text:
            start = text.index('#ifndef LANDSCOPE_NO_DEPRECATED')
            text = text[:start] + text[text.index('#endif', start):]
        found += constants.names(text)
    skip = {'LANDSCOPE_VERSION_CODE', 'LANDSCOPE_INIT'}
    found = sorted(set(found) - skip)
    code = ['#include <stdio.h>', '#include <liblandscope/config.h>',
            '#include <liblandscope/landscope.h>', 'int main(void)', '{']
    code += ['\tprintf("%%s %%llu\\n", "%s", (unsigned long long)(%s));'
             % (n, n) for n in found]
    code += ['\treturn 0;', '}', '']
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'c.c')
        exe = os.path.join(tmp, 'c')
        with open(src, 'w') as f:
            f.write('\n'.join(code))
        subprocess.check_call(cc + ['-I', os.path.join(srcdir, 'include'),
                                    '-o', exe, src])
        out = subprocess.check_output([exe]).decode()
    return {k: int(v) for k, v in
            (line.rsplit(' ', 1) for line in out.splitlines())}


def sandbox(lib, tmp):
    def const(name):
        v = ctypes.c_uint64()
        if lib.landscope_constant(name.encode(), ctypes.byref(v)) != 0:
            raise KeyError(name)
        return v.value

    lib.landscope_ruleset_new.argtypes = [ctypes.POINTER(ctypes.c_void_p),
                                          ctypes.c_uint]
    lib.landscope_ruleset_add_handled.argtypes = [ctypes.c_void_p,
                                                  ctypes.c_int,
                                                  ctypes.c_uint64]
    lib.landscope_ruleset_add_path.argtypes = [ctypes.c_void_p,
                                               ctypes.c_char_p,
                                               ctypes.c_uint64, ctypes.c_uint]
    lib.landscope_ruleset_restrict_self.argtypes = [
        ctypes.c_void_p, ctypes.c_uint, ctypes.POINTER(ctypes.c_void_p)]
    lib.landscope_report_status.argtypes = [ctypes.c_void_p]

    rs = ctypes.c_void_p()
    report = ctypes.c_void_p()
    if lib.landscope_ruleset_new(ctypes.byref(rs), 0):
        return 'ruleset_new'
    if lib.landscope_ruleset_add_handled(
            rs, const('CATEGORY_FS'),
            const('ACCESS_FS_WRITE_FILE') | const('ACCESS_FS_READ_FILE')):
        return 'add_handled'
    for path in ('/', tmp):
        if lib.landscope_ruleset_add_path(rs, path.encode(),
                                          const('ACCESS_FS_READ_FILE'), 0):
            return 'add_path ' + path
    if lib.landscope_ruleset_restrict_self(rs, 0, ctypes.byref(report)):
        return 'restrict_self'
    if lib.landscope_report_status(report) == const('NOT_ENFORCED'):
        return 'not enforced'
    try:
        open(os.path.join(tmp, 'f'), 'w').close()
    except OSError as e:
        return 'EACCES' if e.errno == errno.EACCES else errno.errorcode[
            e.errno]
    return 'written'


def main():
    so, srcdir, cc = sys.argv[1], sys.argv[2], sys.argv[3:] or ['cc']
    lib = ctypes.CDLL(so)
    got = table(lib)
    want = header_constants(srcdir, cc)
    check(got == want, 'the constant table is the headers\' constants '
          '(%d), with their values' % len(want))
    for k in sorted(set(want) ^ set(got)):
        print('# %s: header %s, table %s' % (k, want.get(k), got.get(k)))
    for k in sorted(set(want) & set(got)):
        if want[k] != got[k]:
            print('# %s: header %d, table %d' % (k, want[k], got[k]))

    abi = lib.landscope_abi_version()
    if abi < 1:
        print('ok %d - # SKIP Landlock is unavailable here (%d): the '
              'kernel matrix runs the sandbox elsewhere' %
              (len(results) + 1, abi))
        results.append(True)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(r)
                os.write(w, sandbox(lib, tmp).encode())
                os._exit(0)
            os.close(w)
            answer = os.read(r, 200).decode()
            os.waitpid(pid, 0)
            check(answer == 'EACCES', 'ctypes: the restricted child '
                  'writes: %s (EACCES expected)' % answer)
            try:
                open(os.path.join(tmp, 'g'), 'w').close()
                check(True, 'ctypes: the parent is not restricted')
            except OSError:
                check(False, 'ctypes: the parent is not restricted')
    print('1..%d' % len(results))
    return 0 if all(results) else 1


if __name__ == '__main__':
    sys.exit(main())
