/* esc.h: every escaper in one place, chosen by output context. Nothing else
 * writes '<', '&' or '"' of data by hand. Any renderer may include it. */
#ifndef TICKLIST_ESC_H
#define TICKLIST_ESC_H

#include <stddef.h>

struct buf;

/* JSON string literal including the surrounding quotes; control characters
 * as \uXXXX, invalid UTF-8 bytes as U+FFFD. */
void	esc_json(struct buf *, const char *, size_t);
/* JSON string contents without the quotes (for templates). */
void	esc_json_inner(struct buf *, const char *, size_t);
/* The length of the start of s[0..n) that esc_json_inner copies
 * unchanged (ASCII from space on, but for '"' and '\\'). */
size_t	esc_json_plain(const char *, size_t);
/* HTML text and attribute values: & < > " ' escaped. */
void	esc_html(struct buf *, const char *, size_t);
/* The length of the start of s[0..n) that esc_html copies unchanged
 * (ASCII text without & < > " ' or controls other than tab, LF, CR). */
size_t	esc_html_plain(const char *, size_t);
/* XML 1.0 text/attributes: & < > " ' escaped; characters not allowed in
 * XML 1.0 (C0 controls but tab/LF/CR, U+FFFE/FFFF) become U+FFFD. */
void	esc_xml(struct buf *, const char *, size_t);
/* Markdown-safe text for tables and prose: backslash-escapes Markdown
 * punctuation, '|' included; newlines become spaces; '<' '>' '&' become
 * entities so no HTML passes. */
void	esc_md(struct buf *, const char *, size_t);
/* 1 if a link target is allowed in reports: http, https, mailto, or a
 * relative URL (no scheme); 0 for javascript:, data: and anything else. */
int	esc_url_allowed(const char *, size_t);
/* URL for an href attribute: percent-encodes what is unsafe, then HTML
 * attribute-escapes. Callers check esc_url_allowed first. */
void	esc_href(struct buf *, const char *, size_t);

/* XML attribute values (and text where CR must survive): as esc_xml, and
 * tab, LF and CR as character references so that attribute-value
 * normalisation keeps them. */
void	esc_xml_attr(struct buf *, const char *, size_t);
/* GitHub Actions workflow commands: the message (data) part escapes
 * '%' CR LF as %25 %0D %0A; a property value (file=, title=) also ':'
 * and ',' as %3A %2C. */
void	esc_gh_data(struct buf *, const char *, size_t);
void	esc_gh_prop(struct buf *, const char *, size_t);
/* A relative or absolute path as a URI reference (RFC 3986): bytes other
 * than unreserved characters, '/' and sub-delimiters safe in paths are
 * percent-encoded, so spaces, '%', '#', '?' and non-ASCII survive. */
void	esc_uri_path(struct buf *, const char *, size_t);
/* Text for a terminal or a CI log, one line: control characters (tab
 * excepted), C1 controls, bidirectional overrides and invalid UTF-8
 * become visible escapes (\n, \e, \x01, \u202e), so no escape sequence
 * reaches the terminal and no text starts a new line. */
void	esc_term(struct buf *, const char *, size_t);
/* 1 if a line starting with s (after whitespace) would be a GitHub
 * Actions workflow command ("::"). */
int	esc_term_cmd(const char *, size_t);
/* esc_term for text that may start a line: a leading "::" (after any
 * whitespace) has its first ':' written as \x3a. */
void	esc_term_start(struct buf *, const char *, size_t);

#endif
