/*
 * Hofstadter's superrational choice (mechkit/kantian.h): the mixed
 * strategy p maximising u(p, ..., p). Two strategies and n players here,
 * exactly: u is a polynomial in x = p_1 whose maximum over [0, 1] is at 0,
 * at 1 or at a real root of u' (upoly_internal.h isolates them).
 */
#include <stdlib.h>

#include "superrational_internal.h"
#include "upoly_internal.h"

/* Most refinement rounds (8 bisections each) spent telling candidates apart. */
#define MAX_ROUNDS 50

/* The round from which candidates not yet told apart are tested for
 * exactly equal values (classify_ties): after it, two critical points
 * with the same irrational value, which no narrowing separates (e.g. r
 * and 1 - r of a symmetric u(x) = u(1 - x)), are both maximisers. */
#define TIE_ROUND 8

/* u(x) = sum_j C(n-1, j) x^j (1-x)^(n-1-j) (x a_j + (1-x) b_j), with a_j, b_j
 * the payoffs of strategies 1 and 2 when j of the others play strategy 1. */
static int payoff_polynomial(const mk_symgame *g, mk_upoly *u, mk_ctx *ctx)
{
    size_t m = g->n_players - 1;
    mk_upoly pow1mx = MK_UPOLY_INIT, one_minus_x = MK_UPOLY_INIT, term = MK_UPOLY_INIT,
             t2 = MK_UPOLY_INIT, own = MK_UPOLY_INIT;
    mpq_t v, binom, a, b;
    mpq_inits(v, binom, a, b, NULL);
    int rc = 0;
    for (size_t j = 0; rc == 0 && j <= m; j++) {
        /* own = x a_j + (1 - x) b_j = b_j + (a_j - b_j) x */
        mk_mpq_from_rational(a, g->payoff[j]);
        mk_mpq_from_rational(b, g->payoff[g->n_counts + j]);
        own.deg = -1;
        rc = mk_upoly_add_term(&own, b, 0, ctx);
        mpq_sub(a, a, b);
        if (rc == 0)
            rc = mk_upoly_add_term(&own, a, 1, ctx);
        /* pow1mx = (1 - x)^(m - j) */
        pow1mx.deg = -1;
        mpq_set_ui(v, 1, 1);
        if (rc == 0)
            rc = mk_upoly_add_term(&pow1mx, v, 0, ctx);
        one_minus_x.deg = -1;
        if (rc == 0)
            rc = mk_upoly_add_term(&one_minus_x, v, 0, ctx);
        mpq_set_si(v, -1, 1);
        if (rc == 0)
            rc = mk_upoly_add_term(&one_minus_x, v, 1, ctx);
        for (size_t e = 0; rc == 0 && e < m - j; e++) {
            rc = mk_upoly_mul(&term, &pow1mx, &one_minus_x, ctx);
            if (rc == 0)
                rc = mk_upoly_set(&pow1mx, &term, ctx);
        }
        if (rc == 0)
            rc = mk_upoly_mul(&t2, &pow1mx, &own, ctx);
        /* u += C(m, j) x^j t2 */
        mpz_bin_uiui(mpq_numref(binom), (unsigned long)m, (unsigned long)j);
        mpz_set_ui(mpq_denref(binom), 1);
        for (long k = 0; rc == 0 && k <= t2.deg; k++) {
            mpq_mul(v, t2.c[k], binom);
            rc = mk_upoly_add_term(u, v, k + (long)j, ctx);
        }
    }
    mpq_clears(v, binom, a, b, NULL);
    mk_upoly_clear(&pow1mx);
    mk_upoly_clear(&one_minus_x);
    mk_upoly_clear(&term);
    mk_upoly_clear(&t2);
    mk_upoly_clear(&own);
    return rc;
}

/* A candidate maximiser: x (exact, or a root of basis isolated in
 * (lo, hi)), and an enclosure [vlo, vhi] of u(x). */
typedef struct candidate {
    mk_root r;
    mpq_t vlo, vhi;
    int equal_tested; /* irrational: u(x) == the best exact value was tested */
    long tie;         /* -1, or the root of the value polynomial that u(x) is */
} candidate;

typedef struct problem {
    mk_upoly u, du, basis;
    mpq_t slope; /* sum |coefficients of u'|: a Lipschitz bound of u on [0, 1] */
    candidate *c;
    size_t n;
} problem;

