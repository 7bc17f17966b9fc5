/* Explicit cooperative games (mechkit/tu_game.h): construction over a
 * common denominator, glove games, and the exact Shapley value. */
#include <stdlib.h>
#include <string.h>

#include "coop_internal.h"

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b != 0) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static int check_size(size_t n, mk_ctx *ctx)
{
    if (n == 0)
        return mk_error(ctx, MK_ELIMIT, "a game needs at least one player");
    if (n > MK_TU_GAME_MAX_PLAYERS)
        return mk_error(ctx, MK_ELIMIT,
                        "%zu players: an explicit game has at most %d (2^%d coalition values)", n,
                        MK_TU_GAME_MAX_PLAYERS, MK_TU_GAME_MAX_PLAYERS);
    return MK_OK;
}

/* A game with names and room for 2^n numerators. */
static int game_alloc(mk_tu_game **out, size_t n, const char *const *names, mk_ctx *ctx)
{
    int rc = check_size(n, ctx);
    if (rc != 0)
        return rc;
    mk_tu_game *g = calloc(1, sizeof *g);
    if (g == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a game");
    g->n = n;
    g->den = 1;
    g->kind = "explicit";
    if ((rc = coop_names_copy(&g->names, n, names, ctx)) == 0 &&
        (g->num = malloc(((size_t)1 << n) * sizeof *g->num)) == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for 2^%zu coalition values", n);
    if (rc != 0) {
        mk_tu_game_free(g);
        return rc;
    }
    *out = g;
    return MK_OK;
}

/* The least common multiple of the denominators, or MK_ERANGE. */
static int common_denominator(size_t count, const mk_rational *v, int64_t *out, mk_ctx *ctx)
{
    int64_t l = 1;
    for (size_t m = 0; m < count; m++) {
        if (v[m].den <= 0)
            return mk_error(ctx, MK_ERANGE, "coalition %zu: denominator %lld is not positive", m,
                            (long long)v[m].den);
        int64_t step = v[m].den / gcd64(l, v[m].den);
        if (__builtin_mul_overflow(l, step, &l))
            return mk_error(ctx, MK_ERANGE,
                            "the common denominator of the values exceeds %lld (at coalition "
                            "%zu)",
                            (long long)INT64_MAX, m);
    }
    *out = l;
    return MK_OK;
}

int mk_tu_game_new(mk_tu_game **out, size_t n, const char *const *names, const mk_rational *values,
                   mk_ctx *ctx)
{
    mk_tu_game *g = NULL;
    int rc = game_alloc(&g, n, names, ctx);
    if (rc != 0)
        return rc;
    size_t count = (size_t)1 << n;
    if (values[0].num != 0)
        rc = mk_error(ctx, MK_EINPUT, "values[0], the empty coalition's value, must be 0");
    if (rc == 0)
        rc = common_denominator(count, values, &g->den, ctx);
    for (size_t m = 0; rc == 0 && m < count; m++) {
        int64_t scale = g->den / values[m].den;
        if (__builtin_mul_overflow(values[m].num, scale, &g->num[m]))
            rc = mk_error(ctx, MK_ERANGE,
                          "coalition %zu: its value over the common denominator %lld does not "
                          "fit in 64 bits",
                          m, (long long)g->den);
    }
    if (rc != 0) {
        mk_tu_game_free(g);
        return rc;
    }
    *out = g;
    return MK_OK;
}

int mk_tu_game_new_glove(mk_tu_game **out, size_t n, const char *const *names,
                         const unsigned char *left, mk_ctx *ctx)
{
    mk_tu_game *g = NULL;
    int rc = game_alloc(&g, n, names, ctx);
    if (rc != 0)
        return rc;
    g->kind = "glove";
    uint64_t left_mask = 0;
    for (size_t i = 0; i < n; i++)
        if (left[i])
            left_mask |= (uint64_t)1 << i;
    for (uint64_t m = 0; m < (uint64_t)1 << n; m++) {
        int l = __builtin_popcountll(m & left_mask), r = __builtin_popcountll(m & ~left_mask);
        g->num[m] = l < r ? l : r;
    }
    *out = g;
    return MK_OK;
}

void mk_tu_game_free(mk_tu_game *g)
{
    if (g == NULL)
        return;
    coop_names_free(g->names, g->n);
    free(g->num);
    free(g->title);
    free(g);
}

int mk_tu_game_set_title(mk_tu_game *g, const char *title, mk_ctx *ctx)
{
    char *copy = NULL;
    if (title != NULL && (copy = coop_strdup(title)) == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a title");
    free(g->title);
    g->title = copy;
    return MK_OK;
}

/*
 * Shapley 1953, rewritten per coalition: v(S) enters phi_i with weight
 * (|S|-1)! (n-|S|)! / n! when i is in S and -|S|! (n-|S|-1)! / n! when it
 * is not. So only in[i][k] (the sum of v(S) over |S| = k holding i) and
 * all[k] (over every |S| = k) are needed:
 *   n! phi_i = sum_k (k-1)!(n-k)! in[i][k] - k!(n-k-1)! (all[k] - in[i][k]).
 */
static void sums(const mk_tu_game *g, coop_i128 *in, coop_i128 *all)
{
    size_t n = g->n;
    for (uint64_t m = 1; m < (uint64_t)1 << n; m++) {
        size_t k = (size_t)__builtin_popcountll(m);
        coop_i128 v = g->num[m];
        all[k] += v;
        for (uint64_t rest = m; rest != 0; rest &= rest - 1)
            in[(size_t)__builtin_ctzll(rest) * (n + 1) + k] += v;
    }
}

static void shapley_of(const mk_tu_game *g, size_t i, const coop_i128 *in, const coop_i128 *all,
                       mpz_t *fact, mpq_t out)
{
    size_t n = g->n;
    mpz_t acc, term, s;
    mpz_inits(acc, term, s, NULL);
    for (size_t k = 1; k <= n; k++) {
        coop_i128 mine = in[i * (n + 1) + k];
        coop_set_i128(s, mine);
        mpz_mul(term, fact[k - 1], fact[n - k]);
        mpz_addmul(acc, term, s);
        if (k < n) {
            coop_set_i128(s, all[k] - mine);
            mpz_mul(term, fact[k], fact[n - k - 1]);
            mpz_submul(acc, term, s);
        }
    }
    mpz_mul_si(term, fact[n], (long)g->den);
    mpq_set_num(out, acc);
    mpq_set_den(out, term);
    mpq_canonicalize(out);
    mpz_clears(acc, term, s, NULL);
}

int mk_tu_game_shapley(const mk_tu_game *g, int places, mk_coop_vector **out, mk_ctx *ctx)
{
    size_t n = g->n;
    coop_i128 *in = calloc(n * (n + 1), sizeof *in), *all = calloc(n + 1, sizeof *all);
    mpz_t *fact = malloc((n + 1) * sizeof *fact);
    mpq_t *phi = mk_mpq_array(n);
    int rc = MK_OK;
    if (in == NULL || all == NULL || fact == NULL || phi == NULL) {
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for the Shapley value");
        free(fact);
        fact = NULL;
    }
    if (rc == 0) {
        mpz_init_set_ui(fact[0], 1);
        for (size_t k = 1; k <= n; k++) {
            mpz_init(fact[k]);
            mpz_mul_ui(fact[k], fact[k - 1], (unsigned long)k);
        }
        sums(g, in, all);
        for (size_t i = 0; i < n; i++)
            shapley_of(g, i, in, all, fact, phi[i]);
        rc = coop_vector_from_mpq(out, phi, n, places, ctx);
    }
    for (size_t k = 0; fact != NULL && k <= n; k++)
        mpz_clear(fact[k]);
    free(fact);
    mk_mpq_array_free(phi, n);
    free(in);
    free(all);
    return rc;
}
