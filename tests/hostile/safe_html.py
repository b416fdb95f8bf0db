#!/usr/bin/env python3
"""safe_html.py: checks that HTML and SVG files hold nothing active:
no script, iframe, object, embed, base or form element, no on* event
attribute, no href/src/action with a scheme other than http, https or
mailto (data: only for images), and every HTML page carries a CSP with
default-src 'none' and no script source. Prints one line per problem;
exits 1 if there is any."""
import re
import sys
from html.parser import HTMLParser

BAD_TAGS = {"script", "iframe", "object", "embed", "base", "form",
            "frame", "frameset", "applet", "meta-refresh"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href",
             "poster", "background"}


class Checker(HTMLParser):
    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.problems = []
        self.csp = None

    def bad(self, what):
        self.problems.append("%s:%d: %s" % (self.name, self.getpos()[0],
                                            what))

    def handle_starttag(self, tag, attrs):
        if tag in BAD_TAGS:
            self.bad("<%s> element" % tag)
        for k, v in attrs:
            v = v or ""
            if k.startswith("on"):
                self.bad("event attribute %s=%r" % (k, v))
            if k in URL_ATTRS:
                u = re.sub(r"[\x00-\x20]", "", v).lower()
                m = re.match(r"([a-z][a-z0-9+.-]*):", u)
                if m and m.group(1) not in ("http", "https", "mailto") \
                        and not (m.group(1) == "data" and tag == "img"
                                 and u.startswith("data:image/")
                                 and not u.startswith("data:image/svg")):
                    self.bad("%s=%r" % (k, v))
            if k == "style" and re.search(r"url\s*\(|expression",
                                          v, re.I):
                self.bad("style=%r" % v)
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() \
                == "content-security-policy":
            self.csp = dict(attrs).get("content", "")
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() \
                == "refresh":
            self.bad("meta refresh")


def main():
    problems = []
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        c = Checker(path)
        c.feed(text)
        c.close()
        problems += c.problems
        if path.endswith(".html"):
            csp = c.csp or ""
            if "default-src 'none'" not in csp or "script-src" in csp \
                    or "unsafe-eval" in csp:
                problems.append("%s: CSP not strict: %r" % (path, csp))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
