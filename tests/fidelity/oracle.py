"""oracle.py: on real files (the seeds and corpus), every task item agrees
with cmark-gfm -e tasklist: the same tasks on the same lines and columns,
with the same parent task and state, and the same headings, outside the
documented differences (diff.normalise). One "ok"/"not ok" line per file;
exits 2 when no file holds a task (an empty comparison proves nothing)."""
import sys

import diff
import gfm


def main():
    ticklist, files = sys.argv[1], sys.argv[2:]
    datas = [open(f, 'rb').read() for f in files]
    gs = gfm.gfm_models(datas)
    ts = gfm.tl_models(ticklist, datas)
    counts = dict.fromkeys(['quoted', 'na', 'frontmatter', 'bom', 'state'],
                           0)
    bad = ntasks = 0
    for f, d, g, t in zip(files, datas, gs, ts):
        name = 'oracle/lines/' + f.split('/')[-1]
        g, t = diff.normalise(d, g, t, counts)
        if g is None:
            print('ok %s # documented difference (BOM)' % name)
            continue
        ntasks += len(g['tasks'])
        g = dict(g, tables=[])
        t = dict(t, tables=[])
        why = diff.first_diff(g, t)
        if why is None:
            print('ok %s: %d tasks' % (name, len(g['tasks'])))
        else:
            bad += 1
            print('not ok %s: %s' % (name, why))
    if ntasks == 0:
        print('not ok oracle/lines: no task in %d files' % len(files))
        return 2
    print('ok oracle/lines: %d tasks in %d files; documented differences: '
          '%s' % (ntasks, len(files),
                  ', '.join('%s %d' % kv for kv in counts.items())))
    return 1 if bad else 0


sys.exit(main())
