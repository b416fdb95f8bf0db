/* gen.c: deterministic corpus generator for the benchmark; writes Markdown
 * checklists shaped like ../shared/seeds (sections, nested and ordered task
 * items, code blocks, tables, placeholders, sign-off blocks, some non-ASCII).
 *
 *   bench-gen [--seed N] -n FILES -s SIZE -o DIR    FILES files of about SIZE
 *   bench-gen [--seed N] --big SIZE -o FILE         one file of about SIZE
 *
 * SIZE takes a K, M or G suffix (powers of 1024).  The output depends only on
 * the arguments: the generator has its own PRNG (splitmix64), never calls
 * rand() or anything locale-dependent, and seeds file i from (seed, i) alone,
 * so `-n 5` writes the same five files as the first five of `-n 2000`.
 * Exit status 0, or 2 with a message on bad arguments or a write error.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The generator state and the text of the file being built. */
struct gen {
	uint64_t	 rng;
	char		*data;
	size_t		 len;
	size_t		 cap;
	FILE		*out;		/* big mode: flushed as it grows */
	const char	*outname;
	int		 big;		/* number the headings: no repeats */
	unsigned	 nsection;
};

static const char *const gen_emoji[] = {
	"🔍 ", "🔐 ", "🚀 ", "📊 ", "🗄️ ", "✅ ", "🚨 ", "☁️ ", "📋 ", "🎯 ",
	"🏗️ ", "🔒 ", "🧪 ", "📞 ", "ðŸš€ ", "ğŸ” ", "", "", "", "", "", "",
};

static const char *const gen_sections[] = {
	"Pre-Deployment", "Security", "Database", "Monitoring", "Performance",
	"Infrastructure", "Deployment", "Post-Deployment", "Rollback Procedures",
	"Compliance & Governance", "Documentation", "Team Readiness",
	"Data & Privacy", "Release Preparation", "Go-Live Readiness",
	"Disaster Recovery", "Vérification finale", "Überprüfung",
	"本番リリース前の確認", "上线检查",
};

static const char *const gen_subsections[] = {
	"Code Quality", "Dependencies", "Configuration", "API Keys",
	"Authentication", "Network Security", "Logging", "Metrics", "Alerts",
	"Caching", "Load Testing", "Backup & Recovery", "Secrets Management",
	"Container Image", "Image Registry", "Health Checks", "Feature Flags",
	"DNS & Certificates", "Access Control", "Data Migration",
	"Incident Response", "Communication Plan", "Smoke Tests",
	"Functional Testing", "Capacity Planning", "Cost Controls",
};

static const char *const gen_verbs[] = {
	"Verify", "Confirm", "Configure", "Enable", "Review", "Test",
	"Document", "Rotate", "Back up", "Validate", "Update", "Check",
	"Deploy", "Monitor", "Remove", "Pin", "Audit", "Schedule", "Restore",
	"Tag", "Scan", "Benchmark", "Approve", "Notify",
};

static const char *const gen_objects[] = {
	"database migrations", "SSL certificates", "API keys",
	"rate limiting", "the health check endpoint", "log aggregation",
	"firewall rules", "the CORS policy", "the container image",
	"backup restoration", "feature flags", "DNS records",
	"the load balancer", "connection pooling", "error tracking",
	"alert thresholds", "the on-call rotation", "the deployment runbook",
	"environment variables", "secrets in the vault", "package versions",
	"security headers", "the CDN cache", "read replicas",
	"the rollback script", "audit logs", "service accounts",
	"the status page", "webhook endpoints", "resource limits",
	"auto-scaling policies", "the staging environment",
	"la configuration du proxy", "die Zertifikatskette",
	"数据库备份", "監視ダッシュボード",
};

static const char *const gen_quals[] = {
	"in staging", "for production", "before go-live", "(if applicable)",
	"on all endpoints", "with the security team", "per region",
	"for every service", "after the freeze", "in the CI pipeline",
	"and record the result", "— see the runbook", "(owner: platform)",
	"within the maintenance window", "for the EU cluster",
};

static const char *const gen_code[] = {
	"`kubectl rollout status`", "`pip-audit`", "`/health`",
	"`npm audit --production`", "`terraform plan`", "`mypy`",
	"`black --check`", "`.env`", "`requirements.txt`",
	"`helm diff upgrade`", "`pg_dump`", "`/signals/health/check`",
	"`X-Frame-Options`", "`max_connections`",
};

