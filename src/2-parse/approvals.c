/* approvals.c: the sign-off entries of a checklist (see approvals.h), the
 * after-release count, and the value judgements the sign-off and gate
 * checks share. Keyword tables, no regexes: this runs on every file. */
#include <ctype.h>
#include <stdint.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "approvals.h"
#include "ascii.h"
#include "model.h"
#include "when.h"
#include "xalloc.h"

/* ---- keywords ---- */

static int
ap_alnum(unsigned char c)
{
	return ascii_alnum(c);
}

/* Does keyword k occur in s? ASCII letters compare without case. A
 * keyword starting with an ASCII letter matches only at a word start; one
 * ending in '=' (dropped) only at a word end too. */
static int
ap_kw(const char *s, const char *k)
{
	size_t n = strlen(k), i, j;
	int end = n > 0 && k[n - 1] == '=';
	int start = ap_alnum((unsigned char)k[0]);
	char set[3] = { k[0], 0, 0 };
	const char *p;

	if (end)
		n--;
	if (n == 0) {
		for (i = 0; s[i] != '\0'; i++)
			if (!end || !ap_alnum((unsigned char)s[i]))
				return 1;
		return 0;
	}
	/* Candidates are where the first byte matches (either case): the
	 * C library finds them faster than a byte loop. */
	if (k[0] >= 'a' && k[0] <= 'z')
		set[1] = (char)(k[0] - 32);
	else if (k[0] >= 'A' && k[0] <= 'Z')
		set[1] = (char)(k[0] + 32);
	for (p = s; (p = set[1] ? strpbrk(p, set) : strchr(p, k[0])) != NULL;
	    p++) {
		if (start && p > s && ap_alnum((unsigned char)p[-1]))
			continue;
		for (j = 1; j < n && p[j] != '\0' &&
		    ascii_lower((unsigned char)p[j]) == ascii_lower((unsigned char)k[j]);
		    j++)
			;
		if (j < n)
			continue;
		if (end && ap_alnum((unsigned char)p[n]))
			continue;
		return 1;
	}
	return 0;
}

/* Does keyword k (n bytes) occur at p in s (ap_kw's rules, at one
 * place)? */
static int
ap_kw_at(const char *s, const char *p, const char *k, size_t n)
{
	size_t j;
	int end = n > 0 && k[n - 1] == '=';

	n -= end;
	if (ap_alnum((unsigned char)k[0]) && p > s &&
	    ap_alnum((unsigned char)p[-1]))
		return 0;
	for (j = 1; j < n; j++)
		if (p[j] == '\0' || ascii_lower((unsigned char)p[j]) !=
		    ascii_lower((unsigned char)k[j]))
			return 0;
	return !(end && ap_alnum((unsigned char)p[n]));
}

/*
 * A keyword list indexed by first byte (ASCII letters folded): for each
 * byte, its first keyword and a chain through the rest. These lists run
 * on every title, label, cell and item of every file, most of them long
 * (a hundred keywords in a dozen languages), so each byte of the text
 * looks only at the keywords that can start there. Each thread indexes a
 * list the first time it sees it.
 */
#define AP_SLOTS	32
#define AP_WORDS	255

struct ap_index {
	const char *const	*list;
	int			 ok;	/* 0: search the list whole */
	unsigned char		 head[256];	/* keyword + 1, or 0 */
	unsigned char		 next[AP_WORDS];
	unsigned char		 len[AP_WORDS];
	/* The first two bytes of each keyword (folded), hashed to a bit:
	 * most places of a text start no keyword's pair, and one test a
	 * byte whose branch is seldom taken skips them. */
	unsigned char		 pair[512];
};

/* The bit of the folded byte pair a, b in pair[]. */
#define AP_PAIR(a, b)	((((unsigned)(a) << 4) ^ (unsigned)(b)) & 4095u)

static _Thread_local struct ap_index ap_idx[AP_SLOTS];

/* The index of list, made on first use; NULL when it cannot have one. */
static const struct ap_index *
ap_index(const char *const *list)
{
	struct ap_index *x;
	size_t i, n;

	for (i = 0; i < AP_SLOTS && ap_idx[i].list != NULL; i++)
		if (ap_idx[i].list == list)
			return ap_idx[i].ok ? &ap_idx[i] : NULL;
	if (i == AP_SLOTS)
		return NULL;
	x = &ap_idx[i];
	x->list = list;
	for (n = 0; list[n] != NULL; n++)
		if (list[n][0] == '\0' || list[n][0] == '=' ||
		    list[n][1] == '\0' || list[n][1] == '=' || n == AP_WORDS ||
		    strlen(list[n]) > 255)
			return NULL;	/* no pair of bytes; too long */
	while (n-- > 0) {
		unsigned c = (unsigned)ascii_lower((unsigned char)list[n][0]);

		unsigned h = AP_PAIR(c, ascii_lower((unsigned char)list[n][1]));

		x->next[n] = x->head[c];
		x->head[c] = (unsigned char)(n + 1);
		x->len[n] = (unsigned char)strlen(list[n]);
		x->pair[h >> 3] |= (unsigned char)(1u << (h & 7));
	}
	x->ok = 1;
	return x;
}

/* Does any keyword of the NULL-terminated list occur in s? */
static int
ap_any(const char *s, const char *const *list)
{
	const struct ap_index *x;

	if (s == NULL)
		return 0;
	if ((x = ap_index(list)) == NULL) {
		for (; *list != NULL; list++)
			if (ap_kw(s, *list))
				return 1;
		return 0;
	}
	for (const unsigned char *p = (const unsigned char *)s; p[0] != '\0' &&
	    p[1] != '\0'; p++) {
		unsigned c = ascii_lower(p[0]), h = AP_PAIR(c, ascii_lower(p[1]));

		if (!(x->pair[h >> 3] & (1u << (h & 7))))
			continue;
		for (unsigned k = x->head[c]; k != 0; k = x->next[k - 1])
			if (ap_kw_at(s, (const char *)p, list[k - 1],
			    x->len[k - 1]))
				return 1;
	}
	return 0;
}

/* Section titles of a sign-off, besides "sign-off" itself. */
static const char *const ap_signoff_words[] = {
	"approv", "authoriz", "authoris", "autorisier", "autoriz",
	"go/no", "go / no", "go-no-go", "go no go", "go-/no-go",
	"abnahme", "freigabe", "genehmigung", "unterschrift",
	"aprobaci", "aprovaç", "aprovac", "firmas=", "firma=", "assinatura",
	"approbation", "signatures=", "validation finale",
	"审批", "签字", "签核", "签署", "批准", "承認", "署名", "決裁", "승인",
	"결재", "서명", "подпис", "Подпис", "утвержд", "Утвержд", "согласован",
	"Согласован", "اعتماد",
	"موافق", "توقيع", NULL
};

