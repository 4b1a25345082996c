#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Format bench/run's measurements as bench/README.md.

    report.py DIR OUT KEY=VALUE...

DIR holds time.tsv (ruleset_bench), mem.tsv (footprint), syscalls.tsv
(footprint under strace) and exec.tsv (exec_bench); KEY=VALUE are the
run's settings.  Every figure in OUT comes from those files: nothing is
typed in by hand, so the page is only ever as true as its last run.
"""
import collections
import datetime
import os
import platform
import statistics
import subprocess
import sys

GOAL = 1.10


def rows(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [l.rstrip('\n').split('\t') for l in f
                if l.strip() and not l.startswith('#')]


def cpu_model():
    try:
        with open('/proc/cpuinfo') as f:
            for l in f:
                if l.startswith('model name'):
                    return l.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def landlock_abi(build):
    try:
        out = subprocess.run([os.path.join(build, 'examples', 'probe'),
                              '--keys'], capture_output=True, text=True,
                             check=False).stdout
        for l in out.splitlines():
            if l.startswith('abi='):
                return l.split('=', 1)[1]
    except OSError:
        pass
    return '?'


def us(x):
    x = float(x)
    if x >= 1000:
        return '%.2f ms' % (x / 1000)
    if x >= 10:
        return '%.1f µs' % x
    if x >= 1:
        return '%.2f µs' % x
    return '%.0f ns' % (x * 1000)


def split(times, case, per_fault):
    """lib − raw, as paths held open (raw-held − raw, None without a
    raw-held variant), the library's extra faults over the raw code in its
    order, their time, and the rest."""
    lib, raw = times[(case, 'lib')], times[(case, 'raw')]
    held = times.get((case, 'raw-held'))
    base = held or raw
    df = int(lib['faults']) - int(base['faults'])
    own = lib['median'] - base['median']
    return dict(diff=lib['median'] - raw['median'],
                held=held['median'] - raw['median'] if held else None,
                own=own, faults=df, fault_time=df * per_fault,
                rest=own - df * per_fault)


def sus(x):
    """A signed duration."""
    return us(x) if x >= 0 else '−' + us(-x)


def spread(t):
    return '%s (%s–%s)' % (us(t['median']), us(t['p25']), us(t['p75']))


def fault_classes(out_path, perf_path):
    """Count a faults-program child's page faults by what they hit."""
    maps, child = [], None
    with open(out_path) as f:
        for l in f:
            kind, rest = l.rstrip('\n').split('\t', 1)
            if kind == 'child':
                child = rest.strip()
            elif kind == 'map':
                fields = rest.split(None, 5)
                lo, hi = (int(x, 16) for x in fields[0].split('-'))
                name = fields[5].strip() if len(fields) > 5 else ''
                maps.append((lo, hi, fields[1], name))
    # An anonymous mapping right after a file's is that file's .bss.
    named = []
    for i, (lo, hi, perms, name) in enumerate(maps):
        if not name and i and maps[i - 1][1] == lo and maps[i - 1][3] \
                .startswith('/'):
            name = maps[i - 1][3] + ' (bss)'
        named.append((lo, hi, perms, name))
    heap = [m for m in named if m[3] == '[heap]']
    counts = collections.Counter()
    with open(perf_path) as f:
        for l in f:
            parts = l.split()
            if len(parts) < 3 or parts[0] != child:
                continue
            addr, ip = int(parts[1], 16), int(parts[2], 16)
            code = addr >> 12 == ip >> 12
            where = 'other'
            for lo, hi, perms, name in named:
                if lo <= addr < hi:
                    where = os.path.basename(name) if name.startswith('/') \
                        or ' (bss)' in name else (name or 'anonymous')
                    if where == 'faults':
                        where = 'bench/faults itself'
                    break
            else:
                # The heap may have grown past the parent's end.
                if heap and heap[0][0] <= addr < heap[0][1] + (1 << 30):
                    where = '[heap]'
            counts[('code' if code else 'data', where)] += 1
    return counts


