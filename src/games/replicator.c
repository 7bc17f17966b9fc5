/* Discrete-time replicator dynamics on exact integer shares (mechkit/metagame.h). */
#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/metagame.h"
#include "superrational_internal.h"

/* out[a] = round(D * num[a] / sum num) by the largest-remainder rule: each
 * rounded down, the units left over one each to the largest remainders,
 * ties to the lower index. num[a] >= 0, not all 0. */
static void apportion(mpz_t *num, size_t k, long long *out, mpz_t *rem)
{
    mpz_t total, q;
    mpz_inits(total, q, NULL);
    for (size_t a = 0; a < k; a++)
        mpz_add(total, total, num[a]);
    long long given = 0;
    for (size_t a = 0; a < k; a++) {
        mpz_mul_si(q, num[a], MK_REPLICATOR_UNITS);
        mpz_fdiv_qr(q, rem[a], q, total);
        out[a] = (long long)mpz_get_si(q);
        given += out[a];
    }
    for (long long left = MK_REPLICATOR_UNITS - given; left > 0; left--) {
        size_t best = 0;
        for (size_t a = 1; a < k; a++)
            if (mpz_cmp(rem[a], rem[best]) > 0)
                best = a;
        out[best]++;
        mpz_set_si(rem[best], -1); /* one unit each */
    }
    mpz_clears(total, q, NULL);
}

static int check_game(const mk_game *g, mk_ctx *ctx)
{
    if (g->n_players != 2 || g->n_strategies[0] != g->n_strategies[1])
        return mk_error(ctx, MK_EINPUT, "replicator dynamics need a symmetric two-player game");
    size_t k = g->n_strategies[0];
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++)
            if (mk_rational_cmp(mk_game_payoff(g, a + b * k, 0), mk_game_payoff(g, b + a * k, 1)) !=
                0)
                return mk_error(ctx, MK_EINPUT,
                                "replicator dynamics need a symmetric two-player game: player 2's "
                                "payoffs are not the transpose of player 1's (strategies %zu, %zu)",
                                a + 1, b + 1);
    return 0;
}

/* w[a * k + b] = L (u(a, b) - m + 1), integers (L the lcm of denominators). */
static void fitness_matrix(const mk_game *g, mpz_t *w)
{
    size_t k = g->n_strategies[0];
    mpq_t m, u;
    mpz_t lcm;
    mpq_inits(m, u, NULL);
    mpz_init_set_ui(lcm, 1);
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++) {
            mk_mpq_from_rational(u, mk_game_payoff(g, a + b * k, 0));
            if ((a == 0 && b == 0) || mpq_cmp(u, m) < 0)
                mpq_set(m, u);
            mpz_lcm(lcm, lcm, mpq_denref(u));
        }
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++) {
            mk_mpq_from_rational(u, mk_game_payoff(g, a + b * k, 0));
            mpq_sub(u, u, m);
            mpz_mul(w[a * k + b], mpq_numref(u), lcm);
            mpz_divexact(w[a * k + b], w[a * k + b], mpq_denref(u));
            mpz_add(w[a * k + b], w[a * k + b], lcm);
        }
    mpq_clears(m, u, NULL);
    mpz_clear(lcm);
}

static int start_units(const mk_rational *start, size_t k, mpz_t *num, mpz_t *rem, long long *x,
                       mk_ctx *ctx)
{
    mk_rational sum = {0, 1};
    for (size_t a = 0; a < k; a++) {
        if (start[a].num < 0 || start[a].den <= 0)
            return mk_error(ctx, MK_EINPUT, "share %zu of the population is negative", a + 1);
        if (mk_rational_add(sum, start[a], &sum) != 0)
            return mk_error(ctx, MK_EINPUT, "the shares of the population do not sum to 1");
    }
    if (sum.num != 1 || sum.den != 1)
        return mk_error(ctx, MK_EINPUT, "the shares of the population sum to %lld/%lld, not 1",
                        (long long)sum.num, (long long)sum.den);
    mpz_t lcm;
    mpz_init_set_ui(lcm, 1);
    for (size_t a = 0; a < k; a++)
        mpz_lcm_ui(lcm, lcm, (unsigned long)start[a].den);
    for (size_t a = 0; a < k; a++) {
        mpz_divexact_ui(num[a], lcm, (unsigned long)start[a].den);
        mpz_mul_si(num[a], num[a], (long)start[a].num);
    }
    mpz_clear(lcm);
    apportion(num, k, x, rem);
    return 0;
}

