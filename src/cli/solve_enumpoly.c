/* mechkit solve --method enumpoly: every isolated equilibrium of a small
 * game, exact or enclosed (mechkit/enumpoly.h), in JSON, text or Gambit's
 * NE lines (solve_cli.h). */
#include <stdlib.h>

#include "mechkit/enumpoly.h"
#include "mechkit/regret.h"
#include "solve_cli.h"

static const char *const *values(const mk_enumpoly *e, char **list, size_t k)
{
    return (const char *const *)list + k * (e->width + e->n_players);
}

/* Player i's probabilities, or their [lower, upper] bounds. */
static json_t *player_json(const mk_game *g, const mk_enumpoly *e, size_t k, size_t from, size_t i,
                           int bounds)
{
    json_t *list = json_array();
    for (size_t s = 0; s < g->n_strategies[i]; s++) {
        size_t c = from + s;
        json_array_append_new(
            list, bounds ? json_pack("[s, s]", values(e, e->lower, k)[c], values(e, e->upper, k)[c])
                         : json_string(values(e, e->value, k)[c]));
    }
    return list;
}

static json_t *equilibrium_json(const mk_game *g, const mk_enumpoly *e, size_t k)
{
    json_t *strategies = json_array(), *payoffs = json_array(), *box = json_array(),
           *box_payoffs = json_array();
    for (size_t i = 0, from = 0; i < g->n_players; from += g->n_strategies[i], i++) {
        json_array_append_new(strategies, player_json(g, e, k, from, i, 0));
        json_array_append_new(payoffs, json_string(values(e, e->value, k)[e->width + i]));
        if (!e->exact[k]) {
            json_array_append_new(box, player_json(g, e, k, from, i, 1));
            json_array_append_new(box_payoffs,
                                  json_pack("[s, s]", values(e, e->lower, k)[e->width + i],
                                            values(e, e->upper, k)[e->width + i]));
        }
    }
    json_t *eq = json_pack("{s:o, s:o, s:b}", "strategies", strategies, "payoffs", payoffs, "exact",
                           e->exact[k]);
    if (e->exact[k]) {
        json_decref(box);
        json_decref(box_payoffs);
    } else {
        json_object_set_new(eq, "enclosure",
                            json_pack("{s:o, s:o}", "strategies", box, "payoffs", box_payoffs));
    }
    return eq;
}

/* The support profiles left unresolved, each a list of strategies per
 * player. */
static json_t *unresolved_json(const mk_game *g, const mk_enumpoly *e)
{
    json_t *list = json_array();
    for (size_t u = 0; u < e->unresolved; u++) {
        json_t *profile = json_array();
        for (size_t i = 0; i < g->n_players; i++) {
            json_t *support = json_array();
            for (size_t s = 0; s < g->n_strategies[i]; s++)
                if (e->unresolved_support[u * g->n_players + i] >> s & 1)
                    json_array_append_new(support, strategy_json(g, i, s));
            json_array_append_new(profile, support);
        }
        json_array_append_new(list, profile);
    }
    return list;
}

static int enumpoly_json(const solve_input *in, const mk_game *g, const mk_enumpoly *e)
{
    json_t *list = json_array();
    for (size_t k = 0; k < e->n; k++)
        json_array_append_new(list, equilibrium_json(g, e, k));
    json_t *result =
        json_pack("{s:o, s:I, s:b, s:o, s:I}", "equilibria", list, "count", (json_int_t)e->n,
                  "complete", e->unresolved == 0, "unresolved_supports", unresolved_json(g, e),
                  "supports", (json_int_t)e->supports);
    return write_envelope("enumpoly", in, g, result);
}

static int enumpoly_text(const mk_game *g, const mk_enumpoly *e)
{
    game_text(g);
    printf("isolated Nash equilibria (enumpoly, %zu support profiles): %zu%s\n", e->supports, e->n,
           e->unresolved == 0 ? ", all of them" : "");
    for (size_t k = 0; k < e->n; k++) {
        printf("  %zu. %s", k + 1, e->exact[k] ? "exact    " : "enclosed ");
        for (size_t i = 0, c = 0; i < g->n_players; i++) {
            printf("%s(", i > 0 ? " " : "");
            for (size_t s = 0; s < g->n_strategies[i]; s++, c++)
                printf("%s%s", s > 0 ? ", " : "", values(e, e->value, k)[c]);
            printf(")");
        }
        printf("  payoffs");
        for (size_t i = 0; i < g->n_players; i++)
            printf("%s %s", i > 0 ? "," : "", values(e, e->value, k)[e->width + i]);
        printf("\n");
    }
    if (e->unresolved > 0)
        printf("%zu support profiles could not be resolved (a continuum of equilibria, or a "
               "tie at an equilibrium): the list may be incomplete\n",
               e->unresolved);
    return ferror(stdout) ? -1 : 0;
}

static int enumpoly_gambit(const mk_enumpoly *e)
{
    for (size_t k = 0; k < e->n; k++) {
        fputs("NE", stdout);
        for (size_t c = 0; c < e->width; c++)
            printf(",%s", values(e, e->value, k)[c]);
        fputc('\n', stdout);
    }
    return ferror(stdout) ? -1 : 0;
}

int solve_enumpoly_report(const solve_options *o, cli_format format, const solve_input *in,
                          const mk_game *g, mk_ctx *ctx)
{
    mk_enumpoly e = MK_ENUMPOLY_INIT;
    int rc = mk_game_solve_enumpoly(g, &e, ctx);
    /* Exact equilibria get the shared exact check once more; enclosed ones
     * are proven by interval arithmetic inside the solver. */
    for (size_t k = 0; rc == 0 && k < e.n; k++)
        if (e.exact[k])
            rc = mk_game_check_equilibrium(g, values(&e, e.value, k),
                                           values(&e, e.value, k) + e.width, ctx);
    if (rc == 0) {
        int w = o->gambit                   ? enumpoly_gambit(&e)
                : format == CLI_FORMAT_JSON ? enumpoly_json(in, g, &e)
                                            : enumpoly_text(g, &e);
        if (w != 0)
            rc = mk_error(ctx, MK_EIO, "cannot write the output");
    }
    mk_enumpoly_free(&e);
    return rc;
}
