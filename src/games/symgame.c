/* Symmetric games in compact form (mechkit/kantian.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/kantian.h"

static size_t gcd_size(size_t a, size_t b)
{
    while (b != 0) {
        size_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* C(n, k), or SIZE_MAX when it overflows. */
static size_t binomial(size_t n, size_t k)
{
    if (k > n)
        return 0;
    if (k > n - k)
        k = n - k;
    size_t r = 1;
    for (size_t i = 1; i <= k; i++) {
        /* r * (n - k + i) / i is C(n - k + i, i), an integer; with g =
         * gcd(r, i), i / g divides n - k + i, so nothing is rounded. */
        size_t g = gcd_size(r, i);
        if (__builtin_mul_overflow(r / g, (n - k + i) / (i / g), &r))
            return SIZE_MAX;
    }
    return r;
}

/* Compositions of total into parts (>= 1) nonnegative parts. */
static size_t compositions(size_t total, size_t parts)
{
    return binomial(total + parts - 1, parts - 1);
}

int mk_symgame_new(mk_symgame **out, size_t n_players, size_t n_strategies, mk_ctx *ctx)
{
    if (n_players == 0 || n_strategies == 0)
        return mk_error(ctx, MK_EINPUT, "a symmetric game needs at least one player and strategy");
    if (n_players > MK_SYMGAME_MAX_PLAYERS)
        return mk_error(ctx, MK_ELIMIT, "%zu players: at most %d in a symmetric game", n_players,
                        MK_SYMGAME_MAX_PLAYERS);
    size_t counts = compositions(n_players - 1, n_strategies), cells;
    if (counts == SIZE_MAX || __builtin_mul_overflow(counts, n_strategies, &cells) ||
        cells > MK_SYMGAME_MAX_CELLS)
        return mk_error(ctx, MK_ELIMIT,
                        "%zu players with %zu strategies: more than %zu payoffs in compact form",
                        n_players, n_strategies, MK_SYMGAME_MAX_CELLS);
    mk_symgame *g = calloc(1, sizeof *g);
    if (g == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    g->n_players = n_players;
    g->n_strategies = n_strategies;
    g->n_counts = counts;
    g->title = calloc(1, 1);
    g->strategy_names = calloc(n_strategies, sizeof *g->strategy_names);
    g->payoff = malloc(cells * sizeof *g->payoff);
    int ok = g->title != NULL && g->strategy_names != NULL && g->payoff != NULL;
    for (size_t s = 0; ok && s < n_strategies; s++)
        ok = (g->strategy_names[s] = calloc(1, 1)) != NULL;
    if (!ok) {
        mk_symgame_free(g);
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    }
    for (size_t c = 0; c < cells; c++)
        g->payoff[c] = (mk_rational){0, 1};
    *out = g;
    return 0;
}

void mk_symgame_free(mk_symgame *g)
{
    if (g == NULL)
        return;
    for (size_t s = 0; g->strategy_names != NULL && s < g->n_strategies; s++)
        free(g->strategy_names[s]);
    free(g->strategy_names);
    free(g->title);
    free(g->payoff);
    free(g);
}

size_t mk_symgame_count_index(const mk_symgame *g, const size_t *counts)
{
    size_t k = g->n_strategies, left = g->n_players - 1, index = 0;
    /* Lexicographic rank: the vectors that agree before position i and
     * have a smaller entry at i come first. */
    for (size_t i = 0; i + 1 < k; i++) {
        for (size_t v = 0; v < counts[i]; v++)
            index += compositions(left - v, k - i - 1);
        left -= counts[i];
    }
    return index;
}

void mk_symgame_counts(const mk_symgame *g, size_t c, size_t *counts)
{
    size_t k = g->n_strategies, left = g->n_players - 1;
    for (size_t i = 0; i + 1 < k; i++) {
        size_t v = 0;
        for (;;) {
            size_t block = compositions(left - v, k - i - 1);
            if (c < block)
                break;
            c -= block;
            v++;
        }
        counts[i] = v;
        left -= v;
    }
    counts[k - 1] = left;
}

/* The others' counts for player i at profile strategy[]. */
static void others_counts(const mk_game *g, const size_t *strategy, size_t i, size_t *counts)
{
    memset(counts, 0, g->n_strategies[0] * sizeof *counts);
    for (size_t j = 0; j < g->n_players; j++)
        if (j != i)
            counts[strategy[j]]++;
}

static void profile_text(const mk_game *g, const size_t *strategy, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t j = 0; j < g->n_players && used + 1 < cap; j++) {
        const char *name = mk_game_strategy_name(g, j, strategy[j]);
        int w = name != NULL && name[0] != '\0'
                    ? snprintf(buf + used, cap - used, "%s%s", j ? ", " : "(", name)
                    : snprintf(buf + used, cap - used, "%s%zu", j ? ", " : "(", strategy[j] + 1);
        used += w > 0 ? (size_t)w : 0;
    }
    if (used + 2 < cap)
        strcat(buf, ")");
}

/* The first profile where player i's payoff differs from the value seen
 * first for its (own strategy, counts): a clear message. */
