/* The least core, the nucleolus and the pre-nucleolus
 * (mechkit/nucleolus.h) by the sequence of Maschler, Peleg and Shapley
 * (1979), each stage an exact program of excess_lp.c. */
#include <stdlib.h>

#include "coop_internal.h"
#include "excess_lp.h"
#include "mechkit/nucleolus.h"

/* The span of the fixed coalitions, in reduced row echelon form over Q:
 * row r has a 1 in column pivot[r] and 0 there in every other row. */
typedef struct span {
    size_t n, rank;
    mpq_t *row; /* n x n */
    size_t pivot[MK_TU_GAME_MAX_PLAYERS];
    mpq_t f, t;
} span;

#define ROW(sp, r, j) ((sp)->row[(r) * (sp)->n + (j)])

static int span_init(span *sp, size_t n, mk_ctx *ctx)
{
    sp->n = n;
    sp->rank = 0;
    if ((sp->row = mk_mpq_array(n * n + n)) == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the nucleolus");
    mpq_inits(sp->f, sp->t, NULL);
    return MK_OK;
}

static void span_free(span *sp)
{
    mk_mpq_array_free(sp->row, sp->n * sp->n + sp->n);
    mpq_clears(sp->f, sp->t, NULL);
}

/* Adds the indicator vector of coalition set when it is independent of
 * the span (1), else leaves the span as it is (0). The spare row n is
 * the scratch vector. */
static int span_add(span *sp, uint32_t set)
{
    size_t n = sp->n, k = sp->rank;
    mpq_t *v = &ROW(sp, n, 0);
    for (size_t j = 0; j < n; j++)
        mpq_set_ui(v[j], (set >> j) & 1, 1);
    for (size_t r = 0; r < k; r++) {
        mpq_set(sp->f, v[sp->pivot[r]]);
        for (size_t j = 0; mpq_sgn(sp->f) != 0 && j < n; j++) {
            mpq_mul(sp->t, sp->f, ROW(sp, r, j));
            mpq_sub(v[j], v[j], sp->t);
        }
    }
    size_t p = 0;
    while (p < n && mpq_sgn(v[p]) == 0)
        p++;
    if (p == n)
        return 0;
    mpq_inv(sp->f, v[p]);
    for (size_t j = 0; j < n; j++) {
        mpq_mul(ROW(sp, k, j), v[j], sp->f);
    }
    for (size_t r = 0; r < k; r++) {
        mpq_set(sp->f, ROW(sp, r, p));
        for (size_t j = 0; mpq_sgn(sp->f) != 0 && j < n; j++) {
            mpq_mul(sp->t, sp->f, ROW(sp, k, j));
            mpq_sub(ROW(sp, r, j), ROW(sp, r, j), sp->t);
        }
    }
    sp->pivot[k] = p;
    sp->rank = k + 1;
    return 1;
}

/* The null space of the span as integer vectors: for each non-pivot
 * column f, k_f = e_f - sum_r row_r[f] e_pivot[r], times the least common
 * multiple of its denominators. A coalition is in the span exactly when
 * its indicator is orthogonal to every k_f. MK_ERANGE when an entry
 * passes 2^57 (so that sums of 25 entries fit int64). */
static int null_space(const span *sp, int64_t *k, size_t *dim, mk_ctx *ctx)
{
    size_t n = sp->n, d = 0;
    int is_pivot[MK_TU_GAME_MAX_PLAYERS] = {0};
    for (size_t r = 0; r < sp->rank; r++)
        is_pivot[sp->pivot[r]] = 1;
    mpz_t l, e;
    mpz_inits(l, e, NULL);
    int rc = MK_OK;
    for (size_t f = 0; f < n && rc == 0; f++) {
        if (is_pivot[f])
            continue;
        mpz_set_ui(l, 1);
        for (size_t r = 0; r < sp->rank; r++)
            mpz_lcm(l, l, mpq_denref(ROW(sp, r, f)));
        for (size_t j = 0; j < n; j++)
            k[d * n + j] = 0;
        k[d * n + f] = mpz_get_si(l);
        for (size_t r = 0; r < sp->rank && rc == 0; r++) {
            mpz_divexact(e, l, mpq_denref(ROW(sp, r, f)));
            mpz_mul(e, e, mpq_numref(ROW(sp, r, f)));
            mpz_neg(e, e);
            if (mpz_sizeinbase(e, 2) > 57 || mpz_sizeinbase(l, 2) > 57)
                rc = mk_error(ctx, MK_ERANGE,
                              "nucleolus: the fixed coalitions' null space needs "
                              "integers past 2^57");
            k[d * n + sp->pivot[r]] = mpz_get_si(e);
        }
        d++;
    }
    mpz_clears(l, e, NULL);
    *dim = d;
    return rc;
}

/* Clears from active every coalition in the span; returns how many
 * remain. Gray-code order: one player changes per step, so each of the
 * d inner products moves by one entry. O(2^n d). */
static uint64_t prune(const span *sp, uint64_t *active, mk_ctx *ctx, int *rc)
{
    size_t n = sp->n, d;
    int64_t k[MK_TU_GAME_MAX_PLAYERS * MK_TU_GAME_MAX_PLAYERS];
    int64_t dot[MK_TU_GAME_MAX_PLAYERS] = {0};
    if ((*rc = null_space(sp, k, &d, ctx)) != 0)
        return 0;
    uint64_t set = 0, left = 0;
    for (uint64_t step = 1; step < (uint64_t)1 << n; step++) {
        unsigned i = (unsigned)__builtin_ctzll(step);
        set ^= (uint64_t)1 << i;
        int in = (int)((set >> i) & 1), zero = 1;
        for (size_t q = 0; q < d; q++) {
            dot[q] += in ? k[q * n + i] : -k[q * n + i];
            zero &= dot[q] == 0;
        }
        if (!excess_bit(active, set))
            continue;
        if (zero)
            active[set >> 6] &= ~((uint64_t)1 << (set & 63));
        else
            left++;
    }
    return left;
}

/* The fixed coalitions and the active bitmap of a run. */
typedef struct stages {
    span sp;
    uint64_t *active;
    uint32_t fixed[MK_TU_GAME_MAX_PLAYERS];
    mpq_t *fixed_excess; /* n */
    size_t n_fixed;
} stages;

static int imputations_exist(const mk_tu_game *g, mk_ctx *ctx)
{
    coop_i128 sum = 0;
    for (size_t i = 0; i < g->n; i++)
        sum += g->num[(uint64_t)1 << i];
    if (sum > g->num[((uint64_t)1 << g->n) - 1])
        return mk_error(ctx, MK_EINPUT,
                        "the nucleolus needs imputations, but the players' own values add up to "
                        "more than v(N): use the pre-nucleolus");
    return MK_OK;
}

/* Fixes the coalitions of tight at excess level and prunes the rest. */
static uint64_t fix(stages *st, const uint32_t *tight, size_t n_tight, const mpq_t level,
                    mk_ctx *ctx, int *rc)
{
    for (size_t k = 0; k < n_tight; k++) {
        uint32_t set = tight[k];
        st->active[set >> 6] &= ~((uint64_t)1 << (set & 63));
        if (span_add(&st->sp, set)) {
            st->fixed[st->n_fixed] = set;
            mpq_set(st->fixed_excess[st->n_fixed++], level);
        }
    }
    return prune(&st->sp, st->active, ctx, rc);
}

static int run(const mk_tu_game *g, stages *st, int imputations, int first_only, mpq_t *x,
               mpq_t *levels, size_t *n_levels, mk_ctx *ctx)
{
    size_t n = g->n;
    uint64_t count = (uint64_t)1 << n, left = count - 2;
    for (uint64_t set = 1; set + 1 < count; set++)
        st->active[set >> 6] |= (uint64_t)1 << (set & 63);
    st->fixed[0] = (uint32_t)(count - 1);
    st->n_fixed = 1;
    span_add(&st->sp, st->fixed[0]);
    mpq_set_si(x[0], g->num[count - 1], (unsigned long)g->den);
    mpq_canonicalize(x[0]);
    uint32_t tight[MK_TU_GAME_MAX_PLAYERS + 1];
    int rc = MK_OK;
    *n_levels = 0;
    while (left > 0 && rc == 0) {
        excess_lp lp = {g, st->active, st->n_fixed, st->fixed, st->fixed_excess, imputations};
        size_t n_tight = 0;
        rc = excess_lp_solve(&lp, x, levels[*n_levels], tight, &n_tight, ctx);
        if (rc != 0 || first_only || n_tight == 0) {
            if (rc == 0 && n_tight == 0)
                rc = mk_error(ctx, MK_EINTERNAL, "nucleolus: a stage fixed no coalition");
            (*n_levels) += rc == 0;
            break;
        }
        left = fix(st, tight, n_tight, levels[(*n_levels)++], ctx, &rc);
    }
    return rc;
}

int excess_sequence(const mk_tu_game *g, int imputations, int first_only, mpq_t *x, mpq_t *levels,
                    size_t *n_levels, mk_ctx *ctx)
{
    size_t n = g->n;
    if (imputations) {
        int rc = imputations_exist(g, ctx);
        if (rc != 0)
            return rc;
    }
    stages st = {0};
    uint64_t words = (((uint64_t)1 << n) + 63) / 64;
    st.active = calloc(words, sizeof *st.active);
    st.fixed_excess = mk_mpq_array(n);
    int rc = st.active != NULL && st.fixed_excess != NULL
                 ? span_init(&st.sp, n, ctx)
                 : mk_error(ctx, MK_ENOMEM, "out of memory for the nucleolus");
    if (rc == 0) {
        rc = run(g, &st, imputations, first_only, x, levels, n_levels, ctx);
        span_free(&st.sp);
    }
    mk_mpq_array_free(st.fixed_excess, n);
    free(st.active);
    return rc;
}

void mk_tu_excess_result_free(mk_tu_excess_result *r)
{
    if (r == NULL)
        return;
    mk_coop_vector_free(r->point);
    for (size_t k = 0; k < r->levels; k++) {
        free(r->level != NULL ? r->level[k] : NULL);
        free(r->level_decimal != NULL ? r->level_decimal[k] : NULL);
    }
    free(r->level);
    free(r->level_decimal);
    free(r);
}

static int result_new(mk_tu_excess_result **out, mpq_t *x, size_t n, mpq_t *levels, size_t n_levels,
                      int places, mk_ctx *ctx)
{
    mk_tu_excess_result *r = calloc(1, sizeof *r);
    if (r == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for results");
    int rc = coop_vector_from_mpq(&r->point, x, n, places, ctx);
    r->levels = n_levels;
    r->level = calloc(n_levels + 1, sizeof *r->level);
    r->level_decimal = calloc(n_levels + 1, sizeof *r->level_decimal);
    if (rc == 0 && (r->level == NULL || r->level_decimal == NULL))
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for results");
    for (size_t k = 0; rc == 0 && k < n_levels; k++) {
        r->level[k] = coop_fraction_string(levels[k]);
        r->level_decimal[k] = coop_decimal_string(levels[k], places);
        if (r->level[k] == NULL || r->level_decimal[k] == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for results");
    }
    if (rc != 0) {
        mk_tu_excess_result_free(r);
        return rc;
    }
    *out = r;
    return MK_OK;
}

static int solution(const mk_tu_game *g, int imputations, int first_only, int places,
                    mk_tu_excess_result **out, mk_ctx *ctx)
{
    if (places < 0 || places > MK_COOP_MAX_PLACES)
        return mk_error(ctx, MK_EPARAM, "%d decimal places: expected 0 to %d", places,
                        MK_COOP_MAX_PLACES);
    size_t n = g->n, n_levels = 0;
    mpq_t *x = mk_mpq_array(n), *levels = mk_mpq_array(n);
    int rc = x != NULL && levels != NULL
                 ? excess_sequence(g, imputations, first_only, x, levels, &n_levels, ctx)
                 : mk_error(ctx, MK_ENOMEM, "out of memory for the nucleolus");
    if (rc == 0)
        rc = result_new(out, x, n, levels, n_levels, places, ctx);
    mk_mpq_array_free(x, n);
    mk_mpq_array_free(levels, n);
    return rc;
}

int mk_tu_least_core(const mk_tu_game *g, int places, mk_tu_excess_result **out, mk_ctx *ctx)
{
    if (g->n < 2)
        return mk_error(ctx, MK_EINPUT,
                        "the least core needs at least two players (one player has no proper "
                        "coalition to bound its excess)");
    return solution(g, 0, 1, places, out, ctx);
}

int mk_tu_nucleolus(const mk_tu_game *g, int places, mk_tu_excess_result **out, mk_ctx *ctx)
{
    return solution(g, 1, 0, places, out, ctx);
}

int mk_tu_prenucleolus(const mk_tu_game *g, int places, mk_tu_excess_result **out, mk_ctx *ctx)
{
    return solution(g, 0, 0, places, out, ctx);
}
