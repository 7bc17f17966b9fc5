/* The exact revised simplex method of excess_lp.h. */
#include <stdlib.h>
#include <string.h>

#include "coop_internal.h"
#include "excess_lp.h"

/* Column ids, in the order Bland's rule uses: the coalitions (their
 * bitmasks), then the players' imputation columns w_i, the fixed
 * coalitions z_S and the artificial columns. */
#define ID_PLAYER ((uint64_t)1 << 32)
#define ID_FIXED ((uint64_t)2 << 32)
#define ID_ARTIFICIAL ((uint64_t)3 << 32)
/* Degenerate pivots in a row after which Bland's rule takes over until
 * the objective moves again. */
#define DEGENERATE_RUN 50

typedef struct simplex {
    const excess_lp *lp;
    size_t n, m;           /* players, rows (n + 1: one per player, then eps) */
    mpq_t *binv;           /* m x m inverse of the basis */
    mpq_t *xb, *cb;        /* basic values and their costs */
    uint64_t *basis;       /* column id of each row */
    mpq_t *pi, *a, *alpha; /* m each */
    mpq_t c, t;
    mpz_t den, d, best; /* common denominator of pi; a reduced cost; the best one */
    mpz_t *p;           /* pi times den */
    int phase, bland;
    int num_bits; /* bits of the largest |v(S)| numerator */
} simplex;

#define BINV(s, i, j) ((s)->binv[(i) * (s)->m + (j)])

/* Column id into a (m) and its cost c in the current phase. */
static void column(const simplex *s, uint64_t id, mpq_t *a, mpq_t c)
{
    const mk_tu_game *g = s->lp->g;
    uint64_t set = id;
    int eps_row = 1;
    for (size_t r = 0; r < s->m; r++)
        mpq_set_ui(a[r], 0, 1);
    mpq_set_ui(c, 0, 1);
    if (id >= ID_ARTIFICIAL) {
        mpq_set_ui(a[id - ID_ARTIFICIAL], 1, 1);
        if (s->phase == 1)
            mpq_set_si(c, -1, 1);
        return;
    }
    if (id >= ID_FIXED) {
        set = s->lp->fixed[id - ID_FIXED];
        eps_row = 0;
    } else if (id >= ID_PLAYER) {
        /* player < n: the modulo only states the bound for static analysers */
        unsigned player = (unsigned)(id - ID_PLAYER) % MK_TU_GAME_MAX_PLAYERS;
        set = (uint64_t)1 << player;
        eps_row = 0;
    }
    for (size_t i = 0; i < s->n; i++)
        if ((set >> i) & 1)
            mpq_set_ui(a[i], 1, 1);
    mpq_set_ui(a[s->n], (unsigned long)eps_row, 1);
    if (s->phase == 1)
        return;
    mpz_set_si(mpq_numref(c), (long)g->num[set]);
    mpz_set_si(mpq_denref(c), (long)g->den);
    mpq_canonicalize(c);
    if (id >= ID_FIXED)
        mpq_sub(c, c, s->lp->fixed_excess[id - ID_FIXED]);
}

/* pi = cb^T B^-1, and p = pi over its common denominator den. */
static void multipliers(simplex *s)
{
    mpz_set_ui(s->den, 1);
    for (size_t j = 0; j < s->m; j++) {
        mpq_set_ui(s->pi[j], 0, 1);
        for (size_t r = 0; r < s->m; r++)
            if (mpq_sgn(s->cb[r]) != 0) {
                mpq_mul(s->t, s->cb[r], BINV(s, r, j));
                mpq_add(s->pi[j], s->pi[j], s->t);
            }
        mpz_lcm(s->den, s->den, mpq_denref(s->pi[j]));
    }
    for (size_t j = 0; j < s->m; j++) {
        mpz_divexact(s->p[j], s->den, mpq_denref(s->pi[j]));
        mpz_mul(s->p[j], s->p[j], mpq_numref(s->pi[j]));
    }
}

static int bits_of(const mpz_t z)
{
    return mpz_sgn(z) == 0 ? 0 : (int)mpz_sizeinbase(z, 2);
}

