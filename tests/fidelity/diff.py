"""diff.py: the differential test. Generates N documents (gen.py) from a
seed, parses each with cmark-gfm (-e tasklist -e table) and ticklist, and
compares task count, checked state, line and column of each task, its
parent task, heading level, line and text, and tables. Differences that
README documents as deliberate are classified and counted apart:

  quoted       task items inside block quotes count for ticklist only
  na           [-] and [~] are N/A items for ticklist only
  frontmatter  front matter is metadata, never Markdown (what cmark-gfm
               finds in it: tasks, headings, tables; a YAML mapping
               with no key ticklist prints is front matter too)
  bom          a BOM is skipped (cmark-gfm counts it in line 1's columns)
  state        the state is read from the box (cmark-gfm: any [x] on the
               line checks the item)

Anything else is a disagreement: the test prints the first few documents
that disagree (and writes them to --keep DIR) and exits 1.

With --tables the documents are gen.gen_tables' short ones, dense in
what decides where a table starts and ends.

usage: diff.py TICKLIST N SEED [--keep DIR] [--tables]
"""
import os
import re
import sys
import time

import gen
import gfm


def yaml_mapping(text):
    """Does text parse as YAML whose (first) document is a mapping, as
    ticklist's front matter must (libyaml through python3-yaml)? None
    when python3-yaml is missing."""
    try:
        import yaml
    except ImportError:
        return None
    loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
    try:
        node = next(iter(yaml.compose_all(text, Loader=loader)), None)
    except (yaml.YAMLError, ValueError):
        return False
    return isinstance(node, yaml.MappingNode)


def front_matter(lines, meta):
    """The line that closes ticklist's front matter, or 0: a first line
    "---", a closing "---" or "...", and a YAML mapping between (meta:
    ticklist printed keys from it)."""
    if not lines or lines[0].rstrip(b' \t') != b'---':
        return 0
    for i, ln in enumerate(lines[1:], 2):
        if ln.rstrip(b' \t') in (b'---', b'...'):
            break
    else:
        return 0
    if meta or yaml_mapping(b'\n'.join(lines[1:i - 1])):
        return i
    return 0


def normalise(data, g, t, counts):
    """Take the documented differences out of both models."""
    lines = gfm.split_lines(data)
    if (data.startswith(b'\xef\xbb\xbf') and
            any(x[0] == 1 for x in t['tasks']) and
            not any(x[0] == 1 for x in g['tasks'])):
        # cmark-gfm's task scan does not see past the BOM: the item on
        # line 1 is no task and what follows it differs too.
        counts['bom'] += 1
        return None, None
    fm_end = front_matter(gfm.split_lines(data[3:] if data.startswith(
        b'\xef\xbb\xbf') else data), t['meta'])
    if fm_end:
        gh = [h for h in g['headings'] if h[1] > fm_end]
        gt = [x for x in g['tasks'] if x[0] > fm_end]
        # A table that starts inside the front matter is text there.
        gtab = [tb for tb, ln in zip(g['tables'], g['table_lines'])
                if ln > fm_end]
        if (len(gh) != len(g['headings']) or len(gt) != len(g['tasks']) or
                len(gtab) != len(g['tables'])):
            counts['frontmatter'] += 1
        if len(gt) != len(g['tasks']):
            # Renumber the parents of what is left.
            old = [i for i, x in enumerate(g['tasks']) if x[0] > fm_end]
            idx = {o: k for k, o in enumerate(old)}
            gt = [(a, b, c, idx.get(p, -1)) for a, b, c, p in gt]
        g = dict(g, headings=gh, tasks=gt, tables=gtab)
    if data.startswith(b'\xef\xbb\xbf'):
        gt = []
        for (line, col, ck, par) in g['tasks']:
            if line == 1:
                col -= 1
                counts['bom'] += 1
            gt.append((line, col, ck, par))
        g = dict(g, tasks=gt)
    # Our tasks minus quoted and N/A ones (and one on a BOM's line 1,
    # which cmark-gfm's task scan does not see past the BOM), parents
    # renumbered.
    keep = []
    for i in range(len(t['tasks'])):
        if t['quoted'][i]:
            counts['quoted'] += 1
        elif t['na'][i]:
            counts['na'] += 1
        else:
            keep.append(i)
    idx = {o: k for k, o in enumerate(keep)}
    tt = []
    for i in keep:
        line, col, ck, par = t['tasks'][i]
        while par >= 0 and par not in idx:
            par = t['tasks'][par][3]
        tt.append((line, col, ck, idx.get(par, -1)))
    # The checked state where cmark-gfm finds an [x] elsewhere.
    ours = {(x[0], x[1]): x[2] for x in tt}
    gt = []
    for a in g['tasks']:
        ck = ours.get(a[:2])
        if ck is not None and ck != a[2] and re.search(
                rb'\[[xX]\]', lines[a[0] - 1]):
            counts['state'] += 1
            a = (a[0], a[1], ck, a[3])
        gt.append(a)
    g = dict(g, tasks=gt)
    if t['meta']:
        th = t['headings']
    else:
        th = t['headings']
    return g, dict(t, tasks=tt, headings=th)


def first_diff(g, t):
    for k in ('tasks', 'headings', 'tables'):
        if g[k] != t[k]:
            for i in range(max(len(g[k]), len(t[k]))):
                a = g[k][i] if i < len(g[k]) else None
                b = t[k][i] if i < len(t[k]) else None
                if a != b:
                    return '%s[%d]: cmark-gfm %r, ticklist %r' % (k, i, a, b)
    return None


def main():
    ticklist, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    keep = None
    if '--keep' in sys.argv:
        keep = sys.argv[sys.argv.index('--keep') + 1]
        os.makedirs(keep, exist_ok=True)
    tables = '--tables' in sys.argv
    t0 = time.time()
    counts = dict.fromkeys(['quoted', 'na', 'frontmatter', 'bom', 'state'],
                           0)
    ntasks = nhead = ntab = bad = 0
    chunk = 2000
    for base in range(0, n, chunk):
        docs = [gen.gen_tables(seed * 1000003 + i) if tables else
                gen.gen(seed * 1000003 + i)[0]
                for i in range(base, min(n, base + chunk))]
        gs = gfm.gfm_models(docs)
        ts = gfm.tl_models(ticklist, docs)
        for k, (d, g, t) in enumerate(zip(docs, gs, ts)):
            g, t = normalise(d, g, t, counts)
            if g is None:
                continue
            ntasks += len(g['tasks'])
            nhead += len(g['headings'])
            ntab += len(g['tables'])
            why = first_diff(g, t)
            if why is None:
                continue
            bad += 1
            if bad <= 5:
                print('not ok fidelity%s/doc %d (seed %d): %s' %
                      ('/tables' if tables else '', base + k, seed, why))
            if keep:
                with open(os.path.join(keep, 'doc%d.md' % (base + k)),
                          'wb') as f:
                    f.write(d)
    if ntasks == 0:
        print('not ok fidelity: no task in %d documents' % n)
        return 1
    print('%s fidelity%s: %d documents (seed %d), %d tasks, %d headings, '
          '%d tables; %d disagree; documented differences: %s; %.1fs' %
          ('not ok' if bad else 'ok', '/tables' if tables else '', n, seed,
           ntasks, nhead, ntab, bad,
           ', '.join('%s %d' % kv for kv in counts.items()),
           time.time() - t0))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
