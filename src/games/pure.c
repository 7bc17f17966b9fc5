/*
 * Pure Nash equilibria by best-response marks (see nash.h).
 *
 * A profile is a pure equilibrium iff each player's strategy attains the
 * maximum of that player's payoff over the player's strategies, the others
 * fixed (Nash 1951; e.g. Osborne and Rubinstein 1994, def. 14.1). For each
 * player the table splits into lines (one per profile of the others); a
 * profile stays alive only if it reaches the maximum of each of its lines.
 */
#include "mechkit/nash.h"

#include <stdint.h>
#include <stdlib.h>

/* Lines of one player handled together: for a player whose stride is
 * large, neighbouring lines are neighbours in memory while the strategies
 * of one line are far apart, so walking CHUNK lines side by side reads the
 * table sequentially. */
#define CHUNK 256

/* Exact comparison, with the common case (equal denominators, integers
 * above all) done without 128-bit products. Denominators are positive. */
static inline int payoff_cmp(mk_rational a, mk_rational b)
{
    if (a.den == b.den)
        return (a.num > b.num) - (a.num < b.num);
    return mk_rational_cmp(a, b);
}

/* Clears alive[k] for every profile at which player i is not best replying,
 * among the lines starting at base + c0 .. base + c0 + w - 1. */
static void mark_lines(const mk_game *g, size_t i, size_t base, size_t w, unsigned char *alive)
{
    size_t s = g->stride[i], m = g->n_strategies[i], n = g->n_players;
    mk_rational best[CHUNK];
    const mk_rational *pay = g->payoff + i;
    for (size_t x = 0; x < w; x++)
        best[x] = pay[(base + x) * n];
    for (size_t j = 1; j < m; j++) {
        size_t row = base + j * s;
        for (size_t x = 0; x < w; x++)
            if (payoff_cmp(pay[(row + x) * n], best[x]) > 0)
                best[x] = pay[(row + x) * n];
    }
    for (size_t j = 0; j < m; j++) {
        size_t row = base + j * s;
        for (size_t x = 0; x < w; x++)
            if (payoff_cmp(pay[(row + x) * n], best[x]) < 0)
                alive[row + x] = 0;
    }
}

static void mark_player(const mk_game *g, size_t i, unsigned char *alive)
{
    size_t s = g->stride[i], block = s * g->n_strategies[i];
    for (size_t outer = 0; outer < g->n_profiles; outer += block)
        for (size_t c0 = 0; c0 < s; c0 += CHUNK)
            mark_lines(g, i, outer + c0, s - c0 < CHUNK ? s - c0 : CHUNK, alive);
}

int mk_game_solve_pure(const mk_game *g, mk_pure_equilibria *out, mk_ctx *ctx)
{
    unsigned char *alive = malloc(g->n_profiles);
    if (alive == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu profiles", g->n_profiles);
    for (size_t k = 0; k < g->n_profiles; k++)
        alive[k] = 1;
    for (size_t i = 0; i < g->n_players; i++)
        mark_player(g, i, alive);
    size_t count = 0;
    for (size_t k = 0; k < g->n_profiles; k++)
        count += alive[k];
    size_t *profile = malloc((count > 0 ? count : 1) * sizeof *profile);
    if (profile == NULL) {
        free(alive);
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu equilibria", count);
    }
    for (size_t k = 0, j = 0; k < g->n_profiles; k++)
        if (alive[k])
            profile[j++] = k;
    free(alive);
    out->n = count;
    out->profile = profile;
    return MK_OK;
}

void mk_pure_equilibria_free(mk_pure_equilibria *e)
{
    if (e == NULL)
        return;
    free(e->profile);
    e->profile = NULL;
    e->n = 0;
}
