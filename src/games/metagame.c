/* The decision-procedure game (mechkit/metagame.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/metagame.h"
#include "core/gmp_array.h"
#include "mechkit/mixed.h"
#include "superrational_internal.h"

typedef struct builder {
    size_t k, n;
    mpq_t *a;     /* the base game: a[i * k + j] = u(i against j) */
    mpq_t *indep; /* n * k: what a non-Nash procedure plays */
    mpq_t *nash;  /* k: the Nash-against-Nash strategy */
    mpq_t *play;  /* n * n * k: what a plays against b */
} builder;

static int builder_init(builder *b, const mk_symgame *base, size_t n, mk_ctx *ctx)
{
    size_t k = base->n_strategies;
    b->k = k;
    b->n = n;
    b->a = mk_mpq_array(k * k);
    b->indep = mk_mpq_array(n * k);
    b->nash = mk_mpq_array(k);
    b->play = mk_mpq_array(n * n * k);
    size_t *counts = calloc(k, sizeof *counts);
    if (b->a == NULL || b->indep == NULL || b->nash == NULL || b->play == NULL || counts == NULL) {
        free(counts);
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    }
    for (size_t j = 0; j < k; j++) {
        memset(counts, 0, k * sizeof *counts);
        counts[j] = 1; /* the other player plays j */
        size_t c = mk_symgame_count_index(base, counts);
        for (size_t i = 0; i < k; i++)
            mk_mpq_from_rational(b->a[i * k + j], base->payoff[i * base->n_counts + c]);
    }
    free(counts);
    return 0;
}

static void builder_clear(builder *b)
{
    mk_mpq_array_free(b->a, b->k * b->k);
    mk_mpq_array_free(b->indep, b->n * b->k);
    mk_mpq_array_free(b->nash, b->k);
    mk_mpq_array_free(b->play, b->n * b->n * b->k);
}

/* x'Ay */
static void bilinear(const builder *b, mpq_t *x, mpq_t *y, mpq_t out)
{
    mpq_t t;
    mpq_init(t);
    mpq_set_ui(out, 0, 1);
    for (size_t i = 0; i < b->k; i++)
        for (size_t j = 0; j < b->k; j++) {
            if (mpq_sgn(x[i]) == 0 || mpq_sgn(y[j]) == 0)
                continue;
            mpq_mul(t, x[i], y[j]);
            mpq_mul(t, t, b->a[i * b->k + j]);
            mpq_add(out, out, t);
        }
    mpq_clear(t);
}

/* The lowest-numbered pure best reply to y, into x. */
static void best_reply(const builder *b, mpq_t *y, mpq_t *x)
{
    mpq_t v, best, t;
    mpq_inits(v, best, t, NULL);
    size_t arg = 0;
    for (size_t i = 0; i < b->k; i++) {
        mpq_set_ui(v, 0, 1);
        for (size_t j = 0; j < b->k; j++) {
            mpq_mul(t, b->a[i * b->k + j], y[j]);
            mpq_add(v, v, t);
        }
        if (i == 0 || mpq_cmp(v, best) > 0) {
            mpq_set(best, v);
            arg = i;
        }
    }
    for (size_t i = 0; i < b->k; i++)
        mpq_set_ui(x[i], i == arg, 1);
    mpq_clears(v, best, t, NULL);
}

/* The superrational strategy (the first listed). */
static int kantian_strategy(const mk_symgame *base, mpq_t *x, mk_ctx *ctx)
{
    mk_superrational s = MK_SUPERRATIONAL_INIT;
    int rc = mk_symgame_superrational(base, &s, ctx);
    if (rc == 0 && !s.choice[0].exact)
        rc = mk_error(ctx, MK_EINTERNAL, "an inexact superrational strategy in a 2-player game");
    for (size_t i = 0; rc == 0 && i < base->n_strategies; i++)
        mpq_set_str(x[i], s.choice[0].prob[i], 10);
    mk_superrational_free(&s);
    return rc;
}

