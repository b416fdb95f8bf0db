#!/usr/bin/env python3
"""check_layout.py SRC: the shape of src/ (README, "Layout").

Prints TAP-like lines: one per check. Checks:
  - every source file sits in a stage folder (no file directly in src/);
  - every #include "x.h" names a header that exists in src/ (or build/gen);
  - the include graph between modules (x.c + x.h) has no cycle;
  - a folder includes only from itself, from earlier stages, from
    config/ and from lib/ (lib/ from lib/ only; cli/ from anything).
"""
import os
import re
import sys

ORDER = ['lib', 'config', '1-read', '2-parse', '3-check', '4-verdict',
         '5-render', 'cli']
GEN = {'version.h'}
# Edges against the order still to be undone (each one a TODO).
KNOWN = set()


def main():
    src = sys.argv[1]
    ok = True
    where = {}
    stray = [f for f in os.listdir(src) if os.path.isfile(os.path.join(src, f))]
    print(('not ok' if stray else 'ok') + ' layout/no-loose-files'
          + (': ' + ' '.join(stray) if stray else ''))
    ok &= not stray
    unknown = [d for d in os.listdir(src)
               if os.path.isdir(os.path.join(src, d)) and d not in ORDER]
    print(('not ok' if unknown else 'ok') + ' layout/known-folders'
          + (': ' + ' '.join(unknown) if unknown else ''))
    ok &= not unknown
    incs = {}
    for d in ORDER:
        p = os.path.join(src, d)
        if not os.path.isdir(p):
            continue
        for f in sorted(os.listdir(p)):
            if f.endswith(('.c', '.h')):
                where[f] = d
                text = open(os.path.join(p, f), encoding='utf-8').read()
                incs[f] = re.findall(r'^\s*#\s*include\s+"([^"]+)"', text, re.M)
    if len(where) < 20:
        print('not ok layout/sources: only %d files under %s' % (len(where), src))
        return 1
    missing = sorted('%s -> %s' % (f, h) for f, hs in incs.items()
                     for h in hs if h not in where and h not in GEN)
    print(('not ok' if missing else 'ok') + ' layout/includes-exist'
          + (': ' + ', '.join(missing) if missing else ''))
    ok &= not missing

    # A module is x.c with x.h; a header with no .c of its own (rule.h,
    # the private side of rules.c) belongs to the module in its folder
    # whose name it begins, else to the longest one whose name begins it
    # (rules_int.h, shared by rules.c and its rules_*.c: rules).
    stems = {f[:-2]: where[f] for f in where if f.endswith('.c')}

    def mod(f):
        s = f.rsplit('.', 1)[0]
        if s in stems:
            return s
        for t in sorted(stems):
            if t.startswith(s) and stems[t] == where[f]:
                return t
        for t in sorted(stems, key=len, reverse=True):
            if s.startswith(t + '_') and stems[t] == where[f]:
                return t
        return s
    graph = {}
    for f, hs in incs.items():
        for h in hs:
            if h in where and mod(h) != mod(f):
                graph.setdefault(mod(f), set()).add(mod(h))
    cycles = []
    state = {}

    def dfs(u, stack):
        state[u] = 1
        stack.append(u)
        for v in sorted(graph.get(u, ())):
            if state.get(v) == 1:
                cycles.append(' -> '.join(stack[stack.index(v):] + [v]))
            elif v not in state:
                dfs(v, stack)
        stack.pop()
        state[u] = 2
    for u in sorted(graph):
        if u not in state:
            dfs(u, [])
    cycles = [c for c in cycles if c not in KNOWN]
    print(('not ok' if cycles else 'ok') + ' layout/no-include-cycle'
          + (': ' + '; '.join(cycles) if cycles else ''))
    ok &= not cycles

    rank = {d: i for i, d in enumerate(ORDER)}
    bad = []
    for f, hs in sorted(incs.items()):
        a = where[f]
        for h in hs:
            if h not in where:
                continue
            b = where[h]
            if a == b or a == 'cli' or b == 'lib':
                continue
            edge = '%s/%s -> %s/%s' % (a, f, b, h)
            if edge in KNOWN:
                continue
            if a == 'config':
                wrong = b not in ('1-read', '2-parse')
            else:
                wrong = a == 'lib' or (b != 'config' and rank[b] > rank[a])
            if wrong:
                bad.append(edge)
    print(('not ok' if bad else 'ok') + ' layout/stage-order'
          + (': ' + ', '.join(bad) if bad else ''))
    ok &= not bad
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