static int not_symmetric(const mk_game *g, size_t k, size_t i, size_t first_k, size_t first_i,
                         size_t *strategy, mk_ctx *ctx)
{
    char a[128], b[128], va[MK_RATIONAL_FORMAT_MAX], vb[MK_RATIONAL_FORMAT_MAX];
    mk_game_profile_strategies(g, k, strategy);
    profile_text(g, strategy, a, sizeof a);
    mk_game_profile_strategies(g, first_k, strategy);
    profile_text(g, strategy, b, sizeof b);
    return mk_error(ctx, MK_EINPUT,
                    "the game is not symmetric: player %zu gets %s at %s but player %zu gets %s "
                    "at %s (the same own strategy against the same others)",
                    i + 1, mk_rational_format(mk_game_payoff(g, k, i), 0, va), a, first_i + 1,
                    mk_rational_format(mk_game_payoff(g, first_k, first_i), 0, vb), b);
}

int mk_symgame_from_game(const mk_game *g, mk_symgame **out, mk_ctx *ctx)
{
    size_t n = g->n_players, k = g->n_strategies[0];
    for (size_t i = 1; i < n; i++)
        if (g->n_strategies[i] != k)
            return mk_error(ctx, MK_EINPUT,
                            "the game is not symmetric: player 1 has %zu strategies, player %zu "
                            "has %zu",
                            k, i + 1, g->n_strategies[i]);
    mk_symgame *s = NULL;
    int rc = mk_symgame_new(&s, n, k, ctx);
    if (rc != 0)
        return rc;
    size_t cells = s->n_counts * k;
    size_t *seen_k = malloc(cells * sizeof *seen_k), *seen_i = malloc(cells * sizeof *seen_i);
    size_t *strategy = malloc(n * sizeof *strategy), *counts = malloc(k * sizeof *counts);
    if (seen_k == NULL || seen_i == NULL || strategy == NULL || counts == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory");
    for (size_t c = 0; rc == 0 && c < cells; c++)
        seen_k[c] = SIZE_MAX;
    for (size_t p = 0; rc == 0 && p < g->n_profiles; p++) {
        mk_game_profile_strategies(g, p, strategy);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            others_counts(g, strategy, i, counts);
            size_t cell = strategy[i] * s->n_counts + mk_symgame_count_index(s, counts);
            mk_rational v = mk_game_payoff(g, p, i);
            if (seen_k[cell] == SIZE_MAX) {
                seen_k[cell] = p;
                seen_i[cell] = i;
                s->payoff[cell] = v;
            } else if (mk_rational_cmp(v, s->payoff[cell]) != 0) {
                rc = not_symmetric(g, p, i, seen_k[cell], seen_i[cell], strategy, ctx);
            }
        }
    }
    for (size_t j = 0; rc == 0 && j < k; j++) {
        const char *name = mk_game_strategy_name(g, 0, j);
        if (name != NULL) {
            char *copy = strdup(name);
            if (copy == NULL)
                rc = mk_error(ctx, MK_ENOMEM, "out of memory");
            else {
                free(s->strategy_names[j]);
                s->strategy_names[j] = copy;
            }
        }
    }
    if (rc == 0) {
        char *title = strdup(g->title);
        if (title == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory");
        else {
            free(s->title);
            s->title = title;
        }
    }
    free(seen_k);
    free(seen_i);
    free(strategy);
    free(counts);
    if (rc != 0) {
        mk_symgame_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

int mk_symgame_to_game(const mk_symgame *s, mk_game **out, mk_ctx *ctx)
{
    size_t n = s->n_players, k = s->n_strategies;
    size_t *dims = malloc(n * sizeof *dims), *strategy = malloc(n * sizeof *strategy);
    size_t *counts = malloc(k * sizeof *counts);
    mk_game *g = NULL;
    int rc = dims == NULL || strategy == NULL || counts == NULL
                 ? mk_error(ctx, MK_ENOMEM, "out of memory")
                 : 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        dims[i] = k;
    if (rc == 0)
        rc = mk_game_new(&g, n, dims, ctx);
    if (rc == 0)
        rc = mk_game_set_title(g, s->title, ctx);
    for (size_t i = 0; rc == 0 && i < n; i++)
        for (size_t j = 0; rc == 0 && j < k; j++)
            if (s->strategy_names[j][0] != '\0')
                rc = mk_game_set_strategy_name(g, i, j, s->strategy_names[j], ctx);
    for (size_t p = 0; rc == 0 && p < g->n_profiles; p++) {
        mk_game_profile_strategies(g, p, strategy);
        for (size_t i = 0; i < n; i++) {
            memset(counts, 0, k * sizeof *counts);
            for (size_t j = 0; j < n; j++)
                if (j != i)
                    counts[strategy[j]]++;
            g->payoff[p * n + i] =
                s->payoff[strategy[i] * s->n_counts + mk_symgame_count_index(s, counts)];
        }
    }
    free(dims);
    free(strategy);
    free(counts);
    if (rc != 0) {
        mk_game_free(g);
        return rc;
    }
    *out = g;
    return 0;
}