/* [vlo, vhi] for c: exact, or u(lo) -+ slope * (hi - lo). */
static void enclose(const problem *pb, candidate *c)
{
    mk_upoly_eval(c->vlo, &pb->u, c->r.lo);
    mpq_set(c->vhi, c->vlo);
    if (c->r.exact)
        return;
    mpq_t w;
    mpq_init(w);
    mpq_sub(w, c->r.hi, c->r.lo);
    mpq_mul(w, w, pb->slope);
    mpq_sub(c->vlo, c->vlo, w);
    mpq_add(c->vhi, c->vhi, w);
    mpq_clear(w);
}

/* 1 when u(alpha) == e exactly, alpha the root of basis in (lo, hi): then
 * alpha is a root of d = gcd(basis, u - e), which divides basis and so has
 * no other root there: d changes sign across (lo, hi). */
static int value_equals(const problem *pb, const candidate *c, const mpq_t e, mk_ctx *ctx, int *rc)
{
    mk_upoly h = MK_UPOLY_INIT, d = MK_UPOLY_INIT;
    mpq_t minus_e;
    mpq_init(minus_e);
    mpq_neg(minus_e, e);
    int equal = 0;
    *rc = mk_upoly_set(&h, &pb->u, ctx);
    if (*rc == 0)
        *rc = mk_upoly_add_term(&h, minus_e, 0, ctx);
    if (*rc == 0 && h.deg >= 0)
        *rc = mk_upoly_gcd(&d, &pb->basis, &h, ctx);
    if (*rc == 0 && d.deg >= 1)
        equal = mk_upoly_sign_at(&d, c->r.lo) * mk_upoly_sign_at(&d, c->r.hi) < 0;
    mpq_clear(minus_e);
    mk_upoly_clear(&h);
    mk_upoly_clear(&d);
    return equal;
}

