/*
 * Superrational choice with more than two players and more than two
 * strategies (mechkit/kantian.h). u(p, ..., p) is a polynomial of degree n
 * on the simplex of mixed strategies whose Bernstein coefficients are
 *     b_a = sum_s (a_s / n) u(s, a - e_s),
 * the average payoff of the pure profile in which a_s players play s
 * (expand u = sum_s p_s sum_c multinomial(n-1; c) p^c u(s, c) and collect
 * p^a = B_a(p) a! / n!).
 *
 * The maximum is found by exact branch and bound on sub-simplices
 * (bernstein_simplex_internal.h): a sub-simplex's largest coefficient
 * bounds u on it from above, its corner coefficients are exact values of u
 * at known points. Every edge of the simplex (a two-strategy game) is
 * solved exactly first (superrational.c); its rational maximisers become
 * known points, and a sub-simplex with one inside an edge is split there,
 * so that it becomes a corner. A sub-simplex whose coefficients are all at
 * most the best known value v holds no better point, and none as good but
 * its corners unless all the coefficients of one of its edges equal v;
 * it is dropped. When every sub-simplex is dropped, v is the maximum and
 * the known points reaching it are all the maximisers: an exact answer.
 * A rational maximiser no subdivision reaches, such as (1/3, 1/3, 1/3), is
 * guessed from the sub-simplices left (now and then during the search,
 * and at its end) and proven a strict local maximiser on a neighbourhood
 * (superrational_exact_internal.h); it becomes a known point, and a
 * sub-simplex inside a neighbourhood is dropped like a dominated one.
 * Otherwise the search stops once the largest bound is within the
 * tolerance of v and returns the certified enclosure: the value in [v,
 * bound], every maximiser in the bounding box of the sub-simplices left.
 */
#include <stdlib.h>
#include <string.h>

#include "bernstein_simplex_internal.h"
#include "superrational_exact_internal.h"
#include "superrational_internal.h"

/* Most known points reaching the best value kept (a whole segment of
 * maximisers would otherwise add one at every split). */
#define MAX_TIES 64
/* Most sub-simplex splits before giving up, and most work done by them: a
 * split costs about C(n + k - 1, k - 1) (k - 1) rational operations (the
 * coefficients times the dimension, the cost of mechkit/kantian.h), and
 * keeps C(n + k - 1, k - 1) coefficients, so costlier polynomials get
 * fewer splits: 20,000 up to a cost of 1,365 (12 players and 4 strategies,
 * 455 coefficients times 3), 4,550 at MK_SUPERRATIONAL_MAX_COST = 6,000. */
#define MAX_SPLITS 20000
#define MAX_WORK (MAX_SPLITS * (size_t)455 * 3)
/* Phase 2 splits sub-simplices left until their edges are this short
 * (squared), at most NARROWING_SPLITS times. */
#define MAX_SIZE 1e-10
#define NARROWING_SPLITS 1500
/* The tolerance on the value, times max(1, largest |payoff|). */
#define TOLERANCE_DIGITS 9
/* Most groups of sub-simplices left after the search while grouping them,
 * and at the end (each gives one candidate maximiser). */
#define MAX_GROUPS 64
#define MAX_CANDIDATES 8
/* Most splits spent, after the narrowing, proving that u stays below the
 * candidates' value outside the neighbourhoods where they are proven
 * maximisers (during the search, the search itself does it). */
#define PROOF_SPLITS 1000
/* Phase 1 tries the exact proof after this many splits, then after twice
 * as many, and so on (each try costs a few hundred splits at most). */
#define FIRST_TRY 256
/* Most guesses remembered as failed, so that later tries skip them. */
#define REJECTED 16