/* "sign-off", "signoff", "sign off", "sign‑offs", "Sign Off". */
static int
ap_signoff_word(const char *s)
{
	for (const char *p = s; *p != '\0'; p++) {
		size_t k = 0;

		if (ascii_lower((unsigned char)*p) != 's' ||
		    strncasecmp(p, "sign", 4) != 0 ||
		    (p > s && ap_alnum((unsigned char)p[-1])))
			continue;
		while (k < 4 && p[4 + k] != '\0' &&
		    !ap_alnum((unsigned char)p[4 + k]))
			k++;
		if (strncasecmp(p + 4 + k, "off", 3) == 0)
			return 1;
	}
	return 0;
}

int
approvals_signoff_title(const char *t)
{
	return t != NULL && (ap_signoff_word(t) ||
	    ap_any(t, ap_signoff_words));
}

/* Section titles of phases after the release. */
static const char *const ap_after_words[] = {
	"post-deploy", "post deploy", "postdeploy", "post-release",
	"post release", "post-launch", "post launch", "post-go-live",
	"post go-live", "post-production", "post-rollout", "post-migration",
	"after deploy", "after release", "after launch", "after go-live",
	"after the release", "after the deploy", "after the launch",
	"after going live", "follow-up", "follow up", "followup",
	"first week", "first month", "first day", "first 24", "first 48",
	"first 72", "first hour", "medium-term", "medium term", "long-term",
	"long term", "day 2", "week 1", "week 2", "hypercare",
	"nach dem deploy", "nach deploy", "nach dem go-live", "nach go-live",
	"nach dem release", "nach der freigabe", "nach dem launch",
	"erste woche", "ersten woche", "ersten monat", "erster monat",
	"nachbereitung", "nachsorge",
	"上线后", "发布后", "部署后", "上線後", "发布之后", "上线之后",
	"首周", "第一周", "首月", "第一个月", "リリース後", "デプロイ後",
	"公開後", "本番後", "稼働後", "배포 후", "출시 후", "릴리스 후",
	"배포후", "post-despliegue", "después del despliegue",
	"después del lanzamiento", "primera semana", "primer mes",
	"seguimiento", "pós-deploy", "pós-implanta", "pós-lançamento",
	"após o deploy", "após o lançamento", "após a implanta",
	"primeira semana", "primeiro mês", "acompanhamento",
	"après le déploiement", "après la mise en production",
	"post-déploiement", "première semaine", "premier mois",
	"после деплоя", "после развертывания", "после развёртывания",
	"после релиза", "после запуска", "первая неделя", "первый месяц",
	"بعد النشر", "بعد الإطلاق", "بعد الإصدار", "متابعة", NULL
};

/* "within 1 week", "within 24 hours", "within two weeks". */
static int
ap_within(const char *s)
{
	static const char *const units[] = { "hour", "day", "week", "month",
	    NULL };

	for (const char *p = s; *p != '\0'; p++) {
		const char *q;
		size_t u;

		if (ascii_lower((unsigned char)*p) != 'w' ||
		    strncasecmp(p, "within", 6) != 0 ||
		    (p > s && ap_alnum((unsigned char)p[-1])))
			continue;
		q = p + 6;
		while (*q == ' ')
			q++;
		while (ap_alnum((unsigned char)*q) || *q == '-')
			q++;	/* 1, 24, two, 1-2 */
		while (*q == ' ')
			q++;
		for (u = 0; units[u] != NULL; u++)
			if (strncasecmp(q, units[u], strlen(units[u])) == 0)
				return 1;
	}
	return 0;
}

int
approvals_after_title(const char *t)
{
	return t != NULL && (ap_any(t, ap_after_words) || ap_within(t));
}

int
approvals_after_section(const struct checklist *cl, int s)
{
	if (cl->after_sec != NULL && s >= 0 && (size_t)s < cl->nsections)
		return cl->after_sec[s];
	for (int k = 0; s >= 0 && (size_t)s < cl->nsections && k < 64; k++) {
		if (approvals_after_title(cl->sections[s].title))
			return 1;
		s = cl->sections[s].parent;
	}
	return 0;
}

/* ---- values ---- */

int
approvals_na(const char *v)
{
	static const char *const na[] = { "n/a=", "na=", "n.a.=",
	    "not applicable", "nicht zutreffend", "no aplica", "não se aplica",
	    "non applicable", "不适用", "該当なし", "해당 없음", "해당없음",
	    "не применимо", NULL };
	size_t n;

	if (v == NULL)
		return 0;
	while (*v == ' ' || *v == '*' || *v == '_' || *v == '(')
		v++;
	n = strlen(v);
	return n <= 24 && ap_any(v, na);
}

int
approvals_blank(const char *v)
{
	const unsigned char *p = (const unsigned char *)v;

	if (v == NULL)
		return 1;
	for (; *p != '\0'; p++) {
		if (*p == '_' || *p == ' ' || *p == '\t' || *p == '-' ||
		    *p == '.' || *p == '/' || *p == '*' || *p == ':' ||
		    *p == '\\' || *p == '|')
			continue;
		if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x93 ||
		    p[2] == 0x94 || p[2] == 0xa6)) {
			p += 2;	/* en dash, em dash, ellipsis */
			continue;
		}
		if ((strncmp((const char *)p, "TBD", 3) == 0 ||
		    strncmp((const char *)p, "TBA", 3) == 0 ||
		    strncmp((const char *)p, "tbd", 3) == 0) &&
		    !ap_alnum(p[3])) {
			p += 2;
			continue;
		}
		return 0;
	}
	return 1;
}

/* A whole-word placeholder: vX.Y.Z, v0.x.x, XXXXXXX, YYYY-MM-DD, 20YY. */
static int
ap_ph_word(const char *p, size_t n)
{
	size_t i, letters = 0, x = 0;

	if (n == 0)
		return 0;
	if (p[0] == 'v' && n > 1)
		p++, n--;
	for (i = 0; i < n; i++) {
		char c = p[i];

		if (c == 'X' || c == 'x' || c == 'Y' || c == 'y' || c == 'Z' ||
		    c == 'z' || c == 'M' || c == 'D' || c == 'N' || c == 'H')
			x++, letters++;
		else if (isalpha((unsigned char)c))
			return 0;
		else if (!(isdigit((unsigned char)c) || c == '.' || c == '-' ||
		    c == '/' || c == ':'))
			return 0;
	}
	/* Letters only from the variable set, and more than one of them or
	 * a version/date shape: "X.Y.Z", "0.x.x", "XXXX", "YYYY/MM/DD". */
	return letters > 0 && (x >= 2 || (x == 1 && n >= 3 &&
	    strchr(p, '.') != NULL && (size_t)(strchr(p, '.') - p) < n));
}

