#!/usr/bin/env python3
"""contrast.py: the WCAG contrast of every text colour pair of the report
stylesheet, in the light and the dark scheme. Reads the custom properties
of the :root rule and of the prefers-color-scheme:dark rule in
templates/style.css.mustache; prints "ok"/"not ok" lines, one a pair.
usage: contrast.py STYLE.CSS.MUSTACHE"""
import re
import sys

# Text colours and the backgrounds they are drawn on.
TEXT = ["fg", "muted", "done", "open", "na", "err", "warn", "info", "link"]
BACKS = ["bg", "card"]
MIN = 4.5


def props(block):
    return dict(re.findall(r"--([a-z0-9]+):(#[0-9a-fA-F]{3,6})", block))


def lum(hexc):
    h = hexc.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    out = []
    for i in (0, 2, 4):
        c = int(h[i:i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2]


def ratio(a, b):
    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def main():
    css = open(sys.argv[1], encoding="utf-8").read()
    light = re.search(r"^:root\{([^}]*)\}", css, re.M)
    dark = re.search(r"prefers-color-scheme:dark\)\{:root\{([^}]*)\}", css)
    if not light or not dark:
        print("not ok contrast/parse: no light or dark :root rule")
        return 1
    schemes = {"light": props(light.group(1))}
    schemes["dark"] = dict(schemes["light"], **props(dark.group(1)))
    bad = n = 0
    for name, p in schemes.items():
        for t in TEXT:
            for b in BACKS:
                if t not in p or b not in p:
                    print(f"not ok contrast/{name}-{t}-on-{b}: missing")
                    bad += 1
                    continue
                r = ratio(p[t], p[b])
                n += 1
                tag = "ok" if r >= MIN else "not ok"
                bad += r < MIN
                print(f"{tag} contrast/{name}-{t}-on-{b} # {r:.2f}:1")
        # The check mark of a done box: --bg on --done.
        r = ratio(p["bg"], p["done"])
        bad += r < MIN
        print(f"{'ok' if r >= MIN else 'not ok'} contrast/{name}-check-mark # {r:.2f}:1")
    return 1 if bad or n == 0 else 0


sys.exit(main())
