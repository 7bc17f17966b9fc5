/* mechkit solve --method kantian | metagame (kantian_cli.h). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "io/number_text.h"
#include "kantian_cli.h"
#include "solve_cli.h"
#include "mechkit/mixed.h"

static const mk_param_spec kantian_params[] = {
    {"kind", MK_PARAM_CHOICE, "superrational", "superrational|multiplicative|additive",
     "superrational (Hofstadter, symmetric games) or Roemer's multiplicative or additive "
     "Kantian equilibrium (strategies named by effort levels)"},
    {"levels", MK_PARAM_TEXT, NULL, NULL,
     "multiplicative/additive: the effort levels of every player's strategies, in order, "
     "comma-separated (0,0.5,1); default: the strategy names"},
    {NULL, MK_PARAM_TEXT, NULL, NULL, NULL},
};

static const mk_param_spec metagame_params[] = {
    {"procedures", MK_PARAM_TEXT, "nash,kantian", NULL,
     "comma-separated decision procedures: nash, kantian, or a strategy of the game"},
    {NULL, MK_PARAM_TEXT, NULL, NULL, NULL},
};

/* ---- the envelope ------------------------------------------------------------------------- */

static json_t *names_json(char **names, size_t k)
{
    json_t *list = json_array();
    for (size_t s = 0; s < k; s++)
        json_array_append_new(list, names[s][0] != '\0' ? json_string(names[s])
                                                        : json_integer((json_int_t)(s + 1)));
    return list;
}

/* The game: a table game's title, players and strategies, or a compact
 * symmetric game's title, number of players and strategies. */
static json_t *game_json(const kantian_input *in)
{
    if (in->compact || in->table == NULL) {
        const mk_symgame *s = in->sym;
        return json_pack("{s:s, s:I, s:o, s:b}", "title", s->title, "players",
                         (json_int_t)s->n_players, "strategies",
                         names_json(s->strategy_names, s->n_strategies), "symmetric", 1);
    }
    const mk_game *g = in->table;
    json_t *players = json_array(), *strategies = json_array();
    for (size_t i = 0; i < g->n_players; i++) {
        json_array_append_new(players, json_string(g->player_names[i]));
        json_t *list = json_array();
        for (size_t s = 0; s < g->n_strategies[i]; s++) {
            const char *name = mk_game_strategy_name(g, i, s);
            json_array_append_new(list, name != NULL && name[0] != '\0'
                                            ? json_string(name)
                                            : json_integer((json_int_t)(s + 1)));
        }
        json_array_append_new(strategies, list);
    }
    return json_pack("{s:s, s:o, s:o}", "title", g->title, "players", players, "strategies",
                     strategies);
}

static int kantian_envelope(const char *method, const kantian_input *in, json_t *params,
                            json_t *result, mk_ctx *ctx)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "mechkit", json_string(MECHKIT_VERSION));
    json_object_set_new(doc, "command", json_string("solve"));
    json_object_set_new(doc, "method", json_string(method));
    json_object_set_new(doc, "params", params);
    json_object_set_new(doc, "input",
                        json_pack("{s:s, s:s}", "name", in->file.name, "sha256", in->sha256));
    json_object_set_new(doc, "game", game_json(in));
    json_object_set_new(doc, "result", result);
    int rc = json_dumpf(doc, stdout, JSON_INDENT(2));
    json_decref(doc);
    if (rc != 0 || fputc('\n', stdout) == EOF)
        return mk_error(ctx, MK_EIO, "cannot write the output");
    return 0;
}

/* An exact payoff as "3" or "-1/2" (fractions, like the probabilities). */
static json_t *strings_json(char **s, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, json_string(s[i]));
    return list;
}

/* ---- superrational ------------------------------------------------------------------------ */

static json_t *choice_json(const mk_symgame *g, const mk_superrational_choice *c, size_t k)
{
    json_t *strategies = json_array(), *payoffs = json_array();
    for (size_t i = 0; i < g->n_players; i++) {
        json_array_append_new(strategies, strings_json(c->prob, k));
        json_array_append_new(payoffs, json_string(c->value));
    }
    json_t *e = json_pack("{s:o, s:o, s:b}", "strategies", strategies, "payoffs", payoffs, "exact",
                          c->exact);
    if (!c->exact) {
        json_t *bounds = json_array();
        for (size_t s = 0; s < k; s++)
            json_array_append_new(bounds, json_pack("[s, s]", c->prob_lo[s], c->prob_hi[s]));
        json_object_set_new(
            e, "bounds",
            json_pack("{s:o, s:[s, s]}", "strategy", bounds, "payoff", c->value_lo, c->value_hi));
    }
    return e;
}

