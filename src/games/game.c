/* Normal-form games: creation, names, profile numbering (see game.h). */
#include "mechkit/game.h"

#include <stdlib.h>
#include <string.h>

static char *copy_text(const char *text)
{
    size_t len = strlen(text);
    char *out = malloc(len + 1);
    if (out != NULL)
        memcpy(out, text, len + 1);
    return out;
}

/* Number of payoff cells, or MK_ELIMIT when it overflows or is too large. */
static int count_cells(size_t n_players, const size_t *n_strategies, size_t *profiles, mk_ctx *ctx)
{
    size_t k = 1, cells;
    for (size_t i = 0; i < n_players; i++) {
        if (n_strategies[i] == 0)
            return mk_error(ctx, MK_EINPUT, "player %zu has no strategies", i + 1);
        if (__builtin_mul_overflow(k, n_strategies[i], &k))
            return mk_error(ctx, MK_ELIMIT, "the number of strategy profiles overflows");
    }
    if (__builtin_mul_overflow(k, n_players, &cells) || cells > MK_GAME_MAX_CELLS)
        return mk_error(ctx, MK_ELIMIT, "the game has more than %zu payoffs",
                        (size_t)MK_GAME_MAX_CELLS);
    *profiles = k;
    return MK_OK;
}

int mk_game_new(mk_game **out, size_t n_players, const size_t *n_strategies, mk_ctx *ctx)
{
    if (n_players == 0)
        return mk_error(ctx, MK_EINPUT, "a game needs at least one player");
    size_t profiles = 0;
    int rc = count_cells(n_players, n_strategies, &profiles, ctx);
    if (rc != 0)
        return rc;
    mk_game *g = calloc(1, sizeof *g);
    if (g == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a game");
    g->n_players = n_players;
    g->n_profiles = profiles;
    g->n_strategies = malloc(n_players * sizeof *g->n_strategies);
    g->stride = malloc(n_players * sizeof *g->stride);
    g->player_names = calloc(n_players, sizeof *g->player_names);
    g->payoff = malloc(profiles * n_players * sizeof *g->payoff);
    g->title = copy_text("");
    g->comment = copy_text("");
    int ok = g->n_strategies && g->stride && g->player_names && g->payoff && g->title && g->comment;
    for (size_t i = 0; ok && i < n_players; i++) {
        g->n_strategies[i] = n_strategies[i];
        g->stride[i] = i == 0 ? 1 : g->stride[i - 1] * n_strategies[i - 1];
        ok = (g->player_names[i] = copy_text("")) != NULL;
    }
    if (!ok) {
        mk_game_free(g);
        return mk_error(ctx, MK_ENOMEM, "out of memory for a game");
    }
    for (size_t c = 0; c < profiles * n_players; c++)
        g->payoff[c] = (mk_rational){0, 1};
    *out = g;
    return MK_OK;
}

static void free_strategy_names(mk_game *g)
{
    if (g->strategy_names == NULL)
        return;
    for (size_t i = 0; i < g->n_players; i++) {
        for (size_t s = 0; g->strategy_names[i] != NULL && s < g->n_strategies[i]; s++)
            free(g->strategy_names[i][s]);
        free(g->strategy_names[i]);
    }
    free(g->strategy_names);
    g->strategy_names = NULL;
}

void mk_game_free(mk_game *g)
{
    if (g == NULL)
        return;
    free_strategy_names(g);
    for (size_t i = 0; g->player_names != NULL && i < g->n_players; i++)
        free(g->player_names[i]);
    free(g->player_names);
    free(g->n_strategies);
    free(g->stride);
    free(g->payoff);
    free(g->title);
    free(g->comment);
    free(g);
}

static int replace_text(char **slot, const char *text, mk_ctx *ctx)
{
    char *copy = copy_text(text);
    if (copy == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a name");
    free(*slot);
    *slot = copy;
    return MK_OK;
}

int mk_game_set_title(mk_game *g, const char *text, mk_ctx *ctx)
{
    return replace_text(&g->title, text, ctx);
}

int mk_game_set_comment(mk_game *g, const char *text, mk_ctx *ctx)
{
    return replace_text(&g->comment, text, ctx);
}

int mk_game_set_player_name(mk_game *g, size_t i, const char *text, mk_ctx *ctx)
{
    return replace_text(&g->player_names[i], text, ctx);
}

/* Gives every strategy the name "", so that the game is wholly named. */
static int name_all_strategies(mk_game *g, mk_ctx *ctx)
{
    g->strategy_names = calloc(g->n_players, sizeof *g->strategy_names);
    int ok = g->strategy_names != NULL;
    for (size_t i = 0; ok && i < g->n_players; i++) {
        g->strategy_names[i] = calloc(g->n_strategies[i], sizeof **g->strategy_names);
        ok = g->strategy_names[i] != NULL;
        for (size_t s = 0; ok && s < g->n_strategies[i]; s++)
            ok = (g->strategy_names[i][s] = copy_text("")) != NULL;
    }
    if (!ok) {
        free_strategy_names(g);
        return mk_error(ctx, MK_ENOMEM, "out of memory for strategy names");
    }
    return MK_OK;
}

int mk_game_set_strategy_name(mk_game *g, size_t i, size_t s, const char *text, mk_ctx *ctx)
{
    if (g->strategy_names == NULL) {
        int rc = name_all_strategies(g, ctx);
        if (rc != 0)
            return rc;
    }
    return replace_text(&g->strategy_names[i][s], text, ctx);
}

const char *mk_game_strategy_name(const mk_game *g, size_t i, size_t s)
{
    return g->strategy_names == NULL ? NULL : g->strategy_names[i][s];
}

size_t mk_game_profile_index(const mk_game *g, const size_t *strategy)
{
    size_t k = 0;
    for (size_t i = 0; i < g->n_players; i++)
        k += strategy[i] * g->stride[i];
    return k;
}

void mk_game_profile_strategies(const mk_game *g, size_t k, size_t *strategy)
{
    for (size_t i = 0; i < g->n_players; i++) {
        strategy[i] = k % g->n_strategies[i];
        k /= g->n_strategies[i];
    }
}

int mk_game_profile_has_deviation(const mk_game *g, size_t k)
{
    for (size_t i = 0; i < g->n_players; i++) {
        size_t own = (k / g->stride[i]) % g->n_strategies[i];
        size_t base = k - own * g->stride[i];
        mk_rational current = mk_game_payoff(g, k, i);
        for (size_t t = 0; t < g->n_strategies[i]; t++)
            if (mk_rational_cmp(mk_game_payoff(g, base + t * g->stride[i], i), current) > 0)
                return 1;
    }
    return 0;
}