static int record(mk_replicator_path *p, size_t step, const long long *x, mk_ctx *ctx)
{
    size_t k = p->k;
    size_t *s = realloc(p->step, (p->n + 1) * sizeof *s);
    if (s == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    p->step = s;
    long long *m = realloc(p->mix, (p->n + 1) * k * sizeof *m);
    if (m == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    p->mix = m;
    memcpy(&m[p->n * k], x, k * sizeof *x);
    s[p->n++] = step;
    return 0;
}

/* One step from x to y (exact). */
static void step_once(const mpz_t *w, size_t k, const long long *x, long long *y, mpz_t *num,
                      mpz_t *rem, mpz_t f)
{
    for (size_t a = 0; a < k; a++) {
        mpz_set_ui(f, 0);
        for (size_t b = 0; b < k; b++)
            mpz_addmul_ui(f, w[a * k + b], (unsigned long)x[b]);
        mpz_mul_ui(num[a], f, (unsigned long)x[a]);
    }
    apportion(num, k, y, rem);
}

int mk_game_replicator(const mk_game *g, const mk_rational *start, size_t steps, size_t every,
                       mk_replicator_path *out, mk_ctx *ctx)
{
    int rc = check_game(g, ctx);
    if (rc != 0)
        return rc;
    size_t k = g->n_strategies[0];
    mk_replicator_path p = MK_REPLICATOR_PATH_INIT;
    p.k = k;
    mpz_t *w = malloc(k * k * sizeof *w), *num = malloc(k * sizeof *num),
          *rem = malloc(k * sizeof *rem), f;
    long long *x = malloc(k * sizeof *x), *y = malloc(k * sizeof *y);
    if (w == NULL || num == NULL || rem == NULL || x == NULL || y == NULL) {
        free(w), free(num), free(rem), free(x), free(y);
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < k * k; i++)
        mpz_init(w[i]);
    for (size_t a = 0; a < k; a++)
        mpz_inits(num[a], rem[a], NULL);
    mpz_init(f);
    fitness_matrix(g, w);
    rc = start_units(start, k, num, rem, x, ctx);
    if (rc == 0)
        rc = record(&p, 0, x, ctx);
    if (every == 0)
        every = 1;
    while (rc == 0 && p.steps < steps) {
        step_once((const mpz_t *)w, k, x, y, num, rem, f);
        p.steps++;
        p.rest = memcmp(x, y, k * sizeof *x) == 0;
        memcpy(x, y, k * sizeof *x);
        if (p.rest || p.steps == steps || p.steps % every == 0)
            rc = record(&p, p.steps, x, ctx);
        if (p.rest)
            break;
    }
    for (size_t i = 0; i < k * k; i++)
        mpz_clear(w[i]);
    for (size_t a = 0; a < k; a++)
        mpz_clears(num[a], rem[a], NULL);
    mpz_clear(f);
    free(w), free(num), free(rem), free(x), free(y);
    if (rc != 0) {
        mk_replicator_path_free(&p);
        return rc;
    }
    *out = p;
    return 0;
}

void mk_replicator_path_free(mk_replicator_path *p)
{
    if (p == NULL)
        return;
    free(p->step);
    free(p->mix);
    *p = (mk_replicator_path)MK_REPLICATOR_PATH_INIT;
}
