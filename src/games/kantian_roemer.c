/*
 * Roemer's Kantian equilibria of games whose strategies are effort levels
 * (mechkit/kantian.h): a profile e is multiplicatively Kantian when no
 * player prefers r e to e for any factor r >= 0, additively Kantian when
 * no player prefers e + t (Roemer, "Kantian equilibrium", Scand. J. Econ.
 * 112, 2010), restricted to the profiles on the grid of levels the game
 * has.
 */
#include <stdlib.h>

#include "io/number_text.h"
#include "mechkit/kantian.h"

typedef struct efforts {
    const mk_game *g;
    size_t *first;      /* player i's levels are level[first[i] ...] */
    mk_rational *level; /* sum of n_strategies */
    size_t *e, *f;      /* a profile and its image, strategy per player */
} efforts;

/* The level of player i's strategy s from its name into *out. */
static int level_from_name(const mk_game *g, size_t i, size_t s, mk_rational *out, mk_ctx *ctx)
{
    const char *name = mk_game_strategy_name(g, i, s);
    if (name == NULL || name[0] == '\0')
        return mk_error(ctx, MK_EINPUT,
                        "player %zu, strategy %zu has no name: Kantian equilibria need "
                        "strategies named by their effort levels (\"0\", \"0.5\", \"3/2\") or "
                        "the levels given",
                        i + 1, s + 1);
    int rc = mk_number_text_parse(name, out);
    if (rc == MK_ENOMEM)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    if (rc != 0)
        return mk_error(ctx, rc,
                        "player %zu, strategy %zu \"%s\" is not a number (an effort level: an "
                        "integer, a decimal or a fraction)",
                        i + 1, s + 1, name);
    return 0;
}

static int read_levels(efforts *x, const mk_rational *given, mk_ctx *ctx)
{
    const mk_game *g = x->g;
    size_t at = 0;
    for (size_t i = 0; i < g->n_players; i++) {
        x->first[i] = at;
        for (size_t s = 0; s < g->n_strategies[i]; s++, at++) {
            int rc = 0;
            if (given != NULL)
                x->level[at] = given[at];
            else
                rc = level_from_name(g, i, s, &x->level[at], ctx);
            if (rc != 0)
                return rc;
            for (size_t t = 0; t < s; t++)
                if (mk_rational_cmp(x->level[x->first[i] + t], x->level[at]) == 0)
                    return mk_error(ctx, MK_EINPUT,
                                    "player %zu: strategies %zu and %zu have the same level", i + 1,
                                    t + 1, s + 1);
        }
    }
    return 0;
}

/* The strategy of player j at level v, or SIZE_MAX. */
static size_t strategy_at(const efforts *x, size_t j, mk_rational v)
{
    for (size_t s = 0; s < x->g->n_strategies[j]; s++)
        if (mk_rational_cmp(x->level[x->first[j] + s], v) == 0)
            return s;
    return SIZE_MAX;
}

/* The image f of e under the change c (factor or shift): 1 when every
 * changed level is on its player's grid. */
static int image(efforts *x, mk_kantian_kind kind, mk_rational c)
{
    for (size_t j = 0; j < x->g->n_players; j++) {
        mk_rational v = x->level[x->first[j] + x->e[j]], w;
        int rc = kind == MK_KANTIAN_MULTIPLICATIVE ? mk_rational_mul(v, c, &w)
                                                   : mk_rational_add(v, c, &w);
        /* A level out of int64 range is on no grid. */
        if (rc != 0 || (x->f[j] = strategy_at(x, j, w)) == SIZE_MAX)
            return 0;
    }
    return 1;
}

/* 1 when some player strictly prefers profile f to profile e. */
static int someone_prefers(const efforts *x, size_t ke, size_t kf)
{
    for (size_t i = 0; i < x->g->n_players; i++)
        if (mk_rational_cmp(mk_game_payoff(x->g, kf, i), mk_game_payoff(x->g, ke, i)) > 0)
            return 1;
    return 0;
}

/* Every change that keeps e on the grid maps e_j onto a level of player j
 * for the first player j whose level is not 0 (multiplicative) or for
 * player 1 (additive): c = level / e_j or c = level - e_j. */
static int is_kantian(efforts *x, mk_kantian_kind kind, size_t ke)
{
    const mk_game *g = x->g;
    mk_game_profile_strategies(g, ke, x->e);
    size_t j = 0;
    if (kind == MK_KANTIAN_MULTIPLICATIVE) {
        while (j < g->n_players && x->level[x->first[j] + x->e[j]].num == 0)
            j++;
        if (j == g->n_players)
            return 1; /* r 0 = 0: no change moves the zero profile */
    }
    mk_rational ej = x->level[x->first[j] + x->e[j]];
    for (size_t s = 0; s < g->n_strategies[j]; s++) {
        mk_rational target = x->level[x->first[j] + s], c;
        if (s == x->e[j])
            continue;
        int rc;
        if (kind == MK_KANTIAN_MULTIPLICATIVE) {
            mk_rational inverse;
            rc = mk_rational_make(ej.den, ej.num, &inverse);
            if (rc == 0)
                rc = mk_rational_mul(target, inverse, &c);
            if (rc == 0 && c.num < 0)
                continue; /* factors are >= 0 */
        } else {
            rc = mk_rational_sub(target, ej, &c);
        }
        if (rc != 0 || !image(x, kind, c))
            continue;
        if (someone_prefers(x, ke, mk_game_profile_index(g, x->f)))
            return 0;
    }
    return 1;
}

int mk_game_solve_kantian(const mk_game *g, mk_kantian_kind kind, const mk_rational *levels,
                          mk_pure_equilibria *out, mk_ctx *ctx)
{
    size_t total = 0;
    for (size_t i = 0; i < g->n_players; i++)
        total += g->n_strategies[i];
    efforts x = {g, malloc(g->n_players * sizeof(size_t)), malloc(total * sizeof(mk_rational)),
                 malloc(g->n_players * sizeof(size_t)), malloc(g->n_players * sizeof(size_t))};
    size_t *found = malloc(g->n_profiles * sizeof *found), n = 0;
    int rc = x.first == NULL || x.level == NULL || x.e == NULL || x.f == NULL || found == NULL
                 ? mk_error(ctx, MK_ENOMEM, "out of memory")
                 : read_levels(&x, levels, ctx);
    for (size_t k = 0; rc == 0 && k < g->n_profiles; k++)
        if (is_kantian(&x, kind, k))
            found[n++] = k;
    free(x.first);
    free(x.level);
    free(x.e);
    free(x.f);
    if (rc != 0) {
        free(found);
        return rc;
    }
    out->n = n;
    out->profile = found;
    return 0;
}
