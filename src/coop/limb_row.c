/*
 * Rows of fixed-width naturals that add themselves shifted (limb_row.h),
 * a group of players at a time, on one thread or several.
 *
 * Wavefront. Player r maps the row c_r to c_{r+1}[s] = c_r[s] + c_r[s -
 * w_r], in place from the top down. Cut the row into tiles of at least
 * the heaviest weight of the group, tile 0 the highest; at step i, player
 * r adds itself to tile i - r, the players in order. Player r then reads
 * its tile and the one below, which players 0..r-1 have done (the one
 * below in this same step) and r has not: exactly c_r, as the in-place
 * knapsack needs. The row comes from memory once per group instead of
 * once per player, and the group's few tiles stay in the cache between
 * steps (a row of 1,000-bit counts is tens of MB, and mpn_add_n runs
 * about three times slower from memory than from the cache).
 *
 * Threads. The cells [0, top] are cut into consecutive segments, one per
 * thread. Near the bottom S of its segment a thread reads c_r on
 * [S - w_r, S), which the thread beneath is changing at the same time;
 * so before any thread runs, the caller copies the band [S - W, S) of the
 * row as it was before the group (W the sum of the group's weights), and
 * the segment's thread sweeps that private copy below its segment,
 * leaving out the sources below the copy. After player r the copy is
 * wrong only below S - W + w_0 + ... + w_r <= S, so every cell of the
 * segment comes out right. Workers wait on a condition variable between
 * groups (a generation counter), so a group costs one broadcast and one
 * wait.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "limb_row.h"

/* Limbs of one tile at least; a tile also holds the heaviest weight of
 * its group, so that a player's sources lie in its tile and the next.
 * The group's tiles (one per player) then stay in the L2 or L3 cache. */
#define TILE_LIMBS ((size_t)1 << 13)

/* A segment shorter than this many times the group's band is not worth
 * a thread: the copy would cost about as much as the segment. */
#define SEGMENT_PER_BAND 4

/* The group in progress. */
typedef struct group {
    mp_limb_t *c;
    size_t width, m, wmax, top;
    const size_t *w, *hi;
} group;

/* What thread k does: cells [lo, end) of the row, with the band
 * [band_lo, lo) below them in scratch (empty for k = 0). */
typedef struct segment {
    size_t band_lo, lo, end;
    mp_limb_t *scratch;
    size_t capacity; /* limbs of scratch */
} segment;

struct limb_pool {
    unsigned n; /* threads, the caller included: workers 1..n-1 run */
    pthread_t worker[LIMB_POOL_MAX_THREADS];
    pthread_mutex_t lock;
    pthread_cond_t go, finished;
    unsigned long generation; /* bumped for each group */
    unsigned pending;         /* workers still in the current group */
    unsigned active;          /* threads taking part in the current group */
    int stop;
    group job;
    segment seg[LIMB_POOL_MAX_THREADS];
};

/* Targets [lo, hi] with sources read from the row itself (lo >= w). */
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

void limb_row_add_shifted(mp_limb_t *c, size_t width, size_t w, size_t hi)
{
    if (hi >= w)
        add_range(c, width, w, w, hi);
}

/* The cells a thread sweeps: [lo, end) in the row, [band_lo, lo) in its
 * band. */
typedef struct view {
    mp_limb_t *row, *band;
    size_t band_lo, lo, width;
} view;

static mp_limb_t *cell(const view *v, size_t s)
{
    return s >= v->lo ? v->row + s * v->width : v->band + (s - v->band_lo) * v->width;
}

/* c[s] += c[s - w] for targets [from, to] (from >= band_lo + w) in
 * descending blocks of at most w cells; a block neither crosses lo nor
 * reads across it, so that each is one mpn_add_n within one memory. */
static void view_add(const view *v, size_t w, size_t from, size_t to)
{
    for (size_t top = to; top >= from;) {
        size_t bottom = top + 1 >= from + w ? top + 1 - w : from;
        if (bottom < v->lo + w && top >= v->lo + w)
            bottom = v->lo + w;
        else if (bottom < v->lo && top >= v->lo)
            bottom = v->lo;
        mpn_add_n(cell(v, bottom), cell(v, bottom), cell(v, bottom - w),
                  (mp_size_t)((top - bottom + 1) * v->width));
        if (bottom == from)
            break;
        top = bottom - 1;
    }
}

/* The group on cells [band_lo, end), as a wavefront descending in tiles
 * of tile >= wmax cells (tile 0 the highest): at step i player r adds
 * itself to tile i - r, after player r - 1 did tile i - r + 1 below it.
 * So the sources of player r, in its tile and the one below, have had
 * players 0..r-1 and not yet r, as the in-place knapsack needs; and the
 * tiles of one step stay in the cache for the next. */
