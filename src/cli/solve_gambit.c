/*
 * Gambit's output of equilibria ("NE,1/2,1/2,1/3,2/3", as the command-line
 * tools gambit-enumpure, gambit-lcp and gambit-enummixed print them: the
 * probabilities of every player's strategies in turn, exact), and the
 * last exact check of what `mechkit solve` prints (solve_cli.h).
 */
#include <stdlib.h>

#include "mechkit/regret.h"
#include "solve_cli.h"

int solve_gambit_pure(const mk_game *g, const mk_pure_equilibria *e)
{
    size_t *strategy = malloc(g->n_players * sizeof *strategy);
    if (strategy == NULL)
        return -1;
    for (size_t j = 0; j < e->n; j++) {
        mk_game_profile_strategies(g, e->profile[j], strategy);
        fputs("NE", stdout);
        for (size_t i = 0; i < g->n_players; i++)
            for (size_t s = 0; s < g->n_strategies[i]; s++)
                fputs(s == strategy[i] ? ",1" : ",0", stdout);
        fputc('\n', stdout);
    }
    free(strategy);
    return ferror(stdout) ? -1 : 0;
}

int solve_gambit_mixed(const mk_mixed_equilibria *e)
{
    for (size_t k = 0; k < e->n; k++) {
        fputs("NE", stdout);
        for (size_t c = 0; c < e->width; c++)
            printf(",%s", e->prob[k * e->width + c]);
        fputc('\n', stdout);
    }
    return ferror(stdout) ? -1 : 0;
}

int solve_check_pure(const mk_game *g, size_t k, mk_ctx *ctx)
{
    size_t total = 0;
    for (size_t i = 0; i < g->n_players; i++)
        total += g->n_strategies[i];
    const char **prob = malloc(total * sizeof *prob);
    const char **payoff = malloc(g->n_players * sizeof *payoff);
    char *text = malloc(g->n_players * MK_RATIONAL_FORMAT_MAX);
    int rc = prob == NULL || payoff == NULL || text == NULL
                 ? mk_error(ctx, MK_ENOMEM, "out of memory for the equilibrium check")
                 : MK_OK;
    for (size_t i = 0, c = 0; rc == 0 && i < g->n_players; i++) {
        size_t mine = k / g->stride[i] % g->n_strategies[i];
        for (size_t s = 0; s < g->n_strategies[i]; s++)
            prob[c++] = s == mine ? "1" : "0";
        payoff[i] = payoff_text(mk_game_payoff(g, k, i), text + i * MK_RATIONAL_FORMAT_MAX,
                                MK_RATIONAL_FORMAT_MAX);
    }
    if (rc == 0)
        rc = mk_game_check_equilibrium(g, prob, payoff, ctx);
    free(prob);
    free(payoff);
    free(text);
    return rc;
}

int solve_check_mixed(const mk_game *g, const mk_mixed_equilibria *e, mk_ctx *ctx)
{
    int rc = MK_OK;
    for (size_t k = 0; rc == 0 && k < e->n; k++)
        rc = mk_game_check_equilibrium(g, (const char *const *)e->prob + k * e->width,
                                       (const char *const *)e->payoff + 2 * k, ctx);
    return rc;
}
