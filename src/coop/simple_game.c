/* Simple games given by weights (mechkit/coop.h): construction, checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coop_internal.h"
#include "mechkit/coop.h"

/* Weights >= 0, their total fits int64, the quota is in 1..total. */
static int check_game(size_t n, size_t g, size_t n_games, const int64_t *w, int64_t quota,
                      int64_t *total, mk_ctx *ctx)
{
    char where[32] = "";
    if (n_games > 1)
        snprintf(where, sizeof where, "game %zu: ", g + 1);
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] < 0)
            return mk_error(ctx, MK_ERANGE, "%splayer %zu: negative weight %lld", where, i + 1,
                            (long long)w[i]);
        if (__builtin_add_overflow(sum, w[i], &sum))
            return mk_error(ctx, MK_ERANGE, "%sthe total weight exceeds %lld", where,
                            (long long)INT64_MAX);
    }
    if (quota <= 0)
        return mk_error(ctx, MK_ERANGE,
                        "%squota %lld: must be at least 1 (with quota 0 the empty "
                        "coalition would win)",
                        where, (long long)quota);
    if (quota > sum)
        return mk_error(ctx, MK_ERANGE,
                        "%squota %lld is above the total weight %lld (no coalition "
                        "could win)",
                        where, (long long)quota, (long long)sum);
    *total = sum;
    return MK_OK;
}

static int check_sizes(size_t n, size_t n_games, mk_ctx *ctx)
{
    if (n == 0)
        return mk_error(ctx, MK_EINPUT, "a game needs at least one player");
    if (n > MK_SIMPLE_GAME_MAX_PLAYERS)
        return mk_error(ctx, MK_ELIMIT, "%zu players: at most %d are supported", n,
                        MK_SIMPLE_GAME_MAX_PLAYERS);
    if (n_games == 0)
        return mk_error(ctx, MK_EINPUT, "a multiple weighted game needs at least one game");
    if (n_games > MK_SIMPLE_GAME_MAX_GAMES)
        return mk_error(ctx, MK_ELIMIT, "%zu component games: at most %d are supported", n_games,
                        MK_SIMPLE_GAME_MAX_GAMES);
    return MK_OK;
}

static char *copy_string(const char *s)
{
    size_t len = strlen(s) + 1;
    char *c = malloc(len);
    if (c != NULL)
        memcpy(c, s, len);
    return c;
}

int mk_simple_game_new(mk_simple_game **out, size_t n, size_t n_games, const char *const *names,
                       const int64_t *weight, const int64_t *quota, mk_ctx *ctx)
{
    int rc = check_sizes(n, n_games, ctx);
    if (rc == 0)
        rc = coop_check_names(n, names, ctx);
    if (rc != 0)
        return rc;
    mk_simple_game *g = calloc(1, sizeof *g);
    if (g == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a game");
    /* n <= MK_SIMPLE_GAME_MAX_PLAYERS and n_games <= _MAX_GAMES, so these
     * products cannot overflow. */
    g->names = calloc(n, sizeof *g->names);
    g->weight = malloc(n * n_games * sizeof *g->weight);
    g->quota = malloc(n_games * sizeof *g->quota);
    g->total = malloc(n_games * sizeof *g->total);
    g->n = n;
    g->n_games = n_games;
    if (g->names == NULL || g->weight == NULL || g->quota == NULL || g->total == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for a game");
    for (size_t k = 0; rc == 0 && k < n_games; k++)
        rc = check_game(n, k, n_games, weight + k * n, quota[k], &g->total[k], ctx);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if ((g->names[i] = copy_string(names[i])) == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for names");
    if (rc != 0) {
        mk_simple_game_free(g);
        return rc;
    }
    memcpy(g->weight, weight, n * n_games * sizeof *g->weight);
    memcpy(g->quota, quota, n_games * sizeof *g->quota);
    *out = g;
    return MK_OK;
}

void mk_simple_game_free(mk_simple_game *g)
{
    if (g == NULL)
        return;
    for (size_t i = 0; g->names != NULL && i < g->n; i++)
        free(g->names[i]);
    free(g->names);
    free(g->weight);
    free(g->quota);
    free(g->total);
    free(g->title);
    free(g);
}

int mk_simple_game_set_title(mk_simple_game *g, const char *title, mk_ctx *ctx)
{
    char *copy = NULL;
    if (title != NULL && (copy = copy_string(title)) == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a title");
    free(g->title);
    g->title = copy;
    return MK_OK;
}

int mk_simple_game_wins(const mk_simple_game *g, const unsigned char *member)
{
    for (size_t k = 0; k < g->n_games; k++) {
        const int64_t *w = g->weight + k * g->n;
        int64_t sum = 0; /* <= total, which fits */
        for (size_t i = 0; i < g->n; i++)
            if (member[i])
                sum += w[i];
        if (sum < g->quota[k])
            return 0;
    }
    return 1;
}

int mk_simple_game_to_tu(const mk_simple_game *g, mk_tu_game **out, mk_ctx *ctx)
{
    size_t n = g->n;
    if (n > MK_TU_GAME_MAX_PLAYERS)
        return mk_error(ctx, MK_ELIMIT,
                        "%zu players: as an explicit game (2^n coalition values) at most %d", n,
                        MK_TU_GAME_MAX_PLAYERS);
    size_t count = (size_t)1 << n;
    mk_rational *v = malloc(count * sizeof *v);
    int64_t sum[MK_SIMPLE_GAME_MAX_GAMES] = {0}; /* each <= its total: fits */
    if (v == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for 2^%zu coalitions", n);
    v[0] = (mk_rational){0, 1};
    size_t set = 0;
    for (size_t step = 1; step < count; step++) { /* Gray-code order */
        size_t i = (size_t)__builtin_ctzll((unsigned long long)step);
        set ^= (size_t)1 << i;
        int in = (int)((set >> i) & 1), wins = 1;
        for (size_t k = 0; k < g->n_games; k++) {
            sum[k] += in ? g->weight[k * n + i] : -g->weight[k * n + i];
            wins &= sum[k] >= g->quota[k];
        }
        v[set] = (mk_rational){wins, 1};
    }
    int rc = mk_tu_game_new(out, n, (const char *const *)g->names, v, ctx);
    free(v);
    return rc;
}
