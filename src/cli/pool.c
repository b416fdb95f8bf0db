/* pool.c: a fixed pool of worker threads over an array of items; results
 * are consumed in order by the caller's thread, which is one of the
 * workers: while item i is not done it takes items itself, and waits on a
 * condition variable only when it may not take one. Workers take the next
 * item under a mutex, at most a few items (the window) past the last one
 * consumed, so what is kept per item in flight is a ring of that many
 * slots, not an array as long as the input (2,000 files: 330 KB less). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "diag.h"
#include "pool.h"
#include "xalloc.h"

struct pool {
	size_t			 n, next;
	pool_work		 work;
	void			*arg;
	struct buf		*err;	/* per slot: the diagnostics of
						   its item */
	size_t			*done;	/* per slot: i + 1 once item i,
						   the slot's last, is done */
	size_t			 consumed;	/* items emitted so far */
	size_t			 ahead;		/* how far past that an item
						   may start: the window, the
						   number of slots */
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
};

static _Thread_local struct buf *pool_tls_err;

/* Diagnostics of a worker go to its item, to be printed in order. */
static void
pool_sink(const char *line, void *arg)
{
	if (pool_tls_err != NULL)
		buf_puts(pool_tls_err, line);
	else {
		fputs(line, stderr);
		fflush(stderr);
	}
}

/* Take the next item not yet taken and work on it; 0 when none is left.
 * An item starts at most p->ahead past the last one consumed, so that a
 * slow consumer does not make finished results pile up in memory: a
 * worker waits (wait 1), the caller's thread returns 0 to go and consume
 * (wait 0). */
static int
pool_take(struct pool *p, struct check_ctx *cc, int wait)
{
	size_t i;

	pthread_mutex_lock(&p->mu);
	while (p->next < p->n && p->next >= p->consumed + p->ahead) {
		if (!wait) {
			pthread_mutex_unlock(&p->mu);
			return 0;
		}
		pthread_cond_wait(&p->cv, &p->mu);
	}
	i = p->next < p->n ? p->next++ : p->n;
	pthread_mutex_unlock(&p->mu);
	if (i >= p->n)
		return 0;
	pool_tls_err = &p->err[i % p->ahead];
	p->work(i, cc, p->arg);
	pool_tls_err = NULL;
	pthread_mutex_lock(&p->mu);
	p->done[i % p->ahead] = i + 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return 1;
}

static void *
pool_worker(void *arg)
{
	struct pool *p = arg;
	struct check_ctx *cc = check_ctx_new();

	while (pool_take(p, cc, 1))
		;
	check_ctx_free(cc);
	return NULL;
}

int
pool_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* The threads pool_run starts for n items and a -j of nthreads. */
static int
pool_threads(size_t n, int nthreads)
{
	if (nthreads <= 0)
		nthreads = pool_cpus();
	if ((size_t)nthreads > n)
		nthreads = n ? (int)n : 1;
	return nthreads;
}

size_t
pool_window(size_t n, int nthreads)
{
	size_t w = 4 * (size_t)pool_threads(n, nthreads);

	return w < n ? w : n ? n : 1;
}

void
pool_run(size_t n, int nthreads, pool_work work, pool_emit emit, void *arg)
{
	struct pool p = {0};
	struct check_ctx *cc;
	pthread_t *th;
	size_t i;
	int t;

	p.ahead = pool_window(n, nthreads);
	nthreads = pool_threads(n, nthreads);
	p.n = n;
	p.work = work;
	p.arg = arg;
	p.err = xcalloc(p.ahead, sizeof(*p.err));
	p.done = xcalloc(p.ahead, sizeof(*p.done));
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	/* This thread is one of the nthreads: -j 1 starts no thread, and
	 * no hand-off per item when the others keep up. */
	th = xcalloc((size_t)nthreads, sizeof(*th));
	diag_set_sink(pool_sink, NULL);
	for (t = 1; t < nthreads; t++)
		if (pthread_create(&th[t], NULL, pool_worker, &p) != 0) {
			/* Fewer threads is fine: this one works too. */
			nthreads = t;
			break;
		}
	cc = check_ctx_new();
	for (i = 0; i < n; i++) {
		size_t slot = i % p.ahead;
		int done;

		do {
			pthread_mutex_lock(&p.mu);
			done = p.done[slot] == i + 1;
			pthread_mutex_unlock(&p.mu);
		} while (!done && pool_take(&p, cc, 0));
		pthread_mutex_lock(&p.mu);
		while (p.done[slot] != i + 1)
			pthread_cond_wait(&p.cv, &p.mu);
		pthread_mutex_unlock(&p.mu);
		if (p.err[slot].len)
			fputs(p.err[slot].data, stderr);
		buf_free(&p.err[slot]);
		if (emit != NULL)
			emit(i, arg);
		pthread_mutex_lock(&p.mu);
		p.consumed = i + 1;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
	}
	check_ctx_free(cc);
	for (t = 1; t < nthreads; t++)
		pthread_join(th[t], NULL);
	diag_set_sink(NULL, NULL);
	free(th);
	free(p.err);
	free(p.done);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv);
}
