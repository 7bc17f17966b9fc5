/*
 * Iterated elimination of strictly dominated strategies by pure strategies
 * (see dominance.h; e.g. Osborne and Rubinstein 1994, def. 60.2).
 */
#include "mechkit/dominance.h"

#include <stdlib.h>
#include <string.h>

/* Scratch of one elimination run. */
typedef struct work {
    const mk_game *g;
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

/* 1 when t pays player i strictly more than s against each of the n bases. */
static int dominates(const work *w, size_t i, size_t t, size_t s, size_t n)
{
    const mk_game *g = w->g;
    size_t st = t * g->stride[i], ss = s * g->stride[i];
    for (size_t b = 0; b < n; b++)
        if (mk_rational_cmp(mk_game_payoff(g, w->base[b] + st, i),
                            mk_game_payoff(g, w->base[b] + ss, i)) <= 0)
            return 0;
    return 1;
}

/* Marks the dominated strategies of player i in this round. */
static void round_for_player(work *w, size_t i, size_t round)
{
    size_t n = other_profiles(w, i), m = w->g->n_strategies[i];
    for (size_t s = 0; s < m; s++) {
        if (!is_alive(w, i, s))
            continue;
        for (size_t t = 0; t < m; t++) {
            if (t == s || !is_alive(w, i, t) || !dominates(w, i, t, s, n))
                continue;
            w->doomed[w->first[i] + s] = 1;
            w->step[w->n_steps++] = (mk_elimination){round, i, s, t};
            break;
        }
    }
}

static int work_init(work *w, const mk_game *g, mk_ctx *ctx)
{
    memset(w, 0, sizeof *w);
    w->g = g;
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

static void work_free(work *w)
{
    free(w->alive);
    free(w->doomed);
    free(w->first);
    free(w->base);
    free(w->odometer);
    free(w->step);
}

int mk_game_eliminate_dominated(const mk_game *g, mk_dominance *out, mk_ctx *ctx)
{
    work w;
    int rc = work_init(&w, g, ctx);
    if (rc != 0) {
        work_free(&w);
        return rc;
    }
    size_t rounds = 0, total = w.first[g->n_players];
    for (;;) {
        size_t before = w.n_steps;
        for (size_t i = 0; i < g->n_players; i++)
            round_for_player(&w, i, rounds + 1);
        if (w.n_steps == before)
            break;
        rounds++;
        for (size_t c = 0; c < total; c++)
            w.alive[c] &= (unsigned char)!w.doomed[c];
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
    free(d->step);
    free(d->first);
    free(d->alive);
    *d = (mk_dominance)MK_DOMINANCE_INIT;
}