/* The best symmetric extreme equilibrium's strategy into b->nash. */
static int nash_strategy(const mk_symgame *base, builder *b, mk_ctx *ctx)
{
    mk_game *g = NULL;
    mk_mixed_equilibria e = MK_MIXED_EQUILIBRIA_INIT;
    int rc = mk_symgame_to_game(base, &g, ctx);
    if (rc == 0)
        rc = mk_game_solve_enummixed(g, &e, ctx);
    size_t k = b->k, chosen = SIZE_MAX;
    mpq_t v, best;
    mpq_inits(v, best, NULL);
    for (size_t q = 0; rc == 0 && q < e.n; q++) {
        int symmetric = 1;
        for (size_t s = 0; symmetric && s < k; s++)
            symmetric = strcmp(e.prob[q * e.width + s], e.prob[q * e.width + k + s]) == 0;
        if (!symmetric)
            continue;
        mpq_set_str(v, e.payoff[2 * q], 10);
        mpq_canonicalize(v);
        if (chosen == SIZE_MAX || mpq_cmp(v, best) > 0) {
            chosen = q;
            mpq_set(best, v);
        }
    }
    if (rc == 0 && chosen == SIZE_MAX)
        rc = mk_error(ctx, MK_EINPUT,
                      "the base game has no symmetric extreme Nash equilibrium, so what two Nash "
                      "players play is not defined here");
    for (size_t s = 0; rc == 0 && s < k; s++) {
        mpq_set_str(b->nash[s], e.prob[chosen * e.width + s], 10);
        mpq_canonicalize(b->nash[s]);
    }
    mpq_clears(v, best, NULL);
    mk_mixed_equilibria_free(&e);
    mk_game_free(g);
    return rc;
}

static int check_procedures(const mk_symgame *base, const mk_procedure *p, size_t n, mk_ctx *ctx)
{
    if (base->n_players != 2)
        return mk_error(ctx, MK_EINPUT,
                        "the metagame needs a two-player symmetric base game, not %zu players",
                        base->n_players);
    if (n == 0 || n > MK_METAGAME_MAX_PROCEDURES)
        return mk_error(ctx, MK_EINPUT, "a metagame has 1 to %d procedures, not %zu",
                        MK_METAGAME_MAX_PROCEDURES, n);
    for (size_t a = 0; a < n; a++) {
        if (p[a].kind == MK_PROCEDURE_FIXED && p[a].strategy >= base->n_strategies)
            return mk_error(ctx, MK_EINPUT, "procedure %zu: strategy %zu of %zu", a + 1,
                            p[a].strategy + 1, base->n_strategies);
        for (size_t c = 0; c < a; c++)
            if (p[c].kind == p[a].kind &&
                (p[a].kind != MK_PROCEDURE_FIXED || p[c].strategy == p[a].strategy))
                return mk_error(ctx, MK_EINPUT, "procedures %zu and %zu are the same", c + 1,
                                a + 1);
    }
    return 0;
}

