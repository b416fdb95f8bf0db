"""gen.py: random checklist documents for the differential test.

gen(seed) builds one document from the constructs where ticklist and
GitHub's parser could part: task items with every kind of box, nesting
with 2/3/4 spaces and tabs, ordered lists with '.' and ')', lazy lines,
boxes GitHub shows as text, fenced and indented code, HTML blocks and
comments, ATX and setext headings (with '#' inside code), tables (and
what follows them), block quotes, link reference definitions, non-ASCII
and double-encoded text, and at the document level CRLF or CR line
endings, a BOM and front matter. The same seed gives the same document.
"""
import random

WORDS = ['deploy', 'check', 'rotate', 'keys', 'backup', 'verify', 'DNS',
         'café', 'naïve', 'Ünïcödé', '日本語', 'emoji 🚀', 'cafÃ©',
         'â€”dash', 'Ops', 'QA', 'x', '[x]', '[X] button', '#tag', '1.',
         'a|b', 'v2.0', '*', '_under_', '<b>bold</b>', '`code`',
         '**strong**', '[link](https://example.com)', '&amp;', '\\|']
BOXES = ['[ ] '] * 6 + ['[x] '] * 4 + ['[X] ', '[-] ', '[~] ', '[ ]',
         '[x]', '[ ] ', '[\t] ', '[] ', '[ x] ', '[x]text ', '',
         '[ ]\t', '[ ]  ']
BULLETS = ['-', '-', '-', '*', '+', '1.', '2)', '9.', '10.', '1)']


def words(r, lo=1, hi=5):
    return ' '.join(r.choice(WORDS) for _ in range(r.randint(lo, hi)))


def title(r):
    t = words(r, 1, 4)
    if r.random() < 0.2:
        t += ' <b>now</b>'
    if r.random() < 0.1:
        t += ' `code #x`'
    return t


def item_lines(r, indent, depth):
    """A list item (and maybe children) at column indent."""
    out = []
    marker = r.choice(BULLETS)
    gap = ' ' if r.random() < 0.9 else r.choice(['  ', '\t'])
    box = r.choice(BOXES)
    text = words(r) if box.strip() or r.random() < 0.7 else ''
    if box in ('[ ] ', '[x] ') and r.random() < 0.15:
        text = ''           # a box with nothing but a blank after it
    lead = ' ' * indent
    special = r.random()
    if special < 0.03:
        out.append(lead + marker)
        out.append(lead + ' ' * (len(marker) + 1) + box + text)
        return out
    if special < 0.06:
        out.append(lead + marker + ' ' + r.choice(BULLETS) + ' ' + box +
                   text)
        return out
    content = indent + len(marker) + (1 if gap != '  ' else 2)
    if gap == '\t':
        content = (indent + len(marker)) // 4 * 4 + 4
    sub = ' ' * content
    if special < 0.09 and gap != '\t':
        # A table whose header is the item's text (after its box).
        rows = table(r)
        out.append(lead + marker + gap + box + rows[0])
        out.extend(sub + row for row in rows[1:])
        return out
    out.append(lead + marker + gap + box + text)
    k = r.random()
    if k < 0.08:
        out.append(words(r))                    # lazy line
    elif k < 0.12:
        out.append(sub + '---')                 # setext or rule
    elif k < 0.15:
        out.append(sub + words(r))              # continuation
    elif k < 0.17:
        out.append('')
        out.append(sub + words(r))
    if depth < 3 and r.random() < 0.35:
        step = r.choice([2, 3, 4, 'tab'])
        for _ in range(r.randint(1, 3)):
            if r.random() < 0.15:
                out.append('')
            if step == 'tab':
                kid = item_lines(r, 0, depth + 1)
                kid = ['\t' * (depth + 1) + ln if ln else ln
                       for ln in kid]
            else:
                kid = item_lines(r, indent + (step if r.random() < 0.5
                                              else content - indent),
                                 depth + 1)
            out.extend(kid)
    return out