typedef struct search {
    const mk_symgame *g;
    mk_compositions c;
    size_t k;
    mk_bsimplex **heap; /* max-heap on top */
    size_t n_heap, cap_heap;
    mpq_t best; /* the best value known at a point */
    mpq_t *tie; /* n_tie points (k coordinates each) reaching best */
    size_t n_tie, cap_tie;
    int ties_dropped; /* more than MAX_TIES points reached best */
    mpq_t *work;      /* n + 1 */
    size_t *parts;    /* k */
    mpq_t t;
    int by_size;  /* the heap's order: largest top first, or largest size first */
    mpq_t *floor; /* n_region * k: x_s >= floor_s holds no maximiser but a known point */
    size_t n_region, cap_region;
    mpq_t *rejected; /* REJECTED * k: guesses the local proof failed on */
    size_t n_rejected;
} search;

/* b = the Bernstein coefficient of composition a (n players). */
static void coefficient(const mk_symgame *g, const size_t *a, size_t *counts, mpq_t b, mpq_t t)
{
    size_t k = g->n_strategies;
    mpq_set_ui(b, 0, 1);
    for (size_t s = 0; s < k; s++) {
        if (a[s] == 0)
            continue;
        memcpy(counts, a, k * sizeof *counts);
        counts[s]--;
        mk_mpq_from_rational(t, g->payoff[s * g->n_counts + mk_symgame_count_index(g, counts)]);
        mpz_mul_ui(mpq_numref(t), mpq_numref(t), (unsigned long)a[s]);
        mpq_canonicalize(t);
        mpq_add(b, b, t);
    }
    mpz_mul_ui(mpq_denref(b), mpq_denref(b), (unsigned long)g->n_players);
    mpq_canonicalize(b);
}

static int same_point(mpq_t *x, mpq_t *y, size_t k)
{
    for (size_t s = 0; s < k; s++)
        if (!mpq_equal(x[s], y[s]))
            return 0;
    return 1;
}

