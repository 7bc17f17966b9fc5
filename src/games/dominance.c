/*
 * Iterated elimination of dominated strategies (see dominance.h; e.g.
 * Osborne and Rubinstein 1994, def. 60.2): by pure strategies here, by
 * mixed ones with the programs of dominance_lp.c.
 */
#include "mechkit/dominance.h"

#include <stdlib.h>
#include <string.h>

#include "dominance_internal.h"

/* Scratch of one elimination run. */
typedef struct work {
    const mk_game *g;
    mk_dominance_options opt;
    unsigned char *alive;  /* as in mk_dominance */
    unsigned char *doomed; /* removed at the end of this round */
    size_t *first;         /* offsets, as in mk_dominance */
    size_t *base;          /* profiles of the others, as index sums */
    size_t *odometer;      /* one position per player */
    mk_elimination *step;  /* at most sum(n_strategies) */
    size_t n_steps;
} work;

static int is_alive(const work *w, size_t i, size_t s)
{
    return w->alive[w->first[i] + s];
}

/* Next surviving strategy of player j from s on, or n_strategies[j]. */
static size_t next_alive(const work *w, size_t j, size_t s)
{
    while (s < w->g->n_strategies[j] && !is_alive(w, j, s))
        s++;
    return s;
}

/* Fills w->base with the index sums of every surviving profile of the
 * players other than i (player i at strategy 0); returns their number. */
static size_t other_profiles(work *w, size_t i)
{
    const mk_game *g = w->g;
    size_t n = 0;
    for (size_t j = 0; j < g->n_players; j++)
        w->odometer[j] = j == i ? 0 : next_alive(w, j, 0);
    for (;;) {
        size_t k = 0;
        for (size_t j = 0; j < g->n_players; j++)
            k += j == i ? 0 : w->odometer[j] * g->stride[j];
        w->base[n++] = k;
        size_t j = 0;
        for (; j < g->n_players; j++) {
            if (j == i)
                continue;
            w->odometer[j] = next_alive(w, j, w->odometer[j] + 1);
            if (w->odometer[j] < g->n_strategies[j])
                break;
            w->odometer[j] = next_alive(w, j, 0);
        }
        if (j == g->n_players)
            return n;
    }
}

/* 1 when t dominates s for player i against each of the n bases: pays
 * strictly more against each (strict), or at least as much against each
 * and more against one (weak). */
static int dominates(const work *w, size_t i, size_t t, size_t s, size_t n)
{
    const mk_game *g = w->g;
    size_t st = t * g->stride[i], ss = s * g->stride[i];
    int strict = w->opt.kind == MK_DOMINANCE_STRICT, better = 0;
    for (size_t b = 0; b < n; b++) {
        int c = mk_rational_cmp(mk_game_payoff(g, w->base[b] + st, i),
                                mk_game_payoff(g, w->base[b] + ss, i));
        if (c < 0 || (strict && c == 0))
            return 0;
        better |= c > 0;
    }
    return better;
}

/* The lowest-numbered surviving pure strategy that dominates s, or m. */
static size_t pure_dominator(const work *w, size_t i, size_t s, size_t n)
{
    size_t m = w->g->n_strategies[i];
    for (size_t t = 0; t < m; t++)
        if (t != s && is_alive(w, i, t) && dominates(w, i, t, s, n))
            return t;
    return m;
}

/* Marks the dominated strategies of player i in this round. */
static int round_for_player(work *w, size_t i, size_t round, mk_ctx *ctx)
{
    size_t n = other_profiles(w, i), m = w->g->n_strategies[i], alive = 0;
    for (size_t s = 0; s < m; s++)
        alive += is_alive(w, i, s);
    for (size_t s = 0; s < m; s++) {
        if (!is_alive(w, i, s))
            continue;
        mk_elimination e = {round, i, s, pure_dominator(w, i, s, n), NULL};
        /* A mixture of fewer than two other strategies is a pure one. */
        if (e.dominated_by == m && w->opt.by == MK_DOMINANCE_BY_MIXED && alive >= 3) {
            int rc = mk_dominance_by_mixture(w->g, i, s, w->alive + w->first[i], w->base, n,
                                             w->opt.kind, &e.mixture, ctx);
            if (rc < 0)
                return rc;
            if (rc == 1)
                e.dominated_by = MK_DOMINATED_BY_MIXTURE;
        }
        if (e.dominated_by == m)
            continue;
        w->doomed[w->first[i] + s] = 1;
        w->step[w->n_steps++] = e;
    }
    return MK_OK;
}

