/*
 * Power indices of a multiple weighted game (k component games) by
 * dynamic programming over vectors of weights, exact.
 *
 * A coalition wins when it wins every game. By inclusion-exclusion over
 * the games that it loses,
 *
 *     #{S : S wins all} = sum over T subset of games of (-1)^|T| L_T(q),
 *
 * where L_T(b) counts the S with w_g(S) < b_g for every g in T: a count
 * in the box below b of the table c_T of coalitions by their weights in
 * the games of T (and by size, for Shapley-Shubik). Below the quotas the
 * table needs no saturation, so removing a player of weight vector u is
 * the exact inverse of adding it, as in power_dp.c:
 *
 *     L_T without i (b) = sum over t >= 0 of (-1)^t P_T(b - t u),
 *
 * P_T(x) the count in the box below x (prefix sums of c_T). Player i
 * swings S (a coalition of others) when S + i wins and S does not, so
 *
 *     swings_i = sum over non-empty T of (-1)^|T| (L_T(q - u) - L_T(q))
 *
 * with both L_T for the others, and the same by size gives the
 * Shapley-Shubik counts. Each c_T costs O(n * rows * prod of the quotas
 * in T) additions; the largest, T = all games, bounds the memory, and
 * MK_POWER_DP_MAX_BYTES applies to it. One table is alive at a time.
 */
#include <stdlib.h>
#include <string.h>

#include "limb_row.h"
#include "power_internal.h"

#define MAX_DIMS MK_SIMPLE_GAME_MAX_GAMES

/* The table c_T: rows (sizes, 1 for Banzhaf) of prod(bound) cells. */
typedef struct box {
    size_t dims;
    size_t game[MAX_DIMS];   /* component game of each coordinate */
    size_t bound[MAX_DIMS];  /* its quota: coordinate in [0, bound) */
    size_t stride[MAX_DIMS]; /* cells per unit of the coordinate */
    int by_size;             /* rows are coalition sizes (Shapley-Shubik) */
    size_t rows, row_cells, cells, width;
    mp_limb_t *c;
} box;

static int compare_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Sizes 0..rows-1 can lose game g: the lightest `rows - 1` players of g
 * weigh less than its quota. scratch holds n weights. */
static size_t rows_of_game(const mk_simple_game *g, size_t game, int64_t *scratch)
{
    memcpy(scratch, g->weight + game * g->n, g->n * sizeof *scratch);
    qsort(scratch, g->n, sizeof *scratch, compare_int64);
    int64_t sum = 0; /* <= the game's total, which fits */
    size_t rows = 1;
    for (size_t i = 0; i < g->n && (sum += scratch[i]) < g->quota[game]; i++)
        rows = i + 2;
    return rows;
}