/* A point with exact value v: the best so far, a tie, or nothing new. */
static int note_point(search *sr, mpq_t *point, const mpq_t v, mk_ctx *ctx)
{
    size_t k = sr->k;
    int cmp = sr->n_tie == 0 ? 1 : mpq_cmp(v, sr->best);
    if (cmp < 0)
        return 0;
    if (cmp > 0) {
        for (size_t x = 0; x < sr->n_tie * k; x++)
            mpq_clear(sr->tie[x]);
        sr->n_tie = 0;
        sr->ties_dropped = 0;
        mpq_set(sr->best, v);
    }
    for (size_t i = 0; i < sr->n_tie; i++)
        if (same_point(&sr->tie[i * k], point, k))
            return 0;
    if (sr->n_tie == MAX_TIES) {
        sr->ties_dropped = 1;
        return 0;
    }
    if (sr->n_tie == sr->cap_tie) {
        size_t cap = sr->cap_tie ? 2 * sr->cap_tie : 4;
        mpq_t *tie = realloc(sr->tie, cap * k * sizeof *tie);
        if (tie == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory");
        sr->tie = tie;
        sr->cap_tie = cap;
    }
    for (size_t s = 0; s < k; s++) {
        mpq_init(sr->tie[sr->n_tie * k + s]);
        mpq_set(sr->tie[sr->n_tie * k + s], point[s]);
    }
    sr->n_tie++;
    return 0;
}

/* 1 when x belongs above y in the heap. */
static int above(const search *sr, const mk_bsimplex *x, const mk_bsimplex *y)
{
    return sr->by_size ? x->size > y->size : mpq_cmp(x->top, y->top) > 0;
}

static int heap_push(search *sr, mk_bsimplex *s, mk_ctx *ctx)
{
    if (sr->n_heap == sr->cap_heap) {
        size_t cap = sr->cap_heap ? 2 * sr->cap_heap : 64;
        mk_bsimplex **h = realloc(sr->heap, cap * sizeof *h);
        if (h == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory");
        sr->heap = h;
        sr->cap_heap = cap;
    }
    size_t i = sr->n_heap++;
    while (i > 0 && above(sr, s, sr->heap[(i - 1) / 2])) {
        sr->heap[i] = sr->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    sr->heap[i] = s;
    return 0;
}

/* Orders the heap by size from now on. */
static int heap_reorder(search *sr, mk_ctx *ctx)
{
    size_t n = sr->n_heap;
    sr->by_size = 1;
    sr->n_heap = 0;
    int rc = 0;
    for (size_t h = 0; h < n; h++)
        if (rc == 0)
            rc = heap_push(sr, sr->heap[h], ctx); /* never grows: n_heap <= h */
    return rc;
}

static mk_bsimplex *heap_pop(search *sr)
{
    mk_bsimplex *out = sr->heap[0], *last = sr->heap[--sr->n_heap];
    size_t i = 0;
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= sr->n_heap)
            break;
        if (child + 1 < sr->n_heap && above(sr, sr->heap[child + 1], sr->heap[child]))
            child++;
        if (!above(sr, sr->heap[child], last))
            break;
        sr->heap[i] = sr->heap[child];
        i = child;
    }
    if (sr->n_heap > 0)
        sr->heap[i] = last;
    return out;
}

/* 1 when every coefficient supported on the edge {i, j} equals v. */
static int edge_all_equal(const search *sr, const mk_bsimplex *s, size_t i, size_t j, const mpq_t v)
{
    size_t n = sr->c.n;
    memset(sr->parts, 0, sr->k * sizeof *sr->parts);
    for (size_t l = 0; l <= n; l++) {
        sr->parts[i] = n - l;
        sr->parts[j] = l;
        if (!mpq_equal(s->coef[mk_compositions_find(&sr->c, sr->parts)], v))
            return 0;
    }
    return 1;
}

/* 1 when every corner of s, hence s, lies in region r. */
static int inside_region(const search *sr, const mk_bsimplex *s, size_t r)
{
    size_t k = sr->k;
    for (size_t x = 0; x < k * k; x++)
        if (mpq_cmp(s->vertex[x], sr->floor[r * k + x % k]) < 0)
            return 0;
    return 1;
}

/* 1 when s can hold no maximiser that is not already a known point. */
static int dominated(const search *sr, const mk_bsimplex *s)
{
    for (size_t r = 0; r < sr->n_region; r++)
        if (inside_region(sr, s, r))
            return 1;
    int cmp = mpq_cmp(s->top, sr->best);
    if (cmp != 0)
        return cmp < 0;
    for (size_t i = 0; i < sr->k; i++)
        for (size_t j = i + 1; j < sr->k; j++)
            if (edge_all_equal(sr, s, i, j, sr->best))
                return 0;
    return 1;
}

/* The squared length of the longest edge (i, j) of s. */
static double longest_edge(const search *sr, const mk_bsimplex *s, size_t *bi, size_t *bj)
{
    size_t k = sr->k;
    double longest = -1;
    mpq_t d;
    mpq_init(d);
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++) {
            double len = 0;
            for (size_t q = 0; q < k; q++) {
                mpq_sub(d, s->vertex[j * k + q], s->vertex[i * k + q]);
                double x = mpq_get_d(d);
                len += x * x;
            }
            if (len > longest)
                longest = len, *bi = i, *bj = j;
        }
    mpq_clear(d);
    return longest;
}

/* Where to split s: inside an edge through a known best point if any (sets
 * sr->t to its position), else the midpoint of the longest edge. */
static void choose_split(search *sr, const mk_bsimplex *s, size_t *bi, size_t *bj)
{
    size_t k = sr->k;
    mpq_t d, e;
    mpq_inits(d, e, NULL);
    for (size_t p = 0; p < sr->n_tie; p++) {
        mpq_t *x = &sr->tie[p * k];
        for (size_t i = 0; i < k; i++)
            for (size_t j = i + 1; j < k; j++) {
                /* x = v_i + t (v_j - v_i) with 0 < t < 1? */
                int have_t = 0, on = 1;
                for (size_t q = 0; on && q < k; q++) {
                    mpq_sub(d, s->vertex[j * k + q], s->vertex[i * k + q]);
                    mpq_sub(e, x[q], s->vertex[i * k + q]);
                    if (mpq_sgn(d) == 0) {
                        on = mpq_sgn(e) == 0;
                    } else if (!have_t) {
                        mpq_div(sr->t, e, d);
                        have_t = 1;
                    } else {
                        mpq_mul(d, d, sr->t);
                        on = mpq_equal(d, e);
                    }
                }
                if (on && have_t && mpq_sgn(sr->t) > 0 && mpq_cmp_ui(sr->t, 1, 1) < 0) {
                    *bi = i, *bj = j;
                    mpq_clears(d, e, NULL);
                    return;
                }
            }
    }
    longest_edge(sr, s, bi, bj);
    mpq_set_ui(sr->t, 1, 2);
    mpq_clears(d, e, NULL);
}

