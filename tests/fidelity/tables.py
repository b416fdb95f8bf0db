"""tables.py: every GFM table ticklist finds in the given files agrees
with cmark-gfm's (-e table): the same tables, rows, cells and cell text.
Prints one "ok"/"not ok" line per file; exits 1 on a disagreement and 2
when no file holds a table (an empty comparison proves nothing)."""
import sys

import gfm


def main():
    ticklist, files = sys.argv[1], sys.argv[2:]
    datas = [open(f, 'rb').read() for f in files]
    g = gfm.gfm_models(datas)
    t = gfm.tl_models(ticklist, datas)
    bad = 0
    ntables = 0
    for f, gm, tm in zip(files, g, t):
        ntables += len(gm['tables'])
        if gm['tables'] == tm['tables']:
            if gm['tables']:
                print('ok tables/%s: %d tables' % (f.split('/')[-1],
                                                   len(gm['tables'])))
            continue
        bad += 1
        print('not ok tables/%s' % f.split('/')[-1])
        for i in range(max(len(gm['tables']), len(tm['tables']))):
            a = gm['tables'][i] if i < len(gm['tables']) else None
            b = tm['tables'][i] if i < len(tm['tables']) else None
            if a != b:
                print('  table %d: cmark-gfm %r' % (i, a))
                print('  table %d: ticklist  %r' % (i, b))
                break
    if ntables == 0:
        print('not ok tables: no table in %d files' % len(files))
        return 2
    print('ok tables: %d tables in %d files' % (ntables, len(files)))
    return 1 if bad else 0


sys.exit(main())
