/* esc.c: HTML, XML, JSON, Markdown and URL escaping, the only place that
 * turns data into markup-safe text. */
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "esc.h"
#include "utf8.h"

void
esc_json_inner(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t len;

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (c >= 0x80) {
			len = utf8_valid_len(s + i, n - i);
			if (len) {
				i += len;
				continue;
			}
		}
		buf_put(b, s + run, i - run);
		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			if (c < 0x20)
				buf_printf(b, "\\u%04x", c);
			else
				buf_puts(b, "\\ufffd");
		}
		i++;
		run = i;
	}
	buf_put(b, s + run, i - run);
}

void
esc_json(struct buf *b, const char *s, size_t n)
{
	buf_putc(b, '"');
	esc_json_inner(b, s, n);
	buf_putc(b, '"');
}

static void
esc_markup(struct buf *b, const char *s, size_t n, int xml)
{
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		size_t len = 1;

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				rep = xml ? "\xef\xbf\xbd" : "\xef\xbf\xbd";
			else if (c >= 0x80) {
				len = utf8_valid_len(s + i, n - i);
				if (len == 0) {
					rep = "\xef\xbf\xbd";
					len = 1;
				} else if (xml && len == 3 &&
				    (unsigned char)s[i] == 0xef &&
				    (unsigned char)s[i + 1] == 0xbf &&
				    (unsigned char)s[i + 2] >= 0xbe)
					rep = "\xef\xbf\xbd";
			}
		}
		if (rep == NULL) {
			i += len;
			continue;
		}
		buf_put(b, s + run, i - run);
		buf_puts(b, rep);
		i += len;
		run = i;
	}
	buf_put(b, s + run, i - run);
}

void
esc_html(struct buf *b, const char *s, size_t n)
{
	esc_markup(b, s, n, 0);
}

void
esc_xml(struct buf *b, const char *s, size_t n)
{
	esc_markup(b, s, n, 1);
}

void
esc_md(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];
		switch (c) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		case '\r': break;
		case '\n': buf_putc(b, ' '); break;
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '|': case '#': case '!': case '~': case '{': case '}':
			buf_putc(b, '\\');
			buf_putc(b, c);
			break;
		default:
			buf_putc(b, c);
		}
	}
}

int
esc_url_allowed(const char *s, size_t n)
{
	size_t i;

	/* Skip leading whitespace and controls browsers ignore. */
	while (n && (unsigned char)*s <= 0x20) {
		s++;
		n--;
	}
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == ':')
			break;
		if (c == '/' || c == '?' || c == '#')
			return 1;	/* relative: no scheme before these */
	}
	if (i == n)
		return 1;
	return (i == 4 && strncasecmp(s, "http", 4) == 0) ||
	    (i == 5 && strncasecmp(s, "https", 5) == 0) ||
	    (i == 6 && strncasecmp(s, "mailto", 6) == 0);
}

void
esc_href(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf tmp = {0};
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\'' ||
		    c == '<' || c == '>' || c == '\\' || c == '`') {
			buf_putc(&tmp, '%');
			buf_putc(&tmp, hex[c >> 4]);
			buf_putc(&tmp, hex[c & 15]);
		} else
			buf_putc(&tmp, c);
	}
	esc_html(b, tmp.data ? tmp.data : "", tmp.len);
	buf_free(&tmp);
}

/* esc_xml between the whitespace characters, which become references. */
void
esc_xml_attr(struct buf *b, const char *s, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '\t': rep = "&#9;"; break;
		case '\n': rep = "&#10;"; break;
		case '\r': rep = "&#13;"; break;
		default: continue;
		}
		esc_xml(b, s + run, i - run);
		buf_puts(b, rep);
		run = i + 1;
	}
	esc_xml(b, s + run, n - run);
}

/* The workflow-command escaper; prop adds ':' and ','. Invalid UTF-8
 * becomes U+FFFD so the log line stays text. */
static void
esc_gh(struct buf *b, const char *s, size_t n, int prop)
{
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		size_t len = 1;

		if (c == '%')
			rep = "%25";
		else if (c == '\r')
			rep = "%0D";
		else if (c == '\n')
			rep = "%0A";
		else if (prop && c == ':')
			rep = "%3A";
		else if (prop && c == ',')
			rep = "%2C";
		else if (c >= 0x80 && (len = utf8_valid_len(s + i, n - i)) == 0) {
			rep = "\xef\xbf\xbd";
			len = 1;
		}
		if (rep == NULL) {
			i += len;
			continue;
		}
		buf_put(b, s + run, i - run);
		buf_puts(b, rep);
		i += len;
		run = i;
	}
	buf_put(b, s + run, i - run);
}

/* The message after "::". */
void
esc_gh_data(struct buf *b, const char *s, size_t n)
{
	esc_gh(b, s, n, 0);
}

/* A property value: file=, title=. */
void
esc_gh_prop(struct buf *b, const char *s, size_t n)
{
	esc_gh(b, s, n, 1);
}

/* Percent-encode all but unreserved characters, '/' and the
 * sub-delimiters a path may hold. */
void
esc_uri_path(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || (c != 0 &&
		    strchr("-._~/!$&'()*+,;=@", c) != NULL))
			buf_putc(b, c);
		else {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
}
