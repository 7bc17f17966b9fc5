/*
 * Rows of fixed-width naturals that add themselves shifted (limb_row.h),
 * on one thread or several.
 *
 * With T threads the targets [w, hi] are cut into T consecutive segments.
 * A segment's targets below its start + w read sources in the segment
 * beneath, which that segment's thread is changing at the same time: the
 * caller copies those w source cells of each segment first (buf), while
 * no thread runs. Every other read stays inside the reader's own segment,
 * where descending blocks keep the knapsack order. Workers wait on a
 * condition variable between steps (a step generation counter), so a step
 * costs one broadcast and one wait.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "limb_row.h"

/* Most source cells copied per segment; heavier players run serially. */
#define BUFFER_CELLS ((size_t)4096)

struct limb_pool {
    unsigned n; /* threads, the caller included: workers 1..n-1 run */
    pthread_t worker[LIMB_POOL_MAX_THREADS];
    pthread_mutex_t lock;
    pthread_cond_t go, finished;
    unsigned long generation; /* bumped for each step */
    unsigned pending;         /* workers still in the current step */
    int stop;
    size_t max_limbs;
    mp_limb_t *buf; /* n segments * BUFFER_CELLS * max_limbs limbs */
    /* The step in progress. */
    mp_limb_t *c;
    size_t width, w, lo[LIMB_POOL_MAX_THREADS], hi[LIMB_POOL_MAX_THREADS];
};

/* Targets [lo, hi] with sources read from the row itself. */
static void add_range(mp_limb_t *c, size_t width, size_t w, size_t lo, size_t hi)
{
    for (size_t top = hi; top >= lo;) {
        size_t bottom = top + 1 >= lo + w ? top + 1 - w : lo;
        mpn_add_n(c + bottom * width, c + bottom * width, c + (bottom - w) * width,
                  (mp_size_t)((top - bottom + 1) * width));
        if (bottom == lo)
            break;
        top = bottom - 1;
    }
}

static void run_segment(limb_pool *p, unsigned k)
{
    size_t lo = p->lo[k], hi = p->hi[k], w = p->w, width = p->width;
    if (k == 0) {
        add_range(p->c, width, w, lo, hi);
        return;
    }
    if (lo + w <= hi)
        add_range(p->c, width, w, lo + w, hi);
    /* Targets lo.. lo + w - 1: their sources lo - w.. lo - 1 were copied. */
    size_t top = lo + w - 1 < hi ? lo + w - 1 : hi;
    mp_limb_t *buf = p->buf + (size_t)k * BUFFER_CELLS * p->max_limbs;
    mpn_add_n(p->c + lo * width, p->c + lo * width, buf, (mp_size_t)((top - lo + 1) * width));
}

/* Worker k: one segment per step until the pool stops. */
typedef struct worker_arg {
    limb_pool *pool;
    unsigned k;
} worker_arg;

static void *worker_main(void *arg)
{
    limb_pool *p = ((worker_arg *)arg)->pool;
    unsigned k = ((worker_arg *)arg)->k;
    free(arg);
    unsigned long seen = 0;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->generation == seen && !p->stop)
            pthread_cond_wait(&p->go, &p->lock);
        if (p->stop)
            break;
        seen = p->generation;
        pthread_mutex_unlock(&p->lock);
        run_segment(p, k);
        pthread_mutex_lock(&p->lock);
        if (--p->pending == 0)
            pthread_cond_signal(&p->finished);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static unsigned online_processors(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > LIMB_POOL_MAX_THREADS ? LIMB_POOL_MAX_THREADS : (unsigned)n;
}

/* Starts workers 1..want-1; the pool keeps those that started (a thread
 * that cannot start only makes the pool smaller, never wrong). */
static void start_workers(limb_pool *p, unsigned want)
{
    for (unsigned k = 1; k < want; k++) {
        worker_arg *a = malloc(sizeof *a);
        if (a == NULL)
            return;
        a->pool = p;
        a->k = k;
        if (pthread_create(&p->worker[k], NULL, worker_main, a) != 0) {
            free(a);
            return;
        }
        p->n = k + 1;
    }
}

int limb_pool_new(limb_pool **out, unsigned threads, size_t max_limbs, mk_ctx *ctx)
{
    limb_pool *p = calloc(1, sizeof *p);
    if (p == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a thread pool");
    unsigned want = threads == 0                      ? online_processors()
                    : threads > LIMB_POOL_MAX_THREADS ? LIMB_POOL_MAX_THREADS
                                                      : threads;
    p->n = 1;
    p->max_limbs = max_limbs;
    if (pthread_mutex_init(&p->lock, NULL) != 0) {
        free(p);
        return mk_error(ctx, MK_EINTERNAL, "cannot create a mutex");
    }
    if (pthread_cond_init(&p->go, NULL) != 0 || pthread_cond_init(&p->finished, NULL) != 0) {
        pthread_mutex_destroy(&p->lock);
        free(p);
        return mk_error(ctx, MK_EINTERNAL, "cannot create a condition variable");
    }
    /* No room for the copies: everything runs on the caller's thread. */
    if (want > 1 &&
        (p->buf = malloc((size_t)want * BUFFER_CELLS * max_limbs * sizeof *p->buf)) != NULL)
        start_workers(p, want);
    *out = p;
    return MK_OK;
}

void limb_pool_free(limb_pool *p)
{
    if (p == NULL)
        return;
    pthread_mutex_lock(&p->lock);
    p->stop = 1;
    pthread_cond_broadcast(&p->go);
    pthread_mutex_unlock(&p->lock);
    for (unsigned k = 1; k < p->n; k++)
        pthread_join(p->worker[k], NULL);
    pthread_cond_destroy(&p->go);
    pthread_cond_destroy(&p->finished);
    pthread_mutex_destroy(&p->lock);
    free(p->buf);
    free(p);
}

void limb_row_add_shifted(mp_limb_t *c, size_t width, size_t w, size_t hi)
{
    if (hi >= w)
        add_range(c, width, w, w, hi);
}

void limb_pool_add_shifted(limb_pool *p, mp_limb_t *c, size_t width, size_t w, size_t hi)
{
    if (hi < w)
        return;
    size_t count = hi - w + 1;
    if (p->n == 1 || count * width < LIMB_POOL_MIN_LIMBS || w > BUFFER_CELLS ||
        width > p->max_limbs || count < p->n) {
        add_range(c, width, w, w, hi);
        return;
    }
    p->c = c;
    p->width = width;
    p->w = w;
    for (unsigned k = 0; k < p->n; k++) {
        p->lo[k] = w + count * k / p->n;
        p->hi[k] = w + count * (k + 1) / p->n - 1;
        if (k > 0) /* the sources of lo.. lo + w - 1, before anyone writes */
            memcpy(p->buf + (size_t)k * BUFFER_CELLS * p->max_limbs, c + (p->lo[k] - w) * width,
                   w * width * sizeof *c);
    }
    pthread_mutex_lock(&p->lock);
    p->pending = p->n - 1;
    p->generation++;
    pthread_cond_broadcast(&p->go);
    pthread_mutex_unlock(&p->lock);
    run_segment(p, 0);
    pthread_mutex_lock(&p->lock);
    while (p->pending > 0)
        pthread_cond_wait(&p->finished, &p->lock);
    pthread_mutex_unlock(&p->lock);
}