int
approvals_placeholder(const char *v)
{
	const char *p = v;
	int any = 0;

	if (v == NULL)
		return 0;
	while (*p != '\0') {
		unsigned char c = (unsigned char)*p;
		const char *q;
		size_t n;

		if (c == ' ' || c == '_' || c == '-' || c == ',' || c == '/' ||
		    c == '*' || c == '|' || c == '\\' || c == '.') {
			p++;
			continue;
		}
		if (c == '[' || c == '<' || c == '{' || c == '(') {
			char close = c == '[' ? ']' : c == '<' ? '>' :
			    c == '{' ? '}' : ')';
			if ((q = strchr(p, close)) == NULL)
				return 0;
			/* "[ ]" and "[x]" are boxes, not placeholders. */
			if (c == '[' && q - p == 2)
				return 0;
			if (c == '(' && !any)
				return 0;
			if (c != '(')
				any = 1;
			p = q + 1;
			continue;
		}
		if (c == '@' && p[1] == '[') {
			p++;
			continue;
		}
		n = strcspn(p, " ,/");
		if (n >= 3 && (strncmp(p, "TBD", 3) == 0 ||
		    strncmp(p, "TODO", 4) == 0 || strncmp(p, "TBA", 3) == 0) &&
		    n <= 4) {
			any = 1;
			p += n;
			continue;
		}
		if (ap_ph_word(p, n)) {
			any = 1;
			p += n;
			continue;
		}
		return 0;
	}
	return any;
}

int
approvals_name_filled(const char *v)
{
	const unsigned char *p = (const unsigned char *)v;

	if (approvals_blank(v) || approvals_placeholder(v) ||
	    approvals_na(v))
		return 0;
	/* A letter: ASCII, or a character of a script (not a symbol or an
	 * emoji such as ✅ or ☐, which start with 0xe2 or 0xf0). */
	for (; *p != '\0'; p++)
		if (ap_alnum(*p) || (*p >= 0xc3 && *p <= 0xef && *p != 0xe2))
			return 1;
	return 0;
}

/* ---- dates ---- */

static const struct {
	const char	*name;
	int		 month;
} ap_months[] = {
	{ "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 },
	{ "may", 5 }, { "june", 6 }, { "july", 7 }, { "august", 8 },
	{ "september", 9 }, { "october", 10 }, { "november", 11 },
	{ "december", 12 }, { "januar", 1 }, { "februar", 2 },
	{ "märz", 3 }, { "maerz", 3 }, { "mai", 5 }, { "juni", 6 },
	{ "juli", 7 }, { "oktober", 10 }, { "dezember", 12 },
	{ "enero", 1 }, { "febrero", 2 }, { "marzo", 3 }, { "abril", 4 },
	{ "mayo", 5 }, { "junio", 6 }, { "julio", 7 }, { "agosto", 8 },
	{ "septiembre", 9 }, { "setiembre", 9 }, { "octubre", 10 },
	{ "noviembre", 11 }, { "diciembre", 12 }, { "janeiro", 1 },
	{ "fevereiro", 2 }, { "março", 3 }, { "maio", 5 }, { "junho", 6 },
	{ "julho", 7 }, { "setembro", 9 }, { "outubro", 10 },
	{ "novembro", 11 }, { "dezembro", 12 }, { "janvier", 1 },
	{ "février", 2 }, { "mars", 3 }, { "avril", 4 }, { "juin", 6 },
	{ "juillet", 7 }, { "août", 8 }, { "septembre", 9 },
	{ "octobre", 10 }, { "novembre", 11 }, { "décembre", 12 },
};

/* The month a word names (a full name, or 3+ letters of an English one,
 * with an optional '.'), or 0. */
static int
ap_month(const char *p, size_t n)
{
	char w[16];
	size_t i;

	if (n >= sizeof(w) || n < 3)
		return 0;
	for (i = 0; i < n; i++)
		w[i] = (char)ascii_lower((unsigned char)p[i]);
	w[n] = '\0';
	for (i = 0; i < sizeof(ap_months) / sizeof(ap_months[0]); i++) {
		if (strcmp(ap_months[i].name, w) == 0)
			return ap_months[i].month;
		if (i < 12 && strncmp(ap_months[i].name, w, n) == 0)
			return ap_months[i].month;
	}
	if (strcmp(w, "sept") == 0)
		return 9;
	return 0;
}

/* A valid calendar day? */
static int
ap_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2999 && when_ymd(y, m, d) != 0;
}

