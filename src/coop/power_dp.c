/*
 * Power indices of a weighted voting game by dynamic programming over
 * weights below the quota, exact in GMP integers.
 *
 * Generating functions (Brams and Affuso 1976; Uno 2012, "Efficient
 * computation of power indices for weighted majority games"): with
 * c[k][s] the number of coalitions of k players and weight s < q, adding
 * a player of weight w maps c to c'[k][s] = c[k][s] + c[k-1][s-w]. The
 * counts d without player i (weight w) follow by inverting that map,
 * d[k][s] = c[k][s] - d[k-1][s-w], i.e.
 *
 *     d[k][s] = sum over t >= 0 of (-1)^t c[k-t][s-t*w].
 *
 * Player i swings exactly the coalitions of others with weight in the
 * window [q-w, q-1]. Summed over that window, the t-th terms cover the
 * block [q-(t+1)w, q-1-t*w] of c[k-t] once each, so with prefix sums of
 * every row the swings of i are an alternating sum of O(q/w) block sums:
 * the pass that builds c costs O(n q) (times K sizes for Shapley-Shubik)
 * and each distinct weight O(q/w) more, instead of O(n q) each.
 *
 * Players of weight 0 are null players and stay out of the tables.
 *
 * Duality: S, a coalition of k others of i, is a swing of i in [q; w]
 * exactly when its complement among the others (m - 1 - k players, of
 * weight T - w_i - w(S), T the total weight) is a swing of i in the game
 * with quota T - q + 1. Swings and the Shapley-Shubik weights k! (m-1-k)!
 * are the same for k and m - 1 - k, so both indices may be computed with
 * the smaller of the two quotas (e.g. 7 instead of 39 for the UN Security
 * Council), which shortens every table.
 */
#include <stdlib.h>
#include <string.h>

#include "limb_row.h"
#include "power_internal.h"

/* The players of positive weight, sorted by weight (ascending, so that
 * the reachable weights and sizes grow slowly and rows stay short). */
typedef struct dp_game {
    size_t n;      /* all players */
    size_t m;      /* players of positive weight */
    int64_t quota; /* as given */
    int64_t q;     /* the smaller of the quota and its dual (see the top) */
    int64_t *w;    /* m weights, ascending */
    size_t *who;   /* their indices in the game */
    size_t rows;   /* sizes 0..rows-1 can weigh less than q */
} dp_game;

static int compare_weight(const void *a, const void *b, const int64_t *w)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    return w[i] < w[j] ? -1 : w[i] > w[j] ? 1 : i < j ? -1 : i > j;
}

/* qsort has no context argument in C11, hence this small merge sort. */
static void sort_by_weight(size_t *idx, size_t *tmp, size_t len, const int64_t *w)
{
    if (len < 2)
        return;
    size_t half = len / 2;
    sort_by_weight(idx, tmp, half, w);
    sort_by_weight(idx + half, tmp, len - half, w);
    size_t a = 0, b = half, o = 0;
    while (a < half && b < len)
        tmp[o++] = compare_weight(&idx[b], &idx[a], w) < 0 ? idx[b++] : idx[a++];
    while (a < half)
        tmp[o++] = idx[a++];
    while (b < len)
        tmp[o++] = idx[b++];
    for (size_t i = 0; i < len; i++)
        idx[i] = tmp[i];
}

static int dp_game_init(dp_game *d, const mk_simple_game *g, mk_ctx *ctx)
{
    d->n = g->n;
    d->quota = g->quota[0];
    d->q =
        g->quota[0] <= g->total[0] - g->quota[0] + 1 ? g->quota[0] : g->total[0] - g->quota[0] + 1;
    d->w = malloc(g->n * sizeof *d->w);
    d->who = malloc(g->n * sizeof *d->who);
    size_t *tmp = malloc(g->n * sizeof *tmp);
    if (d->w == NULL || d->who == NULL || tmp == NULL) {
        free(tmp);
        return mk_error(ctx, MK_ENOMEM, "out of memory for the weights");
    }
    d->m = 0;
    for (size_t i = 0; i < g->n; i++)
        if (g->weight[i] > 0)
            d->who[d->m++] = i;
    sort_by_weight(d->who, tmp, d->m, g->weight);
    free(tmp);
    int64_t light = 0;
    d->rows = 1;
    for (size_t j = 0; j < d->m; j++) {
        d->w[j] = g->weight[d->who[j]];
        /* The j+1 lightest players weigh at least q: no coalition of j+1
         * or more players is in the table. */
        if (light < d->q && (light += d->w[j]) < d->q)
            d->rows = j + 2;
    }
    return MK_OK;
}

