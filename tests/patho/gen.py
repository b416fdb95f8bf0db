#!/usr/bin/env python3
"""gen.py: writes the pathological checklists into the directory given as
the only argument, one file per case, NAME.md. tests/suites/patho.sh runs
ticklist on each. Sizes are fixed (bounded: about 60 MB in all, the
largest file 8 MB) so every run tests the same thing."""
import os
import sys


def cases():
    """Yield (name, bytes) for every case."""
    n = 10000
    # Depth: list items nested by markers on one line, by indentation,
    # in blockquotes, and both; ordered lists too.
    yield "nested-lists", b"# Deep\n\n" + b"- " * n + b"[ ] deep\n"
    yield "nested-ordered", b"# Deep\n\n" + b"1. " * n + b"[x] deep\n"
    yield "nested-tasks", b"".join(
        b"  " * i + b"- [ ] level %d\n" % i for i in range(1000))
    yield "nested-quotes", b"# Q\n\n" + b">" * n + b" - [ ] quoted\n"
    yield "nested-quote-lists", b"> - " * n + b"[ ] x\n"
    yield "nested-quote-lines", b"".join(
        b">" * i + b" - [ ] q\n" for i in range(2000))
    # Breadth.
    yield "items-200k", b"# One\n\n## Section\n\n" + b"".join(
        b"- [%s] item %d\n" % (b"x" if i % 3 else b" ", i)
        for i in range(200000))
    yield "headings-50k", b"# Top\n\n" + b"".join(
        b"## Heading %d\n\n- [ ] t\n\n" % i for i in range(50000))
    yield "headings-50k-bare", b"".join(
        b"###### h%d\n" % i for i in range(50000))
    # Siblings: a quadratic append would take minutes here.
    yield "headings-200k-siblings", b"# Top\n" + b"## h\n" * 200000
    yield "headings-mixed", b"".join(
        b"%s h\n- [x] a\n" % (b"#" * (1 + i % 6)) for i in range(50000))
    yield "fields-200k", b"# F\n\n" + b"".join(
        b"**Owner %d:** ____\n\n" % i for i in range(100000))
    # Long lines.
    yield "line-8mb", b"# Long\n\n- [ ] " + b"word " * ((8 << 20) // 5) + b"\n"
    yield "line-8mb-nospace", b"- [ ] " + b"x" * (8 << 20) + b"\n"
    # Fields along one line: quadratic column counting hung on these.
    yield "line-fields", b"- [ ] " + b"Name: ___ " * 400000 + b"\n"
    yield "line-strong-fields", b"**A:** ___ " * 300000 + b"\n"
    # One field whose value runs on for 1.9 MB, with a placeholder every
    # 19 bytes: judging the field blank once per finding was quadratic.
    yield "line-field-placeholders", b"- [ ] " + \
        b'**A:** TBD "x" `c` ' * 100000 + b"\n"
    yield "line-utf8", b"- [ ] " + "é✓部署🚀".encode() * 500000 + b"\n"
    yield "line-badboxes", b"[ ] " * 1000000 + b"\n"
    # Storms.
    yield "brackets-open", b"- [ ] " + b"[" * 500000 + b"\n"
    yield "brackets-pairs", b"- [ ] " + b"[" * 200000 + b"]" * 200000 + b"\n"
    yield "links-storm", b"[a](" * 200000 + b"\n"
    yield "images-storm", b"![[" * 200000 + b"\n"
    yield "emphasis-stars", b"- [ ] " + b"*" * 500000 + b"a\n"
    yield "emphasis-mixed", b"*a **a _a __a " * 100000 + b"\n"
    yield "emphasis-close", b"a**" * 200000 + b"\n"
    # One paragraph of 400,000 lines with a strong span each.
    yield "strong-lines", b"".join(
        b"**s%d** - ____\n" % i for i in range(400000))
    yield "backticks", b"`" * 100000 + b"a" + b"``" * 50000 + b"\n"
    yield "html-comments", b"<!--\n" + b"<!-- ticklist-disable x -->\n" * 100000
    # One HTML block of 100,000 directive comments.
    yield "html-block-comments", b"<div>\n" + \
        b"<!-- ticklist-disable x -->\n" * 100000
    yield "html-inline-comments", b"- [ ] x " + \
        b"<!-- ticklist-disable r --> " * 100000 + b"\n"
    yield "entities", b"- [ ] " + b"&amp;&#x1F680;&bogus;" * 200000 + b"\n"
    yield "tables", b"| a | b |\n|---|---|\n" + b"| - [ ] x | y |\n" * 100000
    yield "code-fence-unclosed", b"```\n" + b"- [ ] not a task\n" * 200000
    yield "invalid-utf8", b"- [ ] " + b"\xff\xfe\xc3" * 1000000 + b"\n"
    yield "invalid-utf8-runs", b"- [ ] " + b"a\xff" * 1000000 + b"\n"
    yield "invalid-utf8-lines", b"".join(
        b"- [ ] \xff %d\n" % i for i in range(200000))
    yield "crlf-items", b"".join(b"- [ ] a%d\r\n" % i for i in range(200000))
    yield "cr-only", b"".join(b"- [ ] a%d\r" % i for i in range(200000))
    # 200,000 identical items: the duplicate-item check must stay linear
    # (it hashes item texts; a walk over equal keys was quadratic).
    yield "items-same-200k", b"# S\n\n" + b"- [ ] same\n" * 200000
    # Odd files.
    yield "empty", b""
    yield "binary", b"# Bin\n\n- [ ] a\0b\n" + bytes(range(256)) * 1000
    yield "newlines", b"\n" * 1000000
    yield "bom-only", b"\xef\xbb\xbf"
    yield "only-front-matter", b"---\ntitle: Only\nowner: me\n---\n"
    yield "front-matter-unterminated", b"---\ntitle: x\n" + b"k: v\n" * 100000
    yield "front-matter-deep", b"---\na: " + b"[" * 10000 + b"]" * 10000 + \
        b"\n---\n- [ ] x\n"
    yield "front-matter-deep-map", b"---\na: " + b"{b: " * 5000 + \
        b"c" + b"}" * 5000 + b"\n---\n- [ ] x\n"
    # Aliases: a billion laughs if flattened naively.
    laughs = [b"---", b"l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        laughs.append(b"l%d: &l%d [%s]" % (i, i, b", ".join(
            [b"*l%d" % (i - 1)] * 10)))
    yield "front-matter-laughs", b"\n".join(laughs) + b"\n---\n- [ ] x\n"

    yield "front-matter-many-keys", b"---\n" + b"".join(
        b"k%d: v\n" % i for i in range(100000)) + b"---\n"


def main():
    out = sys.argv[1]
    for name, data in cases():
        with open(os.path.join(out, name + ".md"), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
