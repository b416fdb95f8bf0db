/* pool.h: runs the per-file work of a command on worker threads and hands
 * the results back in input order, so output never depends on -j.
 * pipeline.c includes it (pipeline_loop). */
#ifndef TICKLIST_POOL_H
#define TICKLIST_POOL_H

#include <stddef.h>

struct check_ctx;

/* Called on a worker thread for item i, with that thread's check context
 * (regex match data and scratch buffers; never shared). */
typedef void (*pool_work)(size_t i, struct check_ctx *, void *arg);
/* Called on the calling thread for each item in order 0..n-1, as soon as
 * it and all before it are done; may be NULL. */
typedef void (*pool_emit)(size_t i, void *arg);

/*
 * Run work for items 0..n-1 on nthreads threads (0: the number of CPUs).
 * Tool diagnostics (diag_error) raised while working on item i are held
 * and printed on stderr just before emit(i), so they too come in input
 * order. Item i starts only once emit(i - pool_window(n, nthreads)) has
 * returned: per-item state can live in a ring of that many slots.
 */
void	pool_run(size_t n, int nthreads, pool_work work, pool_emit emit,
	    void *arg);
/* The default thread count: online CPUs, at most 64. */
int	pool_cpus(void);
/* How many items pool_run(n, nthreads, ...) has in flight at most: never
 * more than n, at least 1. */
size_t	pool_window(size_t n, int nthreads);

#endif