/* Digits at *p into *v: how many. */
static int
ap_num(const char **p, int *v)
{
	int k = 0;

	*v = 0;
	while (isdigit((unsigned char)**p) && k < 5) {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	return k;
}

/* What may follow a date: nothing, or a time or a note after a space,
 * comma, 'T' or '(' ("2025-01-31 14:00 UTC", "2025-01-31 (CAB)"). */
static int
ap_date_tail(const char *p)
{
	while (*p == '*' || *p == '.')
		p++;
	if (*p == '\0')
		return 1;
	if (*p == 'T' && isdigit((unsigned char)p[1]))
		return 1;
	return *p == ' ' || *p == ',' || *p == '(' || *p == ';';
}

int
approvals_date(const char *s, long *ymd)
{
	const char *p = s;
	int a, b, c, na, nb, nc, y = 0, m = 0, d = 0;
	size_t n;

	if (s == NULL)
		return 0;
	while (*p == ' ' || *p == '*' || *p == '_')
		p++;
	/* A weekday before a written date: "Friday, 21 November 2025". */
	n = strcspn(p, " ,");
	if (n >= 3 && p[n] == ',' && isalpha((unsigned char)*p) &&
	    !ap_month(p, n))
		p += n + 1;
	while (*p == ' ')
		p++;
	if (isdigit((unsigned char)*p)) {
		na = ap_num(&p, &a);
		if (na == 4 && (*p == '-' || *p == '/' || *p == '.')) {
			char sep = *p++;
			if (ap_num(&p, &b) < 1 || *p++ != sep ||
			    ap_num(&p, &c) < 1)
				return 0;
			y = a, m = b, d = c;
		} else if (na == 4 && (strncmp(p, "年", 3) == 0 ||
		    strncmp(p, "년", 3) == 0)) {
			int ko = p[0] != (char)0xe5;
			p += 3;
			while (*p == ' ')
				p++;
			if (ap_num(&p, &b) < 1 || strncmp(p, ko ? "월" : "月",
			    3) != 0)
				return 0;
			p += 3;
			while (*p == ' ')
				p++;
			if (ap_num(&p, &c) < 1 || strncmp(p, ko ? "일" : "日",
			    3) != 0)
				return 0;
			p += 3;
			y = a, m = b, d = c;
		} else if (na <= 2 && (*p == '/' || *p == '.' || *p == '-') &&
		    isdigit((unsigned char)p[1])) {
			char sep = *p++;
			nb = ap_num(&p, &b);
			if (nb < 1 || nb > 2 || *p++ != sep)
				return 0;
			nc = ap_num(&p, &c);
			if (nc != 4)
				return 0;
			y = c;
			/* Day and month read one way only. */
			if (a > 12 && b <= 12)
				d = a, m = b;
			else if (b > 12 && a <= 12)
				m = a, d = b;
			else if (a == b)
				d = a, m = b;
			else
				return 0;
		} else if (na <= 2) {
			/* 21 November 2025, 21. Nov. 2025, 21 de noviembre
			 * de 2025 */
			d = a;
			if (*p == '.')
				p++;
			while (*p == ' ')
				p++;
			if (strncasecmp(p, "de ", 3) == 0)
				p += 3;
			n = 0;
			while (isalpha((unsigned char)p[n]) ||
			    (unsigned char)p[n] >= 0x80)
				n++;
			if ((m = ap_month(p, n)) == 0)
				return 0;
			p += n;
			if (*p == '.')
				p++;
			while (*p == ' ' || *p == ',')
				p++;
			if (strncasecmp(p, "de ", 3) == 0)
				p += 3;
			if (ap_num(&p, &y) != 4)
				return 0;
		} else
			return 0;
	} else {
		/* November 21, 2025; Nov 21 2025 */
		n = 0;
		while (isalpha((unsigned char)p[n]) ||
		    (unsigned char)p[n] >= 0x80)
			n++;
		if ((m = ap_month(p, n)) == 0)
			return 0;
		p += n;
		if (*p == '.')
			p++;
		while (*p == ' ')
			p++;
		if (ap_num(&p, &d) < 1)
			return 0;
		if (strncmp(p, "st", 2) == 0 || strncmp(p, "nd", 2) == 0 ||
		    strncmp(p, "rd", 2) == 0 || strncmp(p, "th", 2) == 0)
			p += 2;
		while (*p == ' ' || *p == ',')
			p++;
		if (ap_num(&p, &y) != 4)
			return 0;
	}
	if (!ap_valid(y, m, d) || !ap_date_tail(p))
		return 0;
	*ymd = (long)y * 10000 + m * 100 + d;
	return 1;
}

long
approvals_today(void)
{
	return when_today();
}

static const char *const ap_date_words[] = { "date", "dated=", "datum",
	"fecha", "data=", "日期", "日付", "날짜", "дата", "Дата", "تاريخ",
	"วันที่",
	NULL };

int
approvals_date_label(const char *label)
{
	if (label == NULL)
		return 0;
	/* "Date", "Datum", "Release Date", "Go-Live-Datum", but not
	 * "Update", "Validate" or "up to date". */
	for (const char *p = label; *p != '\0'; p++) {
		if (ascii_lower((unsigned char)*p) != 'd' ||
		    strncasecmp(p, "dat", 3) != 0)
			continue;
		if (p > label && isalpha((unsigned char)p[-1]) &&
		    !(p[-1] == 's' && p > label + 1 && p[-2] == '-'))
			continue;
		if ((strncasecmp(p, "date", 4) == 0 &&
		    !isalpha((unsigned char)p[4])) ||
		    (strncasecmp(p, "datum", 5) == 0 &&
		    !isalpha((unsigned char)p[5])))
			return !ap_kw(label, "up to date") &&
			    !ap_kw(label, "up-to-date");
	}
	return ap_any(label, ap_date_words + 3);
}

/* ---- slots ---- */

enum ap_slot {
	SLOT_OTHER,
	SLOT_NAME,	/* the value is who signed */
	SLOT_ROLE,	/* the label is a role, the value who signed */
	SLOT_SIG,
	SLOT_DATE,
	SLOT_DECISION
};

/* Labels whose value is the approver's name, wherever they are. */
static const char *const ap_approver_words[] = {
	"approved by", "approver", "signed by", "signed off by",
	"sign-off by", "signoff by", "authorized by", "authorised by",
	"autorisiert von", "genehmigt von", "freigegeben von",
	"unterzeichnet von", "aprobado por", "firmado por", "aprovado por",
	"autorizado por", "approuvé par", "validé par", "signé par",
	"审批人", "批准人", "签字人", "签核人", "承認者", "承认人", "승인자",
	"결재자", "утвердил", "Утвердил", "согласовал", "Согласовал",
	"утверждено", "Утверждено", "ผู้ตรวจสอบ", "ผู้อนุมัติ", "ผู้ลงนาม", NULL
};

/* Labels of a name in a sign-off block. */
static const char *const ap_name_words[] = {
	"name=", "names=", "by=", "von=", "por=", "par=", "nom=", "nombre=",
	"nome=", "姓名", "名前", "氏名", "이름", "имя", "Имя", "ФИО", "الاسم",
	"reviewer", "tester", NULL
};

static const char *const ap_sig_words[] = {
	"signature", "sign here", "firma=", "assinatura", "unterschrift",
	"签名", "签字", "署名", "서명", "подпись", "Подпись", "توقيع", "ลายเซ็น",
	NULL
};

static const char *const ap_decision_words[] = {
	"decision", "approved=", "approval=", "verdict", "go/no-go",
	"go / no-go", "outcome", "entscheidung", "决定", "结论", "判定",
	"결정", "decisión", "decisão", "décision", "решение", "قرار", NULL
};

/* Words that make a label or a short item a role. */
static const char *const ap_role_words[] = {
	"lead=", "leads=", "owner=", "owners=", "manager", "director", "officer",
	"engineer", "architect", "tester", "qa=", "approver", "reviewer",
	"stakeholder", "sponsor", "champion", "cto=", "ceo=", "cio=",
	"ciso=", "cfo=", "coo=", "cxo=", "vp=", "head of", "chief", "admin",
	"on-call", "on‑call", "oncall", "team=", "-team=", "client=",
	"customer=", "developer", "devops", "sre=", "legal=", "compliance",
	"witness", "auditor", "coordinator", "administrator", "analyst",
	"president", "supervisor", "steward", "cab=", "leiter", "leitung",
	"verantwortlich", "beauftragte", "负责人", "经理", "主管", "总监",
	"担当", "責任者", "部長", "책임자", "담당", "팀장", "responsable",
	"jefe", "gerente", "gestor", "líder", "lider=", "propietario",
	"dono", "chef=", "руковод", "менеджер", "владел", "ответствен",
	"مدير", "مسؤول", NULL
};

/* Is label a signature slot ("Signature", "QA Signature", "Signature &
 * Date")? Not when a word qualifies the signature ("Signature
 * verification tested", "Signatures valid"): a check of signed
 * artifacts, no sign-off. */
static int
ap_sig_label(const char *label)
{
	static const char *const ok[] = { "and", "date", "or", "here",
	    "of", "block", "line", NULL };
	const char *p;
	size_t n, k;

	if (!ap_any(label, ap_sig_words))
		return 0;
	for (p = label; (p = strchr(p, 'i')) != NULL; p++) {
		if (p - label < 1 || strncasecmp(p - 1, "signature", 9) != 0)
			continue;
		p += 8;
		if (*p == 's' || *p == 'S')
			p++;
		while (*p == ' ')
			p++;
		for (n = 0; isalpha((unsigned char)p[n]); n++)
			;
		if (n == 0) {
			if (*p == '\0')
				break;	/* the loop's p++ would pass the end */
			continue;
		}
		for (k = 0; ok[k] != NULL; k++)
			if (strlen(ok[k]) == n && strncasecmp(p, ok[k], n) == 0)
				break;
		if (ok[k] == NULL)
			return 0;
	}
	return 1;
}

/* The slot of a field label; ctx: in a sign-off section. */
static enum ap_slot
ap_slot(const char *label, int ctx)
{
	if (label == NULL)
		return SLOT_OTHER;
	if (ap_any(label, ap_approver_words))
		return SLOT_NAME;
	if (ap_sig_label(label))
		return SLOT_SIG;
	if (approvals_date_label(label))
		return SLOT_DATE;
	if (!ctx)
		return SLOT_OTHER;
	if (ap_any(label, ap_name_words))
		return SLOT_NAME;
	if (ap_any(label, ap_decision_words))
		return SLOT_DECISION;
	if (ap_any(label, ap_role_words) && strlen(label) <= 64 &&
	    strcasecmp(label, "owner") != 0 &&
	    strcasecmp(label, "document owner") != 0)
		return SLOT_ROLE;
	return SLOT_OTHER;
}

/* Is a date label the date of a signature ("Date", "Datum", "Sign-off
 * date") rather than of something else ("Go-Live-Datum", "Release
 * date")? */
static int
ap_signing_date(const char *label)
{
	char w[64];
	size_t n = strlen(label), i, k = 0;

	if (ap_signoff_word(label) || ap_kw(label, "approv") ||
	    ap_kw(label, "signed") || strncmp(label, "วันที่", 18) == 0)
		return 1;
	if (n >= sizeof(w))
		return 0;
	for (i = 0; i < n; i++)
		if (ap_alnum((unsigned char)label[i]) ||
		    (unsigned char)label[i] >= 0x80)
			w[k++] = (char)ascii_lower((unsigned char)label[i]);
	w[k] = '\0';
	return strcmp(w, "date") == 0 || strcmp(w, "datum") == 0 ||
	    strcmp(w, "fecha") == 0 || strcmp(w, "data") == 0 ||
	    strcmp(w, "dates") == 0 || strcmp(w, "日期") == 0 ||
	    strcmp(w, "日付") == 0 || strcmp(w, "날짜") == 0 ||
	    strcmp(w, "дата") == 0 || strcmp(w, "Дата") == 0;
}

/* Does the text read as a person's name rather than a sentence: at most
 * four words, none an ASCII word starting in lower case but particles
 * (van, de, von, da)? "@handle" counts. */
static int
ap_looks_name(const char *v)
{
	static const char *const particles[] = { "van", "von", "de", "da",
	    "der", "del", "la", "le", "di", "du", "bin", "al", NULL };
	const char *p = v;
	int words = 0;

	while (*p != '\0') {
		size_t n;

		while (*p == ' ')
			p++;
		if (*p == '\0' || *p == '(' || *p == '-' || *p == ',')
			break;
		n = strcspn(p, " ");
		words++;
		if (*p >= 'a' && *p <= 'z') {
			size_t k;
			for (k = 0; particles[k] != NULL; k++)
				if (strlen(particles[k]) == n &&
				    strncmp(p, particles[k], n) == 0)
					break;
			if (particles[k] == NULL)
				return 0;
		}
		p += n;
	}
	return words >= 1 && words <= 4;
}

/* Does a table header name a cell someone must fill in: Name, Date,
 * Signature, Owner, Result, Status, Approver, Sign-off? */
int
approvals_form_header(const char *h)
{
	static const char *const w[] = { "name=", "names=", "date=",
	    "dates=", "owner=", "owners=", "result=", "results=", "status=",
	    "approver", "approved by", "signed by", "sign-off", "signoff",
	    "verified by", "tested by", "assignee", "responsible=",
	    "datum", "fecha", "estado", "resultado", "ergebnis", "status",
	    "verantwortlich", "负责人", "状态", "结果", "日期", "担当", "結果",
	    "状況", "담당", "결과", "상태", NULL };

	return h != NULL && (ap_any(h, w) || ap_any(h, ap_sig_words));
}

/* ---- building ---- */

struct ap_build {
	struct checklist	*cl;
	struct ap_range { int from, to; } *ctx;	/* bold-label contexts */
	size_t			 nctx, capctx;
	struct approval		*v;
	size_t			 n, cap;
	unsigned char		*signoff;	/* per section */
	unsigned char		*item_done;	/* per item: has an entry */
};

/* Is line in section s in a sign-off context: a sign-off section, or
 * below a "**Sign-off:**" label in its section? */
static int
ap_ctx(const struct ap_build *b, int s, int line)
{
	if (s >= 0 && b->signoff[s])
		return 1;
	for (size_t i = 0; i < b->nctx; i++)
		if (line > b->ctx[i].from && line <= b->ctx[i].to)
			return 1;
	return 0;
}

/* Is paragraph k a short label ending in ':' ("**Sign-off:**",
 * "**Notes:**")? Its length without the colon in *n. */
static int
ap_label_para(const struct block *k, size_t *n)
{
	size_t m = k->len;

	if (k->kind != BLOCK_PARAGRAPH || m > 64)
		return 0;
	while (m > 0 && (k->text[m - 1] == ' ' || k->text[m - 1] == '\n' ||
	    k->text[m - 1] == '*'))
		m--;
	if (m < 2 || k->text[m - 1] != ':' || memchr(k->text, '\n', m))
		return 0;
	*n = m - 1;
	return 1;
}

/* The bold-label contexts: from a "Sign-off:" label paragraph to the
 * next label paragraph or the end of its section. */
static void
ap_label_contexts(struct ap_build *b)
{
	struct checklist *cl = b->cl;
	char w[72];
	size_t n;

	for (size_t i = 0; i < cl->nblocks; i++) {
		const struct block *k = &cl->blocks[i];
		int end;

		if (!ap_label_para(k, &n))
			continue;
		memcpy(w, k->text, n);
		w[n] = '\0';
		if (!approvals_signoff_title(w))
			continue;
		end = k->section >= 0 ? cl->sections[k->section].end_line :
		    (int)cl->nlines + 1;
		if (k->section < 0 && cl->nsections > 0)
			end = cl->sections[0].line;
		for (size_t j = i + 1; j < cl->nblocks; j++) {
			if (cl->blocks[j].section != k->section)
				break;
			if (ap_label_para(&cl->blocks[j], &n)) {
				end = cl->blocks[j].line - 1;
				break;
			}
		}
		b->ctx = xgrow(b->ctx, &b->capctx, b->nctx + 1,
		    sizeof(*b->ctx));
		b->ctx[b->nctx].from = k->line;
		b->ctx[b->nctx++].to = end;
	}
}

static char *
ap_dup(struct checklist *cl, const char *s)
{
	return s ? arena_strndup(&cl->arena, s, strlen(s)) : NULL;
}

/* A copy of a role as shown: no trailing ':' or space, no "**". */
static char *
ap_role_dup(struct checklist *cl, const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '*'))
		s++, n--;
	while (n > 0 && strchr(" :*-\xe2\x80\x93\x94", s[n - 1]) != NULL)
		n--;
	return n ? arena_strndup(&cl->arena, s, n) : NULL;
}

