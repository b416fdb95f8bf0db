#!/usr/bin/env python3
"""pair.py: build a checklist copy of a template for template-drift tests.

pair.py same|edit TICKLIST TEMPLATE COPY

Writes COPY: TEMPLATE with "template: <its file name>" in front matter.
"same" leaves the items alone and expects no finding. "edit" deletes one
item, rewords another (a word inserted after its first) and adds a new
one after it, then prints the findings template-drift must give, in lint
text form (file names relative to COPY's directory), sorted by position.
Items are chosen where the source line after the box is exactly the
item's plain text, in a section of level 2 or more with a unique title.
"""
import json
import os
import subprocess
import sys


def oneline(s):
    """What check_emit keeps of a {match} or {label}: 80 bytes at most."""
    b = s.encode()
    if len(b) <= 80:
        return s
    k = 80
    while k > 0 and (b[k] & 0xC0) == 0x80:
        k -= 1
    return b[:k].decode() + "..."


def status(t, path):
    out = subprocess.run([t, "status", "--format", "json", path],
                         check=True, capture_output=True).stdout
    return json.loads(out)["checklists"][0]


def flat(secs, acc):
    for s in secs:
        acc.append(s)
        flat(s["sections"], acc)
    return acc


def main():
    mode, t, tpl, copy = sys.argv[1:5]
    name = os.path.basename(tpl)
    src = open(tpl, encoding="utf-8").read().split("\n")
    if src and src[0] == "---":
        out = [src[0], "template: " + name] + src[1:]
        shift = 1
    else:
        out = ["---", "template: " + name, "---"] + src
        shift = 3
    if mode == "same":
        open(copy, "w", encoding="utf-8").write("\n".join(out))
        return 0
    st = status(t, tpl)
    secs = flat(st["sections"], [])
    titles = [s["title"] for s in secs]
    texts = [x["text"] for x in st["tasks"]]
    cands = []
    for x in st["tasks"]:
        line = src[x["line"] - 1]
        box = line.find("] ")
        if box < 0 or line[box + 2:].rstrip() != x["text"]:
            continue
        if texts.count(x["text"]) != 1 or len(x["text"]) < 20:
            continue
        sec = [s for s in secs if s["title"] == x["section"]]
        if len(sec) != 1 or sec[0]["level"] < 2 or \
                titles.count(x["section"]) != 1:
            continue
        cands.append(x)
    if len(cands) < 2:
        print("too few candidate items in " + tpl, file=sys.stderr)
        return 1
    gone, moved = cands[0], cands[-1]
    if gone["section"] == moved["section"] and len(cands) > 2:
        others = [c for c in cands if c["section"] != gone["section"]]
        moved = others[-1] if others else cands[-1]
    want = []
    # Reword: a word after the first; add an item after it.
    i = moved["line"] - 1 + shift
    line = out[i]
    box = line.find("] ") + 2
    words = moved["text"].split(" ", 1)
    new = words[0] + " really" + (" " + words[1] if len(words) > 1 else "")
    out[i] = line[:box] + new
    added = "Ticklist drift probe: an item the template never had"
    out.insert(i + 1, line[:line.find("[")] + "[ ] " + added)
    # Delete.
    j = gone["line"] - 1 + shift
    del out[j]
    open(copy, "w", encoding="utf-8").write("\n".join(out))
    cst = status(t, copy)
    csecs = flat(cst["sections"], [])
    base = os.path.basename(copy)
    sec = [s for s in csecs if s["title"] == gone["section"]][0]
    ctasks = {x["text"]: x for x in cst["tasks"]}
    r, a = ctasks[new], ctasks[added]
    want.append((sec["line"], 1, "warning: template item (%s:%d) is "
                 "missing: '%s'" % (name, gone["line"],
                                    oneline(gone["text"]))))
    want.append((r["line"], r["column"], "warning: template item (%s:%d) "
                 "is reworded, now '%s'" % (name, moved["line"],
                                            oneline(new))))
    want.append((a["line"], a["column"], "info: item not in the template "
                 "(%s): '%s'" % (name, oneline(added))))
    for ln, col, msg in sorted(want):
        print("%s:%d:%d: %s [template-drift]" % (base, ln, col, msg))
    return 0


sys.exit(main())