/* Solves each edge (strategies s < t alone) exactly and notes its exact
 * maximisers; certified (irrational) ones are left to the search. */
static int solve_edges(search *sr, mpq_t *point, mk_ctx *ctx)
{
    const mk_symgame *g = sr->g;
    size_t k = sr->k, n = g->n_players;
    size_t *counts = sr->parts;
    mpq_t v;
    mpq_init(v);
    int rc = 0;
    for (size_t s = 0; rc == 0 && s < k; s++)
        for (size_t t = s + 1; rc == 0 && t < k; t++) {
            mk_symgame *edge = NULL;
            mk_superrational r = MK_SUPERRATIONAL_INIT;
            rc = mk_symgame_new(&edge, n, 2, ctx);
            for (size_t j = 0; rc == 0 && j < n; j++) {
                memset(counts, 0, k * sizeof *counts);
                counts[s] = j;
                counts[t] = n - 1 - j;
                size_t c = mk_symgame_count_index(g, counts);
                edge->payoff[j] = g->payoff[s * g->n_counts + c];
                edge->payoff[edge->n_counts + j] = g->payoff[t * g->n_counts + c];
            }
            if (rc == 0)
                rc = mk_symgame_superrational(edge, &r, ctx);
            for (size_t i = 0; rc == 0 && i < r.n; i++) {
                if (!r.choice[i].exact)
                    continue;
                for (size_t q = 0; q < k; q++)
                    mpq_set_ui(point[q], 0, 1);
                mpq_set_str(point[s], r.choice[i].prob[0], 10);
                mpq_canonicalize(point[s]);
                mpq_set_str(point[t], r.choice[i].prob[1], 10);
                mpq_canonicalize(point[t]);
                mpq_set_str(v, r.choice[i].value, 10);
                mpq_canonicalize(v);
                rc = note_point(sr, point, v, ctx);
            }
            mk_superrational_free(&r);
            mk_symgame_free(edge);
        }
    mpq_clear(v);
    return rc;
}

/* The whole simplex, its coefficients from the game; notes the vertices.
 * *constant = 1 when all coefficients are equal. */