static struct approval *
ap_new(struct ap_build *b, enum approval_from from, int line, int col,
    int section)
{
	struct approval *a;

	b->v = xgrow(b->v, &b->cap, b->n + 1, sizeof(*b->v));
	a = &b->v[b->n++];
	memset(a, 0, sizeof(*a));
	a->from = from;
	a->line = line;
	a->col = col;
	a->section = section;
	a->item = a->table = a->row = -1;
	return a;
}

/* Put a value into slot s of a. */
static void
ap_fill(struct ap_build *b, struct approval *a, enum ap_slot s,
    const char *v, int line, int col)
{
	struct checklist *cl = b->cl;

	if (v != NULL && approvals_blank(v))
		v = NULL;
	switch (s) {
	case SLOT_NAME:
	case SLOT_ROLE:
		a->has |= APPROVAL_HAS_NAME;
		a->name = ap_dup(cl, v);
		break;
	case SLOT_SIG:
		a->has |= APPROVAL_HAS_SIG;
		a->signature = ap_dup(cl, v);
		break;
	case SLOT_DATE:
		a->has |= APPROVAL_HAS_DATE;
		a->date = ap_dup(cl, v);
		a->date_line = line;
		a->date_col = col;
		break;
	case SLOT_DECISION:
		a->has |= APPROVAL_HAS_DECISION;
		a->decision = ap_dup(cl, v);
		break;
	default:
		break;
	}
}

