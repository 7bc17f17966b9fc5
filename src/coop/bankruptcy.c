/* Bankruptcy problems (mechkit/bankruptcy.h): proportional, constrained
 * equal awards and losses, and the Talmud rule, in exact rationals. */
#include <stdlib.h>
#include <string.h>

#include "coop_internal.h"
#include "mechkit/bankruptcy.h"

static const char *const rule_names[MK_BANKRUPTCY_RULES] = {"proportional", "cea", "cel", "talmud"};

const char *mk_bankruptcy_rule_name(int rule)
{
    return rule >= 0 && rule < MK_BANKRUPTCY_RULES ? rule_names[rule] : NULL;
}

int mk_bankruptcy_rule_parse(const char *s)
{
    for (int r = 0; r < MK_BANKRUPTCY_RULES; r++)
        if (strcmp(s, rule_names[r]) == 0)
            return r;
    return -1;
}

/* Claims >= 0 and 0 <= estate <= their sum, compared exactly in GMP. */
static int check_amounts(size_t n, const mk_rational *claim, mk_rational estate, mk_ctx *ctx)
{
    for (size_t i = 0; i < n; i++)
        if (claim[i].num < 0 || claim[i].den <= 0)
            return mk_error(ctx, MK_ERANGE, "claimant %zu: a claim must be >= 0", i + 1);
    if (estate.num < 0 || estate.den <= 0)
        return mk_error(ctx, MK_ERANGE, "the estate must be >= 0");
    mpq_t sum, x;
    mpq_inits(sum, x, NULL);
    for (size_t i = 0; i < n; i++) {
        coop_mpq_set_rational(x, claim[i]);
        mpq_add(sum, sum, x);
    }
    coop_mpq_set_rational(x, estate);
    int over = mpq_cmp(x, sum) > 0;
    mpq_clears(sum, x, NULL);
    if (over)
        return mk_error(ctx, MK_ERANGE,
                        "the estate exceeds the sum of the claims: every claim can be paid, so "
                        "this is no bankruptcy problem");
    return MK_OK;
}