static int make_root(search *sr, mk_bsimplex **out, int *constant, mpq_t scale, mk_ctx *ctx)
{
    size_t k = sr->k, n = sr->c.n;
    mk_bsimplex *root = mk_bsimplex_new(&sr->c);
    if (root == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    mpq_t t;
    mpq_init(t);
    *constant = 1;
    mpq_set_ui(scale, 1, 1);
    for (size_t a = 0; a < sr->c.count; a++) {
        coefficient(sr->g, &sr->c.part[a * k], sr->parts, root->coef[a], t);
        *constant &= mpq_equal(root->coef[a], root->coef[0]);
        mpq_abs(t, root->coef[a]);
        if (mpq_cmp(t, scale) > 0)
            mpq_set(scale, t);
    }
    for (size_t s = 0; s < k; s++)
        mpq_set_ui(root->vertex[s * k + s], 1, 1);
    mk_bsimplex_update_top(root, &sr->c);
    root->size = 2;
    int rc = 0;
    for (size_t s = 0; rc == 0 && s < k; s++) {
        memset(sr->parts, 0, k * sizeof *sr->parts);
        sr->parts[s] = n;
        rc = note_point(sr, &root->vertex[s * k],
                        root->coef[mk_compositions_find(&sr->c, sr->parts)], ctx);
    }
    mpq_clear(t);
    *out = root;
    return rc;
}

/* Splits the best sub-simplex; its children join the heap unless dominated. */
static int split_top(search *sr, mk_ctx *ctx)
{
    size_t k = sr->k, n = sr->c.n, i = 0, j = 1;
    mk_bsimplex *s = heap_pop(sr), *left = mk_bsimplex_new(&sr->c),
                *right = mk_bsimplex_new(&sr->c);
    int rc = 0;
    if (left == NULL || right == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory");
    if (rc == 0) {
        choose_split(sr, s, &i, &j);
        mk_bsimplex_split(s, &sr->c, i, j, sr->t, left, right, sr->work, sr->parts);
        memset(sr->parts, 0, k * sizeof *sr->parts);
        sr->parts[j] = n;
        rc = note_point(sr, &left->vertex[j * k],
                        left->coef[mk_compositions_find(&sr->c, sr->parts)], ctx);
    }
    mk_bsimplex_free(s, &sr->c);
    mk_bsimplex *child[2] = {left, right};
    for (int x = 0; x < 2; x++) {
        if (rc == 0 && !dominated(sr, child[x])) {
            child[x]->size = longest_edge(sr, child[x], &i, &j);
            rc = heap_push(sr, child[x], ctx);
            if (rc == 0)
                continue;
        }
        mk_bsimplex_free(child[x], &sr->c);
    }
    return rc;
}

static int tie_order(mpq_t *x, mpq_t *y, size_t k)
{
    for (size_t s = 0; s < k; s++) {
        int c = mpq_cmp(y[s], x[s]);
        if (c != 0)
            return c;
    }
    return 0;
}

/* The exact answer: every known point reaching best, in decreasing
 * probability of strategy 1 (then 2, ...). */
static int add_exact(search *sr, mk_superrational *out, mk_ctx *ctx)
{
    size_t k = sr->k;
    int rc = 0;
    for (size_t done = 0; rc == 0 && done < sr->n_tie; done++) {
        size_t pick = done;
        for (size_t i = done + 1; i < sr->n_tie; i++)
            if (tie_order(&sr->tie[i * k], &sr->tie[pick * k], k) < 0)
                pick = i;
        for (size_t s = 0; s < k; s++)
            mpq_swap(sr->tie[pick * k + s], sr->tie[done * k + s]);
        rc = mk_superrational_add_exact(out, &sr->tie[done * k], sr->best, ctx);
    }
    return rc;
}

/* The certified answer: value in [best, heap top], maximisers in the
 * bounding box of the sub-simplices left and the best points. */
static int add_certified(search *sr, mk_superrational *out, mk_ctx *ctx)
{
    size_t k = sr->k;
    mpq_t *lo = malloc(k * sizeof *lo), *hi = malloc(k * sizeof *hi);
    if (lo == NULL || hi == NULL) {
        free(lo), free(hi);
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    }
    for (size_t s = 0; s < k; s++) {
        mpq_init(lo[s]), mpq_init(hi[s]);
        mpq_set(lo[s], sr->tie[s]);
        mpq_set(hi[s], sr->tie[s]);
    }
    for (size_t h = 0; h < sr->n_heap + sr->n_tie; h++) {
        mpq_t *v = h < sr->n_heap ? sr->heap[h]->vertex : &sr->tie[(h - sr->n_heap) * k];
        size_t corners = h < sr->n_heap ? k : 1;
        for (size_t x = 0; x < corners * k; x++) {
            if (mpq_cmp(v[x], lo[x % k]) < 0)
                mpq_set(lo[x % k], v[x]);
            if (mpq_cmp(v[x], hi[x % k]) > 0)
                mpq_set(hi[x % k], v[x]);
        }
    }
    mpq_t top;
    mpq_init(top);
    mpq_set(top, sr->best);
    for (size_t h = 0; h < sr->n_heap; h++)
        if (mpq_cmp(sr->heap[h]->top, top) > 0)
            mpq_set(top, sr->heap[h]->top);
    int rc = mk_superrational_add_enclosure(out, sr->tie, lo, hi, sr->best, top, ctx);
    mpq_clear(top);
    for (size_t s = 0; s < k; s++)
        mpq_clear(lo[s]), mpq_clear(hi[s]);
    free(lo), free(hi);
    return rc;
}

static int was_rejected(const search *sr, mpq_t *point)
{
    for (size_t i = 0; i < sr->n_rejected; i++)
        if (same_point(&sr->rejected[i * sr->k], point, sr->k))
            return 1;
    return 0;
}

/* Proves rational guesses from each group of sub-simplices left strict
 * local maximisers (superrational_exact_internal.h): each becomes a known
 * point and its neighbourhood a region holding no other maximiser (for
 * the rest of the search); then, with budget > 0, the search goes on
 * against the new best value for at most budget splits. An empty heap
 * proves the known points reaching best all the maximisers; otherwise what
 * is left still encloses them. */
static int try_exact(search *sr, size_t budget, mk_ctx *ctx)
{
    size_t k = sr->k;
    double box[2 * MAX_GROUPS * MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES]; /* k <= that */
    size_t groups = mk_superrational_group(sr->heap, sr->n_heap, k, MAX_GROUPS, box);
    if (groups > MAX_CANDIDATES)
        return 0;
    mk_bsimplex *root = mk_bsimplex_new(&sr->c);
    mpq_t *point = malloc(k * sizeof *point), value, t;
    size_t cap = sr->n_region + groups > sr->cap_region ? sr->n_region + groups : sr->cap_region;
    mpq_t *floor = realloc(sr->floor, cap * k * sizeof *floor);
    if (floor != NULL)
        sr->floor = floor;
    if (root == NULL || point == NULL || floor == NULL) {
        mk_bsimplex_free(root, &sr->c);
        free(point);
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    }
    for (; sr->cap_region < cap; sr->cap_region++)
        for (size_t s = 0; s < k; s++)
            mpq_init(sr->floor[sr->cap_region * k + s]);
    for (size_t s = 0; s < k; s++)
        mpq_init(point[s]);
    mpq_inits(value, t, NULL);
    for (size_t a = 0; a < sr->c.count; a++)
        coefficient(sr->g, &sr->c.part[a * k], sr->parts, root->coef[a], t);
    int rc = 0, at_best = 0;
    for (size_t g = 0; rc == 0 && g < groups; g++)
        for (size_t guess = 0; rc == 0 && guess < MK_SUPERRATIONAL_GUESSES; guess++) {
            if (!mk_superrational_propose(&box[2 * g * k], sr->tie, k, guess, point) ||
                was_rejected(sr, point))
                continue;
            rc = mk_superrational_prove_local(&sr->c, root->coef, point, value,
                                              &sr->floor[sr->n_region * k], ctx);
            if (rc == 1) {
                sr->n_region++;
                rc = note_point(sr, point, value, ctx);
                at_best |= mpq_equal(value, sr->best);
                break;
            }
            if (rc == 0 && sr->n_rejected < REJECTED)
                for (size_t s = 0; s < k; s++)
                    mpq_set(sr->rejected[sr->n_rejected * k + s], point[s]);
            sr->n_rejected += rc == 0 && sr->n_rejected < REJECTED;
        }
    /* Only a new maximiser candidate may let the search end now. */
    for (size_t splits = 0; rc == 0 && at_best && sr->n_heap > 0;) {
        if (dominated(sr, sr->heap[0]))
            mk_bsimplex_free(heap_pop(sr), &sr->c);
        else if (splits++ == budget)
            break;
        else
            rc = split_top(sr, ctx);
    }
    mk_bsimplex_free(root, &sr->c);
    for (size_t s = 0; s < k; s++)
        mpq_clear(point[s]);
    free(point);
    mpq_clears(value, t, NULL);
    return rc;
}

/* Drops every dominated sub-simplex (the heap's order no longer matters). */
static void drop_dominated(search *sr)
{
    size_t kept = 0;
    for (size_t h = 0; h < sr->n_heap; h++) {
        if (dominated(sr, sr->heap[h]))
            mk_bsimplex_free(sr->heap[h], &sr->c);
        else
            sr->heap[kept++] = sr->heap[h];
    }
    sr->n_heap = kept;
}

static int search_init(search *sr, const mk_symgame *g, mk_ctx *ctx)
{
    memset(sr, 0, sizeof *sr);
    sr->g = g;
    sr->k = g->n_strategies;
    mpq_inits(sr->best, sr->t, NULL);
    int rc = mk_compositions_make(&sr->c, g->n_players, g->n_strategies, ctx);
    sr->work = malloc((g->n_players + 1) * sizeof *sr->work);
    sr->parts = malloc(sr->k * sizeof *sr->parts);
    sr->rejected = malloc(REJECTED * sr->k * sizeof *sr->rejected);
    for (size_t x = 0; sr->rejected != NULL && x < REJECTED * sr->k; x++)
        mpq_init(sr->rejected[x]);
    if (rc == 0 && (sr->work == NULL || sr->parts == NULL || sr->rejected == NULL))
        rc = mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t l = 0; sr->work != NULL && l <= g->n_players; l++)
        mpq_init(sr->work[l]);
    return rc;
}

static void search_clear(search *sr)
{
    for (size_t h = 0; h < sr->n_heap; h++)
        mk_bsimplex_free(sr->heap[h], &sr->c);
    free(sr->heap);
    for (size_t x = 0; x < sr->n_tie * sr->k; x++)
        mpq_clear(sr->tie[x]);
    free(sr->tie);
    for (size_t l = 0; sr->work != NULL && l <= sr->c.n; l++)
        mpq_clear(sr->work[l]);
    free(sr->work);
    free(sr->parts);
    for (size_t x = 0; x < sr->cap_region * sr->k; x++)
        mpq_clear(sr->floor[x]);
    free(sr->floor);
    for (size_t x = 0; sr->rejected != NULL && x < REJECTED * sr->k; x++)
        mpq_clear(sr->rejected[x]);
    free(sr->rejected);
    mk_compositions_free(&sr->c);
    mpq_clears(sr->best, sr->t, NULL);
}

/* MK_ELIMIT beyond the limits of mechkit/kantian.h, naming the cost. */
static int check_size(const mk_symgame *g, mk_ctx *ctx)
{
    size_t n = g->n_players, k = g->n_strategies, count = 1;
    for (size_t s = 1; s < k && count <= MK_SUPERRATIONAL_MAX_COST; s++)
        count = count * (n + s) / s;       /* C(n + s, s), exactly */
    if (count > MK_SUPERRATIONAL_MAX_COST) /* more than the cost already */
        return mk_error(ctx, MK_ELIMIT,
                        "superrational choice with %zu players and %zu strategies: more than %d "
                        "Bernstein coefficients of u(p, ..., p) to search; with three or more "
                        "of both, at most %d (coefficients times the dimension %zu) are searched "
                        "(two strategies: up to 64 players; two players: up to 12 strategies)",
                        n, k, MK_SUPERRATIONAL_MAX_COST, MK_SUPERRATIONAL_MAX_COST, k - 1);
    if (count * (k - 1) > MK_SUPERRATIONAL_MAX_COST || k > MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES ||
        n > MK_SUPERRATIONAL_MAX_MIXED_PLAYERS)
        return mk_error(ctx, MK_ELIMIT,
                        "superrational choice with %zu players and %zu strategies: %zu Bernstein "
                        "coefficients of u(p, ..., p) times the dimension %zu, a cost of %zu; with "
                        "three or more of both, at most a cost of %d, %d players and %d "
                        "strategies are searched (two strategies: up to 64 players; two players: "
                        "up to 12 strategies)",
                        n, k, count, k - 1, count * (k - 1), MK_SUPERRATIONAL_MAX_COST,
                        MK_SUPERRATIONAL_MAX_MIXED_PLAYERS, MK_SUPERRATIONAL_MAX_MIXED_STRATEGIES);
    return 0;
}

int mk_superrational_simplex(const mk_symgame *g, mk_superrational *out, mk_ctx *ctx)
{
    int rc = check_size(g, ctx);
    if (rc != 0)
        return rc;
    search sr;
    mk_bsimplex *root = NULL;
    mpq_t *point = malloc(g->n_strategies * sizeof *point), tol, gap;
    if (point == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t s = 0; s < g->n_strategies; s++)
        mpq_init(point[s]);
    mpq_inits(tol, gap, NULL);
    rc = search_init(&sr, g, ctx);
    int constant = 0;
    if (rc == 0)
        rc = make_root(&sr, &root, &constant, tol, ctx);
    if (rc == 0 && constant) {
        out->constant = 1; /* the vertices, all noted with the same value */
        rc = add_exact(&sr, out, ctx);
        mk_bsimplex_free(root, &sr.c);
        root = NULL;
    } else if (rc == 0) {
        mpz_ui_pow_ui(mpq_denref(gap), 10, TOLERANCE_DIGITS);
        mpz_set_ui(mpq_numref(gap), 1);
        mpq_mul(tol, tol, gap); /* 10^-9 max(1, max |b_a|) */
        rc = solve_edges(&sr, point, ctx);
        if (rc == 0 && !dominated(&sr, root) && (rc = heap_push(&sr, root, ctx)) == 0)
            root = NULL; /* the heap owns it */
        /* Phase 1, best bound first, until the bounds on the value meet the
         * tolerance; phase 2, largest first, to narrow down where the
         * maximisers are (and maybe prove an exact answer). */
        size_t splits = 0, narrowing = 0, next_try = FIRST_TRY;
        size_t split_cost = sr.c.count * (sr.k - 1);
        size_t max_splits = MAX_WORK / split_cost < MAX_SPLITS ? MAX_WORK / split_cost : MAX_SPLITS;
        int within = 0;
        for (;;) {
            while (sr.n_heap > 0 && dominated(&sr, sr.heap[0]))
                mk_bsimplex_free(heap_pop(&sr), &sr.c);
            if (rc != 0 || sr.n_heap == 0 || splits == max_splits)
                break;
            if (!within) {
                mpq_sub(gap, sr.heap[0]->top, sr.best);
                if (mpq_cmp(gap, tol) <= 0) {
                    within = 1;
                    rc = try_exact(&sr, 0, ctx); /* may spare the narrowing */
                    if (rc == 0)
                        rc = heap_reorder(&sr, ctx);
                    continue;
                }
                if (splits == next_try) { /* cheap, and may end the search early */
                    next_try *= 2;
                    rc = try_exact(&sr, 0, ctx);
                    continue;
                }
            } else if (sr.heap[0]->size <= MAX_SIZE || narrowing++ == NARROWING_SPLITS) {
                break;
            }
            rc = split_top(&sr, ctx);
            splits++;
        }
        drop_dominated(&sr);
        if (rc == 0 && within && sr.n_heap > 0) {
            rc = try_exact(&sr, PROOF_SPLITS, ctx);
            drop_dominated(&sr);
        }
        if (rc == 0 && sr.n_heap == 0 && sr.ties_dropped)
            rc = mk_error(ctx, MK_ELIMIT,
                          "superrational choice: more than %d mixed strategies reach the best "
                          "payoff, a continuum of them; not listed",
                          MAX_TIES);
        else if (rc == 0 && sr.n_heap == 0)
            rc = add_exact(&sr, out, ctx);
        else if (rc == 0 && within)
            rc = add_certified(&sr, out, ctx);
        else if (rc == 0)
            rc = mk_error(ctx, MK_ELIMIT,
                          "superrational choice with %zu players and %zu strategies: %zu "
                          "subdivisions of the simplex (the most for %zu Bernstein "
                          "coefficients in dimension %zu) did not bring the bounds on the best "
                          "payoff within 10^-%d",
                          g->n_players, g->n_strategies, max_splits, sr.c.count, sr.k - 1,
                          TOLERANCE_DIGITS);
    }
    mk_bsimplex_free(root, &sr.c); /* not in the heap */
    for (size_t s = 0; s < g->n_strategies; s++)
        mpq_clear(point[s]);
    free(point);
    mpq_clears(tol, gap, NULL);
    search_clear(&sr);
    return rc;
}