static void dp_game_free(dp_game *d)
{
    free(d->w);
    free(d->who);
}

/* The tables hold rows * q integers of at most m bits each (every count is
 * at most 2^m): refuse before allocating when that estimate is too big. */
static int check_memory(const dp_game *d, size_t rows, const char *index, const char *note,
                        mk_ctx *ctx)
{
    size_t cell = sizeof(mp_limb_t) * (d->m / GMP_NUMB_BITS + 1);
    size_t cells;
    uint64_t q = (uint64_t)d->q;
    if (q > SIZE_MAX || __builtin_mul_overflow(rows, (size_t)q, &cells) ||
        cells > MK_POWER_DP_MAX_BYTES / cell)
        return mk_error(ctx, MK_ELIMIT,
                        "%s by dynamic programming needs %zu x %llu table cells of up to "
                        "%zu bits, past the limit of %zu MiB (quota %lld, %zu players)%s",
                        index, rows, (unsigned long long)q, d->m, MK_POWER_DP_MAX_BYTES >> 20,
                        (long long)d->quota, d->n, note);
    return MK_OK;
}

static mpz_t *table_new(size_t cells, mk_ctx *ctx)
{
    mpz_t *t = malloc(cells * sizeof *t);
    if (t == NULL) {
        mk_error(ctx, MK_ENOMEM, "out of memory for %zu table cells", cells);
        return NULL;
    }
    for (size_t i = 0; i < cells; i++)
        mpz_init(t[i]);
    return t;
}

static void table_free(mpz_t *t, size_t cells)
{
    for (size_t i = 0; t != NULL && i < cells; i++)
        mpz_clear(t[i]);
    free(t);
}

/* Turns each of `rows` rows of q cells (width limbs) into its inclusive
 * prefix sums. The caller knows that they fit: a prefix sum of row k
 * counts subsets of k light players. */
static void prefix_sums(mp_limb_t *c, size_t rows, size_t q, size_t width)
{
    for (size_t k = 0; k < rows; k++) {
        mp_limb_t *row = c + k * q * width;
        for (size_t s = 1; s < q; s++)
            mpn_add_n(row + s * width, row + s * width, row + (s - 1) * width, (mp_size_t)width);
    }
}

/* Block t of the window of a player of weight w: [q-(t+1)w, q-1-t*w]
 * clipped at 0. The caller keeps t below n_blocks(q, w), so t * w < q. */
static void block(size_t q, int64_t w, size_t t, size_t *lo, size_t *hi)
{
    size_t top = q - 1 - t * (size_t)w;
    *hi = top;
    *lo = (uint64_t)w > top ? 0 : top - (size_t)w + 1;
}

static size_t n_blocks(size_t q, int64_t w)
{
    return (uint64_t)w >= q ? 1 : (q + (size_t)w - 1) / (size_t)w;
}

/* The tables are rows of fixed-width limbs (mpn): cell s at c + s *
 * width, width just enough for the counts so far (after j players every
 * count is at most 2^j). Since no count overflows its cell, no carry
 * crosses from one cell to the next, and adding a row shifted by w is one
 * mpn_add_n per block of w cells (limb_row.c): no allocation, no per-cell
 * call, about 2x faster than a row of mpz cells.
 *
 * acc += (or -= when negative) the sum of cells lo..hi of a row of prefix
 * sums c. */
static void limb_block(mpz_t acc, const mp_limb_t *c, size_t width, size_t lo, size_t hi,
                       int negative)
{
    mpz_t x;
    mpz_roinit_n(x, c + hi * width, (mp_size_t)width);
    (negative ? mpz_sub : mpz_add)(acc, acc, x);
    if (lo > 0) {
        mpz_roinit_n(x, c + (lo - 1) * width, (mp_size_t)width);
        (negative ? mpz_add : mpz_sub)(acc, acc, x);
    }
}

