/* mechkit solve --method simpdiv: one equilibrium of an n-player game by
 * simplicial subdivision with restarts (mechkit/simpdiv.h), exact when its
 * support equations give one, in JSON or text (solve_cli.h). */
#include <stdlib.h>

#include "mechkit/regret.h"
#include "mechkit/simpdiv.h"
#include "solve_cli.h"

static json_t *equilibrium_json(const mk_game *g, const mk_simpdiv *s)
{
    json_t *strategies = json_array(), *payoffs = json_array();
    for (size_t i = 0, c = 0; i < g->n_players; i++) {
        json_t *list = json_array();
        for (size_t k = 0; k < g->n_strategies[i]; k++, c++)
            json_array_append_new(list, json_string(s->strategies[c]));
        json_array_append_new(strategies, list);
        json_array_append_new(payoffs, json_string(s->payoffs[i]));
    }
    return json_pack("{s:o, s:o, s:b, s:s}", "strategies", strategies, "payoffs", payoffs, "exact",
                     s->exact, "max_regret", s->max_regret);
}

/* An equilibrium when the path converged; else no equilibrium, and the
 * best point found as `approximation` (it is not one: see max_regret). */
static int simpdiv_json(const solve_input *in, const mk_game *g, const mk_simpdiv *s)
{
    int converged = s->exact || s->converged;
    json_t *list = json_array();
    if (converged)
        json_array_append_new(list, equilibrium_json(g, s));
    json_t *result =
        json_pack("{s:o, s:i, s:b, s:I, s:I, s:I}", "equilibria", list, "count", converged,
                  "converged", converged, "refinements", (json_int_t)s->refinements, "grid",
                  (json_int_t)s->grid, "pivots", (json_int_t)s->pivots);
    if (!converged)
        json_object_set_new(result, "approximation", equilibrium_json(g, s));
    return write_envelope("simpdiv", in, g, result);
}

static int simpdiv_text(const mk_game *g, const mk_simpdiv *s)
{
    game_text(g);
    int converged = s->exact || s->converged;
    printf("%s (simpdiv: %zu grids, the last of step 1/%llu, %llu pivots)%s\n",
           converged ? "one Nash equilibrium" : "no equilibrium found: the best point reached",
           s->refinements, (unsigned long long)s->grid, (unsigned long long)s->pivots,
           s->exact    ? ", exact"
           : converged ? ", approximate"
                       : "");
    for (size_t i = 0, c = 0; i < g->n_players; i++) {
        printf("  player %zu (", i + 1);
        for (size_t k = 0; k < g->n_strategies[i]; k++, c++)
            printf("%s%s", k > 0 ? ", " : "", s->strategies[c]);
        printf(")  payoff %s\n", s->payoffs[i]);
    }
    printf("maximal regret: %s%s\n", s->max_regret,
           s->exact || s->converged ? "" : " (the pivot budget ran out before the tolerance)");
    return ferror(stdout) ? -1 : 0;
}

int solve_simpdiv_report(cli_format format, const solve_input *in, const mk_game *g, mk_ctx *ctx)
{
    mk_simpdiv s = MK_SIMPDIV_INIT;
    int rc = mk_game_solve_simpdiv(g, 0.0, &s, ctx);
    if (rc == 0 && s.exact) /* the shared exact check, once more */
        rc = mk_game_check_equilibrium(g, (const char *const *)s.strategies,
                                       (const char *const *)s.payoffs, ctx);
    if (rc == 0) {
        int w = format == CLI_FORMAT_JSON ? simpdiv_json(in, g, &s) : simpdiv_text(g, &s);
        if (w != 0)
            rc = mk_error(ctx, MK_EIO, "cannot write the output");
    }
    mk_simpdiv_free(&s);
    return rc;
}