static int candidates_add(problem *pb, const mpq_t lo, const mpq_t hi, int exact, mk_ctx *ctx)
{
    candidate *c = realloc(pb->c, (pb->n + 1) * sizeof *c);
    if (c == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    pb->c = c;
    candidate *x = &c[pb->n++];
    mpq_inits(x->r.lo, x->r.hi, x->vlo, x->vhi, NULL);
    mpq_set(x->r.lo, lo);
    mpq_set(x->r.hi, hi);
    x->r.exact = exact;
    x->equal_tested = 0;
    x->tie = -1;
    enclose(pb, x);
    return 0;
}

/* The ends 1 and 0 and the critical points, in decreasing x. */
static int collect(problem *pb, mk_ctx *ctx)
{
    mpq_t zero, one;
    mpq_inits(zero, one, NULL);
    mpq_set_ui(one, 1, 1);
    mk_root *roots = NULL;
    size_t count = 0;
    int rc = candidates_add(pb, one, one, 1, ctx);
    if (rc == 0)
        rc = mk_upoly_real_roots(&pb->du, zero, one, &roots, &count, &pb->basis, ctx);
    for (size_t i = count; rc == 0 && i-- > 0;)
        rc = candidates_add(pb, roots[i].lo, roots[i].hi, roots[i].exact, ctx);
    if (rc == 0)
        rc = candidates_add(pb, zero, zero, 1, ctx);
    mk_roots_free(roots, count);
    mpq_clears(zero, one, NULL);
    return rc;
}

/* 1 when the isolating interval of r meets c's value enclosure [vlo, vhi]. */
static int meets(const candidate *c, const mk_root *r)
{
    if (r->exact)
        return mpq_cmp(c->vlo, r->lo) <= 0 && mpq_cmp(r->lo, c->vhi) <= 0;
    return mpq_cmp(c->vlo, r->hi) < 0 && mpq_cmp(r->lo, c->vhi) < 0;
}

/* The number of roots of the value polynomial whose isolating interval
 * meets c's value enclosure; *which receives the last one. */
static size_t roots_met(const candidate *c, const mk_root *roots, size_t count, size_t *which)
{
    size_t met = 0;
    for (size_t k = 0; k < count; k++)
        if (meets(c, &roots[k])) {
            met++;
            *which = k;
        }
    return met;
}

/* Sets c->tie for every alive candidate whose value is not known exactly:
 * u(x) is a root of the value polynomial V(y) = prod over the roots rho of
 * basis of (y - u(rho)) (mk_upoly_value_polynomial), and two candidates
 * have equal values iff they are the same root of V. The candidates and
 * V's isolating intervals are refined until each candidate's enclosure
 * meets exactly one interval; as the enclosure shrinks to u(x) and the
 * other intervals to other roots, this ends. */
static int classify_ties(problem *pb, const int *alive, mk_ctx *ctx)
{
    mk_upoly v = MK_UPOLY_INIT, sqf = MK_UPOLY_INIT;
    mk_root *roots = NULL;
    size_t count = 0, open = 0;
    mpq_t a, b, w, widest;
    mpq_inits(a, b, w, widest, NULL);
    /* (a, b): the enclosures' hull, widened by the widest enclosure so
     * that every value lies strictly inside. */
    for (size_t i = 0; i < pb->n; i++) {
        const candidate *c = &pb->c[i];
        if (!alive[i] || mpq_equal(c->vlo, c->vhi))
            continue;
        if (open++ == 0 || mpq_cmp(c->vlo, a) < 0)
            mpq_set(a, c->vlo);
        if (open == 1 || mpq_cmp(c->vhi, b) > 0)
            mpq_set(b, c->vhi);
        mpq_sub(w, c->vhi, c->vlo);
        if (mpq_cmp(w, widest) > 0)
            mpq_set(widest, w);
    }
    mpq_sub(a, a, widest);
    mpq_add(b, b, widest);
    int rc = 0;
    if (open > 1) {
        rc = mk_upoly_value_polynomial(&v, &pb->u, &pb->basis, ctx);
        if (rc == 0)
            rc = mk_upoly_real_roots(&v, a, b, &roots, &count, &sqf, ctx);
    }
    for (size_t i = 0; rc == 0 && open > 1 && i < pb->n; i++) {
        candidate *c = &pb->c[i];
        if (!alive[i] || mpq_equal(c->vlo, c->vhi))
            continue;
        size_t which = 0, met;
        while ((met = roots_met(c, roots, count, &which)) > 1) {
            for (int k = 0; k < 8 && !c->r.exact; k++)
                mk_root_bisect(&c->r, &pb->basis);
            enclose(pb, c);
            for (size_t k = 0; k < count; k++)
                if (!roots[k].exact && meets(c, &roots[k]))
                    mk_root_bisect(&roots[k], &sqf);
        }
        if (met == 0) /* u(x) is a root of the value polynomial in (a, b) */
            rc = mk_error(ctx, MK_EINTERNAL, "a critical value is no root of its value polynomial");
        c->tie = (long)which;
    }
    mk_roots_free(roots, count);
    mk_upoly_clear(&v);
    mk_upoly_clear(&sqf);
    mpq_clears(a, b, w, widest, NULL);
    return rc;
}

/* 1 when every alive candidate is known to have the value of the root
 * tie of the value polynomial. */
static int all_tied(const problem *pb, const int *alive, long tie)
{
    for (size_t i = 0; i < pb->n; i++)
        if (alive[i] && pb->c[i].tie != tie)
            return 0;
    return 1;
}

/* Narrows the candidates still possibly best until the best are known
 * exactly, known equal, or separated; *alive[i] says which are maximisers. */
static int decide(problem *pb, int *alive, mk_ctx *ctx)
{
    mpq_t best_lo, best_exact;
    mpq_inits(best_lo, best_exact, NULL);
    int rc = 0, done = 0;
    /* The best exact value: an end is always exact. */
    mpq_set(best_exact, pb->c[0].vlo);
    for (size_t i = 1; i < pb->n; i++)
        if (pb->c[i].r.exact && mpq_cmp(pb->c[i].vlo, best_exact) > 0)
            mpq_set(best_exact, pb->c[i].vlo);
    for (int round = 0; rc == 0 && !done && round <= MAX_ROUNDS; round++) {
        mpq_set(best_lo, pb->c[0].vlo);
        for (size_t i = 1; i < pb->n; i++)
            if (mpq_cmp(pb->c[i].vlo, best_lo) > 0)
                mpq_set(best_lo, pb->c[i].vlo);
        size_t n_alive = 0;
        for (size_t i = 0; i < pb->n; i++)
            n_alive += (size_t)(alive[i] = mpq_cmp(pb->c[i].vhi, best_lo) >= 0);
        if (round == TIE_ROUND && n_alive > 1)
            rc = classify_ties(pb, alive, ctx);
        /* Done when one candidate is left, or all left have exact values
         * (equal), or all left are known to have the same value. */
        done = 1;
        for (size_t i = 0; rc == 0 && n_alive > 1 && i < pb->n; i++) {
            candidate *c = &pb->c[i];
            if (!alive[i] || mpq_equal(c->vlo, c->vhi))
                continue;
            if (c->tie >= 0 && all_tied(pb, alive, c->tie))
                continue;
            done = 0;
            if (!c->equal_tested) {
                c->equal_tested = 1;
                if (value_equals(pb, c, best_exact, ctx, &rc)) {
                    mpq_set(c->vlo, best_exact);
                    mpq_set(c->vhi, best_exact);
                    continue;
                }
            }
            for (int k = 0; k < 8 && !c->r.exact; k++)
                mk_root_bisect(&c->r, &pb->basis);
            enclose(pb, c);
        }
    }
    mpq_clears(best_lo, best_exact, NULL);
    if (rc == 0 && !done)
        rc = mk_error(ctx, MK_ELIMIT,
                      "two irrational critical points of u(p, ..., p) have values that could "
                      "not be told apart");
    return rc;
}

/* Shrinks an irrational x to one cell of the 10^-15 grid, and its value
 * enclosure below 10^-13; adds the certified choice. */
static int add_certified(problem *pb, candidate *c, mk_superrational *out, mk_ctx *ctx)
{
    mpq_t grid, w, cell, vlo, vhi;
    mpq_inits(grid, w, cell, vlo, vhi, NULL);
    mpz_ui_pow_ui(mpq_denref(grid), 10, 15);
    mpz_set_ui(mpq_numref(grid), 1); /* 10^-15 */
    for (;;) {
        mpq_sub(w, c->r.hi, c->r.lo);
        mpq_mul(cell, w, pb->slope);
        if (c->r.exact || (mpq_cmp(w, grid) < 0 && mpq_cmp(cell, grid) < 0))
            break;
        mk_root_bisect(&c->r, &pb->basis);
    }
    int rc = 0;
    if (c->r.exact) { /* a dyadic midpoint hit the root: impossible for an irrational */
        rc = mk_error(ctx, MK_EINTERNAL, "an irrational root turned out rational");
    } else {
        /* cell = floor(lo / grid) * grid; the root is in [cell, cell + grid]
         * or in [cell + grid, cell + 2 grid], as hi - lo < grid. */
        mpz_mul(mpq_numref(cell), mpq_numref(c->r.lo), mpq_denref(grid));
        mpz_fdiv_q(mpq_numref(cell), mpq_numref(cell), mpq_denref(c->r.lo));
        mpz_set(mpq_denref(cell), mpq_denref(grid));
        mpq_canonicalize(cell);
        mpq_add(w, cell, grid);
        if (mpq_cmp(w, c->r.hi) < 0 &&
            mk_upoly_sign_at(&pb->basis, w) == mk_upoly_sign_at(&pb->basis, c->r.lo))
            mpq_set(cell, w);
        mpq_add(w, cell, grid);
        enclose(pb, c);
        mpq_set(vlo, c->vlo);
        mpq_set(vhi, c->vhi);
        rc = mk_superrational_add_bounds(out, cell, w, vlo, vhi, ctx);
    }
    mpq_clears(grid, w, cell, vlo, vhi, NULL);
    return rc;
}

static int add_choice(problem *pb, candidate *c, mk_superrational *out, mk_ctx *ctx)
{
    if (!c->r.exact)
        return add_certified(pb, c, out, ctx);
    mpq_t p[2];
    mpq_inits(p[0], p[1], NULL);
    mpq_set(p[0], c->r.lo);
    mpq_set_ui(p[1], 1, 1);
    mpq_sub(p[1], p[1], p[0]);
    int rc = mk_superrational_add_exact(out, p, c->vlo, ctx);
    mpq_clears(p[0], p[1], NULL);
    return rc;
}

static void problem_clear(problem *pb)
{
    for (size_t i = 0; i < pb->n; i++)
        mpq_clears(pb->c[i].r.lo, pb->c[i].r.hi, pb->c[i].vlo, pb->c[i].vhi, NULL);
    free(pb->c);
    mk_upoly_clear(&pb->u);
    mk_upoly_clear(&pb->du);
    mk_upoly_clear(&pb->basis);
    mpq_clear(pb->slope);
}

/* Two strategies, n players. */
static int superrational_univariate(const mk_symgame *g, mk_superrational *res, mk_ctx *ctx)
{
    problem pb;
    pb.u = pb.du = pb.basis = (mk_upoly)MK_UPOLY_INIT;
    pb.c = NULL;
    pb.n = 0;
    mpq_init(pb.slope);
    int *alive = NULL;
    int rc = payoff_polynomial(g, &pb.u, ctx);
    if (rc == 0)
        rc = mk_upoly_derivative(&pb.du, &pb.u, ctx);
    if (rc == 0 && pb.du.deg < 0) {
        /* u is constant: every strategy is superrational; list the pure ones. */
        res->constant = 1;
        mpq_t zero, one;
        mpq_inits(zero, one, NULL);
        mpq_set_ui(one, 1, 1);
        rc = candidates_add(&pb, one, one, 1, ctx);
        if (rc == 0)
            rc = candidates_add(&pb, zero, zero, 1, ctx);
        mpq_clears(zero, one, NULL);
    } else if (rc == 0) {
        mpq_t t;
        mpq_init(t);
        for (long k = 0; k <= pb.du.deg; k++) {
            mpq_abs(t, pb.du.c[k]);
            mpq_add(pb.slope, pb.slope, t);
        }
        mpq_clear(t);
        rc = collect(&pb, ctx);
    }
    if (rc == 0 && (alive = calloc(pb.n, sizeof *alive)) == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory");
    if (rc == 0)
        rc = decide(&pb, alive, ctx);
    for (size_t i = 0; rc == 0 && i < pb.n; i++)
        if (alive[i])
            rc = add_choice(&pb, &pb.c[i], res, ctx);
    free(alive);
    problem_clear(&pb);
    return rc;
}

/* One player (or one strategy): u is linear in p, so the best pure
 * strategies are the maximisers (with every mix of them). */
static int superrational_alone(const mk_symgame *g, mk_superrational *res, mk_ctx *ctx)
{
    size_t k = g->n_strategies;
    mk_rational best = g->payoff[0];
    for (size_t s = 1; s < k; s++)
        if (mk_rational_cmp(g->payoff[s * g->n_counts], best) > 0)
            best = g->payoff[s * g->n_counts];
    mpq_t *p = malloc(k * sizeof *p), v;
    if (p == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t s = 0; s < k; s++)
        mpq_init(p[s]);
    mpq_init(v);
    mk_mpq_from_rational(v, best);
    int rc = 0;
    res->constant = k > 1;
    for (size_t s = 0; rc == 0 && s < k; s++) {
        if (mk_rational_cmp(g->payoff[s * g->n_counts], best) != 0) {
            res->constant = 0;
            continue;
        }
        for (size_t t = 0; t < k; t++)
            mpq_set_ui(p[t], t == s, 1);
        rc = mk_superrational_add_exact(res, p, v, ctx);
    }
    for (size_t s = 0; s < k; s++)
        mpq_clear(p[s]);
    mpq_clear(v);
    free(p);
    return rc;
}

int mk_symgame_superrational(const mk_symgame *g, mk_superrational *out, mk_ctx *ctx)
{
    mk_superrational res = MK_SUPERRATIONAL_INIT;
    res.n_strategies = g->n_strategies;
    int rc;
    if (g->n_players == 1 || g->n_strategies == 1) {
        rc = superrational_alone(g, &res, ctx);
    } else if (g->n_strategies == 2) {
        rc = superrational_univariate(g, &res, ctx);
    } else if (g->n_players <= 2) {
        rc = mk_superrational_quadratic(g, &res, ctx);
    } else {
        rc = mk_superrational_simplex(g, &res, ctx);
    }
    if (rc == 0)
        rc = mk_superrational_check(g, &res, ctx);
    if (rc != 0) {
        mk_superrational_free(&res);
        return rc;
    }
    *out = res;
    return 0;
}
