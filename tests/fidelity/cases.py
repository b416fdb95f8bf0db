"""cases.py: the minimal documents on which ticklist once disagreed with
cmark-gfm (tests/fidelity/cases/*.md, each found by the differential
test and shrunk by reduce.py) agree now: tasks, headings and tables, as
diff.py compares them. One "ok"/"not ok" line per case; exits 2 when
there is no case.

usage: cases.py TICKLIST CASE.md...
"""
import os
import sys

import diff
import gfm


def main():
    ticklist, files = sys.argv[1], sys.argv[2:]
    if not files:
        print('not ok fidelity/cases: no case')
        return 2
    datas = [open(f, 'rb').read() for f in files]
    gs = gfm.gfm_models(datas)
    ts = gfm.tl_models(ticklist, datas)
    counts = dict.fromkeys(['quoted', 'na', 'frontmatter', 'bom', 'state'],
                           0)
    bad = 0
    for f, d, g, t in zip(files, datas, gs, ts):
        name = os.path.basename(f)[:-3]
        g, t = diff.normalise(d, g, t, counts)
        why = diff.first_diff(g, t) if g is not None else 'not compared'
        if why is None and not (g['tasks'] or g['headings'] or
                                g['tables']):
            why = 'nothing to compare: no task, heading or table'
        if why is None:
            print('ok fidelity/case/%s' % name)
        else:
            bad += 1
            print('not ok fidelity/case/%s: %s' % (name, why))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
