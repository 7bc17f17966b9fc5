/* mechkit solve --method dominance: the order of elimination and the
 * survivors, in JSON or text (solve_cli.h). */
#include <stdlib.h>

#include "solve_cli.h"

/* "strict, by pure strategies" and the like. */
static const char *kind_text(const mk_dominance_options *o)
{
    if (o->kind == MK_DOMINANCE_STRICT)
        return o->by == MK_DOMINANCE_BY_PURE ? "strict, by pure strategies"
                                             : "strict, by mixed strategies";
    return o->by == MK_DOMINANCE_BY_PURE ? "weak, by pure strategies" : "weak, by mixed strategies";
}

static const char *by_text(const mk_dominance_options *o)
{
    return o->by == MK_DOMINANCE_BY_PURE ? "by pure strategies" : "by mixed strategies";
}

/* The dominator: a strategy, or the mixture's probabilities (a list). */
static json_t *dominator_json(const mk_game *g, const mk_elimination *e)
{
    if (e->mixture == NULL)
        return strategy_json(g, e->player, e->dominated_by);
    json_t *list = json_array();
    for (size_t t = 0; t < g->n_strategies[e->player]; t++)
        json_array_append_new(list, json_string(e->mixture[t]));
    return list;
}

static int dominance_json(const mk_dominance_options *o, const solve_input *in, const mk_game *g,
                          const mk_dominance *d)
{
    json_t *steps = json_array(), *surviving = json_array();
    for (size_t j = 0; j < d->n; j++) {
        const mk_elimination *e = &d->step[j];
        json_array_append_new(steps,
                              json_pack("{s:I, s:I, s:o, s:o}", "round", (json_int_t)e->round,
                                        "player", (json_int_t)(e->player + 1), "strategy",
                                        strategy_json(g, e->player, e->strategy), "dominated_by",
                                        dominator_json(g, e)));
    }
    for (size_t i = 0; i < g->n_players; i++) {
        json_t *list = json_array();
        for (size_t s = 0; s < g->n_strategies[i]; s++)
            if (d->alive[d->first[i] + s])
                json_array_append_new(list, strategy_json(g, i, s));
        json_array_append_new(surviving, list);
    }
    json_t *result = json_pack("{s:s, s:o, s:I, s:o}", "dominance", kind_text(o), "eliminations",
                               steps, "rounds", (json_int_t)d->rounds, "surviving", surviving);
    return write_envelope("dominance", in, g, result);
}

/* "2" or "1/2 T + 1/2 M". */
static void dominator_text(const mk_game *g, const mk_elimination *e)
{
    char buf[32];
    if (e->mixture == NULL) {
        printf("%s", strategy_text(g, e->player, e->dominated_by, buf, sizeof buf));
        return;
    }
    const char *plus = "";
    for (size_t t = 0; t < g->n_strategies[e->player]; t++) {
        if (e->mixture[t][0] == '0')
            continue;
        printf("%s%s %s", plus, e->mixture[t], strategy_text(g, e->player, t, buf, sizeof buf));
        plus = " + ";
    }
}

static int dominance_text(const mk_dominance_options *o, const mk_game *g, const mk_dominance *d)
{
    char buf[32];
    game_text(g);
    printf("%s dominated strategies (%s): %zu removed in %zu rounds\n",
           o->kind == MK_DOMINANCE_STRICT ? "strictly" : "weakly", by_text(o), d->n, d->rounds);
    for (size_t j = 0; j < d->n; j++) {
        const mk_elimination *e = &d->step[j];
        printf("  round %zu: player %zu \"%s\": %s is dominated by ", e->round, e->player + 1,
               g->player_names[e->player], strategy_text(g, e->player, e->strategy, buf, 32));
        dominator_text(g, e);
        printf("\n");
    }
    printf("surviving:\n");
    for (size_t i = 0; i < g->n_players; i++) {
        printf("  player %zu \"%s\":", i + 1, g->player_names[i]);
        for (size_t s = 0; s < g->n_strategies[i]; s++)
            if (d->alive[d->first[i] + s])
                printf(" %s", strategy_text(g, i, s, buf, sizeof buf));
        printf("\n");
    }
    return ferror(stdout) ? -1 : 0;
}

int solve_dominance_report(const solve_options *o, cli_format format, const solve_input *in,
                           const mk_game *g, mk_ctx *ctx)
{
    mk_dominance d = MK_DOMINANCE_INIT;
    int rc = mk_game_eliminate(g, &o->dominance, &d, ctx);
    if (rc == 0) {
        int w = format == CLI_FORMAT_JSON ? dominance_json(&o->dominance, in, g, &d)
                                          : dominance_text(&o->dominance, g, &d);
        if (w != 0)
            rc = mk_error(ctx, MK_EIO, "cannot write the output");
    }
    mk_dominance_free(&d);
    return rc;
}
