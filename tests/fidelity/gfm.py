"""gfm.py: the models that the differential tests compare.

gfm_models() runs the oracle, `cmark-gfm -e tasklist -e table -t xml
--sourcepos`, on many documents at once (one process per document would
cost more than the parse), and tl_models() runs `ticklist status --format
tree`; both return the same shape per document:

  tasks:    [(line, col, checked, parent)]  col in code points, parent is
            the index of the enclosing task or -1
  headings: [(level, line, text)]
  tables:   [[row cells...]...]              header row first
"""
import os
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET

NS = '{http://commonmark.org/xml/1.0}'


def split_lines(data):
    """Lines as cmark splits them: LF, CRLF and CR end a line."""
    return re.split(rb'\r\n|\r|\n', data)


def flat(el):
    """Plain text of an element's inlines: text and code, <br> as a blank,
    breaks as blanks, other raw HTML left out."""
    out = []
    for e in el.iter():
        tag = e.tag[len(NS):] if e.tag.startswith(NS) else e.tag
        if tag in ('text', 'code'):
            out.append(e.text or '')
        elif tag == 'html_inline':
            if (e.text or '').lower().startswith('<br'):
                out.append(' ')
        elif tag in ('softbreak', 'linebreak'):
            out.append(' ')
    return ''.join(out)


def cp_col(lines, line, bcol):
    """Byte column bcol (from 1) of a line as a code-point column."""
    if line < 1 or line > len(lines):
        return bcol
    return len(lines[line - 1][:bcol - 1].decode('utf-8', 'replace')) + 1


def gfm_model(xml, data):
    lines = split_lines(data)
    root = ET.fromstring(xml)
    m = {'tasks': [], 'headings': [], 'tables': []}

    def walk(el, parent):
        for c in el:
            tag = c.tag[len(NS):]
            p = parent
            if tag == 'tasklist':
                line, col = map(int, c.get('sourcepos').split('-')[0]
                                .split(':'))
                m['tasks'].append((line, cp_col(lines, line, col),
                                   c.get('completed') == 'true', parent))
                p = len(m['tasks']) - 1
            elif tag == 'heading':
                line = int(c.get('sourcepos').split(':')[0])
                m['headings'].append((int(c.get('level')), line,
                                      flat(c)))
                continue
            elif tag == 'table':
                rows = []
                for r in c:
                    rows.append([flat(cell) for cell in r])
                m['tables'].append(rows)
                continue
            walk(c, p)
    walk(root, -1)
    return m


def gfm_models(datas):
    """Oracle models of many documents (bytes each)."""
    out = []
    for d in datas:
        r = subprocess.run(['cmark-gfm', '-e', 'tasklist', '-e', 'table',
                            '-t', 'xml', '--sourcepos'], input=d,
                           stdout=subprocess.PIPE, check=True)
        out.append(gfm_model(r.stdout, d))
    return out


def unq(s):
    """A JSON string from the tree dump."""
    import json
    return json.loads(s)


ITEM = re.compile(r'^item #(\d+) (\d+):(\d+) box=\d+ (open|done|na) '
                  r'depth=\d+ parent=(-?\d+) section=-?\d+( quoted)? (".*")$')
SECTION = re.compile(r'^section #\d+ h(\d) (\d+):\d+-\d+ .*? na=\d+ (".*")$')
TABLE = re.compile(r'^table #\d+ \S+ section=-?\d+ cols=(\d+) rows=(\d+) ')
CELL = re.compile(r'^cell (\d+)\.(\d+) \S+ (".*")$')


def tl_model(tree):
    """Our model from a `status --format tree` dump. N/A items are kept
    with state 'na'; quoted items are marked."""
    m = {'tasks': [], 'headings': [], 'tables': [], 'quoted': [],
         'na': []}
    idx = {}
    for ln in tree.splitlines():
        g = ITEM.match(ln)
        if g:
            i, line, col, st, par, q, _ = g.groups()
            m['tasks'].append((int(line), int(col), st == 'done',
                               int(par)))
            m['na'].append(st == 'na')
            m['quoted'].append(bool(q))
            continue
        g = SECTION.match(ln)
        if g:
            m['headings'].append((int(g.group(1)), int(g.group(2)),
                                  unq(g.group(3))))
            continue
        g = TABLE.match(ln)
        if g:
            cols, rows = int(g.group(1)), int(g.group(2))
            m['tables'].append([[None] * cols for _ in range(rows + 1)])
            continue
        g = CELL.match(ln)
        if g:
            m['tables'][-1][int(g.group(1))][int(g.group(2))] = \
                unq(g.group(3))
    return m


def tl_models(ticklist, datas, suffix='.md'):
    """Our models of many documents, one ticklist run over a directory."""
    out = []
    with tempfile.TemporaryDirectory() as d:
        names = []
        for i, data in enumerate(datas):
            n = os.path.join(d, '%06d%s' % (i, suffix))
            with open(n, 'wb') as f:
                f.write(data)
            names.append(n)
        for n in names:
            r = subprocess.run([ticklist, 'status', '--format', 'tree', n],
                               stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
            out.append(tl_model(r.stdout.decode('utf-8', 'replace')))
    return out
