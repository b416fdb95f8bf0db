"""reduce.py: shrink a document on which ticklist and cmark-gfm disagree
(as diff.py decides, documented differences taken out) to a small one
that still disagrees the same way (the same list differs, with an entry
missing on the same side): drops lines, then single characters, while
it does. Prints the result and the difference.

usage: reduce.py TICKLIST FILE
"""
import re
import sys

import diff
import gfm


def disagrees(tl, data):
    try:
        data.decode('utf-8')
    except UnicodeDecodeError:
        return None
    g = gfm.gfm_models([data])[0]
    t = gfm.tl_models(tl, [data])[0]
    counts = dict.fromkeys(['quoted', 'na', 'frontmatter', 'bom', 'state'],
                           0)
    g, t = diff.normalise(data, g, t, counts)
    if g is None:
        return None
    return diff.first_diff(g, t)


def kind(why):
    """What kind of disagreement first_diff's text names."""
    if why is None:
        return None
    what, rest = why.split('[', 1)[0], why.split(': ', 1)[1]
    return (what, rest.startswith('cmark-gfm None'),
            rest.endswith('ticklist None'))


def shrink(tl, parts, join, want):
    """Drop chunks of parts (halving the chunk size) while it disagrees."""
    n = max(1, len(parts) // 2)
    while True:
        i = 0
        changed = False
        while i < len(parts):
            cand = parts[:i] + parts[i + n:]
            if cand and kind(disagrees(tl, join(cand))) == want:
                parts = cand
                changed = True
            else:
                i += n
        if n == 1 and not changed:
            return parts
        n = max(1, n // 2) if not changed or n > 1 else 1


def main():
    tl, path = sys.argv[1], sys.argv[2]
    data = open(path, 'rb').read()
    want = kind(disagrees(tl, data))
    if want is None:
        print('no disagreement')
        return 1
    # Lines with their endings (LF, CRLF or CR), so that a document with
    # CR line endings shrinks a line at a time too.
    lines = re.findall(rb'[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$', data)
    lines = shrink(tl, lines, lambda p: b''.join(p), want)
    data = b''.join(lines)
    chars = [data[i:i + 1] for i in range(len(data))]
    chars = shrink(tl, chars, lambda p: b''.join(p), want)
    data = b''.join(chars)
    sys.stdout.write(repr(data) + '\n' + str(disagrees(tl, data)) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
