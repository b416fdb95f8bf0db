"""gfm.py: the models that the differential tests compare.

gfm_models() runs the oracle, `cmark-gfm -e tasklist -e table -t xml
--sourcepos`, on many documents at once (one process per document would
cost more than the parse), and tl_models() runs `ticklist status --format
tree`; both return the same shape per document:

  tasks:    [(line, col, checked, parent)]  col in code points, parent is
            the index of the enclosing task or -1
  headings: [(level, line, text)]
  tables:   [[row cells...]...]              header row first
  table_lines: [line]                        (cmark-gfm only) where each
            table's block starts: its paragraph's first line
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
    m = {'tasks': [], 'headings': [], 'tables': [], 'table_lines': []}

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
                m['table_lines'].append(int(c.get('sourcepos')
                                            .split(':')[0]))
                continue
            walk(c, p)
    walk(root, -1)
    return m


_lib = None


def _cmark():
    """libcmark-gfm through ctypes (the cmark-gfm package's libraries):
    a parse in-process costs far less than a process per document. None
    when the libraries cannot be loaded."""
    global _lib
    if _lib is not None:
        return _lib or None
    _lib = False
    try:
        import ctypes
        import ctypes.util
        core = ctypes.CDLL('libcmark-gfm.so.0.29.0.gfm.6')
        ext = ctypes.CDLL('libcmark-gfm-extensions.so.0.29.0.gfm.6')
        libc = ctypes.CDLL(ctypes.util.find_library('c'))
    except OSError:
        return None
    vp = ctypes.c_void_p
    ext.cmark_gfm_core_extensions_ensure_registered.restype = None
    core.cmark_parser_new.restype = vp
    core.cmark_parser_new.argtypes = [ctypes.c_int]
    core.cmark_find_syntax_extension.restype = vp
    core.cmark_find_syntax_extension.argtypes = [ctypes.c_char_p]
    core.cmark_parser_attach_syntax_extension.argtypes = [vp, vp]
    core.cmark_parser_feed.argtypes = [vp, ctypes.c_char_p, ctypes.c_size_t]
    core.cmark_parser_finish.restype = vp
    core.cmark_parser_finish.argtypes = [vp]
    core.cmark_render_xml.restype = vp
    core.cmark_render_xml.argtypes = [vp, ctypes.c_int]
    core.cmark_node_free.argtypes = [vp]
    core.cmark_parser_free.argtypes = [vp]
    libc.free.argtypes = [vp]
    ext.cmark_gfm_core_extensions_ensure_registered()
    _lib = (core, libc, ctypes)
    return _lib


def gfm_xml(data):
    """cmark-gfm -e tasklist -e table -t xml --sourcepos of data."""
    lib = _cmark()
    if lib is None:
        return subprocess.run(['cmark-gfm', '-e', 'tasklist', '-e',
                               'table', '-t', 'xml', '--sourcepos'],
                              input=data, stdout=subprocess.PIPE,
                              check=True).stdout
    core, libc, ctypes = lib
    p = core.cmark_parser_new(2)    # CMARK_OPT_SOURCEPOS
    for e in (b'tasklist', b'table'):
        core.cmark_parser_attach_syntax_extension(
            p, core.cmark_find_syntax_extension(e))
    core.cmark_parser_feed(p, data, len(data))
    doc = core.cmark_parser_finish(p)
    x = core.cmark_render_xml(doc, 2)
    out = ctypes.string_at(x)
    libc.free(x)
    core.cmark_node_free(doc)
    core.cmark_parser_free(p)
    return out


def gfm_models(datas):
    """Oracle models of many documents (bytes each)."""
    return [gfm_model(gfm_xml(d), d) for d in datas]


def unq(s):
    """A JSON string from the tree dump."""
    import json
    return json.loads(s)


ITEM = re.compile(r'^item #(\d+) (\d+):(\d+) box=\d+ (open|done|na) '
                  r'depth=\d+ parent=(-?\d+) section=-?\d+( quoted)? (".*")$')
META = re.compile(r'^meta ')
SECTION = re.compile(r'^section #\d+ h(\d) (\d+):\d+-\d+ .*? na=\d+ (".*")$')
TABLE = re.compile(r'^table #\d+ \S+ section=-?\d+ cols=(\d+) rows=(\d+) ')
CELL = re.compile(r'^cell (\d+)\.(\d+) \S+ (".*")$')


def tl_model(tree):
    """Our model from a `status --format tree` dump. N/A items are kept
    with state 'na'; quoted items are marked."""
    m = {'tasks': [], 'headings': [], 'tables': [], 'quoted': [],
         'na': [], 'meta': False}
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
        if META.match(ln):
            m['meta'] = True
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
    """Our models of many documents: one ticklist run over all of them
    (tree dumps in argument order, each starting "checklist ")."""
    with tempfile.TemporaryDirectory() as d:
        names = []
        for i, data in enumerate(datas):
            n = os.path.join(d, '%06d%s' % (i, suffix))
            with open(n, 'wb') as f:
                f.write(data)
            names.append(n)
        trees = []
        for k in range(0, len(names), 500):
            r = subprocess.run([ticklist, 'status', '--format', 'tree'] +
                               names[k:k + 500], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
            cur = None
            for ln in r.stdout.decode('utf-8', 'replace').split('\n'):
                if ln.startswith('checklist '):
                    cur = []
                    trees.append(cur)
                if cur is not None:
                    cur.append(ln)
    assert len(trees) == len(datas), (len(trees), len(datas))
    return [tl_model('\n'.join(t)) for t in trees]