/* Keeps candidate id with scaled reduced cost d when it improves on the
 * best so far (*found): by Bland's rule the lowest id, else the largest
 * reduced cost (ties to the lowest id, which comes first in every scan
 * but the Gray-code one, hence the explicit comparison). */
static void consider(simplex *s, uint64_t id, const mpz_t d, int *found, uint64_t *best_id)
{
    if (mpz_sgn(d) <= 0)
        return;
    int better = !*found;
    if (!better && s->bland)
        better = id < *best_id;
    else if (!better) {
        int c = mpz_cmp(d, s->best);
        better = c > 0 || (c == 0 && id < *best_id);
    }
    if (better) {
        *found = 1;
        *best_id = id;
        mpz_set(s->best, d);
    }
}

/* v(S) times g->den in phase 2; 0 in phase 1, whose costs are those of
 * the artificial columns only. */
static int64_t value(const simplex *s, uint64_t set)
{
    return s->phase == 2 ? s->lp->g->num[set] : 0;
}

/* The reduced cost of coalition S times den * g->den is
 * num[S] den - g->den (p(S) + p_eps); p(S) follows S through Gray-code
 * order, one player in or out per step. 128-bit integers when the sizes
 * allow (checked), GMP integers otherwise. */
static void price_coalitions(simplex *s, int *found, uint64_t *best_id)
{
    const mk_tu_game *g = s->lp->g;
    size_t n = s->n;
    int pmax = bits_of(s->p[n]);
    for (size_t i = 0; i < n; i++)
        pmax = bits_of(s->p[i]) > pmax ? bits_of(s->p[i]) : pmax;
    int den_bits = bits_of(s->den), game_den_bits = 64 - __builtin_clzll((uint64_t)g->den);
    /* |acc| < 2^(pmax + 5) for n + 1 <= 26 terms: the products fit. */
    int fast = pmax <= 62 && den_bits <= 62 && pmax + 5 + game_den_bits < 126 &&
               s->num_bits + den_bits < 126;
    coop_i128 q[MK_TU_GAME_MAX_PLAYERS + 1], acc = 0, big_den = 0;
    mpz_t zacc, term;
    mpz_inits(zacc, term, NULL);
    if (fast) {
        for (size_t i = 0; i <= n; i++)
            q[i] = (coop_i128)mpz_get_si(s->p[i]);
        acc = q[n];
        big_den = (coop_i128)mpz_get_si(s->den);
    } else {
        mpz_set(zacc, s->p[n]);
    }
    uint64_t set = 0, count = (uint64_t)1 << n;
    for (uint64_t step = 1; step < count; step++) {
        unsigned i = (unsigned)__builtin_ctzll(step);
        set ^= (uint64_t)1 << i;
        int in = (int)((set >> i) & 1);
        if (fast) {
            acc += in ? q[i] : -q[i];
            if (!excess_bit(s->lp->active, set))
                continue;
            coop_i128 d = (coop_i128)value(s, set) * big_den - (coop_i128)g->den * acc;
            if (d <= 0 || (*found && s->bland && set > *best_id))
                continue;
            coop_set_i128(s->d, d);
        } else {
            (in ? mpz_add : mpz_sub)(zacc, zacc, s->p[i]);
            if (!excess_bit(s->lp->active, set))
                continue;
            mpz_mul_si(s->d, s->den, (long)value(s, set));
            mpz_mul_si(term, zacc, (long)g->den);
            mpz_sub(s->d, s->d, term);
        }
        consider(s, set, s->d, found, best_id);
    }
    mpz_clears(zacc, term, NULL);
}

/* The entering column, or 0 at an optimum of the phase. Artificial
 * columns never re-enter, and the fixed ones are basic from the start. */
static int price(simplex *s, uint64_t *entering)
{
    int found = 0;
    price_coalitions(s, &found, entering);
    for (size_t i = 0; s->lp->imputations && i < s->n; i++) {
        /* (v({i}) - pi_i) times den * g->den */
        mpz_mul_si(s->d, s->den, (long)value(s, (uint64_t)1 << i));
        mpz_submul_ui(s->d, s->p[i], (unsigned long)s->lp->g->den);
        consider(s, ID_PLAYER + i, s->d, &found, entering);
    }
    return found;
}

