#!/usr/bin/env python3
"""crossview.py STATUS_JSON REPORT_DIR: every view shows the verdict's facts.

status --format json, report.json, each checklist's page, index.html,
summary.md and badge.svg must agree on percent, state and sign-off for
every checklist. Prints "ok crossview/NAME" or "not ok ..." lines; exits 1
on a failure or when there is nothing to compare."""
import html
import json
import os
import re
import sys


def ptext(p):
    """The one percent text: one decimal, ".0" dropped, "n/a" for null."""
    if p is None:
        return "n/a"
    t = "%.1f" % p
    return (t[:-2] if t.endswith(".0") else t) + "%"


def unmd(s):
    """Markdown text with its backslash escapes undone."""
    return re.sub(r"\\(.)", r"\1", s)


def main():
    status = json.load(open(sys.argv[1]))["checklists"]
    rdir = sys.argv[2]
    name = sys.argv[3] if len(sys.argv) > 3 else "views"
    report = json.load(open(os.path.join(rdir, "report.json")))
    summary = open(os.path.join(rdir, "summary.md"), encoding="utf-8").read()
    index = open(os.path.join(rdir, "index.html"), encoding="utf-8").read()
    badge = open(os.path.join(rdir, "badge.svg"), encoding="utf-8").read()
    bad = []
    by_file = {c["file"]: c for c in status}
    rcl = report["checklists"]
    if not rcl or len(rcl) != len(status):
        bad.append("report has %d checklists, status %d" %
                   (len(rcl), len(status)))
    for c in rcl:
        f = c["file"]
        s = by_file.get(f)
        if s is None:
            bad.append("%s: not in status" % f)
            continue
        for k in ("items", "checked", "na", "percent", "signoff"):
            if s.get(k) != c.get(k):
                bad.append("%s: %s is %r in status, %r in report.json" %
                           (f, k, s.get(k), c.get(k)))
        if c["percent"] is not None and c["percent"] >= 100.0 and \
                c["checked"] != c["items"]:
            bad.append("%s: 100%% with open items" % f)
        pt = ptext(c["percent"])
        page = open(os.path.join(rdir, c["page"]), encoding="utf-8").read()
        for what, needle in (("percent", pt),
                             ("state", "state-%s" % c["state"]),
                             ("sign-off", "signoff-%s" %
                              c["signoff"]["state"])):
            if needle not in page:
                bad.append("%s: page lacks %s %r" % (f, what, needle))
            if needle not in index:
                bad.append("%s: index lacks %s %r" % (f, what, needle))
        row = [l for l in summary.splitlines()
               if ("(%s)" % html.escape(f, quote=False)) in unmd(l)
               or ("(%s)" % f) in unmd(l)]
        if len(row) != 1:
            bad.append("%s: %d rows in summary.md" % (f, len(row)))
        else:
            r = row[0]
            if "| %s (%d/%d) |" % (pt, c["checked"], c["items"]) not in r \
                    and c["items"]:
                bad.append("%s: summary.md row %r lacks %s" % (f, r, pt))
            marks = ("✅ " if c["state"] == "complete" else "") + \
                ("⛔ " if c["state"] == "blocked" else "")
            u = unmd(r)
            if not any(u.startswith("| " + marks + t + " (") for t in
                       (c["title"], html.escape(c["title"], quote=False))):
                bad.append("%s: summary.md marks of %r disagree with %s"
                           % (f, r[:60], c["state"]))
    tot = report["summary"]
    spt = ptext(tot["percent"])
    if "checklist: %s" % spt not in badge:
        bad.append("badge lacks %s" % spt)
    if spt not in summary.splitlines()[0]:
        bad.append("summary.md heading lacks %s" % spt)
    for b in bad[:20]:
        print("# " + b)
    print("%sok crossview/%s (%d checklists)" % ("not " if bad else "",
                                                 name, len(rcl)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