static int superrational_text(const mk_symgame *g, const mk_superrational *r)
{
    printf("game: %s (symmetric, %zu players, %zu strategies)\n",
           g->title[0] ? g->title : "(untitled)", g->n_players, g->n_strategies);
    printf("superrational strategies (maximising u(p, ..., p)): %zu%s\n", r->n,
           r->constant ? " (u is constant: every strategy is)" : "");
    for (size_t j = 0; j < r->n; j++) {
        const mk_superrational_choice *c = &r->choice[j];
        printf("  %zu. ", j + 1);
        for (size_t s = 0; s < g->n_strategies; s++) {
            char number[32];
            const char *name = g->strategy_names[s];
            if (name[0] == '\0') {
                snprintf(number, sizeof number, "#%zu", s + 1);
                name = number;
            }
            if (c->exact)
                printf("%s%s %s", s ? ", " : "", name, c->prob[s]);
            else
                printf("%s%s in [%s, %s]", s ? ", " : "", name, c->prob_lo[s], c->prob_hi[s]);
        }
        if (c->exact)
            printf("  payoff %s\n", c->value);
        else
            printf("  payoff in [%s, %s] (irrational; certified bounds)\n", c->value_lo,
                   c->value_hi);
    }
    return ferror(stdout) ? -1 : 0;
}

static int superrational(const char *path, cli_format format, json_t *params, mk_ctx *ctx)
{
    kantian_input in;
    mk_superrational r = MK_SUPERRATIONAL_INIT;
    int rc = kantian_input_read(path, 1, &in, ctx);
    if (rc == 0)
        rc = mk_symgame_superrational(in.sym, &r, ctx);
    if (rc == 0 && format == CLI_FORMAT_TEXT) {
        if (superrational_text(in.sym, &r) != 0)
            rc = mk_error(ctx, MK_EIO, "cannot write the output");
    } else if (rc == 0) {
        json_t *list = json_array();
        for (size_t j = 0; j < r.n; j++)
            json_array_append_new(list, choice_json(in.sym, &r.choice[j], r.n_strategies));
        json_t *result =
            json_pack("{s:s, s:o, s:I, s:b}", "kind", "superrational", "equilibria", list, "count",
                      (json_int_t)r.n, "every_strategy_optimal", r.constant);
        rc = kantian_envelope("kantian", &in, params, result, ctx);
        params = NULL;
    }
    json_decref(params);
    mk_superrational_free(&r);
    kantian_input_free(&in);
    return rc;
}

/* ---- Roemer ------------------------------------------------------------------------------- */

static int roemer_text(const mk_game *g, const char *kind, const mk_pure_equilibria *e,
                       size_t *strategy)
{
    printf("game: %s\n%s Kantian equilibria (Roemer): %zu\n", g->title[0] ? g->title : "(untitled)",
           kind, e->n);
    for (size_t j = 0; j < e->n; j++) {
        mk_game_profile_strategies(g, e->profile[j], strategy);
        printf("  %zu. efforts (", j + 1);
        for (size_t i = 0; i < g->n_players; i++)
            printf("%s%s", i ? ", " : "", mk_game_strategy_name(g, i, strategy[i]));
        printf(")  payoffs");
        char buf[MK_RATIONAL_FORMAT_MAX];
        for (size_t i = 0; i < g->n_players; i++)
            printf(" %s", payoff_text(mk_game_payoff(g, e->profile[j], i), buf, sizeof buf));
        printf("\n");
    }
    return ferror(stdout) ? -1 : 0;
}

/* -p levels=LIST for every player of g: *out (malloc'd, the strategies of
 * all players in order), or NULL when not given. */