static void pivot(simplex *s, size_t r, uint64_t entering)
{
    size_t m = s->m;
    mpq_inv(s->t, s->alpha[r]);
    for (size_t j = 0; j < m; j++)
        mpq_mul(BINV(s, r, j), BINV(s, r, j), s->t);
    mpq_mul(s->xb[r], s->xb[r], s->t);
    for (size_t i = 0; i < m; i++) {
        if (i == r || mpq_sgn(s->alpha[i]) == 0)
            continue;
        for (size_t j = 0; j < m; j++) {
            mpq_mul(s->t, s->alpha[i], BINV(s, r, j));
            mpq_sub(BINV(s, i, j), BINV(s, i, j), s->t);
        }
        mpq_mul(s->t, s->alpha[i], s->xb[r]);
        mpq_sub(s->xb[i], s->xb[i], s->t);
    }
    s->basis[r] = entering;
    column(s, entering, s->a, s->cb[r]);
}

/* alpha = B^-1 a. */
static void transform(simplex *s)
{
    for (size_t i = 0; i < s->m; i++) {
        mpq_set_ui(s->alpha[i], 0, 1);
        for (size_t j = 0; j < s->m; j++)
            if (mpq_sgn(s->a[j]) != 0) {
                mpq_mul(s->t, BINV(s, i, j), s->a[j]);
                mpq_add(s->alpha[i], s->alpha[i], s->t);
            }
    }
}

/* The leaving row by the ratio test: free (fixed) basics never leave; a
 * basic artificial column left at zero after phase 1 leaves as soon as
 * the entering column touches its row. Ties go to the lowest basic id
 * (Bland). m when unbounded; *step_zero when the pivot is degenerate. */
static size_t ratio_test(simplex *s, int *step_zero)
{
    size_t leave = s->m;
    for (size_t i = 0; i < s->m; i++) {
        uint64_t id = s->basis[i];
        int sign = mpq_sgn(s->alpha[i]);
        if ((id >= ID_FIXED && id < ID_ARTIFICIAL) || sign == 0)
            continue;
        if (id >= ID_ARTIFICIAL && s->phase == 2)
            mpq_set_ui(s->t, 0, 1);
        else if (sign > 0)
            mpq_div(s->t, s->xb[i], s->alpha[i]);
        else
            continue;
        int c = leave == s->m ? -1 : mpq_cmp(s->t, s->c);
        if (c < 0 || (c == 0 && id < s->basis[leave])) {
            leave = i;
            mpq_set(s->c, s->t);
        }
    }
    *step_zero = leave < s->m && mpq_sgn(s->c) == 0;
    return leave;
}

/* Runs the current phase to its optimum. */
static int run_phase(simplex *s, mk_ctx *ctx)
{
    int degenerate = 0;
    s->bland = 0;
    for (;;) {
        multipliers(s);
        uint64_t entering = 0;
        if (!price(s, &entering))
            return MK_OK;
        column(s, entering, s->a, s->c);
        transform(s);
        int zero;
        size_t r = ratio_test(s, &zero);
        if (r == s->m)
            return mk_error(ctx, MK_EINTERNAL, "excess program: the dual is unbounded");
        degenerate = zero ? degenerate + 1 : 0;
        s->bland = degenerate >= DEGENERATE_RUN;
        pivot(s, r, entering);
    }
}

static void simplex_free(simplex *s)
{
    size_t m = s->m;
    mk_mpq_array_free(s->binv, m * m);
    mk_mpq_array_free(s->xb, m);
    mk_mpq_array_free(s->cb, m);
    mk_mpq_array_free(s->pi, m);
    mk_mpq_array_free(s->a, m);
    mk_mpq_array_free(s->alpha, m);
    for (size_t i = 0; s->p != NULL && i < m; i++)
        mpz_clear(s->p[i]);
    free(s->p);
    free(s->basis);
    mpq_clears(s->c, s->t, NULL);
    mpz_clears(s->den, s->d, s->best, NULL);
}