/* A role for an entry that names none: the last short paragraph ending
 * in ':' between after and line in its section ("**CTO / IT
 * Director:**"), else its section's title. */
static const char *
ap_context_role(struct ap_build *b, int section, int after, int line)
{
	struct checklist *cl = b->cl;
	const char *best = NULL;
	size_t lo = 0, hi = cl->nblocks, i;

	/* Blocks are in source order: from the last before line, back
	 * over at most 64 of them. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cl->blocks[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo > 64 ? lo - 64 : 0; i < lo; i++) {
		const struct block *k = &cl->blocks[i];
		size_t n = k->len;

		if (k->kind != BLOCK_PARAGRAPH || k->section != section ||
		    k->line <= after || n < 2 || n > 64)
			continue;
		while (n > 0 && (k->text[n - 1] == ' ' || k->text[n - 1] ==
		    '\n' || k->text[n - 1] == '*'))
			n--;
		if (n > 1 && k->text[n - 1] == ':' &&
		    memchr(k->text, '\n', n) == NULL)
			best = ap_role_dup(cl, k->text, n - 1);
	}
	if (best == NULL && section >= 0 && (size_t)section < cl->nsections &&
	    !approvals_signoff_title(cl->sections[section].title))
		best = cl->sections[section].title;
	else if (best == NULL && section >= 0 &&
	    (size_t)section < cl->nsections)
		best = cl->sections[section].title;
	return best;
}

/* Role from a name label: "QA Lead Name" -> "QA Lead"; NULL when the
 * label is only the name word. */
static char *
ap_role_from_label(struct checklist *cl, const char *label)
{
	size_t n = strlen(label);
	const char *e;

	if (ap_any(label, ap_approver_words))
		return ap_role_dup(cl, label, n);
	e = strstr(label, " Name");
	if (e == NULL)
		e = strstr(label, " name");
	if (e != NULL && e > label && strncmp(label, "Print", 5) != 0 &&
	    strncmp(label, "Full", 4) != 0)
		return ap_role_dup(cl, label, (size_t)(e - label));
	if (!ap_any(label, ap_name_words) || ap_kw(label, "reviewer") ||
	    ap_kw(label, "tester") || ap_kw(label, "by="))
		return ap_role_dup(cl, label, n);
	return NULL;
}

/* Entries from the fields: groups of name, signature, date and decision
 * slots in sign-off sections (a role label or a repeated slot starts the
 * next), and approver fields elsewhere. */
static void
ap_fields(struct ap_build *b)
{
	struct checklist *cl = b->cl;
	struct approval *cur = NULL;
	const struct field *pending = NULL;	/* a decision before its name */
	int last_end = 0, cur_item = -1, cur_line = 0;

	for (size_t i = 0; i < cl->nfields; i++) {
		const struct field *f = &cl->fields[i];
		int ctx = ap_ctx(b, f->section, f->line);
		enum ap_slot s = ap_slot(f->label, ctx);
		const char *v = f->filled ? f->value : NULL;
		unsigned bit;
		int fresh;

		if (f->item >= 0 && cl->items[f->item].quoted)
			continue;
		if (cur != NULL && (f->section != cur->section ||
		    f->item != cur_item || (!ctx && f->line > cur_line + 2))) {
			cur = NULL;
		}
		if (s == SLOT_DATE && !ap_signing_date(f->label) &&
		    (cur == NULL || !ctx))
			s = SLOT_OTHER;
		/* "Security Review: ____ Date: ____": what is signed for,
		 * then the signer and the date. */
		if (s == SLOT_OTHER && ctx && i + 1 < cl->nfields &&
		    cl->fields[i + 1].line == f->line &&
		    approvals_date_label(cl->fields[i + 1].label) &&
		    ap_signing_date(cl->fields[i + 1].label))
			s = SLOT_ROLE;
		if (s == SLOT_DECISION && cur == NULL) {
			pending = ctx ? f : NULL;
			continue;
		}
		if (s == SLOT_OTHER)
			continue;
		if (!ctx && cur == NULL && s != SLOT_NAME && s != SLOT_SIG)
			continue;
		bit = s == SLOT_NAME || s == SLOT_ROLE ? APPROVAL_HAS_NAME :
		    s == SLOT_SIG ? APPROVAL_HAS_SIG : s == SLOT_DATE ?
		    APPROVAL_HAS_DATE : APPROVAL_HAS_DECISION;
		fresh = cur == NULL || s == SLOT_ROLE || (cur->has & bit);
		if (s == SLOT_ROLE && cur != NULL && cur->role == NULL &&
		    !(cur->has & APPROVAL_HAS_NAME))
			fresh = 0;
		/* A role label whose value is a sentence is no slot: "QA
		 * Lead: Testing complete" says what was approved. */
		if (s == SLOT_ROLE && v != NULL && !approvals_placeholder(v) &&
		    !approvals_na(v) && !ap_looks_name(v)) {
			if (f->item < 0)
				continue;
			v = NULL;
			bit = 0;
		}
		if (fresh) {
			cur = ap_new(b, APPROVAL_FIELDS, f->line, f->col,
			    f->section);
			cur_item = f->item;
			if (pending != NULL && pending->section == f->section &&
			    f->line - pending->line <= 3)
				ap_fill(b, cur, SLOT_DECISION, pending->filled ?
				    pending->value : NULL, pending->line,
				    pending->col);
			pending = NULL;
			if (f->item >= 0) {
				cur->item = f->item;
				cur->has |= APPROVAL_HAS_BOX;
				b->item_done[f->item] = 1;
			}
			if (s == SLOT_ROLE)
				cur->role = ap_role_dup(cl, f->label,
				    strlen(f->label));
			else if (s == SLOT_NAME)
				cur->role = ap_role_from_label(cl, f->label);
			if (cur->role == NULL)
				cur->role = ap_context_role(b, f->section,
				    last_end, f->line);
		}
		if (s == SLOT_ROLE && cur->role == NULL)
			cur->role = ap_role_dup(cl, f->label, strlen(f->label));
		if (bit != 0)
			ap_fill(b, cur, s, v, f->line, f->col);
		cur_line = f->line;
		last_end = f->line;
	}
}

/* Does a phrase end in a role ("Engineering lead", "Operations/on-call",
 * "Security lead approval", "Legal-Team autorisiert")? Its last word,
 * after words of approving, must be a role word: "All stakeholders have
 * signed off" and "On-call team notified" name none. */
static int
ap_role_end(char *w)
{
	static const char *const approving[] = { "approval=", "approvals=",
	    "approved=", "approves=", "sign-off=", "sign-offs=", "signoff=",
	    "signed=", "off=", "autorisiert=", "genehmigt=", "freigegeben=",
	    "abgenommen=", "freigabe=", "abnahme=", "autoriza", "aprova",
	    "approbation=", "承認", "批准", "审批", "승인", NULL };
	size_t n = strlen(w);

	for (int k = 0; k < 3; k++) {
		size_t e = n, b;

		while (e > 0 && w[e - 1] == ' ')
			e--;
		b = e;
		while (b > 0 && w[b - 1] != ' ')
			b--;
		if (b == e)
			return 0;
		w[e] = '\0';
		if (ap_any(w + b, approving) && b > 0) {
			n = b;
			continue;
		}
		return ap_any(w + b, ap_role_words);
	}
	return 0;
}

/* The role an item names, in [*a, *a + *n) of its text: the words before
 * ':' or " - ", at most five, with a role word; 0 if none. */
static int
ap_item_role(const char *t, size_t *n)
{
	size_t k = strcspn(t, ":(");
	const char *d = strstr(t, " - ");
	const char *e = strstr(t, " \xe2\x80\x93 ");
	int words = 1;
	char w[128];

	if (d != NULL && (size_t)(d - t) < k)
		k = (size_t)(d - t);
	if (e != NULL && (size_t)(e - t) < k)
		k = (size_t)(e - t);
	while (k > 0 && t[k - 1] == ' ')
		k--;
	if (k == 0 || k >= sizeof(w))
		return 0;
	for (size_t i = 0; i < k; i++)
		words += t[i] == ' ';
	if (words > 5)
		return 0;
	memcpy(w, t, k);
	w[k] = '\0';
	if (!ap_role_end(w))
		return 0;
	*n = k;
	return 1;
}

/* Entries from task items in sign-off sections that name a role and have
 * no fields: "- [ ] Engineering lead", "- [x] QA Lead: signed off". */
static void
ap_items(struct ap_build *b)
{
	struct checklist *cl = b->cl;

	for (size_t i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];
		const char *t = it->text ? it->text : "";
		struct approval *a;
		size_t n, len = strlen(t);

		if (b->item_done[i] || it->quoted ||
		    !ap_ctx(b, it->section, it->line))
			continue;
		if (len > 0 && t[len - 1] == ':')
			continue;	/* "Sign-off received from:" */
		if (!ap_item_role(t, &n))
			continue;
		a = ap_new(b, APPROVAL_ITEM, it->line, it->col, it->section);
		a->item = (int)i;
		a->has |= APPROVAL_HAS_BOX;
		a->role = ap_role_dup(cl, t, n);
	}
}