/* acc = the swings of a player of weight w from the prefix sums P of the
 * row: the blocks [q-(t+1)w, q-1-t*w] with alternating signs telescope,
 * block t ending where block t+1 begins, to
 *
 *     P(q-1) + 2 * sum over t >= 1 of (-1)^t P(q-1-t*w),
 *
 * one cell read per block instead of two. */
static void window_swings(mpz_t acc, const mp_limb_t *c, size_t width, size_t q, size_t w)
{
    mpz_t x, odd;
    mpz_init(odd);
    mpz_set_ui(acc, 0);
    for (size_t t = 1; t * w < q; t++) { /* acc: even t, odd: odd t */
        mpz_roinit_n(x, c + (q - 1 - t * w) * width, (mp_size_t)width);
        mpz_add((t & 1) ? odd : acc, (t & 1) ? odd : acc, x);
    }
    mpz_sub(acc, acc, odd);
    mpz_mul_2exp(acc, acc, 1);
    mpz_roinit_n(x, c + (q - 1) * width, (mp_size_t)width);
    mpz_add(acc, acc, x);
    mpz_clear(odd);
}

/* Widens cells 0..cells-1 from `from` to `to` limbs in place, the highest
 * first so that no cell is overwritten before it has moved. */
static void widen(mp_limb_t *c, size_t cells, size_t from, size_t to)
{
    for (size_t s = cells; s-- > 0;) {
        memmove(c + s * to, c + s * from, from * sizeof *c);
        memset(c + s * to + from, 0, (to - from) * sizeof *c);
    }
}

/* Adds the players of positive weight below the quota to the row c
 * (which holds 1 at weight 0), in groups of up to LIMB_GROUP_MAX_PLAYERS
 * swept together (limb_row.c); returns the final width. The row is
 * widened before each group to what its last player needs: after j
 * players every count is at most 2^j. */
static size_t build_row(const dp_game *d, limb_pool *pool, mp_limb_t *c)
{
    size_t q = (size_t)d->q, width = 1, reach = 0;
    size_t w[LIMB_GROUP_MAX_PLAYERS], hi[LIMB_GROUP_MAX_PLAYERS];
    for (size_t j = 0; j < d->m && (uint64_t)d->w[j] < q;) {
        /* Ascending weights: every later player is as heavy. A player
         * heavier than a group takes is added alone. */
        size_t m = 0, top = reach;
        while (j + m < d->m && m < LIMB_GROUP_MAX_PLAYERS && (uint64_t)d->w[j + m] < q &&
               (size_t)d->w[j + m] <= LIMB_GROUP_MAX_WEIGHT) {
            w[m] = (size_t)d->w[j + m];
            top = hi[m] = top + w[m] < q ? top + w[m] : q - 1;
            m++;
        }
        size_t players = m > 0 ? m : 1, need = (j + players) / GMP_NUMB_BITS + 1;
        if (need > width) {
            widen(c, reach + 1, width, need);
            width = need;
        }
        if (m > 0) {
            limb_pool_add_group(pool, c, width, w, hi, m);
        } else {
            size_t heavy = (size_t)d->w[j];
            top = reach + heavy < q ? reach + heavy : q - 1;
            limb_row_add_shifted(c, width, heavy, top);
        }
        reach = top;
        j += players;
    }
    return width;
}