/* What each procedure plays against each: b->play. */
static int plan(const mk_symgame *base, const mk_procedure *p, builder *b, mk_ctx *ctx)
{
    size_t n = b->n, k = b->k;
    int rc = 0, need_kantian = 0, need_nash = 0;
    for (size_t a = 0; a < n; a++) {
        need_kantian |= p[a].kind == MK_PROCEDURE_KANTIAN;
        need_nash |= p[a].kind == MK_PROCEDURE_NASH;
    }
    mpq_t *kant = mk_mpq_array(k);
    if (kant == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    if (need_kantian)
        rc = kantian_strategy(base, kant, ctx);
    if (rc == 0 && need_nash)
        rc = nash_strategy(base, b, ctx);
    for (size_t a = 0; rc == 0 && a < n; a++)
        for (size_t s = 0; s < k; s++) {
            if (p[a].kind == MK_PROCEDURE_KANTIAN)
                mpq_set(b->indep[a * k + s], kant[s]);
            else if (p[a].kind == MK_PROCEDURE_FIXED)
                mpq_set_ui(b->indep[a * k + s], s == p[a].strategy, 1);
        }
    for (size_t a = 0; rc == 0 && a < n; a++)
        for (size_t c = 0; c < n; c++) {
            mpq_t *x = &b->play[(a * n + c) * k];
            if (p[a].kind != MK_PROCEDURE_NASH)
                for (size_t s = 0; s < k; s++)
                    mpq_set(x[s], b->indep[a * k + s]);
            else if (p[c].kind == MK_PROCEDURE_NASH)
                for (size_t s = 0; s < k; s++)
                    mpq_set(x[s], b->nash[s]);
            else
                best_reply(b, &b->indep[c * k], x);
        }
    mk_mpq_array_free(kant, k);
    return rc;
}

static const char *procedure_name(const mk_symgame *base, mk_procedure p, char *buf, size_t cap)
{
    if (p.kind == MK_PROCEDURE_NASH)
        return "nash";
    if (p.kind == MK_PROCEDURE_KANTIAN)
        return "kantian";
    if (base->strategy_names[p.strategy][0] != '\0')
        return base->strategy_names[p.strategy];
    snprintf(buf, cap, "%zu", p.strategy + 1);
    return buf;
}

static int to_rational(const mpq_t q, mk_rational *out, mk_ctx *ctx)
{
    if (!mpz_fits_slong_p(mpq_numref(q)) || !mpz_fits_slong_p(mpq_denref(q)))
        return mk_error(ctx, MK_ERANGE, "a metagame payoff does not fit an int64 fraction");
    return mk_rational_make(mpz_get_si(mpq_numref(q)), mpz_get_si(mpq_denref(q)), out);
}

static int make_table(const mk_symgame *base, const mk_procedure *p, builder *b, mk_metagame *m,
                      mk_ctx *ctx)
{
    size_t n = b->n, k = b->k, dims[2] = {n, n};
    char buf[32], title[256];
    int rc = mk_game_new(&m->game, 2, dims, ctx);
    snprintf(title, sizeof title, "metagame of %s", base->title[0] ? base->title : "the game");
    if (rc == 0)
        rc = mk_game_set_title(m->game, title, ctx);
    for (size_t i = 0; rc == 0 && i < 2; i++)
        for (size_t a = 0; rc == 0 && a < n; a++)
            rc = mk_game_set_strategy_name(m->game, i, a, procedure_name(base, p[a], buf, 32), ctx);
    mpq_t v;
    mpq_init(v);
    for (size_t a = 0; rc == 0 && a < n; a++)
        for (size_t c = 0; rc == 0 && c < n; c++) {
            mpq_t *xa = &b->play[(a * n + c) * k], *xc = &b->play[(c * n + a) * k];
            size_t profile = a + c * n; /* player 1 plays a, player 2 plays c */
            bilinear(b, xa, xc, v);
            rc = to_rational(v, &m->game->payoff[2 * profile], ctx);
            if (rc == 0) {
                bilinear(b, xc, xa, v);
                rc = to_rational(v, &m->game->payoff[2 * profile + 1], ctx);
            }
        }
    mpq_clear(v);
    m->play = calloc(n * n * k, sizeof *m->play);
    if (rc == 0 && m->play == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t i = 0; rc == 0 && i < n * n * k; i++)
        if ((m->play[i] = mk_mpq_fraction(b->play[i])) == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory");
    return rc;
}

int mk_metagame_build(const mk_symgame *base, const mk_procedure *procedures, size_t n,
                      mk_metagame *out, mk_ctx *ctx)
{
    int rc = check_procedures(base, procedures, n, ctx);
    if (rc != 0)
        return rc;
    builder b = {0, 0, NULL, NULL, NULL, NULL};
    mk_metagame m = MK_METAGAME_INIT;
    m.n = n;
    m.k = base->n_strategies;
    rc = builder_init(&b, base, n, ctx);
    if (rc == 0)
        rc = plan(base, procedures, &b, ctx);
    if (rc == 0) {
        m.procedure = malloc(n * sizeof *m.procedure);
        rc = m.procedure == NULL ? mk_error(ctx, MK_ENOMEM, "out of memory") : 0;
    }
    if (rc == 0) {
        memcpy(m.procedure, procedures, n * sizeof *m.procedure);
        rc = make_table(base, procedures, &b, &m, ctx);
    }
    builder_clear(&b);
    if (rc != 0) {
        mk_metagame_free(&m);
        return rc;
    }
    *out = m;
    return 0;
}

void mk_metagame_free(mk_metagame *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; m->play != NULL && i < m->n * m->n * m->k; i++)
        free(m->play[i]);
    free(m->play);
    free(m->procedure);
    mk_game_free(m->game);
    *m = (mk_metagame)MK_METAGAME_INIT;
}
