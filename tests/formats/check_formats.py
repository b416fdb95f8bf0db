#!/usr/bin/env python3
"""check_formats.py: checks one lint output format against the JSON
findings of the same run, and against its schema where one exists.

usage: check_formats.py same JSON FORMAT FILE
       check_formats.py sarif-schema SCHEMA FILE
       check_formats.py fingerprints FORMAT FILE_A FILE_B

"same": every format must carry exactly the findings of --format json,
nothing more or less: each is reduced to (path, line, col, severity, rule,
message) tuples (plus the end where the format has one) and compared.
"fingerprints": FILE_B renders the findings of FILE_A moved down some
lines; the fingerprints must be the same and unique, the lines not.
Exit status 0 when the check holds, 1 with the differences on stderr."""
import json
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

CWD = os.getcwd()


def relpath(p):
    """The path as the CI formats print it (out_relpath in src/5-render/out.c)."""
    while p.startswith('./'):
        p = p[2:].lstrip('/')
    if p.startswith(CWD + '/') and len(p) > len(CWD) + 1:
        p = p[len(CWD) + 1:]
    return p


def xmlsafe(s):
    """What esc_xml does to characters XML 1.0 cannot carry."""
    return re.sub('[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]', '\ufffd', s)


def from_json(d, xml=False, end=True):
    out = []
    for f in d['findings']:
        t = (relpath(f['file']), f['line'], f['column'], f['severity'],
             f['rule'], xmlsafe(f['message']) if xml else f['message'])
        if end:
            t += (f['end_line'], f['end_column'])
        out.append(t)
    return out


def from_sarif(text):
    d = json.loads(text)
    run = d['runs'][0]
    rules = run['tool']['driver']['rules']
    ids = [r['id'] for r in rules]
    assert len(ids) == len(set(ids)), 'duplicate rule ids'
    level = {'error': 'error', 'warning': 'warning', 'note': 'info'}
    arts = [a['location'] for a in run['artifacts']]
    for a in arts:
        assert 'index' not in a
    out, fps = [], []
    for r in run['results']:
        assert ids[r['ruleIndex']] == r['ruleId'], 'ruleIndex mismatch'
        loc = r['locations'][0]['physicalLocation']
        al = dict(loc['artifactLocation'])
        assert arts[al.pop('index')] == al, 'artifact index mismatch'
        uri = loc['artifactLocation']['uri']
        if uri.startswith('file://'):
            uri = uri[len('file://'):]
            assert 'uriBaseId' not in loc['artifactLocation']
        else:
            assert loc['artifactLocation']['uriBaseId'] == '%SRCROOT%'
        assert not re.search(r'[^A-Za-z0-9\-._~/!$&\'()*+,;=@%:]', uri), uri
        reg = loc['region']
        out.append((urllib.parse.unquote(uri, errors='strict'),
                    reg['startLine'], reg['startColumn'],
                    level[r['level']], r['ruleId'], r['message']['text'],
                    reg['endLine'], reg['endColumn'] - 1))
        fps.append(r['partialFingerprints']['ticklist/v1'])
    return out, fps


def from_gitlab(text):
    d = json.loads(text)
    sev = {'major': 'error', 'minor': 'warning', 'info': 'info'}
    out, fps = [], []
    for i in d:
        assert set(i) >= {'description', 'check_name', 'fingerprint',
                          'severity', 'location'}, i
        out.append((i['location']['path'], i['location']['lines']['begin'],
                    None, sev[i['severity']], i['check_name'],
                    i['description']))
        fps.append(i['fingerprint'])
    return out, fps


def gh_unescape(s, prop):
    s = s.replace('%0D', '\r').replace('%0A', '\n')
    if prop:
        s = s.replace('%3A', ':').replace('%2C', ',')
    return s.replace('%25', '%')


def from_github(text):
    kind = {'error': 'error', 'warning': 'warning', 'notice': 'info'}
    out = []
    for line in text.split('\n')[:-1]:
        m = re.fullmatch(r'::(error|warning|notice) ([^:]*)::(.*)', line)
        assert m, 'not a workflow command: %r' % line
        props = {}
        for p in m.group(2).split(','):
            k, v = p.split('=', 1)
            props[k] = gh_unescape(v, True)
        out.append((props['file'], int(props['line']), int(props['col']),
                    kind[m.group(1)], props['title'],
                    gh_unescape(m.group(3), False),
                    int(props['endLine']), int(props['endColumn'])))
    return out