static int work_init(work *w, const mk_game *g, const mk_dominance_options *opt, mk_ctx *ctx)
{
    memset(w, 0, sizeof *w);
    w->g = g;
    w->opt = *opt;
    w->first = malloc((g->n_players + 1) * sizeof *w->first);
    if (w->first == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for dominance");
    w->first[0] = 0;
    for (size_t i = 0; i < g->n_players; i++)
        w->first[i + 1] = w->first[i] + g->n_strategies[i];
    size_t total = w->first[g->n_players];
    w->alive = malloc(total);
    w->doomed = calloc(total, 1);
    w->step = malloc(total * sizeof *w->step);
    w->odometer = malloc(g->n_players * sizeof *w->odometer);
    size_t fewest = g->n_strategies[0];
    for (size_t i = 1; i < g->n_players; i++)
        fewest = g->n_strategies[i] < fewest ? g->n_strategies[i] : fewest;
    w->base = malloc(g->n_profiles / fewest * sizeof *w->base);
    if (!w->alive || !w->doomed || !w->step || !w->odometer || !w->base)
        return mk_error(ctx, MK_ENOMEM, "out of memory for dominance");
    memset(w->alive, 1, total);
    return MK_OK;
}

static void free_mixture(char **mixture, size_t m)
{
    for (size_t t = 0; mixture != NULL && t < m; t++)
        free(mixture[t]);
    free(mixture);
}

static void work_free(work *w)
{
    for (size_t j = 0; w->step != NULL && j < w->n_steps; j++)
        free_mixture(w->step[j].mixture, w->g->n_strategies[w->step[j].player]);
    free(w->alive);
    free(w->doomed);
    free(w->first);
    free(w->base);
    free(w->odometer);
    free(w->step);
}

int mk_game_eliminate_dominated(const mk_game *g, mk_dominance *out, mk_ctx *ctx)
{
    mk_dominance_options opt = MK_DOMINANCE_OPTIONS_INIT;
    return mk_game_eliminate(g, &opt, out, ctx);
}

static int check_options(const mk_dominance_options *opt, mk_ctx *ctx)
{
    if (opt->version != MK_DOMINANCE_OPTIONS_VERSION)
        return mk_error(ctx, MK_EPARAM, "dominance options of version %u (this is version %u)",
                        opt->version, MK_DOMINANCE_OPTIONS_VERSION);
    if ((opt->kind != MK_DOMINANCE_STRICT && opt->kind != MK_DOMINANCE_WEAK) ||
        (opt->by != MK_DOMINANCE_BY_PURE && opt->by != MK_DOMINANCE_BY_MIXED))
        return mk_error(ctx, MK_EPARAM, "unknown dominance kind or dominators");
    return MK_OK;
}

int mk_game_eliminate(const mk_game *g, const mk_dominance_options *opt, mk_dominance *out,
                      mk_ctx *ctx)
{
    mk_dominance_options defaults = MK_DOMINANCE_OPTIONS_INIT;
    work w;
    int rc = check_options(opt != NULL ? opt : &defaults, ctx);
    if (rc != 0)
        return rc;
    rc = work_init(&w, g, opt != NULL ? opt : &defaults, ctx);
    size_t rounds = 0, total = w.first != NULL ? w.first[g->n_players] : 0;
    while (rc == 0) {
        size_t before = w.n_steps;
        for (size_t i = 0; rc == 0 && i < g->n_players; i++)
            rc = round_for_player(&w, i, rounds + 1, ctx);
        if (rc != 0 || w.n_steps == before)
            break;
        rounds++;
        for (size_t c = 0; c < total; c++)
            w.alive[c] &= (unsigned char)!w.doomed[c];
    }
    if (rc != 0) {
        work_free(&w);
        return rc;
    }
    out->n = w.n_steps;
    out->step = w.step;
    out->rounds = rounds;
    out->first = w.first;
    out->alive = w.alive;
    free(w.doomed);
    free(w.base);
    free(w.odometer);
    return MK_OK;
}

void mk_dominance_free(mk_dominance *d)
{
    if (d == NULL)
        return;
    for (size_t j = 0; d->step != NULL && j < d->n; j++)
        free_mixture(d->step[j].mixture,
                     d->first[d->step[j].player + 1] - d->first[d->step[j].player]);
    free(d->step);
    free(d->first);
    free(d->alive);
    *d = (mk_dominance)MK_DOMINANCE_INIT;
}