static int banzhaf(const dp_game *d, unsigned threads, power_raw *raw, mk_ctx *ctx)
{
    size_t q = (size_t)d->q, limbs = d->m / GMP_NUMB_BITS + 1;
    /* q * limbs passed check_memory (which counts more per cell). */
    mp_limb_t *c = calloc(q * limbs, sizeof *c);
    if (c == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu table cells", q);
    limb_pool *pool = NULL;
    /* A small table is done before a worker thread would have started. */
    int rc = limb_pool_new(&pool, q * limbs < LIMB_POOL_MIN_LIMBS ? 1 : threads, ctx);
    if (rc != 0) {
        free(c);
        return rc;
    }
    c[0] = 1;
    size_t width = build_row(d, pool, c);
    limb_pool_free(pool);
    /* Prefix sums count subsets of the light players processed: at most
     * 2^j for j of them, which width limbs hold. */
    prefix_sums(c, 1, q, width);
    mpz_t acc;
    mpz_init(acc);
    size_t zero = d->n - d->m;
    for (size_t j = 0; j < d->m; j++) {
        if (j == 0 || d->w[j] != d->w[j - 1]) {
            window_swings(acc, c, width, q, (size_t)d->w[j]);
            /* Each null player may join any swing coalition or not. */
            mpz_mul_2exp(acc, acc, zero);
        }
        mpz_set(raw->swings[d->who[j]], acc);
    }
    mpz_clear(acc);
    free(c);
    return MK_OK;
}

/* Players added to the size table together (see size_table). */
#define SIZE_GROUP 8

/* Player p (weight w, reachable weights up to hi) adds row k, shifted by
 * w, to row k + 1. Row k holds coalitions of k of the first p players:
 * none lighter than sum[k] (the k lightest) nor heavier than sum[p] -
 * sum[p - k] (the k heaviest of them, weights ascending), so only that
 * band moves. Source and target are distinct rows: one mpn_add_n. */
static void add_row(const dp_game *d, mp_limb_t *c, size_t width, const uint64_t *sum, size_t p,
                    size_t hi, size_t k)
{
    size_t q = (size_t)d->q, w = (size_t)d->w[p];
    uint64_t lo = w + sum[k], top = sum[p] - sum[p - k] + w;
    if (top < hi)
        hi = (size_t)top;
    if (lo > hi)
        return;
    mp_limb_t *to = c + ((k + 1) * q + lo) * width, *from = c + (k * q + lo - w) * width;
    mpn_add_n(to, to, from, (mp_size_t)((hi - (size_t)lo + 1) * width));
}

/* c[k][s] for k < rows, s < q, as limbs (row k at c + k * q * width);
 * returns the final width. sum[p] is the weight of the p lightest
 * players. Players are added in ascending weight, SIZE_GROUP at a time
 * as a wavefront down the rows: at step i player r of the group adds
 * target row top - i + r, so it reads row x - 1 right after player r - 1
 * has changed it (in the same step) and before r itself does, as the
 * in-place knapsack needs; the group's few rows stay in the cache. */
static size_t size_table(const dp_game *d, mp_limb_t *c, const uint64_t *sum)
{
    size_t q = (size_t)d->q, rows = d->rows, width = 1, reach = 0;
    size_t hi[SIZE_GROUP], top[SIZE_GROUP];
    c[0] = 1;
    for (size_t j = 0; j < d->m && rows > 1 && (uint64_t)d->w[j] < q;) {
        size_t g = 0;
        for (; g < SIZE_GROUP && j + g < d->m && (uint64_t)d->w[j + g] < q; g++) {
            reach = hi[g] = reach + (size_t)d->w[j + g] < q ? reach + (size_t)d->w[j + g] : q - 1;
            /* Player j + g makes coalitions of up to j + g + 1 players. */
            top[g] = (j + g < rows - 2 ? j + g : rows - 2) + 1;
        }
        size_t need = (j + g) / GMP_NUMB_BITS + 1; /* as in banzhaf() */
        if (need > width) {
            widen(c, rows * q, width, need);
            width = need;
        }
        size_t last = top[g - 1]; /* top[] is nondecreasing */
        for (size_t i = 0; i + 1 < last + g; i++)
            for (size_t r = 0; r < g && r <= i; r++) {
                size_t x = i - r < last ? last - (i - r) : 0; /* target row */
                if (x >= 1 && x <= top[r])
                    add_row(d, c, width, sum, j + r, hi[r], x - 1);
            }
        j += g;
    }
    return width;
}

/* The distinct weights of d (ascending) into u; returns how many. */
static size_t distinct_weights(const dp_game *d, int64_t *u)
{
    size_t n = 0;
    for (size_t j = 0; j < d->m; j++)
        if (j == 0 || d->w[j] != d->w[j - 1])
            u[n++] = d->w[j];
    return n;
}

/* count[v * m + k] = coalitions of k others that a player of weight u[v]
 * swings (m players of positive weight): block t of row r counts towards
 * size r + t. Row by row for every weight at once, so that each row is
 * read from memory once and then from the cache (a weight at a time
 * would sweep the whole table for each, missing the cache at every
 * block). */
static void swings_by_size(const dp_game *d, const mp_limb_t *c, size_t width, const int64_t *u,
                           size_t n_weights, mpz_t *count)
{
    size_t q = (size_t)d->q, m = d->m;
    for (size_t r = 0; r < d->rows; r++)
        for (size_t v = 0; v < n_weights; v++)
            for (size_t t = 0, lo, hi; t < n_blocks(q, u[v]) && r + t < m; t++) {
                block(q, u[v], t, &lo, &hi);
                limb_block(count[v * m + r + t], c + r * q * width, width, lo, hi, (int)(t & 1));
            }
}

static int shapley_shubik(const dp_game *d, power_raw *raw, mk_ctx *ctx)
{
    size_t q = (size_t)d->q, limbs = d->m / GMP_NUMB_BITS + 1, m = d->m;
    size_t cells = d->rows * q; /* passed check_memory: no overflow */
    mp_limb_t *c = calloc(cells * limbs, sizeof *c);
    uint64_t *sum = c != NULL ? malloc((m + 1) * sizeof *sum) : NULL;
    int64_t *u = sum != NULL ? malloc(m * sizeof *u) : NULL;
    size_t n_weights = u != NULL ? distinct_weights(d, u) : 0, n_counts = n_weights * m;
    mpz_t *count = u != NULL ? table_new(n_counts, ctx) : NULL;
    mpz_t *fact = count != NULL ? power_factorials(m) : NULL;
    if (fact == NULL) {
        table_free(count, n_counts);
        free(u);
        free(sum);
        free(c);
        return mk_error(ctx, MK_ENOMEM, "out of memory for Shapley-Shubik tables");
    }
    sum[0] = 0;
    for (size_t p = 1; p <= m; p++) /* at most the total weight: no overflow */
        sum[p] = sum[p - 1] + (uint64_t)d->w[p - 1];
    size_t width = size_table(d, c, sum);
    prefix_sums(c, d->rows, q, width);
    swings_by_size(d, c, width, u, n_weights, count);
    for (size_t j = 0, v = 0; j < m; j++) {
        size_t i = d->who[j];
        if (j > 0 && d->w[j] == d->w[j - 1]) {
            mpq_set(raw->ss[i], raw->ss[d->who[j - 1]]);
            continue;
        }
        /* Null players do not change the others' Shapley value, so the
         * index is that of the m-player game. */
        power_ss_from_sizes(raw->ss[i], count + v++ * m, m, m, fact);
    }
    power_factorials_free(fact, m);
    table_free(count, n_counts);
    free(u);
    free(sum);
    free(c);
    return MK_OK;
}

int power_dp(const mk_simple_game *g, unsigned indices, unsigned threads, power_raw *raw,
             mk_ctx *ctx)
{
    if (g->n_games != 1) /* power.c sends these to power_dp_multi */
        return mk_error(ctx, MK_EINTERNAL, "power_dp called with %zu games", g->n_games);
    dp_game d = {0};
    int rc = dp_game_init(&d, g, ctx);
    /* Check both tables before computing either, so that a refusal comes
     * at once rather than after the first index. */
    if (rc == 0 && (indices & MK_POWER_BANZHAF))
        rc = check_memory(&d, 1, "Banzhaf", "", ctx);
    if (rc == 0 && (indices & MK_POWER_SHAPLEY_SHUBIK))
        rc = check_memory(&d, d.rows, "Shapley-Shubik",
                          check_memory(&d, 1, "Banzhaf", "", NULL) == 0
                              ? "; the Banzhaf index alone fits (one row of the table)"
                              : "",
                          ctx);
    if (rc == 0 && (indices & MK_POWER_BANZHAF))
        rc = banzhaf(&d, threads, raw, ctx);
    if (rc == 0 && (indices & MK_POWER_SHAPLEY_SHUBIK))
        rc = shapley_shubik(&d, raw, ctx);
    dp_game_free(&d);
    return rc;
}
