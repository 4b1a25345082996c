#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Keep the manual pages in step with include/liblandscope/landscope.h
and include/liblandscope/config.h.

The header is the contract: its doc comments list every errno a function
can return.  The man pages restate it for people who never read headers,
so they drift unless something compares the two.  For every function
declared in the header this checks that:

- a section 3 page documents it (its own page, or a page that names it);
- the SYNOPSIS prototype is the header's, token for token;
- SYNOPSIS says "Link with -llandscope" and NOTES gives the minimum
  Landlock ABI;
- its header comment is kernel-doc ("/**", then " * name() - Summary."),
  so that the kernel's scripts/kernel-doc reads it;
- RETURN VALUE lists exactly the errnos of the header comment, no fewer
  and no more (a comment that covers several functions is checked against
  the union of their pages);
- every example program in a page compiles against the header;
- with --run PROGRAM (the unit suite's programs, which wrap every
  int-returning public function: tests/unit/errno_log.c), every errno a
  call returned while they ran is in that function's header comment and
  man page: the documentation is checked against what the calls do.

Usage: docs_sync.py [--run PROGRAM]... SRCDIR [CC...]
"""
import errno as errno_mod
import os
import re
import subprocess
import sys
import tempfile

ERRNO = re.compile(r'-E[A-Z0-9]{2,}\b')


def header_blocks(text):
    """Yield (comment, [function names]) for each doc comment."""
    parts = re.split(r'(/\*.*?\*/)', text, flags=re.S)
    # parts alternates code, comment, code, comment, ...
    for i in range(1, len(parts), 2):
        code = parts[i + 1] if i + 1 < len(parts) else ''
        funcs = re.findall(r'\b(landscope_[a-z0-9_]+)\s*\(', code)
        if funcs:
            yield parts[i], funcs


def header_prototypes(text):
    """Map each function name to its normalized declaration."""
    code = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    code = re.sub(r'^\s*#.*$', ' ', code, flags=re.M)
    # The deprecation attribute is not part of the synopsis.
    code = re.sub(r'\)\s*LANDSCOPE_DEPRECATED_FOR\("[^"]*"\)\s*;', ');', code)
    protos = {}
    for m in re.finditer(r'[A-Za-z_][^;{}()]*?\b(landscope_[a-z0-9_]+)'
                         r'\s*\([^;{}]*?\)\s*;', code):
        protos[m.group(1)] = normalize(m.group(0))
    return protos


def normalize(decl):
    decl = ' '.join(decl.split())
    return re.sub(r'\s*([(),*;])\s*', r'\1', decl).strip()


def unscd(text):
    """Strip scdoc markup from one line of text."""
    text = text.replace('\\*', '\0')
    text = text.replace('*', '').replace('\\', '')
    text = re.sub(r'(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])', '', text)
    return text.replace('\0', '*')


def sections(scd):
    out = {}
    name = None
    for line in scd.splitlines():
        m = re.match(r'^# (.*)$', line)
        if m:
            name = m.group(1).strip()
            out[name] = []
        elif name:
            out[name].append(line)
    return {k: '\n'.join(v) for k, v in out.items()}


def code_blocks(scd):
    return re.findall(r'^```\n(.*?)^```$', scd, flags=re.S | re.M)


def observed_errnos(programs):
    """Run @programs with LANDSCOPE_ERRNO_LOG; {function: {'-EXXX'}}."""
    seen = {}
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, 'errno.log')
        env = dict(os.environ, LANDSCOPE_ERRNO_LOG=log)
        for prog in programs:
            # Their own failures are the unit suite's to report.
            subprocess.run([os.path.abspath(prog)], env=env, cwd=tmp,
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        if os.path.exists(log):
            for line in open(log):
                func, num = line.split()
                name = errno_mod.errorcode.get(int(num), 'E' + num)
                # One value, two names: the docs use EOPNOTSUPP.
                if name == 'ENOTSUP':
                    name = 'EOPNOTSUPP'
                seen.setdefault(func, set()).add('-' + name)
    return seen


def main():
    args = sys.argv[1:]
    programs = []
    while args and args[0] == '--run':
        programs.append(args[1])
        args = args[2:]
    srcdir = args[0]
    cc = args[1:] or ['cc']
    mandir = os.path.join(srcdir, 'man')
    header = ''
    for name in ('landscope.h', 'config.h'):
        hpath = os.path.join(srcdir, 'include', 'liblandscope', name)
        with open(hpath) as f:
            header += f.read() + '\n'
    errors = []

    pages = {}
    for fn in sorted(os.listdir(mandir)):
        if fn.endswith('.scd'):
            with open(os.path.join(mandir, fn)) as f:
                pages[fn[:-len('.scd')]] = f.read()

    # Which page documents which function: its NAME line lists it.
    doc_page = {}
    for page, scd in pages.items():
        if not page.endswith('.3'):
            continue
        name = sections(scd).get('NAME', '').strip()
        for func in name.split(' - ')[0].split(','):
            doc_page[unscd(func.strip())] = page

    protos = header_prototypes(header)
    for func in sorted(protos):
        page = doc_page.get(func)
        if not page:
            errors.append('%s: no man page names it' % func)
            continue
        secs = sections(pages[page])
        synopsis = secs.get('SYNOPSIS', '')
        # A prototype may span several lines of the SYNOPSIS.
        flat = ' '.join(unscd(l) for l in synopsis.splitlines()
                        if l.startswith('*') and not l.startswith('*#'))
        found = [normalize(p + ';') for p in re.findall(
            r'[^;]*?\b%s\s*\([^;]*?\)\s*(?=;)' % func, flat)]
        if protos[func] not in found:
            errors.append('%s: SYNOPSIS of %s does not match the header\n'
                          '  header: %s\n  page:   %s' %
                          (func, page, protos[func],
                           found[0] if found else '(missing)'))
        if 'Link with *-llandscope*' not in synopsis:
            errors.append('%s: SYNOPSIS lacks "Link with -llandscope"' %
                          page)
        if 'Minimum Landlock ABI' not in secs.get('NOTES', ''):
            errors.append('%s: NOTES lacks "Minimum Landlock ABI"' % page)

    documented = set()
    for comment, funcs in header_blocks(header):
        documented.update(funcs)
        m = re.match(r'/\*\*\n \* (\w+)\(\) - [A-Z]', comment)
        if not m or m.group(1) != funcs[0]:
            errors.append('%s: its comment is not kernel-doc ("/**" then '
                          '" * %s() - Summary")' % (funcs[0], funcs[0]))
    for func in sorted(set(protos) - documented):
        errors.append('%s: no doc comment' % func)

    for comment, funcs in header_blocks(header):
        want = set(ERRNO.findall(comment))
        got = set()
        for func in funcs:
            page = doc_page.get(func)
            if not page:
                continue
            ret = sections(pages[page]).get('RETURN VALUE')
            if ret is None:
                errors.append('%s: no RETURN VALUE section' % page)
                continue
            page_errnos = set(ERRNO.findall(ret))
            got |= page_errnos
            extra = page_errnos - want
            if extra:
                errors.append('%s: RETURN VALUE lists %s, which the header '
                              'comment of %s does not' %
                              (page, ' '.join(sorted(extra)), func))
        missing = want - got
        if missing:
            errors.append('%s: the header lists %s, missing from RETURN '
                          'VALUE' % ('/'.join(funcs),
                                     ' '.join(sorted(missing))))

    # What the calls really returned, against both documents.
    if programs:
        block_errnos = {}
        for comment, funcs in header_blocks(header):
            for func in funcs:
                block_errnos[func] = set(ERRNO.findall(comment))
        wrapped = set(re.findall(r'^WRAP\((landscope_\w+),', open(
            os.path.join(srcdir, 'tests', 'unit', 'errno_log.c')).read(),
            re.M))
        for func, proto in sorted(protos.items()):
            if proto.startswith('int ') and func not in wrapped:
                errors.append('%s: not wrapped in tests/unit/errno_log.c, '
                              'its errnos go unchecked' % func)
        seen = observed_errnos(programs)
        total = 0
        for func, errs in sorted(seen.items()):
            page = doc_page.get(func)
            page_errnos = set(ERRNO.findall(
                sections(pages[page]).get('RETURN VALUE', ''))) \
                if page else set()
            for e in sorted(errs):
                total += 1
                if e not in block_errnos.get(func, set()):
                    errors.append('%s returned %s, which its header '
                                  'comment does not list' % (func, e))
                if e not in page_errnos:
                    errors.append('%s returned %s, which %s does not list'
                                  % (func, e, page))
        print('%d errnos returned by %d functions in the unit suite, '
              'all checked' % (total, len(seen)))

    # Example programs must compile: a reader copies them.
    include = os.path.join(srcdir, 'include')
    with tempfile.TemporaryDirectory() as tmp:
        for page, scd in sorted(pages.items()):
            for n, block in enumerate(code_blocks(scd)):
                if '#include <liblandscope/' not in block:
                    continue
                src = os.path.join(tmp, '%s-%d.c' % (page, n))
                with open(src, 'w') as f:
                    f.write(re.sub(r'\\(.)', r'\1', block))
                # LANDSCOPE_INIT() fills only .sz, positionally (the
                # header is C89), which -Wextra flags.
                res = subprocess.run(
                    cc + ['-std=gnu11', '-Wall', '-Wextra', '-Werror',
                          '-Wno-missing-field-initializers',
                          '-fsyntax-only', '-I', include, src],
                    capture_output=True, text=True)
                if res.returncode:
                    errors.append('%s: example %d does not compile:\n%s' %
                                  (page, n, res.stderr))

    for e in errors:
        print('FAIL ' + e)
    print('%d functions, %d pages checked, %d problems' %
          (len(protos), len(pages), len(errors)))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