static void sweep(const group *g, const view *v, size_t end)
{
    size_t tile = TILE_LIMBS / g->width > g->wmax ? TILE_LIMBS / g->width : g->wmax;
    size_t cells = end - v->band_lo, tiles = (cells + tile - 1) / tile;
    for (size_t i = 0; i + 1 < tiles + g->m; i++) {
        for (size_t r = 0; r < g->m && r <= i; r++) {
            size_t t = i - r;
            if (t >= tiles)
                continue;
            size_t hi = end - 1 - t * tile,
                   lo = hi + 1 - (cells - t * tile < tile ? cells - t * tile : tile);
            size_t floor = v->band_lo + g->w[r]; /* sources below the band: none or unknown */
            size_t from = lo > floor ? lo : floor, to = hi < g->hi[r] ? hi : g->hi[r];
            if (from <= to)
                view_add(v, g->w[r], from, to);
        }
    }
}

static void run_segment(limb_pool *p, unsigned k)
{
    const group *g = &p->job;
    const segment *s = &p->seg[k];
    view v = {g->c, s->scratch, s->band_lo, s->lo, g->width};
    sweep(g, &v, s->end);
}

/* Worker k: one segment per group until the pool stops. */
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
        int mine = k < p->active;
        pthread_mutex_unlock(&p->lock);
        if (mine)
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

int limb_pool_new(limb_pool **out, unsigned threads, mk_ctx *ctx)
{
    limb_pool *p = calloc(1, sizeof *p);
    if (p == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a thread pool");
    unsigned want = threads == 0                      ? online_processors()
                    : threads > LIMB_POOL_MAX_THREADS ? LIMB_POOL_MAX_THREADS
                                                      : threads;
    p->n = 1;
    if (pthread_mutex_init(&p->lock, NULL) != 0) {
        free(p);
        return mk_error(ctx, MK_EINTERNAL, "cannot create a mutex");
    }
    if (pthread_cond_init(&p->go, NULL) != 0 || pthread_cond_init(&p->finished, NULL) != 0) {
        pthread_mutex_destroy(&p->lock);
        free(p);
        return mk_error(ctx, MK_EINTERNAL, "cannot create a condition variable");
    }
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
    for (unsigned k = 0; k < LIMB_POOL_MAX_THREADS; k++)
        free(p->seg[k].scratch);
    free(p);
}

/* Cuts [0, top] into segments for as many threads as pay off; returns
 * how many. */
static unsigned plan_segments(limb_pool *p, size_t band)
{
    const group *g = &p->job;
    size_t cells = g->top + 1;
    unsigned t = p->n;
    if (cells * g->width < LIMB_POOL_MIN_LIMBS)
        t = 1;
    while (t > 1 && cells / t < SEGMENT_PER_BAND * band)
        t--;
    for (unsigned k = 0; k < t; k++) {
        segment *s = &p->seg[k];
        s->lo = cells * k / t;
        s->end = cells * (k + 1) / t;
        s->band_lo = k == 0 ? s->lo : s->lo > band ? s->lo - band : 0;
    }
    return t;
}

/* Scratch for segments 0..t-1; 0, or -1 without memory. */
static int reserve_scratch(limb_pool *p, unsigned t)
{
    for (unsigned k = 0; k < t; k++) {
        segment *s = &p->seg[k];
        size_t need = (s->lo - s->band_lo) * p->job.width;
        if (need <= s->capacity)
            continue;
        mp_limb_t *more = realloc(s->scratch, need * sizeof *more);
        if (more == NULL)
            return -1;
        s->scratch = more;
        s->capacity = need;
    }
    return 0;
}

void limb_pool_add_group(limb_pool *p, mp_limb_t *c, size_t width, const size_t *w,
                         const size_t *hi, size_t m)
{
    group *g = &p->job;
    *g = (group){.c = c, .width = width, .m = m, .w = w, .hi = hi, .top = hi[m - 1]};
    size_t band = 0;
    for (size_t r = 0; r < m; r++) {
        band += w[r];
        g->wmax = w[r] > g->wmax ? w[r] : g->wmax;
    }
    unsigned t = plan_segments(p, band);
    if (reserve_scratch(p, t) != 0) {
        for (size_t r = 0; r < m; r++)
            limb_row_add_shifted(c, width, w[r], hi[r]);
        return;
    }
    for (unsigned k = 1; k < t; k++) { /* the bands, before anyone writes */
        segment *s = &p->seg[k];
        memcpy(s->scratch, c + s->band_lo * width, (s->lo - s->band_lo) * width * sizeof *c);
    }
    if (t > 1) {
        pthread_mutex_lock(&p->lock);
        p->active = t;
        p->pending = p->n - 1;
        p->generation++;
        pthread_cond_broadcast(&p->go);
        pthread_mutex_unlock(&p->lock);
    }
    run_segment(p, 0);
    if (t > 1) {
        pthread_mutex_lock(&p->lock);
        while (p->pending > 0)
            pthread_cond_wait(&p->finished, &p->lock);
        pthread_mutex_unlock(&p->lock);
    }
}