static const char *const gen_placeholders[] = {
	"Error rate > X%", "Response time > Y seconds", "Owner: [Name]",
	"Target date: TBD", "Version: <version>", "Sign-off by: ________",
	"Memory usage > Z%", "Contact: [Name] - [Phone] - [Email]",
	"Escalate to <team-lead> if P95 > N ms", "Budget: TBD",
};

static const char *const gen_bold[] = {
	"Code Review Complete", "Testing Complete", "Code Quality Standards",
	"Environment Variables", "Secrets Management", "Application Security",
	"Infrastructure Security", "Compute Resources", "Storage",
	"Performance Criteria", "Operational Criteria", "Release Notes",
};

static const char *const gen_roles[] = {
	"Approved By", "Deployed By", "Reviewed By", "Release Manager",
	"Security Team", "On-Call Engineer", "Product Owner", "Date",
	"Version", "Infrastructure Team", "QA Lead", "Stakeholders",
};

static const char *const gen_names[] = {
	"[Name]", "TBD", "Alice Martin", "Björn Åström", "José Núñez",
	"王伟", "佐藤花子", "platform@example.com", "<owner>", "________",
};

static const char *const gen_langs[] = { "bash", "yaml", "sql", "sh", "" };

static const char *const gen_bash[] = {
	"kubectl rollout status deployment/<service-name> -n <namespace>",
	"curl -fsS https://<host>/health",
	"export API_KEY=<your-api-key>",
	"pg_dump -h <db-host> -U <user> > backup-$(date +%F).sql",
	"helm upgrade --install <release> ./chart --values values-prod.yaml",
	"docker build -t registry.example.com/app:<version> .",
	"psql -c 'SELECT count(*) FROM users;'",
	"terraform apply -var-file=prod.tfvars",
	"./scripts/smoke-test.sh --env production",
	"aws s3 sync ./dist s3://<bucket-name>/ --delete",
};

static const char *const gen_yaml[] = {
	"replicas: 3  # TODO: tune after load test",
	"image: registry.example.com/app:<version>",
	"resources:\n  limits:\n    memory: 512Mi\n    cpu: 500m",
	"env:\n  - name: DATABASE_URL\n    value: <database-url>",
	"livenessProbe:\n  httpGet:\n    path: /health\n    port: 8080",
	"maxSurge: 25%",
};

/*
 * gen_next returns the next 64 bits of the splitmix64 sequence: tiny,
 * well distributed and the same on every platform.
 */