/* Column kinds of a sign-off table header. */
enum ap_col { COL_OTHER, COL_ROLE, COL_NAME, COL_SIG, COL_DATE,
	COL_DECISION };

static enum ap_col
ap_col(const char *h, int has_name_col)
{
	static const char *const role[] = { "role", "roles=", "rolle",
	    "rol=", "função", "rôle", "роль", "الدور", "角色", "役割", "역할",
	    "职位", "部门", "team=", "function=", "department", "position=",
	    "stakeholder", "area=", "responsibility", NULL };
	static const char *const name[] = { "name=", "names=", "nombre=",
	    "nome=", "nom=", "姓名", "名前", "氏名", "이름", "имя", "фио",
	    "الاسم", "signed by", "approved by", NULL };

	if (h == NULL)
		return COL_OTHER;
	if (ap_any(h, ap_sig_words))
		return COL_SIG;
	if (ap_any(h, name))
		return COL_NAME;
	if (ap_kw(h, "approver") || ap_kw(h, "sign-off") ||
	    ap_kw(h, "signoff"))
		return has_name_col ? COL_ROLE : COL_NAME;
	if (approvals_date_label(h))
		return COL_DATE;
	if (ap_any(h, role))
		return COL_ROLE;
	if (ap_any(h, ap_decision_words) || ap_kw(h, "status=") ||
	    ap_kw(h, "approved"))
		return COL_DECISION;
	return COL_OTHER;
}

/* Entries from sign-off tables: a role column and name, signature, date
 * or decision columns, one entry per row. */
static void
ap_tables(struct ap_build *b)
{
	struct checklist *cl = b->cl;

	for (size_t t = 0; t < cl->ntables; t++) {
		const struct table *tb = &cl->tables[t];
		int col[8], kinds[64], has_name = 0, c, r;
		int ctx = ap_ctx(b, tb->section, tb->line);
		unsigned seen = 0;

		if (tb->ncols < 2 || tb->ncols > 64 || tb->cells == NULL)
			continue;
		for (c = 0; c < tb->ncols; c++)
			if (ap_any(tb->cells[c].text, ap_name_words))
				has_name = 1;
		for (c = 0; c < 8; c++)
			col[c] = -1;
		for (c = 0; c < tb->ncols; c++) {
			kinds[c] = ap_col(tb->cells[c].text, has_name);
			if (col[kinds[c]] < 0)
				col[kinds[c]] = c;
			seen |= 1u << kinds[c];
		}
		if (!(seen & ((1u << COL_NAME) | (1u << COL_SIG))))
			continue;
		if (!(seen & ((1u << COL_SIG) | (1u << COL_DATE) |
		    (1u << COL_DECISION))))
			continue;
		if (!ctx && !(seen & (1u << COL_SIG)) &&
		    !((seen & (1u << COL_NAME)) && (seen & (1u << COL_DATE)) &&
		    (seen & (1u << COL_ROLE))))
			continue;
		if (col[COL_ROLE] < 0 && kinds[0] == COL_OTHER)
			col[COL_ROLE] = 0;
		for (r = 1; r <= tb->nrows; r++) {
			const struct table_cell *row = &tb->cells[(size_t)r *
			    (size_t)tb->ncols];
			struct approval *a;
			int all_blank = 1;

			for (c = 0; c < tb->ncols; c++)
				if (!approvals_blank(row[c].text))
					all_blank = 0;
			if (all_blank)
				continue;
			a = ap_new(b, APPROVAL_TABLE, row[0].line, row[0].col,
			    tb->section);
			a->table = (int)t;
			a->row = r;
			if (col[COL_ROLE] >= 0 &&
			    !approvals_blank(row[col[COL_ROLE]].text))
				a->role = ap_role_dup(cl, row[col[COL_ROLE]].text,
				    strlen(row[col[COL_ROLE]].text));
			for (c = 0; c < tb->ncols; c++) {
				const struct table_cell *x = &row[c];
				enum ap_slot s = kinds[c] == COL_NAME ?
				    SLOT_NAME : kinds[c] == COL_SIG ? SLOT_SIG :
				    kinds[c] == COL_DATE ? SLOT_DATE :
				    kinds[c] == COL_DECISION ? SLOT_DECISION :
				    SLOT_OTHER;
				if (s == SLOT_OTHER || col[kinds[c]] != c)
					continue;
				ap_fill(b, a, s, x->text, x->line, x->col);
			}
		}
	}
}