def table(r):
    ncols = r.randint(1, 4)
    pipe = r.random() < 0.8
    def row(cells):
        s = ' | '.join(cells)
        return '| ' + s + ' |' if pipe else s
    hdr = [words(r, 1, 2).replace('|', '\\|') for _ in range(ncols)]
    delim = [r.choice(['---', ':--', '--:', ':-:', '-']) for _ in
             range(ncols + (1 if r.random() < 0.1 else 0))]
    lines = [row(hdr), row(delim)]
    for _ in range(r.randint(0, 4)):
        n = max(1, ncols + r.randint(-1, 1))
        lines.append(row([r.choice(['', words(r, 1, 2), '`a|b`', '\\|',
                                    '**x**', '<br>'])
                          for _ in range(n)]))
    after = r.random()
    if after < 0.15:
        lines.append('---')
    elif after < 0.25:
        lines.append('2. [ ] ' + words(r))
    elif after < 0.3:
        lines.append('- ' + words(r))
    elif after < 0.35:
        lines.append(words(r))
    elif after < 0.4:
        lines.append('===')
    if r.random() < 0.2:
        lines.insert(0, words(r))
    return lines


def block(r, depth=0):
    k = r.random()
    if k < 0.35:
        out = []
        for _ in range(r.randint(1, 5)):
            out.extend(item_lines(r, r.choice([0, 0, 0, 1, 2]), 0))
        return out
    if k < 0.45:
        return ['#' * r.randint(1, 6) + ' ' + title(r) +
                (' ##' if r.random() < 0.2 else '')]
    if k < 0.5:
        return [title(r), r.choice(['===', '---', '- - -'])]
    if k < 0.55:
        f = r.choice(['```', '~~~', '````'])
        return [f + r.choice(['', 'sh']), '# not a heading', '- [ ] not a task',
                f if r.random() < 0.9 else '']
    if k < 0.58:
        return ['    # indented code', '    - [ ] not a task']
    if k < 0.62:
        return [r.choice(['<div>', '<details>', '<!--', '<b>', '<p>']),
                '- [ ] inside html', r.choice(['</div>', '-->', '', '</b>'])]
    if k < 0.7:
        return table(r)
    if k < 0.75:
        q = item_lines(r, 0, 0) if r.random() < 0.7 else [words(r)]
        return ['> ' + ln for ln in q] + ([words(r)] if r.random() < 0.2
                                           else [])
    if k < 0.78:
        return ['[x]: https://example.com']
    return [words(r, 3, 12)]


def gen(seed):
    """One document (bytes) and the features it uses."""
    r = random.Random(seed)
    lines = []
    feats = set()
    if r.random() < 0.1:
        lines += ['---', 'title: ' + words(r), 'owner: ops', '---']
        feats.add('frontmatter')
    for _ in range(r.randint(1, 12)):
        lines += block(r)
        if r.random() < 0.7:
            lines.append('')
    eol = r.choice(['\n'] * 8 + ['\r\n', '\r'])
    text = eol.join(lines) + (eol if r.random() < 0.9 else '')
    data = text.encode('utf-8')
    if r.random() < 0.05:
        data = b'\xef\xbb\xbf' + data
        feats.add('bom')
    return data, feats


def gen_tables(seed):
    """A short document (bytes) dense in what decides where a table starts
    and ends: tables at every indentation (with text or an item above the
    header), items that cannot interrupt a paragraph ("2.", empty ones),
    blank lines, lines that may be lazy, setext underlines, rules, HTML
    tags and link reference definitions. The same seed, the same
    document."""
    r = random.Random(seed)
    lines = []
    for _ in range(r.randint(2, 8)):
        ind = ' ' * r.choice([0, 0, 1, 2, 3, 4, 5])
        k = r.random()
        if k < 0.3:
            if r.random() < 0.3:
                lines.append(ind + r.choice(['text', '- [ ] t', '2. [x] t',
                                             '[x]: u']))
            n = r.randint(1, 3)
            lines.append(ind + '| ' + ' | '.join('h%d' % i for i in
                                                 range(n)) + ' |')
            lines.append(ind + '|' + '|'.join('---' for _ in range(n)) +
                         '|')
            for _ in range(r.randint(0, 2)):
                lines.append(ind + '| ' + ' | '.join('c' for _ in
                                                     range(n)) + ' |')
        elif k < 0.5:
            lines.append(ind + r.choice(['2. ', '- ', '1) ', '* ', '9. ']) +
                         r.choice(['[ ] a', '[x] b', 'c', '', '|x|']))
        elif k < 0.6:
            lines.append('')
        elif k < 0.7:
            lines.append(ind + r.choice(['---', '-', '===', '--', '- - -']))
        elif k < 0.8:
            lines.append(ind + r.choice(['<br>', '<div>', '<b>',
                                         '<!-- c -->', '```', '> q']))
        else:
            lines.append(ind + r.choice(['lazy', 'more text', 'a|b', '-|-',
                                         '[x]: u']))
    return ('\n'.join(lines) + '\n').encode('utf-8')