static int given_levels(const char *list, const mk_game *g, mk_rational **out, mk_ctx *ctx)
{
    *out = NULL;
    if (list == NULL)
        return 0;
    size_t n = 1, total = 0;
    for (const char *p = list; *p; p++)
        n += *p == ',';
    for (size_t i = 0; i < g->n_players; i++) {
        if (g->n_strategies[i] != n)
            return mk_error(ctx, MK_EPARAM, "levels: %zu levels, but player %zu has %zu strategies",
                            n, i + 1, g->n_strategies[i]);
        total += n;
    }
    mk_rational *level = malloc(total * sizeof *level);
    if (level == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    const char *p = list;
    for (size_t s = 0; s < n; s++) {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        char word[64];
        int rc = len < sizeof word ? 0 : MK_EINPUT;
        if (rc == 0) {
            memcpy(word, p, len);
            word[len] = '\0';
            rc = mk_number_text_parse(word, &level[s]);
        }
        if (rc != 0) {
            free(level);
            return mk_error(ctx, MK_EPARAM, "levels: '%.*s' is not a number (0, 0.5, 3/2)",
                            (int)len, p);
        }
        p = comma != NULL ? comma + 1 : p + len;
    }
    for (size_t i = 1; i < g->n_players; i++)
        memcpy(&level[i * n], level, n * sizeof *level);
    *out = level;
    return 0;
}

static int roemer(const char *path, cli_format format, mk_kantian_kind kind, const char *levels,
                  json_t *params, mk_ctx *ctx)
{
    mk_rational *level = NULL;
    kantian_input in;
    mk_pure_equilibria e = MK_PURE_EQUILIBRIA_INIT;
    const char *name = kind == MK_KANTIAN_MULTIPLICATIVE ? "multiplicative" : "additive";
    size_t *strategy = NULL;
    int rc = kantian_input_read(path, 0, &in, ctx);
    if (rc == 0 && (strategy = malloc(in.table->n_players * sizeof *strategy)) == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory");
    if (rc == 0)
        rc = given_levels(levels, in.table, &level, ctx);
    if (rc == 0)
        rc = mk_game_solve_kantian(in.table, kind, level, &e, ctx);
    if (rc == 0 && format == CLI_FORMAT_TEXT) {
        if (roemer_text(in.table, name, &e, strategy) != 0)
            rc = mk_error(ctx, MK_EIO, "cannot write the output");
    } else if (rc == 0) {
        json_t *list = json_array();
        for (size_t j = 0; j < e.n; j++)
            json_array_append_new(list, pure_equilibrium_json(in.table, e.profile[j], strategy));
        json_t *result = json_pack("{s:s, s:o, s:I}", "kind", name, "equilibria", list, "count",
                                   (json_int_t)e.n);
        rc = kantian_envelope("kantian", &in, params, result, ctx);
        params = NULL;
    }
    json_decref(params);
    free(level);
    free(strategy);
    mk_pure_equilibria_free(&e);
    kantian_input_free(&in);
    return rc;
}

int cli_solve_kantian(const char *path, cli_format format, mk_params *params, mk_ctx *ctx)
{
    int kind = 0;
    int rc = mk_params_bind(params, kantian_params, "solve --method kantian", ctx);
    if (rc == 0)
        rc = mk_params_get_choice(params, "kind", &kind, ctx);
    if (rc != 0)
        return rc;
    json_t *p = cli_json_params(params);
    if (kind == 0 && mk_params_given(params, "levels")) {
        json_decref(p);
        return mk_error(ctx, MK_EPARAM, "levels is for kind=multiplicative or additive");
    }
    if (kind == 0)
        return superrational(path, format, p, ctx);
    return roemer(path, format, kind == 1 ? MK_KANTIAN_MULTIPLICATIVE : MK_KANTIAN_ADDITIVE,
                  mk_params_get(params, "levels"), p, ctx);
}

/* ---- metagame ----------------------------------------------------------------------------- */

static const char *name_of(const mk_game *g, size_t s)
{
    return mk_game_strategy_name(g, 0, s);
}

static json_t *table_json(const mk_metagame *m)
{
    json_t *rows = json_array();
    char buf[MK_RATIONAL_FORMAT_MAX], buf2[MK_RATIONAL_FORMAT_MAX];
    for (size_t a = 0; a < m->n; a++)
        for (size_t c = 0; c < m->n; c++) {
            size_t profile = a + c * m->n;
            json_array_append_new(
                rows,
                json_pack("{s:s, s:s, s:o, s:o, s:[s, s]}", "row", name_of(m->game, a), "column",
                          name_of(m->game, c), "row_plays",
                          strings_json(&m->play[(a * m->n + c) * m->k], m->k), "column_plays",
                          strings_json(&m->play[(c * m->n + a) * m->k], m->k), "payoffs",
                          payoff_text(mk_game_payoff(m->game, profile, 0), buf, sizeof buf),
                          payoff_text(mk_game_payoff(m->game, profile, 1), buf2, sizeof buf2)));
        }
    return rows;
}

static json_t *metagame_equilibria_json(const mk_metagame *m, const mk_mixed_equilibria *e)
{
    json_t *list = json_array();
    for (size_t q = 0; q < e->n; q++) {
        json_t *x = strings_json(&e->prob[q * e->width], m->n);
        json_t *y = strings_json(&e->prob[q * e->width + m->n], m->n);
        json_array_append_new(list, json_pack("{s:[o, o], s:[s, s], s:b}", "strategies", x, y,
                                              "payoffs", e->payoff[2 * q], e->payoff[2 * q + 1],
                                              "symmetric", json_equal(x, y)));
    }
    return list;
}

static int metagame_text(const mk_metagame *m, const mk_mixed_equilibria *e)
{
    char buf[MK_RATIONAL_FORMAT_MAX];
    printf("%s\npayoff of the row procedure against the column procedure:\n%-12s", m->game->title,
           "");
    for (size_t c = 0; c < m->n; c++)
        printf(" %12s", name_of(m->game, c));
    printf("\n");
    for (size_t a = 0; a < m->n; a++) {
        printf("%-12s", name_of(m->game, a));
        for (size_t c = 0; c < m->n; c++)
            printf(" %12s", payoff_text(mk_game_payoff(m->game, a + c * m->n, 0), buf, sizeof buf));
        printf("\n");
    }
    printf("what the row procedure plays against the column procedure:\n");
    for (size_t a = 0; a < m->n; a++)
        for (size_t c = 0; c < m->n; c++) {
            printf("  %s vs %s: (", name_of(m->game, a), name_of(m->game, c));
            for (size_t s = 0; s < m->k; s++)
                printf("%s%s", s ? ", " : "", m->play[(a * m->n + c) * m->k + s]);
            printf(")\n");
        }
    printf("Nash equilibria of the metagame (enummixed): %zu\n", e->n);
    for (size_t q = 0; q < e->n; q++) {
        printf("  %zu. (", q + 1);
        for (size_t s = 0; s < 2 * m->n; s++)
            printf("%s%s %s",
                   s == 0      ? ""
                   : s == m->n ? ") ("
                               : ", ",
                   name_of(m->game, s % m->n), e->prob[q * e->width + s]);
        printf(")  payoffs %s, %s\n", e->payoff[2 * q], e->payoff[2 * q + 1]);
    }
    return ferror(stdout) ? -1 : 0;
}

int cli_solve_metagame(const char *path, cli_format format, mk_params *params, mk_ctx *ctx)
{
    kantian_input in;
    mk_procedure proc[MK_METAGAME_MAX_PROCEDURES];
    size_t n = 0;
    mk_metagame m = MK_METAGAME_INIT;
    mk_mixed_equilibria e = MK_MIXED_EQUILIBRIA_INIT;
    int rc = mk_params_bind(params, metagame_params, "solve --method metagame", ctx);
    if (rc != 0)
        return rc;
    rc = kantian_input_read(path, 1, &in, ctx);
    if (rc == 0)
        rc = kantian_procedures_parse(mk_params_get(params, "procedures"), in.sym, proc, &n, ctx);
    if (rc == 0)
        rc = mk_metagame_build(in.sym, proc, n, &m, ctx);
    /* The metagame's equilibria, each checked exactly by the solver. */
    if (rc == 0)
        rc = mk_game_solve_enummixed(m.game, &e, ctx);
    if (rc == 0 && format == CLI_FORMAT_TEXT) {
        if (metagame_text(&m, &e) != 0)
            rc = mk_error(ctx, MK_EIO, "cannot write the output");
    } else if (rc == 0) {
        json_t *procs = json_array();
        for (size_t a = 0; a < n; a++)
            json_array_append_new(procs, json_string(name_of(m.game, a)));
        json_t *result =
            json_pack("{s:o, s:o, s:o, s:I}", "procedures", procs, "table", table_json(&m),
                      "equilibria", metagame_equilibria_json(&m, &e), "count", (json_int_t)e.n);
        rc = kantian_envelope("metagame", &in, cli_json_params(params), result, ctx);
    }
    mk_mixed_equilibria_free(&e);
    mk_metagame_free(&m);
    kantian_input_free(&in);
    return rc;
}