/* A decision that says yes: not blank, a placeholder, a choice left
 * open ("☐ APPROVED ☐ REJECTED") or a no. */
static int
ap_decision_ok(const char *v)
{
	static const char *const no[] = { "reject", "no-go=", "no go=",
	    "nogo=", "denied", "declined", "blocked", "not approved",
	    "abgelehnt", "rechazado", "rejeitado", "refusé", "отклон",
	    "不通过", "却下", "반려", NULL };

	if (v == NULL || approvals_blank(v) || approvals_placeholder(v) ||
	    approvals_na(v))
		return 0;
	if (strstr(v, "\xe2\x98\x90") != NULL || strstr(v, "[ ]") != NULL)
		return 0;	/* ☐ or [ ]: a choice nobody made */
	return !ap_any(v, no);
}

/* Decide each entry: filled slots, N/A, optional, signed. */
static void
ap_judge(struct ap_build *b)
{
	struct checklist *cl = b->cl;
	long today = approvals_today(), ymd;

	for (size_t i = 0; i < b->n; i++) {
		struct approval *a = &b->v[i];
		const char *sec = a->section >= 0 ?
		    cl->sections[a->section].title : NULL;

		a->ok = 0;
		if (approvals_name_filled(a->name))
			a->ok |= APPROVAL_HAS_NAME;
		if (a->signature != NULL && !approvals_blank(a->signature) &&
		    !approvals_placeholder(a->signature) &&
		    !approvals_na(a->signature))
			a->ok |= APPROVAL_HAS_SIG;
		if (a->date != NULL && approvals_date(a->date, &ymd) &&
		    ymd <= today)
			a->ok |= APPROVAL_HAS_DATE;
		if (ap_decision_ok(a->decision))
			a->ok |= APPROVAL_HAS_DECISION;
		if (a->item >= 0 && cl->items[a->item].state == ITEM_DONE)
			a->ok |= APPROVAL_HAS_BOX;
		a->na = (a->item >= 0 && cl->items[a->item].state == ITEM_NA) ||
		    approvals_na(a->name) || approvals_na(a->signature) ||
		    approvals_na(a->decision);
		a->optional = ap_kw(a->role ? a->role : "", "optional") ||
		    ap_kw(a->role ? a->role : "", "if applicable") ||
		    ap_kw(sec ? sec : "", "optional") ||
		    approvals_after_section(cl, a->section);
		a->is_signed = !a->na && (a->has & ~a->ok) == 0 &&
		    (a->ok & (APPROVAL_HAS_NAME | APPROVAL_HAS_SIG |
		    APPROVAL_HAS_BOX)) != 0;
	}
}

/* Order entries by source position (tables, fields and items are found
 * in separate passes). */
static int
ap_cmp(const void *x, const void *y)
{
	const struct approval *a = x, *b = y;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return (a->col > b->col) - (a->col < b->col);
}

void
approvals_build(struct checklist *cl)
{
	struct ap_build b;
	size_t i;

	/* Each section's answer once (parents come before their children),
	 * not once per item and ancestor. */
	cl->after_sec = NULL;
	if (cl->nsections > 0) {
		unsigned char *as = arena_alloc(&cl->arena, cl->nsections);
		for (i = 0; i < cl->nsections; i++) {
			int p = cl->sections[i].parent;
			as[i] = (p >= 0 && (size_t)p < i && as[p]) ||
			    approvals_after_title(cl->sections[i].title);
		}
		cl->after_sec = as;
	}
	memset(&b, 0, sizeof(b));
	b.cl = cl;
	b.signoff = xcalloc(cl->nsections + 1, 1);
	b.item_done = xcalloc(cl->nitems + 1, 1);
	/* Is section i (or an ancestor) a sign-off section? Parents come
	 * before their children. The heading that titles the whole
	 * checklist ("# QA Sign-Off Template") does not make everything
	 * under it one. */
	for (i = 0; i < cl->nsections; i++) {
		int p = cl->sections[i].parent;
		b.signoff[i] = (int)i != cl->title_section &&
		    ((p >= 0 && (size_t)p < i && b.signoff[p]) ||
		    approvals_signoff_title(cl->sections[i].title));
	}
	ap_label_contexts(&b);
	ap_tables(&b);
	ap_fields(&b);
	ap_items(&b);
	/* Groups that found only a date or a decision are no entries, nor
	 * outside sign-off sections a name with no date or signature
	 * ("Approver: CTO" in a header). */
	{
		size_t j = 0;
		for (i = 0; i < b.n; i++) {
			struct approval *a = &b.v[i];
			int ctx = ap_ctx(&b, a->section, a->line);

			if (!(a->has & (APPROVAL_HAS_NAME | APPROVAL_HAS_SIG |
			    APPROVAL_HAS_BOX)))
				continue;
			if (!ctx && !(a->has & (APPROVAL_HAS_DATE |
			    APPROVAL_HAS_SIG)))
				continue;
			b.v[j++] = *a;
		}
		b.n = j;
	}
	ap_judge(&b);
	if (b.n > 0)
		qsort(b.v, b.n, sizeof(*b.v), ap_cmp);
	cl->approvals = NULL;
	cl->napprovals = 0;
	if (b.n > 0) {
		cl->approvals = arena_alloc(&cl->arena, b.n * sizeof(*b.v));
		memcpy(cl->approvals, b.v, b.n * sizeof(*b.v));
		cl->napprovals = b.n;
	}
	free(b.v);
	memset(&cl->after_release, 0, sizeof(cl->after_release));
	for (i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];

		if (!approvals_after_section(cl, it->section))
			continue;
		if (it->state == ITEM_NA)
			cl->after_release.na++;
		else {
			cl->after_release.items++;
			cl->after_release.checked += it->state == ITEM_DONE;
		}
	}
	free(b.signoff);
	free(b.item_done);
	free(b.ctx);
}

void
approvals_count(const struct checklist *cl, unsigned *signed_n,
    unsigned *required)
{
	unsigned req = 0, sig = 0, all = 0, allsig = 0;

	for (size_t i = 0; i < cl->napprovals; i++) {
		const struct approval *a = &cl->approvals[i];

		all++;
		allsig += a->is_signed != 0;
		if (a->optional)
			continue;
		req++;
		sig += a->is_signed != 0;
	}
	if (req == 0) {
		req = all;
		sig = allsig;
	}
	*signed_n = sig;
	*required = req;
}