int mk_bankruptcy_new(mk_bankruptcy **out, size_t n, const char *const *names,
                      const mk_rational *claim, mk_rational estate, mk_ctx *ctx)
{
    if (n == 0)
        return mk_error(ctx, MK_ELIMIT, "a bankruptcy problem needs at least one claimant");
    if (n > MK_BANKRUPTCY_MAX_CLAIMANTS)
        return mk_error(ctx, MK_ELIMIT, "%zu claimants: at most %d are supported", n,
                        MK_BANKRUPTCY_MAX_CLAIMANTS);
    int rc = check_amounts(n, claim, estate, ctx);
    if (rc != 0)
        return rc;
    mk_bankruptcy *b = calloc(1, sizeof *b);
    if (b == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a problem");
    b->n = n;
    b->estate = estate;
    b->rule = -1;
    rc = coop_names_copy(&b->names, n, names, ctx);
    if (rc == 0 && (b->claim = malloc(n * sizeof *b->claim)) == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for a problem");
    if (rc != 0) {
        mk_bankruptcy_free(b);
        return rc;
    }
    memcpy(b->claim, claim, n * sizeof *b->claim);
    *out = b;
    return MK_OK;
}

void mk_bankruptcy_free(mk_bankruptcy *b)
{
    if (b == NULL)
        return;
    coop_names_free(b->names, b->n);
    free(b->claim);
    free(b->title);
    free(b);
}

/* The problem in GMP: claims c, their sum, the estate, and the players
 * in increasing order of claim. */
typedef struct problem {
    size_t n;
    mpq_t *c;
    mpq_t total, estate;
    size_t *order;
} problem;

typedef struct ranked {
    mk_rational claim;
    size_t player;
} ranked;

static int by_claim(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    int c = mk_rational_cmp(x->claim, y->claim);
    return c != 0 ? c : (x->player > y->player) - (x->player < y->player);
}

/*
 * Constrained equal awards of the amount e over claims c (Thomson 2003,
 * sec. 2.1): in increasing order of claim, a claimant is paid in full
 * while the full claim is at most an equal share of what is left; then
 * everyone left gets that equal share lambda. x must hold n zeroes.
 */
static void cea(const problem *p, mpq_t *c, const mpq_t e, mpq_t *x)
{
    mpq_t left, share;
    mpq_inits(left, share, NULL);
    mpq_set(left, e);
    size_t j = 0;
    for (; j < p->n; j++) {
        size_t i = p->order[j];
        mpq_set(share, left);
        mpz_mul_ui(mpq_denref(share), mpq_denref(share), (unsigned long)(p->n - j));
        mpq_canonicalize(share);
        if (mpq_cmp(c[i], share) > 0)
            break;
        mpq_set(x[i], c[i]);
        mpq_sub(left, left, c[i]);
    }
    for (; j < p->n; j++)
        mpq_set(x[p->order[j]], share);
    mpq_clears(left, share, NULL);
}

/* x = c - CEA(c, sum(c) - e): constrained equal losses is the dual of
 * constrained equal awards (Thomson 2003, sec. 2.3). */
static void cel(const problem *p, mpq_t *c, const mpq_t sum, const mpq_t e, mpq_t *x)
{
    mpq_t loss;
    mpq_init(loss);
    mpq_sub(loss, sum, e);
    cea(p, c, loss, x);
    for (size_t i = 0; i < p->n; i++)
        mpq_sub(x[i], c[i], x[i]);
    mpq_clear(loss);
}

static void proportional(const problem *p, mpq_t *x)
{
    if (mpq_sgn(p->total) == 0)
        return; /* every claim is 0, and so is the estate */
    for (size_t i = 0; i < p->n; i++) {
        mpq_mul(x[i], p->c[i], p->estate);
        mpq_div(x[i], x[i], p->total);
    }
}

/* Aumann and Maschler 1985: CEA of the half-claims up to half the total
 * claim, then half-claims plus CEL of the half-claims. */
static int talmud(const problem *p, mpq_t *x)
{
    mpq_t *half = mk_mpq_array(p->n);
    if (half == NULL)
        return -1;
    mpq_t half_total, rest;
    mpq_inits(half_total, rest, NULL);
    for (size_t i = 0; i < p->n; i++)
        mpq_div_2exp(half[i], p->c[i], 1);
    mpq_div_2exp(half_total, p->total, 1);
    if (mpq_cmp(p->estate, half_total) <= 0) {
        cea(p, half, p->estate, x);
    } else {
        mpq_sub(rest, p->estate, half_total);
        cel(p, half, half_total, rest, x);
        for (size_t i = 0; i < p->n; i++)
            mpq_add(x[i], x[i], half[i]);
    }
    mpq_clears(half_total, rest, NULL);
    mk_mpq_array_free(half, p->n);
    return 0;
}

static int problem_init(problem *p, const mk_bankruptcy *b)
{
    p->n = b->n;
    p->c = mk_mpq_array(b->n);
    p->order = malloc(b->n * sizeof *p->order);
    ranked *r = malloc(b->n * sizeof *r);
    mpq_inits(p->total, p->estate, NULL);
    if (p->c == NULL || p->order == NULL || r == NULL) {
        free(r);
        return -1;
    }
    for (size_t i = 0; i < b->n; i++) {
        coop_mpq_set_rational(p->c[i], b->claim[i]);
        mpq_add(p->total, p->total, p->c[i]);
        r[i] = (ranked){b->claim[i], i};
    }
    coop_mpq_set_rational(p->estate, b->estate);
    qsort(r, b->n, sizeof *r, by_claim);
    for (size_t j = 0; j < b->n; j++)
        p->order[j] = r[j].player;
    free(r);
    return 0;
}

static void problem_clear(problem *p)
{
    mk_mpq_array_free(p->c, p->n);
    free(p->order);
    mpq_clears(p->total, p->estate, NULL);
}

int mk_bankruptcy_divide(const mk_bankruptcy *b, int rule, int places, mk_coop_vector **out,
                         mk_ctx *ctx)
{
    if (mk_bankruptcy_rule_name(rule) == NULL)
        return mk_error(ctx, MK_EPARAM, "unknown bankruptcy rule %d", rule);
    problem p;
    mpq_t *x = mk_mpq_array(b->n);
    int failed = problem_init(&p, b) != 0 || x == NULL;
    if (!failed) {
        if (rule == MK_BANKRUPTCY_PROPORTIONAL)
            proportional(&p, x);
        else if (rule == MK_BANKRUPTCY_CEA)
            cea(&p, p.c, p.estate, x);
        else if (rule == MK_BANKRUPTCY_CEL)
            cel(&p, p.c, p.total, p.estate, x);
        else
            failed = talmud(&p, x) != 0;
    }
    int rc = failed ? mk_error(ctx, MK_ENOMEM, "out of memory for the awards")
                    : coop_vector_from_mpq(out, x, b->n, places, ctx);
    problem_clear(&p);
    mk_mpq_array_free(x, b->n);
    return rc;
}

/* ---- the bankruptcy game ---- */

/* Claims (n) and the estate (at c[n]) as int64 numerators over one
 * common denominator *l. MK_ERANGE when they do not fit. */
static int integers(const mk_bankruptcy *b, int64_t *c, int64_t *l, mk_ctx *ctx)
{
    *l = 1;
    for (size_t i = 0; i <= b->n; i++) {
        int64_t den = i < b->n ? b->claim[i].den : b->estate.den;
        if (__builtin_mul_overflow(*l, den / mk_gcd(*l, den), l))
            return mk_error(ctx, MK_ERANGE, "the common denominator of the amounts exceeds %lld",
                            (long long)INT64_MAX);
    }
    for (size_t i = 0; i <= b->n; i++) {
        mk_rational r = i < b->n ? b->claim[i] : b->estate;
        if (__builtin_mul_overflow(r.num, *l / r.den, &c[i]))
            return mk_error(ctx, MK_ERANGE,
                            "an amount over the common denominator %lld does not fit in 64 bits",
                            (long long)*l);
    }
    return MK_OK;
}

int mk_bankruptcy_game(const mk_bankruptcy *b, mk_tu_game **out, mk_ctx *ctx)
{
    size_t n = b->n;
    if (n > MK_TU_GAME_MAX_PLAYERS)
        return mk_error(ctx, MK_ELIMIT,
                        "%zu claimants: the bankruptcy game is an explicit game, at most %d "
                        "players",
                        n, MK_TU_GAME_MAX_PLAYERS);
    int64_t c[MK_TU_GAME_MAX_PLAYERS + 1], l;
    int rc = integers(b, c, &l, ctx);
    if (rc != 0)
        return rc;
    size_t count = (size_t)1 << n;
    mk_rational *v = malloc(count * sizeof *v);
    if (v == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for 2^%zu coalitions", n);
    coop_i128 outside = 0; /* claims outside the coalition, in Gray-code order */
    for (size_t i = 0; i < n; i++)
        outside += c[i];
    size_t coalition = 0;
    for (size_t step = 0; step < count; step++) {
        if (step > 0) {
            unsigned i = (unsigned)__builtin_ctzll((unsigned long long)step);
            coalition ^= (size_t)1 << i;
            outside += (coalition >> i) & 1 ? -(coop_i128)c[i] : (coop_i128)c[i];
        }
        coop_i128 left = (coop_i128)c[n] - outside; /* <= the estate: fits */
        v[coalition].num = left > 0 ? (int64_t)left : 0;
        v[coalition].den = l;
    }
    rc = mk_tu_game_new(out, n, (const char *const *)b->names, v, ctx);
    if (rc == 0)
        (*out)->kind = "bankruptcy";
    free(v);
    return rc;
}