static uint64_t
gen_next(uint64_t *s)
{
	uint64_t z;

	z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* gen_below returns a number in [0, n), n > 0, without modulo bias games. */
static unsigned
gen_below(struct gen *g, unsigned n)
{
	return (unsigned)(((gen_next(&g->rng) >> 32) * n) >> 32);
}

/* gen_chance is true with probability pct percent. */
static int
gen_chance(struct gen *g, unsigned pct)
{
	return gen_below(g, 100) < pct;
}

/* gen_pick returns a random element of a string table. */
static const char *
gen_pick(struct gen *g, const char *const *tab, size_t n)
{
	return tab[gen_below(g, (unsigned)n)];
}
#define PICK(g, tab)	gen_pick((g), (tab), NELEM(tab))

/* gen_die prints a message and exits with the usage status 2. */
static void __attribute__((noreturn, format(printf, 1, 2)))
gen_die(const char *fmt, ...)
{
	va_list ap;

	fputs("bench-gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* gen_put appends n bytes to the text, growing it by doubling. */
static void
gen_put(struct gen *g, const char *s, size_t n)
{
	if (g->len + n + 1 > g->cap) {
		while (g->len + n + 1 > g->cap)
			g->cap = g->cap ? g->cap * 2 : 65536;
		if ((g->data = realloc(g->data, g->cap)) == NULL)
			gen_die("out of memory");
	}
	memcpy(g->data + g->len, s, n);
	g->len += n;
}

/* gen_puts appends a C string. */
static void
gen_puts(struct gen *g, const char *s)
{
	gen_put(g, s, strlen(s));
}

/* gen_printf appends formatted text (short pieces only). */
static void __attribute__((format(printf, 2, 3)))
gen_printf(struct gen *g, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		gen_die("formatting failed");
	gen_put(g, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

/* gen_flush writes the text built so far to the open output (big mode). */
static void
gen_flush(struct gen *g)
{
	if (g->len && fwrite(g->data, 1, g->len, g->out) != g->len)
		gen_die("%s: %s", g->outname, strerror(errno));
	g->len = 0;
}

/* gen_box returns a task box: mostly open, about a third checked. */
static const char *
gen_box(struct gen *g)
{
	unsigned r = gen_below(g, 100);

	return r < 62 ? "[ ]" : r < 97 ? "[x]" : "[X]";
}

/* gen_item_text appends one task's text (no newline). */
static void
gen_item_text(struct gen *g)
{
	unsigned r = gen_below(g, 100);

	if (r < 8) {
		gen_puts(g, PICK(g, gen_placeholders));
		return;
	}
	gen_printf(g, "%s %s", PICK(g, gen_verbs), PICK(g, gen_objects));
	if (gen_chance(g, 35))
		gen_printf(g, " %s", PICK(g, gen_quals));
	if (gen_chance(g, 20))
		gen_printf(g, " (%s)", PICK(g, gen_code));
	if (gen_chance(g, 4))
		gen_puts(g, " — see [runbook](https://wiki.example.com/runbooks/"
		    "deploy#rollback)");
	if (gen_chance(g, 3))
		gen_puts(g, " ✔️");
}

/*
 * gen_tasks appends a list of tasks at the given indent, bulleted or
 * ordered, with a chance of nested children; quote prefixes every line.
 */
static void
gen_tasks(struct gen *g, const char *quote, int indent, int depth)
{
	unsigned i, n = 2 + gen_below(g, 5);
	int ordered = depth == 0 ? gen_chance(g, 20) : gen_chance(g, 10);
	int child;

	for (i = 0; i < n; i++) {
		gen_printf(g, "%s%*s", quote, indent, "");
		if (ordered)
			gen_printf(g, "%u. ", i + 1);
		else
			gen_puts(g, "- ");
		gen_printf(g, "%s ", gen_box(g));
		child = depth < 2 && gen_chance(g, depth == 0 ? 18 : 8);
		if (child && gen_chance(g, 60))
			gen_printf(g, "**%s**", PICK(g, gen_bold));
		else
			gen_item_text(g);
		gen_puts(g, "\n");
		if (child)
			gen_tasks(g, quote, indent + (ordered ? 3 : 2),
			    depth + 1);
	}
}

/* gen_code_block appends a fenced block of commands with comments and
 * <placeholders>, the kind a linter must not mistake for tasks. */
static void
gen_code_block(struct gen *g)
{
	const char *lang = PICK(g, gen_langs);
	unsigned i, n = 2 + gen_below(g, 5);

	gen_printf(g, "```%s\n", lang);
	for (i = 0; i < n; i++) {
		if (gen_chance(g, 35))
			gen_printf(g, "# %s %s\n", PICK(g, gen_verbs),
			    PICK(g, gen_objects));
		if (strcmp(lang, "yaml") == 0)
			gen_printf(g, "%s\n", PICK(g, gen_yaml));
		else if (strcmp(lang, "sql") == 0)
			gen_printf(g, "SELECT * FROM <table> WHERE id = %u;"
			    "  -- [ ] not a task\n", gen_below(g, 1000));
		else
			gen_printf(g, "%s\n", PICK(g, gen_bash));
	}
	gen_puts(g, "```\n");
}

/* gen_table appends a contacts or thresholds table with TBD cells. */
static void
gen_table(struct gen *g)
{
	unsigned i, n = 2 + gen_below(g, 5);

	if (gen_chance(g, 50)) {
		gen_puts(g, "| Role | Name | Contact |\n|------|------|---------|\n");
		for (i = 0; i < n; i++)
			gen_printf(g, "| %s | %s | %s |\n", PICK(g, gen_roles),
			    PICK(g, gen_names), gen_chance(g, 50) ? "TBD" :
			    "ops@example.com");
	} else {
		gen_puts(g, "| Metric | Threshold | Action |\n"
		    "|:-------|----------:|--------|\n");
		for (i = 0; i < n; i++)
			gen_printf(g, "| %s | > %u%% | %s |\n",
			    PICK(g, gen_objects), 1 + gen_below(g, 99),
			    gen_chance(g, 30) ? "TBD" : "Page on-call");
	}
}

/* gen_signoff appends a sign-off block in one of the seeds' two shapes. */
static void
gen_signoff(struct gen *g)
{
	unsigned i, n = 2 + gen_below(g, 4);

	if (gen_chance(g, 50)) {
		for (i = 0; i < n; i++)
			gen_printf(g, "**%s:** %s\n\n", PICK(g, gen_roles),
			    gen_chance(g, 80) ? "______________" :
			    PICK(g, gen_names));
	} else {
		for (i = 0; i < n; i++)
			gen_printf(g, "- [ ] **%s** - _________________ "
			    "Date: _______\n", PICK(g, gen_roles));
		gen_puts(g, "\n");
	}
}

/* gen_paragraph appends a short prose paragraph, sometimes non-ASCII. */
static void
gen_paragraph(struct gen *g)
{
	static const char *const prose[] = {
		"Use this checklist when deploying to production.",
		"Complete every item before requesting approval.",
		"Items marked optional may be skipped with a note.",
		"Tick each box only after the check has actually run.",
		"Ask in #release-ops if anything here is unclear.",
		"Cette liste doit être revue à chaque mise en production.",
		"Alle Punkte müssen vor dem Go-Live geprüft werden.",
		"每次发布前请逐项确认。",
		"リリース前にすべての項目を確認してください。",
	};
	unsigned i, n = 1 + gen_below(g, 3);

	for (i = 0; i < n; i++)
		gen_printf(g, "%s%s", i ? " " : "", PICK(g, prose));
	gen_puts(g, "\n");
}

/* gen_block appends one block (with its trailing blank line) under a
 * subsection: mostly task lists, the rest the other shapes in the seeds. */
static void
gen_block(struct gen *g)
{
	unsigned r = gen_below(g, 100);

	if (r < 55)
		gen_tasks(g, "", 0, 0);
	else if (r < 65)
		gen_code_block(g);
	else if (r < 72)
		gen_table(g);
	else if (r < 80)
		gen_paragraph(g);
	else if (r < 86) {
		gen_puts(g, "> **Note:** the following need a second pair of "
		    "eyes.\n>\n");
		gen_tasks(g, "> ", 0, 1);
	} else if (r < 93) {
		unsigned i, n = 2 + gen_below(g, 3);

		for (i = 0; i < n; i++)
			gen_printf(g, "- [ ] %s\n", PICK(g, gen_placeholders));
	} else
		gen_signoff(g);
	gen_puts(g, "\n");
}

/* gen_section appends one ## section with a few ### subsections. */
static void
gen_section(struct gen *g)
{
	unsigned i, j, nsub = 1 + gen_below(g, 4), nblk;

	g->nsection++;
	gen_printf(g, "## %s%s", PICK(g, gen_emoji), PICK(g, gen_sections));
	if (g->big)
		gen_printf(g, " (part %u)", g->nsection);
	gen_puts(g, "\n\n");
	if (gen_chance(g, 25)) {
		gen_paragraph(g);
		gen_puts(g, "\n");
	}
	for (i = 0; i < nsub; i++) {
		gen_printf(g, "### %s%s\n\n",
		    gen_chance(g, 30) ? PICK(g, gen_emoji) : "",
		    PICK(g, gen_subsections));
		nblk = 1 + gen_below(g, 2);
		for (j = 0; j < nblk; j++)
			gen_block(g);
	}
}

/* gen_head appends the title and introduction. */
static void
gen_head(struct gen *g, unsigned index)
{
	static const char *const products[] = {
		"PRISMA Backend", "Prime Math API", "PrismAI", "Ledger Service",
		"Café Orders", "Nordlicht Gateway", "星辰 Platform", "Atlas CDN",
	};
	static const char *const kinds[] = {
		"Production Deployment Checklist", "Release Checklist",
		"Security Review Checklist", "Go-Live Checklist",
		"Database Migration Checklist",
	};

	gen_printf(g, "# %s %s", PICK(g, products), PICK(g, kinds));
	if (g->big)
		gen_printf(g, " %u", index);
	gen_puts(g, "\n\n");
	gen_paragraph(g);
	gen_puts(g, "\n");
}

/* gen_tail appends the closing sign-off section and footer. */
static void
gen_tail(struct gen *g)
{
	gen_puts(g, "## Sign-off\n\n");
	gen_signoff(g);
	gen_puts(g, "---\n\n*This checklist should be customized for your "
	    "environment. Review and update it regularly.*\n");
}

/* gen_size parses SIZE with an optional K, M or G suffix. */
static size_t
gen_size(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		gen_die("bad size: %s", s);
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	if (*end != '\0' || v == 0)
		gen_die("bad size: %s", s);
	return (size_t)v;
}

/* gen_seed sets the PRNG for file index from the run's seed alone. */
static void
gen_seed(struct gen *g, uint64_t seed, unsigned index)
{
	uint64_t s = seed ^ ((uint64_t)index * 0xd1342543de82ef95ULL);

	g->rng = gen_next(&s);
	g->nsection = 0;
}

/* gen_write writes the current text to path, whole. */
static void
gen_write(struct gen *g, const char *path)
{
	FILE *f;

	if ((f = fopen(path, "wb")) == NULL)
		gen_die("%s: %s", path, strerror(errno));
	g->out = f;
	g->outname = path;
	gen_flush(g);
	if (fclose(f) != 0)
		gen_die("%s: %s", path, strerror(errno));
	g->out = NULL;
}

/* gen_files writes n files of about size bytes (±25%) into dir. */
static void
gen_files(struct gen *g, uint64_t seed, unsigned n, size_t size,
    const char *dir)
{
	char path[4096];
	size_t target;
	unsigned i;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		gen_die("%s: %s", dir, strerror(errno));
	for (i = 0; i < n; i++) {
		gen_seed(g, seed, i);
		target = size - size / 4 + gen_below(g, (unsigned)(size / 2 + 1));
		g->len = 0;
		gen_head(g, i);
		while (g->len + 300 < target)
			gen_section(g);
		gen_tail(g);
		if ((size_t)snprintf(path, sizeof(path), "%s/checklist-%05u.md",
		    dir, i) >= sizeof(path))
			gen_die("%s: path too long", dir);
		gen_write(g, path);
	}
}

/* gen_bigfile writes one document of about size bytes, flushing per MB. */
static void
gen_bigfile(struct gen *g, uint64_t seed, size_t size, const char *path)
{
	size_t done = 0;

	gen_seed(g, seed, 0);
	g->big = 1;
	if ((g->out = fopen(path, "wb")) == NULL)
		gen_die("%s: %s", path, strerror(errno));
	g->outname = path;
	gen_head(g, 0);
	while (done + g->len + 300 < size) {
		gen_section(g);
		if (g->len >= (1 << 20)) {
			done += g->len;
			gen_flush(g);
		}
	}
	gen_tail(g);
	gen_flush(g);
	if (fclose(g->out) != 0)
		gen_die("%s: %s", path, strerror(errno));
}

/* main parses the options and writes the files or the big file. */
int
main(int argc, char *argv[])
{
	struct gen g;
	const char *out = NULL;
	uint64_t seed = 20240611;
	size_t size = 10240, big = 0;
	unsigned long n = 0;
	int i;

	memset(&g, 0, sizeof(g));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (i + 1 >= argc)
			gen_die("usage: bench-gen [--seed N] -n FILES -s SIZE "
			    "-o DIR | [--seed N] --big SIZE -o FILE");
		if (strcmp(a, "-n") == 0)
			n = strtoul(argv[++i], NULL, 10);
		else if (strcmp(a, "-s") == 0)
			size = gen_size(argv[++i]);
		else if (strcmp(a, "--big") == 0)
			big = gen_size(argv[++i]);
		else if (strcmp(a, "-o") == 0)
			out = argv[++i];
		else if (strcmp(a, "--seed") == 0)
			seed = strtoull(argv[++i], NULL, 10);
		else
			gen_die("unknown option: %s", a);
	}
	if (out == NULL || (big == 0) == (n == 0))
		gen_die("need -o and exactly one of -n or --big");
	if (size > 0x7fffffffU)
		gen_die("size too large for one file: use --big");
	if (big)
		gen_bigfile(&g, seed, big, out);
	else
		gen_files(&g, seed, (unsigned)n, size, out);
	free(g.data);
	return 0;
}