/* rows[k] = rows_of_game(k) for every game; MK_ENOMEM. */
static int game_rows_all(const mk_simple_game *g, size_t *rows, mk_ctx *ctx)
{
    int64_t *scratch = malloc(g->n * sizeof *scratch);
    if (scratch == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for weights");
    for (size_t k = 0; k < g->n_games; k++)
        rows[k] = rows_of_game(g, k, scratch);
    free(scratch);
    return MK_OK;
}

/* Shapes the box of the games in mask; cells is 0 when it is too big. */
static void box_shape(box *b, const mk_simple_game *g, unsigned mask, int by_size, size_t rows)
{
    memset(b, 0, sizeof *b);
    for (size_t k = 0; k < g->n_games; k++)
        if (mask >> k & 1) {
            b->game[b->dims] = k;
            b->bound[b->dims++] = (size_t)g->quota[k];
        }
    b->rows = rows;
    b->by_size = by_size;
    b->width = g->n / GMP_NUMB_BITS + 1;
    size_t cells = 1;
    for (size_t d = b->dims; d-- > 0;) {
        b->stride[d] = cells;
        if (__builtin_mul_overflow(cells, b->bound[d], &cells))
            return;
    }
    b->row_cells = cells;
    if (__builtin_mul_overflow(cells, rows, &b->cells) ||
        b->cells > MK_POWER_DP_MAX_BYTES / (b->width * sizeof(mp_limb_t)))
        b->cells = 0;
}

/* Adds one player of weight vector u (u[d] < bound[d]) to the table:
 * every row segment along the last coordinate gains the segment u below
 * it (and one size down), in descending order so that sources are still
 * the table before this player. */
static void box_add(box *b, const size_t *u)
{
    size_t last = b->dims - 1, len = b->bound[last] - u[last], w = b->width;
    size_t delta = b->by_size ? b->row_cells : 0;
    for (size_t d = 0; d < last; d++)
        delta += u[d] * b->stride[d];
    if (delta == 0) {       /* Banzhaf, a shift along the last coordinate only */
        if (u[last] == 0) { /* weight 0 in every game of T: doubles all */
            mpn_lshift(b->c, b->c, (mp_size_t)(b->cells * w), 1);
            return;
        }
        for (size_t r = 0; r < b->cells; r += b->bound[last])
            limb_row_add_shifted(b->c + r * w, w, u[last], b->bound[last] - 1);
        return;
    }
    size_t outer = b->cells / b->bound[last];
    for (size_t o = outer; o-- > 0;) {
        /* The digits of o: size, then every coordinate but the last. */
        size_t rest = o, ok = 1;
        for (size_t d = last; d-- > 0 && ok;) {
            ok = rest % b->bound[d] >= u[d];
            rest /= b->bound[d];
        }
        if (!ok || (b->by_size && rest == 0))
            continue;
        mp_limb_t *to = b->c + (o * b->bound[last] + u[last]) * w;
        /* Cell (o, s) gains cell (o - outer part of u, s - u[last]). */
        mpn_add_n(to, to, to - (delta + u[last]) * w, (mp_size_t)(len * w));
    }
}

/* Inclusive prefix sums along every weight coordinate (not sizes). */
static void box_prefix(box *b)
{
    size_t w = b->width;
    for (size_t d = 0; d < b->dims; d++) {
        size_t block = b->stride[d], span = block * b->bound[d];
        for (size_t base = 0; base < b->cells; base += span)
            for (size_t s = 1; s < b->bound[d]; s++) {
                mp_limb_t *to = b->c + (base + s * block) * w;
                mpn_add_n(to, to, to - block * w, (mp_size_t)(block * w));
            }
    }
}

/* acc += sign * (count of size-row k strictly below x), x[d] may be <= 0. */
static void box_below(const box *b, size_t k, const int64_t *x, int negative, mpz_t acc)
{
    size_t at = k * b->row_cells;
    for (size_t d = 0; d < b->dims; d++) {
        if (x[d] <= 0)
            return;
        at += ((size_t)x[d] - 1) * b->stride[d];
    }
    mpz_t v;
    mpz_roinit_n(v, b->c + at * b->width, (mp_size_t)b->width);
    (negative ? mpz_sub : mpz_add)(acc, acc, v);
}

/* acc += sign * L_T without a player of weight vector u, below bound
 * vector top, at size k (0 for Banzhaf): the alternating sum of the top
 * of this file. A player of weight 0 in every game of T is in half of
 * the counted coalitions (Banzhaf) or shifts sizes only (Shapley-Shubik,
 * where t <= k ends the sum). */
static void box_without(const box *b, size_t k, const int64_t *top, const size_t *u, int negative,
                        mpz_t acc, mpz_t tmp)
{
    int zero = 1;
    for (size_t d = 0; d < b->dims; d++)
        zero = zero && u[d] == 0;
    if (zero && !b->by_size) {
        mpz_set_ui(tmp, 0);
        box_below(b, 0, top, 0, tmp);
        mpz_tdiv_q_2exp(tmp, tmp, 1);
        (negative ? mpz_sub : mpz_add)(acc, acc, tmp);
        return;
    }
    int64_t x[MAX_DIMS];
    memcpy(x, top, b->dims * sizeof *x);
    for (size_t t = 0; !b->by_size || t <= k; t++) {
        int inside = 1;
        for (size_t d = 0; d < b->dims; d++)
            inside = inside && x[d] > 0;
        if (!inside)
            break;
        box_below(b, b->by_size ? k - t : 0, x, negative ^ (int)(t & 1), acc);
        for (size_t d = 0; d < b->dims; d++)
            x[d] -= (int64_t)u[d];
    }
}

/* The weight vector of player i on the games of b, capped at the bounds
 * (a weight at or above its quota takes the player out of every box). */
static int player_vector(const box *b, const mk_simple_game *g, size_t i, size_t *u)
{
    int inside = 1;
    for (size_t d = 0; d < b->dims; d++) {
        int64_t w = g->weight[b->game[d] * g->n + i];
        u[d] = (uint64_t)w >= b->bound[d] ? b->bound[d] : (size_t)w;
        inside = inside && u[d] < b->bound[d];
    }
    return inside;
}

/* Adds (-1)^|T| (L_T(q - u) - L_T(q)) of every player into the counts:
 * count[i * rows_max + k] (by size) or swings[i]. */
static void box_collect(const box *b, const mk_simple_game *g, int negative, mpz_t *count,
                        size_t rows_max, mpz_t tmp)
{
    int64_t q[MAX_DIMS], lower[MAX_DIMS];
    size_t u[MAX_DIMS];
    for (size_t d = 0; d < b->dims; d++)
        q[d] = (int64_t)b->bound[d];
    for (size_t i = 0; i < g->n; i++) {
        player_vector(b, g, i, u);
        for (size_t d = 0; d < b->dims; d++)
            lower[d] = q[d] - (int64_t)u[d];
        for (size_t k = 0; k < b->rows; k++) {
            mpz_t *acc = &count[i * rows_max + k];
            box_without(b, k, lower, u, negative, *acc, tmp);
            box_without(b, k, q, u, !negative, *acc, tmp);
        }
    }
}

static int box_fill(box *b, const mk_simple_game *g, mk_ctx *ctx)
{
    b->c = calloc(b->cells * b->width, sizeof *b->c);
    if (b->c == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a table of %zu cells", b->cells);
    b->c[0] = 1;
    size_t u[MAX_DIMS];
    for (size_t i = 0; i < g->n; i++)
        if (player_vector(b, g, i, u))
            box_add(b, u);
    box_prefix(b);
    return MK_OK;
}

/* The row count of the box of mask (Shapley-Shubik: the fewest sizes
 * that can lose every game of it; Banzhaf: 1). */
static size_t mask_rows(const size_t *game_rows, size_t n_games, unsigned mask)
{
    size_t rows = SIZE_MAX;
    for (size_t k = 0; k < n_games; k++)
        if ((mask >> k & 1) && game_rows[k] < rows)
            rows = game_rows[k];
    return rows;
}

int power_dp_multi_check(const mk_simple_game *g, unsigned indices, mk_ctx *ctx)
{
    size_t game_rows[MAX_DIMS];
    int rc = game_rows_all(g, game_rows, ctx);
    int ss = (indices & MK_POWER_SHAPLEY_SHUBIK) != 0;
    for (unsigned mask = 1; rc == 0 && mask < 1u << g->n_games; mask++) {
        box b;
        box_shape(&b, g, mask, ss, ss ? mask_rows(game_rows, g->n_games, mask) : 1);
        if (b.cells == 0)
            rc = mk_error(ctx, MK_ELIMIT,
                          "dynamic programming over the weights of %zu games needs tables "
                          "past %zu MiB (the quotas multiply to too many cells)",
                          g->n_games, MK_POWER_DP_MAX_BYTES >> 20);
    }
    return rc;
}

/* Runs every box for one index: rows_max 1 (Banzhaf) or the most sizes. */
static int run_boxes(const mk_simple_game *g, const size_t *game_rows, int by_size, mpz_t *count,
                     size_t rows_max, mk_ctx *ctx)
{
    mpz_t tmp;
    mpz_init(tmp);
    int rc = MK_OK;
    for (unsigned mask = 1; rc == 0 && mask < 1u << g->n_games; mask++) {
        box b;
        box_shape(&b, g, mask, by_size, by_size ? mask_rows(game_rows, g->n_games, mask) : 1);
        if (b.cells == 0) {
            rc = mk_error(ctx, MK_EINTERNAL, "a table passed its check and then did not fit");
            break;
        }
        if ((rc = box_fill(&b, g, ctx)) == 0)
            box_collect(&b, g, __builtin_popcount(mask) & 1, count, rows_max, tmp);
        free(b.c);
    }
    mpz_clear(tmp);
    return rc;
}

int power_dp_multi(const mk_simple_game *g, unsigned indices, power_raw *raw, mk_ctx *ctx)
{
    size_t n = g->n, game_rows[MAX_DIMS], rows_max = 1;
    int rc = power_dp_multi_check(g, indices, ctx);
    if (rc == 0)
        rc = game_rows_all(g, game_rows, ctx);
    if (rc == 0 && (indices & MK_POWER_BANZHAF))
        rc = run_boxes(g, game_rows, 0, raw->swings, 1, ctx);
    if (rc != 0 || !(indices & MK_POWER_SHAPLEY_SHUBIK))
        return rc;
    for (size_t k = 0; k < g->n_games; k++)
        rows_max = game_rows[k] > rows_max ? game_rows[k] : rows_max;
    /* rows_max <= n: all n players together win every game. */
    mpz_t *count = malloc(n * rows_max * sizeof *count);
    mpz_t *fact = count != NULL ? power_factorials(n) : NULL;
    if (fact == NULL) {
        free(count);
        return mk_error(ctx, MK_ENOMEM, "out of memory for counts");
    }
    for (size_t i = 0; i < n * rows_max; i++)
        mpz_init(count[i]);
    rc = run_boxes(g, game_rows, 1, count, rows_max, ctx);
    for (size_t i = 0; rc == 0 && i < n; i++)
        power_ss_from_sizes(raw->ss[i], count + i * rows_max, rows_max, n, fact);
    for (size_t i = 0; i < n * rows_max; i++)
        mpz_clear(count[i]);
    power_factorials_free(fact, n);
    free(count);
    return rc;
}