def from_junit(text):
    root = ET.fromstring(text.encode('utf-8'))
    assert root.tag == 'testsuites'
    out = []
    for n, ts in enumerate(root.findall('testsuite')):
        assert int(ts.get('id')) == n
        cases = ts.findall('testcase')
        fails = [c for c in cases if c.find('failure') is not None]
        assert int(ts.get('tests')) == len(cases)
        assert int(ts.get('failures')) == len(fails)
        if not fails:
            assert len(cases) == 1, 'a clean file has one passing case'
        for c in fails:
            f = c.find('failure')
            rule, pos = c.get('name').rsplit(' ', 1)
            line, col = map(int, pos.split(':'))
            m = re.match(r'.*?:(\d+):(\d+): (error|warning|info): ',
                         f.text, re.S)
            assert f.get('type') == rule and m, c.get('name')
            assert (int(m.group(1)), int(m.group(2))) == (line, col)
            out.append((ts.get('name'), line, col, m.group(3), rule,
                        f.get('message')))
    return out


def fail(msg, want, got):
    sys.stderr.write('%s\n' % msg)
    for w, g in zip(want, got):
        if w != g:
            sys.stderr.write('  want %r\n  got  %r\n' % (w, g))
            break
    sys.stderr.write('  (%d findings wanted, %d got)\n' %
                     (len(want), len(got)))
    sys.exit(1)


def same(jsonfile, fmt, path):
    d = json.load(open(jsonfile, encoding='utf-8'))
    text = open(path, encoding='utf-8').read()
    fps = None
    if fmt == 'sarif':
        want, (got, fps) = from_json(d), from_sarif(text)
    elif fmt == 'gitlab':
        want = [t[:2] + (None,) + t[3:] for t in from_json(d, end=False)]
        got, fps = from_gitlab(text)
    elif fmt == 'github':
        want, got = from_json(d), from_github(text)
    elif fmt == 'junit':
        want, got = from_json(d, xml=True, end=False), from_junit(text)
    else:
        sys.exit('unknown format ' + fmt)
    # The path in the JSON is as given; the CI formats relativise it.
    want = [(relpath(t[0]),) + t[1:] for t in want]
    if want != got:
        fail('%s: findings differ from --format json' % fmt, want, got)
    if fps is not None and len(set(fps)) != len(fps):
        fail('%s: fingerprints not unique' % fmt, [], fps)


def fingerprints(fmt, a, b):
    ta, tb = open(a).read(), open(b).read()
    parse = from_sarif if fmt == 'sarif' else from_gitlab
    (fa, pa), (fb, pb) = parse(ta), parse(tb)
    if pa != pb:
        fail('%s: fingerprints moved with the lines' % fmt, pa, pb)
    if [t[1] for t in fa] == [t[1] for t in fb]:
        sys.exit('%s: the lines did not move; nothing tested' % fmt)
    if len(set(pa)) != len(pa):
        sys.exit('%s: fingerprints not unique' % fmt)


def sarif_schema(schema, path):
    import jsonschema
    s = json.load(open(schema))
    v = jsonschema.Draft4Validator(
        s, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errs = list(v.iter_errors(json.load(open(path, encoding='utf-8'))))
    for e in errs[:5]:
        sys.stderr.write('%s: %s at %s\n' % (path, e.message, list(e.path)))
    sys.exit(1 if errs else 0)


if __name__ == '__main__':
    try:
        if sys.argv[1] == 'same':
            same(*sys.argv[2:5])
        elif sys.argv[1] == 'fingerprints':
            fingerprints(*sys.argv[2:5])
        elif sys.argv[1] == 'sarif-schema':
            sarif_schema(*sys.argv[2:4])
        else:
            sys.exit(__doc__)
    except (AssertionError, ValueError, KeyError, IndexError) as e:
        sys.exit('%s: %s: %r' % (sys.argv[1], sys.argv[-1], e))
