#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The README's examples print what the tools print today.

As docs_sync.py does for the manual pages, this takes the examples out of
the document itself and runs them.  A fenced block is checked when the
line before it is a marker:

    <!-- readme-check: run [abi=N] -->     every "$ " line of the block is
        run, in order, in one sh in a fresh directory, with the tools of
        this build first on PATH and stderr merged into stdout; what
        follows a command up to the next "$ " line is what it must print.
        A command goes on over several lines while its quotes are open or
        its line ends with a backslash.
    <!-- readme-check: demo [abi=N] -->    the block is what ci/run-demo
        prints (examples/demo.sh).

abi=N: the block shows what a kernel of Landlock ABI N prints (the CI
host's); on another kernel it is skipped, and said so.  The files the
README shows as a block whose first line is "# NAME.toml" (or .json) are
written into the directory first, so that "--config app.toml" finds the
README's own app.toml.

Run-specific values are masked on both sides (MASKS below): temporary
names, PIDs, socat's timestamp and the socket address length that follows
the PID's digits, the kernel's build string, the build directory (shown
as README_BUILD).  An expected line that is "..." alone (indentation
allowed) stands for any number of lines.

Usage: readme.py README TOOLS_DIR DEMO_SH BUILD_DIR
Exit 0 when every checked block matches, 77 when none could run here.
"""
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

MARKER = re.compile(r'^<!-- readme-check: (run|demo)((?: [a-z]+=\S+)*) -->$')
# Where the README's demo output says the build directory is (ci/run-demo
# builds build-demo/ in a clone at ~/liblandscope).
README_BUILD = '/home/user/liblandscope/build-demo'
MASKS = [
    (r'/tmp/landscope-demo\.[A-Za-z0-9]+', '/tmp/landscope-demo.XXXXXX'),
    (r'landscope-demo-[0-9]+', 'landscope-demo-PID'),
    (r'socat\[[0-9]+\]', 'socat[PID]'),
    (r'^[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9:]{8} (socat\[)', r'DATE \1'),
    (r'(AF=1 "\\0landscope-demo-PID", )[0-9]+\)', r'\1LEN)'),
    (r'^(Kernel: +Linux) .*', r'\1 VERSION'),
]


def blocks(lines):
    """Yield (marker line number, mode, options, block lines)."""
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if not m:
            if lines[i].startswith('<!-- readme-check'):
                sys.exit('README.md:%d: malformed marker: %s' %
                         (i + 1, lines[i]))
            i += 1
            continue
        opts = dict(o.split('=', 1) for o in m.group(2).split())
        if i + 1 >= len(lines) or not lines[i + 1].startswith('```'):
            sys.exit('README.md:%d: a marker must precede a ``` block' %
                     (i + 1))
        j = i + 2
        while j < len(lines) and lines[j] != '```':
            j += 1
        yield i + 1, m.group(1), opts, lines[i + 2:j]
        i = j + 1


def files(lines):
    """The README's named policy files: {name: text}."""
    out = {}
    i = 0
    while i < len(lines):
        if lines[i].startswith('```') and i + 1 < len(lines):
            m = re.match(r'^# ([a-z0-9_-]+\.(?:toml|json))$', lines[i + 1])
            j = i + 1
            while j < len(lines) and lines[j] != '```':
                j += 1
            if m:
                out[m.group(1)] = '\n'.join(lines[i + 1:j]) + '\n'
            i = j
        i += 1
    return out


def complete(cmd):
    if cmd.endswith('\\'):
        return False
    try:
        shlex.split(cmd)
    except ValueError:
        return False
    return True


def commands(block):
    """[(command, [expected lines])] of a "run" block."""
    out = []
    i = 0
    while i < len(block):
        if not block[i].startswith('$ '):
            sys.exit('readme.py: output before any command: %r' % block[i])
        cmd = block[i][2:]
        i += 1
        while not complete(cmd) and i < len(block):
            cmd += '\n' + block[i]
            i += 1
        expect = []
        while i < len(block) and not block[i].startswith('$ '):
            expect.append(block[i])
            i += 1
        out.append((cmd, expect))
    return out


def mask(text, build):
    text = text.replace(build, README_BUILD)
    lines = []
    for line in text.split('\n'):
        for pat, rep in MASKS:
            line = re.sub(pat, rep, line)
        lines.append(line)
    return lines


def matches(expect, actual):
    """expect (with "..." lines) against actual, both masked."""
    pat = ''
    for line in expect:
        if line.strip() == '...':
            pat += r'(?:[^\n]*\n)*?'
        else:
            pat += re.escape(line) + r'\n'
    return re.fullmatch(pat, ''.join(l + '\n' for l in actual)) is not None


def run_block(block, tools, workdir, env):
    cmds = commands(block)
    sep = '@@readme-check-%d@@' % os.getpid()
    script = ''
    for cmd, _ in cmds:
        # $? of the command survives the separator, for "echo $?".
        script += '{ %s\n} 2>&1; rc=$?; echo %s; (exit $rc)\n' % (cmd, sep)
    r = subprocess.run(['sh', '-c', script], cwd=workdir, env=env,
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120)
    outs = r.stdout.decode(errors='replace').split(sep + '\n')
    expected, actual = [], []
    for k, (cmd, expect) in enumerate(cmds):
        out = outs[k] if k < len(outs) else ''
        expected += ['$ ' + cmd] + expect
        actual += ['$ ' + cmd] + out.split('\n')[:-1]
    return expected, actual


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    readme, tools, demo, build = argv[1:]
    tools, demo, build = (os.path.realpath(x) for x in (tools, demo, build))
    lines = open(readme).read().split('\n')
    env = {k: v for k, v in os.environ.items()
           if not k.startswith('LANDSCOPE_') and not k.startswith('LL_')}
    env['PATH'] = tools + os.pathsep + env.get('PATH', '/usr/bin:/bin')
    env['LC_ALL'] = 'C'
    keys = subprocess.run([os.path.join(tools, 'landscope-probe'), '--keys'],
                          env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL).stdout.decode()
    m = re.search(r'^abi=([0-9]+)$', keys, re.M)
    abi = m.group(1) if m else '?'
    policy = files(lines)

    checked = failed = 0
    for where, mode, opts, block in blocks(lines):
        name = 'README.md:%d (%s)' % (where, mode)
        if 'abi' in opts and opts['abi'] != abi:
            print('ok - %s # SKIP shows ABI %s, this kernel has ABI %s' %
                  (name, opts['abi'], abi))
            continue
        if mode == 'demo' and not shutil.which('socat', path=env['PATH']):
            print('ok - %s # SKIP no socat (the demo prints another '
                  'client)' % name)
            continue
        with tempfile.TemporaryDirectory(prefix='readme-check.') as d:
            for fname, text in policy.items():
                with open(os.path.join(d, fname), 'w') as f:
                    f.write(text)
            if mode == 'run':
                expected, actual = run_block(block, tools, d, env)
            else:
                r = subprocess.run([demo, build], cwd=d, env=env,
                                   stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, timeout=120)
                expected = block
                actual = r.stdout.decode(errors='replace').split('\n')[:-1]
        expected = mask('\n'.join(expected), build)
        actual = mask('\n'.join(actual), build)
        checked += 1
        if matches(expected, actual):
            print('ok - %s: %d lines as the tools print them' %
                  (name, len(block)))
            continue
        failed += 1
        print('not ok - %s: the README differs from what the tools print'
              % name)
        for line in difflib.unified_diff(expected, actual, 'README.md',
                                         'the tools', lineterm=''):
            print('# ' + line)
    if not checked:
        print('# no README block could be checked on this kernel')
        return 77
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
