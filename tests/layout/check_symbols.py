#!/usr/bin/env python3
"""check_symbols.py SRC OBJDIR: the stage order of src/ at link level.

check_layout.py sees #include lines; a file may still call a function
of a later stage through a declaration in an earlier stage's header (the
kind table once reached the rule loader that way). This reads the object
files instead: each OBJDIR/x.o belongs to the stage folder of src/*/x.c,
and every symbol it leaves undefined that another of those objects
defines must come from a stage it may use, by the rule of the includes:
itself, lib/, config/, an earlier stage (config/ only lib/, 1-read/ and
2-parse/; lib/ only lib/; cli/ anything). Objects of no source file
(generated ones: embedded.o) are outside the order. Prints one TAP-like
line, layout/symbol-order, naming each offending reference.
"""
import os
import subprocess
import sys

from check_layout import ORDER


def allowed(a, b):
    """May an object of stage a use a symbol defined in stage b?"""
    rank = {d: i for i, d in enumerate(ORDER)}
    if a == b or a == 'cli' or b == 'lib':
        return True
    if a == 'lib':
        return False
    if a == 'config':
        return b in ('1-read', '2-parse')
    return b == 'config' or rank[b] < rank[a]


def main():
    src, objdir = sys.argv[1], sys.argv[2]
    stage = {}
    for d in ORDER:
        p = os.path.join(src, d)
        if os.path.isdir(p):
            for f in os.listdir(p):
                if f.endswith('.c'):
                    stage[f[:-2]] = d
    objs = sorted(o[:-2] for o in os.listdir(objdir)
                  if o.endswith('.o') and o[:-2] in stage) \
        if os.path.isdir(objdir) else []
    # Every source file has an object: a partial build checks nothing.
    missing = sorted(set(stage) - set(objs))
    if len(objs) < 20 or missing:
        print('not ok layout/symbol-order: objects missing in %s: %s'
              % (objdir, ' '.join(missing[:10]) or 'all'))
        return 1
    defined = {}
    undef = {}
    for s in objs:
        out = subprocess.run(['nm', '-P', os.path.join(objdir, s + '.o')],
                             capture_output=True, text=True, check=True)
        undef[s] = set()
        for line in out.stdout.splitlines():
            f = line.split()
            if len(f) < 2:
                continue
            if f[1] == 'U':
                undef[s].add(f[0])
            elif f[1] in 'TDRBVW' or f[1] in 'CG':
                defined[f[0]] = s
    bad = []
    for s in objs:
        for sym in sorted(undef[s]):
            d = defined.get(sym)
            if d is not None and not allowed(stage[s], stage[d]):
                bad.append('%s/%s.o -> %s/%s.o: %s' % (stage[s], s,
                           stage[d], d, sym))
    print(('not ok' if bad else 'ok') + ' layout/symbol-order'
          + (': ' + ', '.join(bad) if bad else ''))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
