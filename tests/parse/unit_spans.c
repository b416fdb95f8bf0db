/* unit_spans.c: the inline spans of task items (model.h) and the HTML the
 * report makes of them (report_item_html): the model holds text and
 * spans, never HTML; the page escapes the text, shows code, emphasis and
 * strong, and links only to http, https, mailto and relative URLs, their
 * URL escaped. Prints "ok NAME" lines for tests/suites/parse.sh. */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "model.h"
#include "report.h"

static int failed;

/* Parse md (one task item) and compare its text, its spans as
 * "kind:start-end/parent" words and its HTML with the expected ones. */
static void
expect(const char *name, const char *md, const char *text,
    const char *spans, const char *html)
{
	static const char *const kinds[SPAN__MAX] = {
		"code", "emph", "strong", "link"
	};
	struct checklist *cl = doc_parse("t.md", md, strlen(md));
	struct buf s = {0}, h = {0};
	int ok = cl->nitems == 1;

	if (ok) {
		const struct item *it = &cl->items[0];
		for (size_t k = 0; k < it->nspan; k++) {
			const struct span *sp = &cl->spans[it->span0 + k];
			buf_printf(&s, "%s%s:%zu-%zu/%d", k ? " " : "",
			    kinds[sp->kind], sp->start, sp->end,
			    sp->parent < 0 ? -1 : sp->parent - (int)it->span0);
		}
		report_item_html(&h, cl, it);
		ok = strcmp(it->text, text) == 0 &&
		    strcmp(buf_cstr(&s), spans) == 0 &&
		    strcmp(buf_cstr(&h), html) == 0;
		if (!ok)
			printf("# %s: text '%s' spans '%s' html '%s'\n", name,
			    it->text, buf_cstr(&s), buf_cstr(&h));
	}
	printf("%s spans/%s\n", ok ? "ok" : "not ok", name);
	failed += !ok;
	buf_free(&s);
	buf_free(&h);
	checklist_free(cl);
}

int
main(void)
{
	expect("plain", "- [ ] a & <b>\n", "a & <b>", "",
	    "a &amp; &lt;b&gt;");
	expect("code-emph-strong", "- [ ] run `make` *now* **all**\n",
	    "run make now all", "code:4-8/-1 emph:9-12/-1 strong:13-16/-1",
	    "run <code>make</code> <em>now</em> <strong>all</strong>");
	expect("nested", "- [x] **a *b `c`***\n", "a b c",
	    "strong:0-5/-1 emph:2-5/0 code:4-5/1",
	    "<strong>a <em>b <code>c</code></em></strong>");
	expect("link-escaped", "- [ ] [ok](https://e.com/?a=1&b=\"2\" 't')\n",
	    "ok", "link:0-2/-1",
	    "<a href=\"https://e.com/?a=1&amp;b=%222%22\">ok</a>");
	expect("link-kinds", "- [ ] [m](mailto:a@b.c) [r](docs/x.md) "
	    "<http://h/> [j](javascript:alert(1)) [d](data:text/html,x) "
	    "[v](vbscript:x)\n", "m r http://h/ j d v",
	    "link:0-1/-1 link:2-3/-1 link:4-13/-1 link:14-15/-1 "
	    "link:16-17/-1 link:18-19/-1",
	    "<a href=\"mailto:a@b.c\">m</a> <a href=\"docs/x.md\">r</a> "
	    "<a href=\"http://h/\">http://h/</a> j d v");
	expect("link-entity-scheme", "- [ ] [e](jav&#x61;script:x)\n", "e",
	    "link:0-1/-1", "e");
	expect("empty-spans", "- [ ] a [](u) *[](v)* b\n", "a   b",
	    "link:2-2/-1 emph:3-3/-1 link:3-3/1",
	    "a <a href=\"u\"></a> <em><a href=\"v\"></a></em> b");
	expect("image", "- [ ] ![alt *x* `y`](i.png) [![i](j.png)](k)\n",
	    "alt x y i", "link:8-9/-1",
	    "alt x y <a href=\"k\">i</a>");
	expect("raw-html", "- [ ] <b>x</b> **<i>y</i>**\n",
	    "<b>x</b> <i>y</i>", "strong:9-17/-1",
	    "&lt;b&gt;x&lt;/b&gt; <strong>&lt;i&gt;y&lt;/i&gt;</strong>");
	expect("box-link", "[x]: https://e.com\n\n- [x] done *now*\n",
	    "done now", "emph:5-8/-1", "done <em>now</em>");
	expect("two-lines", "- [ ] a *b\n  c* d\n", "a b c d",
	    "emph:2-5/-1", "a <em>b c</em> d");
	return failed ? 1 : 0;
}