/* The artificial basis: B = I, xb = (0, ..., 0, 1). */
static int simplex_init(simplex *s, const excess_lp *lp, mk_ctx *ctx)
{
    size_t n = lp->g->n, m = n + 1;
    memset(s, 0, sizeof *s);
    s->lp = lp;
    s->n = n;
    s->m = m;
    s->phase = 1;
    mpq_inits(s->c, s->t, NULL);
    mpz_inits(s->den, s->d, s->best, NULL);
    s->binv = mk_mpq_array(m * m);
    s->xb = mk_mpq_array(m);
    s->cb = mk_mpq_array(m);
    s->pi = mk_mpq_array(m);
    s->a = mk_mpq_array(m);
    s->alpha = mk_mpq_array(m);
    s->p = malloc(m * sizeof *s->p);
    s->basis = malloc(m * sizeof *s->basis);
    if (!s->binv || !s->xb || !s->cb || !s->pi || !s->a || !s->alpha || !s->p || !s->basis) {
        free(s->p);
        s->p = NULL;
        simplex_free(s);
        return mk_error(ctx, MK_ENOMEM, "out of memory for the excess program");
    }
    for (size_t i = 0; i < m; i++) {
        mpz_init(s->p[i]);
        mpq_set_ui(BINV(s, i, i), 1, 1);
        s->basis[i] = ID_ARTIFICIAL + i;
        mpq_set_si(s->cb[i], -1, 1);
    }
    mpq_set_ui(s->xb[n], 1, 1);
    uint64_t big = 0;
    for (uint64_t set = 0; set < (uint64_t)1 << n; set++) {
        uint64_t mag = lp->g->num[set] < 0 ? -(uint64_t)lp->g->num[set] : (uint64_t)lp->g->num[set];
        big |= mag;
    }
    s->num_bits = big == 0 ? 0 : 64 - __builtin_clzll(big);
    return MK_OK;
}

/* The fixed coalitions are free variables: each enters at once, in place
 * of an artificial column of a player's row. Those rows hold 0, so the
 * pivots are degenerate and the basis stays feasible; independence of
 * the fixed coalitions guarantees a row. */
static int enter_fixed(simplex *s, mk_ctx *ctx)
{
    for (size_t k = 0; k < s->lp->n_fixed; k++) {
        uint64_t id = ID_FIXED + k;
        column(s, id, s->a, s->c);
        transform(s);
        size_t r = 0;
        while (r < s->n && !(s->basis[r] >= ID_ARTIFICIAL && mpq_sgn(s->alpha[r]) != 0))
            r++;
        if (r == s->n)
            return mk_error(ctx, MK_EINTERNAL, "excess program: fixed coalitions are dependent");
        pivot(s, r, id);
    }
    return MK_OK;
}

/* Phase 1 to a basis of the dual, then phase 2 to its optimum. */
static int solve(simplex *s, mk_ctx *ctx)
{
    int rc = enter_fixed(s, ctx);
    if (rc == 0)
        rc = run_phase(s, ctx);
    for (size_t i = 0; rc == 0 && i < s->m; i++)
        if (s->basis[i] >= ID_ARTIFICIAL && mpq_sgn(s->xb[i]) != 0)
            rc = mk_error(ctx, MK_EINTERNAL, "excess program: no feasible solution");
    if (rc != 0)
        return rc;
    s->phase = 2;
    for (size_t i = 0; i < s->m; i++)
        column(s, s->basis[i], s->a, s->cb[i]);
    return run_phase(s, ctx);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

int excess_lp_solve(const excess_lp *lp, mpq_t *x, mpq_t eps, uint32_t *tight, size_t *n_tight,
                    mk_ctx *ctx)
{
    simplex s;
    int rc = simplex_init(&s, lp, ctx);
    if (rc != 0)
        return rc;
    rc = solve(&s, ctx);
    if (rc == 0) {
        multipliers(&s);
        for (size_t i = 0; i < s.n; i++)
            mpq_set(x[i], s.pi[i]);
        mpq_set(eps, s.pi[s.n]);
        *n_tight = 0;
        for (size_t i = 0; i < s.m; i++)
            if (s.basis[i] < ID_PLAYER && mpq_sgn(s.xb[i]) > 0)
                tight[(*n_tight)++] = (uint32_t)s.basis[i];
        qsort(tight, *n_tight, sizeof *tight, cmp_u32);
    }
    simplex_free(&s);
    return rc;
}