def main():
    d, out = sys.argv[1], sys.argv[2]
    opt = dict(a.split('=', 1) for a in sys.argv[3:])
    times, ratios = {}, {}
    for r in rows(os.path.join(d, 'time.tsv')):
        if r[0] == 'time':
            times[(r[1], r[2])] = dict(reps=int(r[3]), median=float(r[4]),
                                       p25=float(r[5]), p75=float(r[6]),
                                       faults=r[7])
        elif r[0] == 'ratio':
            ratios[(r[1], r[2])] = [float(x) for x in r[4:7]]
    cases = []
    for (case, _) in times:
        if case not in cases:
            cases.append(case)
    sysc = collections.defaultdict(dict)
    for label, name, n in rows(os.path.join(d, 'syscalls.tsv')):
        sysc[label][name] = int(n)
    L = []
    w = L.append

    w('# liblandscope benchmarks')
    w('')
    w('Written by `bench/run` (see [below](#method)); every figure here '
      'comes from its last run: do not edit this page, rerun it.')
    if opt.get('quick') == '1':
        w('')
        w('**Quick run (CI): too few repetitions to mean anything.**')
    w('')
    build = os.path.dirname(os.path.dirname(os.path.abspath(
        os.path.join(d, 'x'))))
    w('- Date: %s' % datetime.datetime.now(datetime.timezone.utc)
      .strftime('%Y-%m-%d %H:%M UTC'))
    w('- Machine: %s, %d CPUs; kernel %s, Landlock ABI %s' % (
        cpu_model(), os.cpu_count(), platform.release(),
        landlock_abi(os.environ.get('LANDSCOPE_BENCH_BUILD', 'build-bench'))))
    w('- Library: %s build, %s' % (opt.get('build', '?'), opt.get('cc', '?')))
    w('- Repetitions: %s per variant and case (one fresh child each); '
      'whole processes: %s each; memory: median of %s runs' % (
          opt['reps'], opt['exec_reps'], opt['mem_runs']))
    w('')

    # 1. Build and enforce.
    w('## Build and enforce a ruleset')
    w('')
    w('Median time inside a fresh forked child (interquartile range in '
      'brackets), from the first library call or syscall to the end of '
      '`landlock_restrict_self()` and the last `close()`/`free()`.  '
      '**lib/raw** is the headline figure, with its lowest and highest '
      'value over five consecutive slices of the run; the goal is at most '
      '%.2f.  **raw-held** is the raw syscalls in the library\'s order '
      '(every path opened when its rule is added, held open until the '
      'end), so **lib/raw-held** is what the library\'s own code costs, '
      'and raw-held/raw what its design does.  Faults: median minor page '
      'faults per sample (lib / raw / raw-held).' % GOAL)
    w('')
    w('| case | liblandscope | raw | lib/raw | goal ≤ %.2f | raw-held | '
      'lib/raw-held | faults |' % GOAL)
    w('|---|---|---|---|---|---|---|---|')
    verdicts = []
    # Not against the raw syscalls: the library with and without its filter.
    others = ('probe', 'cached', 'fault-64', 'transport-filter')
    for case in cases:
        if case in others:
            continue
        lib, raw = times[(case, 'lib')], times[(case, 'raw')]
        r = ratios[(case, 'lib/raw')]
        held = times.get((case, 'raw-held'))
        rh = ratios.get((case, 'lib/raw-held'))
        met = r[0] <= GOAL
        verdicts.append((case, met, r[0]))
        w('| %s | %s | %s | **%.3f** [%.3f–%.3f] | %s | %s | %s | %s |' % (
            case.replace('-', ' = ').replace('paths', 'N path rules')
            .replace('ports', 'TCP port rules'),
            spread(lib), spread(raw), r[0], r[1], r[2],
            'met' if met else 'not met',
            spread(held) if held else '= raw',
            '%.3f [%.3f–%.3f]' % tuple(rh) if rh else '–',
            ' / '.join([lib['faults'], raw['faults']] +
                       ([held['faults']] if held else []))))
    w('')

    # 1a. The transport filter.
    tf = ratios.get(('transport-filter', 'lib/lib-nofilter'))
    if tf:
        lib = times[('transport-filter', 'lib')]
        nof = times[('transport-filter', 'lib-nofilter')]
        w('### The transport filter')
        w('')
        w('One TCP port rule enforced with the seccomp filter that refuses '
          'MPTCP, SCTP, SMC, DCCP and io_uring sockets (the default when TCP '
          'is handled) against the same with '
          '`LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS`: %s against %s, '
          '**%.3f** [%.3f–%.3f]; faults %s / %s.  The ports-N cases above '
          'include it (the raw code installs none).' % (
              spread(lib), spread(nof), tf[0], tf[1], tf[2],
              lib['faults'], nof['faults']))
        w('')

    # 1b. The immediate mode of 0.2.
    imm = [c for c in cases if (c, 'lib-immediate') in times]
    if imm:
        w('### Immediate mode')
        w('')
        w('The same cases with `LANDSCOPE_RULESET_IMMEDIATE`: the kernel '
          'ruleset is made at the first rule and each path is opened, added '
          'and closed as it comes, the raw code\'s order.  **lib/raw** above '
          'is the default, deferred mode.')
        w('')
        w('| case | liblandscope, immediate | raw | immediate/raw | '
          'faults |')
        w('|---|---|---|---|---|')
        for case in imm:
            li, raw = times[(case, 'lib-immediate')], times[(case, 'raw')]
            r = ratios.get((case, 'lib-immediate/raw'))
            w('| %s | %s | %s | %s | %s / %s |' % (
                case, spread(li), spread(raw),
                '**%.3f** [%.3f–%.3f]' % tuple(r) if r else '–',
                li['faults'], raw['faults']))
        w('')

    # 1b. Page faults: what one costs, and where they are.
    cal = {v: times.get(('fault-64', v)) for v in ('cow', 'none', 'file')}
    per_fault = None
    if all(cal.values()):
        per_fault = ((cal['cow']['median'] - cal['none']['median']) /
                     max(1, int(cal['cow']['faults']) -
                         int(cal['none']['faults'])))
        per_file = ((cal['file']['median'] - cal['none']['median']) /
                    max(1, int(cal['file']['faults']) -
                        int(cal['none']['faults'])))
        w('### Where the difference goes')
        w('')
        w('A page fault costs **%s** here (a child writing to 64 pages its '
          'parent touched: copy-on-write; %s for one on a file mapping, '
          'as code is after `fork()`).  A forked child faults on every page '
          'it writes and on the code it runs.  The table splits lib − raw '
          'into what the library\'s syscall order costs (raw-held − raw: '
          'paths held open, see above) and what its code costs (lib − '
          'raw-held), and that into its extra page faults, at the '
          'calibrated cost, and the rest: the instructions it runs.' % (
              us(per_fault), us(per_file)))
        w('')
        w('| case | lib − raw | paths held open | lib − raw-held | its extra '
          'faults | × cost | the rest |')
        w('|---|---|---|---|---|---|---|')
        for case in cases:
            if (case, 'lib') not in times or case in others:
                continue
            x = split(times, case, per_fault)
            w('| %s | %s | %s | %s | %+d | %s | %s |' % (
                case, sus(x['diff']),
                '–' if x['held'] is None else sus(x['held']),
                sus(x['own']), x['faults'], sus(x['fault_time']),
                sus(x['rest'])))
        w('')
    fl = {}
    for name in sorted(os.listdir(d)):
        if name.startswith('faults-') and name.endswith('.perf'):
            base = name[len('faults-'):-len('.perf')]
            case, variant = base.rsplit('-', 1)
            fl[(case, variant)] = fault_classes(
                os.path.join(d, 'faults-%s.out' % base),
                os.path.join(d, name))
    fcases = sorted({c for c, _ in fl}, key=lambda c: (c.startswith(
        'ports'), int(c.split('-')[1])))
    if fcases:
        w('The faults of one sample of each, by what they hit (perf '
          'record -e page-faults -d, `bench/faults`): *code* when the '
          'instruction faulted on its own page, else *data*; the mapping '
          'is named after its file (a file\'s bss after the file).')
        w('')
        w('| fault | ' + ' | '.join('%s lib | raw' % c for c in fcases) +
          ' |')
        w('|---' * (2 * len(fcases) + 1) + '|')
        keys = sorted({k for c in fl.values() for k in c},
                      key=lambda k: (k[0], k[1]))
        for k in keys:
            w('| %s: %s | ' % k + ' | '.join(
                '%d | %d' % (fl.get((c, 'lib'), {}).get(k, 0),
                             fl.get((c, 'raw'), {}).get(k, 0))
                for c in fcases) + ' |')
        w('| **total** | ' + ' | '.join(
            '**%d** | **%d**' % (sum(fl.get((c, 'lib'), {}).values()),
                                 sum(fl.get((c, 'raw'), {}).values()))
            for c in fcases) + ' |')
        w('')

    # 2. Probe.
    w('## Probe')
    w('')
    w('The library\'s `landscope_features_get()` against the one '
      '`landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)` '
      'a raw caller makes.  The library asks for more (every right, scope '
      'and flag above what the ABI number promises, the errata), once per '
      'process; later calls copy the cache.')
    w('')
    w('| call | liblandscope | raw (VERSION syscall) | lib/raw |')
    w('|---|---|---|---|')
    for case, what in (('probe', 'first (fresh child)'),
                       ('cached', 'cached (mean of 1000-call batches)')):
        if (case, 'lib') in times:
            r = ratios[(case, 'lib/raw')]
            w('| %s | %s | %s | %.2f [%.2f–%.2f] |' % (
                what, spread(times[(case, 'lib')]),
                spread(times[(case, 'raw')]), r[0], r[1], r[2]))
    w('')

    # 3. Syscalls.
    if sysc:
        labels = [l for l in ('lib-1', 'raw-1') if l in sysc]
        labels += sorted((l for l in sysc if l.startswith(('lib-', 'raw-'))
                          and l not in labels and 'ports' not in l),
                         key=lambda l: (len(l), l))
        labels += [l for l in ('lib-ports', 'raw-ports', 'probe')
                   if l in sysc]
        names = sorted({n for l in labels for n in sysc[l]})
        w('## Syscalls of one run')
        w('')
        w('Counted with `strace` between two `getpid()` markers around the '
          'measured work (`footprint`, one fresh process each; the library '
          'has probed before the first marker, except in "probe").')
        w('')
        w('| syscall | ' + ' | '.join(labels) + ' |')
        w('|---' * (len(labels) + 1) + '|')
        for n in names:
            w('| %s | ' % n + ' | '.join(
                str(sysc[l].get(n, '')) for l in labels) + ' |')
        w('| **total** | ' + ' | '.join(
            '**%d**' % sum(sysc[l].values()) for l in labels) + ' |')
        w('')

    # 4. Memory.
    mem = collections.defaultdict(list)
    for r in rows(os.path.join(d, 'mem.tsv')):
        mem[(r[0], int(r[1]), int(r[2]))].append(
            (int(r[3]), int(r[4]), int(r[5]),
             int(r[7]) if len(r) > 7 else -1))
    if mem:
        base = statistics.median(x[2] for x in mem[next(
            k for k in mem if k[0] == 'none')])
        w('## Memory')
        w('')
        w('One process per run (`footprint`): heap allocation calls '
          '(`malloc`, `calloc`, `realloc`, counted by replacing them for '
          'the whole process) and the peak of live heap bytes during the '
          'measured work, and the peak resident set of the process, also '
          'over the same process doing nothing (%d KiB).' % base)
        w('')
        w('| run | heap allocations | per rule | peak heap | peak RSS | '
          'over the bare process | fds held at most |')
        w('|---|---|---|---|---|---|---|')
        for k in sorted(mem, key=lambda k: (k[1] == 0, k[0] != 'lib',
                                            k[0])):
            if k[0] == 'none':
                continue
            allocs = statistics.median(x[0] for x in mem[k])
            heap = statistics.median(x[1] for x in mem[k])
            rss = statistics.median(x[2] for x in mem[k])
            fds = statistics.median(x[3] for x in mem[k])
            n = k[1] or k[2]
            w('| %s, %d %s | %d | %.3f | %.1f KiB | %d KiB | %+d KiB | %s |'
              % (k[0], n, 'path rules' if k[1] else 'port rules', allocs,
                 allocs / n, heap / 1024, rss, rss - base,
                 '%d' % fds if fds >= 0 else '?'))
        w('')

    # 4b. A large policy.
    large = rows(os.path.join(d, 'large.tsv'))
    if large:
        w('## Large policies')
        w('')
        w('%s path rules, once each (`footprint`, directories on tmpfs): '
          'wall time of building and enforcing the ruleset, the most fds '
          'held at once (counted by replacing `open()`, `syscall()` and '
          '`close()`), the peak of live heap bytes and the peak resident '
          'set.  *1024*: under `ulimit -n 1024`, the usual default.' %
          opt.get('large', '?'))
        w('')
        w('| run | fd limit | wall time | fds held at most | peak heap | '
          'peak RSS |')
        w('|---|---|---|---|---|---|')
        for r in large:
            if r[3] == 'failed':
                w('| %s | %s | fails: %s | – | – | – |' % (r[1], r[0], r[4]))
                continue
            w('| %s | %s | %s | %s | %.1f MiB | %.1f MiB |' % (
                r[1], r[0], us(float(r[9])), r[8],
                int(r[5]) / 1048576, int(r[6]) / 1024))
        w('')

    # 5. Whole processes.
    ex = {r[0]: dict(reps=int(r[1]), median=float(r[2]), p25=float(r[3]),
                     p75=float(r[4])) for r in rows(os.path.join(d,
                                                                 'exec.tsv'))}
    w('## Whole process: the kernel\'s sample against tools/landscope-run')
    w('')
    if 'kernel-sample' in ex:
        t, k = ex['true']['median'], ex['kernel-sample']['median']
        w('Wall time from `posix_spawn()` to `waitpid()` of `/bin/true` '
          'under each sandboxer, same policy (`LL_FS_RO=/usr:/lib:/lib64:'
          '/bin:/etc LL_FS_RW=/tmp:/dev/null LL_TCP_BIND= '
          'LL_TCP_CONNECT=443 LL_SCOPED=a:s`), the commands interleaved. '
          'The kernel\'s `samples/landlock/sandboxer.c` is built from %s '
          'at each run.  *Over /bin/true* is the sandboxer\'s own share: '
          'its start, its policy, its exec.' % opt.get('sample', '?'))
        w('')
        exs = {r[0]: r[1:] for r in rows(os.path.join(d,
                                                      'exec-syscalls.tsv'))}
        w('*Syscalls* are those it makes before it executes `/bin/true` '
          '(strace, one run): all of them, Landlock\'s, and the failed ones '
          '(probes the kernel rejects, and the dynamic loader looking for '
          'a library along its search path).')
        w('')
        w('| command | wall time | vs kernel sample | over /bin/true | '
          'that vs kernel sample | syscalls (Landlock, failed) |')
        w('|---|---|---|---|---|---|')
        for label in ('true', 'kernel-sample', 'landscope-run',
                      'landscope-run-shared'):
            if label not in ex:
                continue
            m = ex[label]['median']
            name = {'true': '`/bin/true` alone',
                    'kernel-sample': 'kernel sample',
                    'landscope-run': '`tools/landscope-run` (static '
                                     'liblandscope, as installed)',
                    'landscope-run-shared': '`tools/landscope-run` linked '
                                            'with liblandscope.so'}[label]
            w('| %s | %s | %s | %s | %s | %s |' % (
                name, spread(ex[label]),
                '%.3f' % (m / k) if label != 'true' else '–',
                us(m - t) if label != 'true' else '–',
                '%.3f' % ((m - t) / (k - t))
                if label != 'true' and k > t else '–',
                '%s (%s, %s)' % tuple(exs[label]) if label in exs
                else '–'))
    else:
        w('Not measured in this run: no Debian linux-source tarball '
          '(ci/deps.sh installs linux-source-6.12).')
    w('')

    # 6. Verdict and method.
    w('## Goal')
    w('')
    for case, met, r in verdicts:
        line = '- %s: lib/raw %.3f, %s' % (case, r, 'goal met' if met else
                                            '**above the goal**')
        x = split(times, case, per_fault) if per_fault else None
        if not met and x and x['diff'] > 0:
            line += ': of the %s difference, ' % us(x['diff'])
            if x['held'] is not None:
                line += 'paths held open %s, ' % sus(x['held'])
            line += ('the library\'s %+d page faults %s, the rest %s' % (
                x['faults'], sus(x['fault_time']), sus(x['rest'])))
        w(line)
    w('')
    w('## Method')
    w('')
    w('`bench/run` builds a release library in `build-bench/`, makes '
      'the directories, and runs `bench/ruleset_bench`, '
      '`bench/footprint` (also under strace), `bench/faults` (under perf, '
      'where perf may count page faults) and `bench/exec_bench`, '
      'then this script (`bench/report.py`).  `bench/run --quick` runs '
      'everything with a few repetitions; CI does that (the test command, '
      '`ci/run-tests`), so the benchmark cannot rot, and no test '
      'asserts a time.')
    w('')
    w('- Every sample of the build-and-enforce cases runs in its own '
      'forked child (a restriction cannot be undone); the variants '
      'alternate and rotate their order every iteration, so drift falls '
      'on all of them.  The parent has probed and made one dry run first: '
      'children inherit the probe cache and the resolved symbols, as a '
      'process pays those once (the first probe is measured on its own, '
      'and the whole-process table has nothing warm).')
    w('- Medians and quartiles, not means: a preempted sample moves '
      'neither.  The bracket after a ratio is its range over five '
      'consecutive slices of the samples.')
    w('- Policy: every filesystem right the kernel handles; directories '
      'alternately read-exec and read-write (the library masks what the '
      'kernel lacks; the raw code masks the same); ports 10000 and up, '
      'connect rights, TCP bind and connect handled.')
    w('')
    with open(out, 'w') as f:
        f.write('\n'.join(L))

    # A run that lost a part must not pass for a benchmark.
    missing = [what for what, ok in (
        ('the probe', ('probe', 'lib') in times),
        ('the cached probe', ('cached', 'lib') in times),
        ('a build-and-enforce case', bool(verdicts)),
        ('the memory runs', bool(mem) or opt.get('footprint') != '1'),
        ('the strace counts', bool(sysc) or opt.get('strace') != '1' or
         opt.get('footprint') != '1'),
        ('the whole-process runs', 'kernel-sample' in ex or
         not opt.get('sample')),
    ) if not ok]
    for what in missing:
        sys.stderr.write('report.py: no figures for %s\n' % what)
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
