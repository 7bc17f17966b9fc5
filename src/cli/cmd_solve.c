/* mechkit solve [--method M] FILE: equilibria and dominance of a game (.nfg or JSON). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kantian_cli.h"
#include "mechkit/correlated.h"
#include "mechkit/hash.h"
#include "mechkit/mixed.h"
#include "mechkit/nash.h"
#include "mechkit/regret.h"
#include "solve_cli.h"

static int help(void)
{
    printf("usage: mechkit solve [--method M] [options] FILE.nfg|FILE.json|-\n\n"
           "Solves the normal-form game in FILE (Gambit .nfg, payoff or outcome\n"
           "version, or JSON: see below; '-' reads standard input). Payoffs are exact.\n\n"
           "methods:\n"
           "  pure        every pure-strategy Nash equilibrium (default)\n"
           "  dominance   iterated elimination of dominated strategies (strictly or\n"
           "              weakly, by pure or mixed strategies), in order\n"
           "  lcp         2 players: Lemke-Howson from every starting label, exact, with\n"
           "              lexicographic pivoting (never cycles); some equilibria\n"
           "  enummixed   2 players: every extreme equilibrium, exact, and the maximal\n"
           "              Nash subsets (cliques); at most 64 strategies in all and\n"
           "              1,000,000 bases per player's polytope (random 15x15 games\n"
           "              need tens of thousands, 20x20 more than that), else exit 2\n"
           "  correlated  a correlated equilibrium (Aumann 1974) maximising --objective,\n"
           "              by an exact linear program; at most 1024 profiles\n"
           "  enumpoly    every isolated equilibrium of an n-player game of at most 27\n"
           "              profiles (e.g. 3x3x3), by support enumeration; each one exact\n"
           "              (checked exactly) or enclosed in certified intervals\n"
           "  kantian     symmetric games: Hofstadter's superrational strategy p maximising\n"
           "              u(p, ..., p), exact (certified bounds when irrational); with\n"
           "              -p kind=multiplicative|additive, Roemer's Kantian equilibria of\n"
           "              games whose strategies are effort levels (their names, or\n"
           "              -p levels=0,0.5,1 for every player)\n"
           "  simpdiv     one equilibrium of an n-player game by simplicial subdivision\n"
           "              with restarts; exact when the support equations give one, else\n"
           "              decimals with exact: false and the exact max_regret\n"
           "  metagame    the game between decision procedures (-p procedures=nash,kantian\n"
           "              and strategies of the game) of a symmetric 2-player game, and its\n"
           "              equilibria\n");
    printf("  kantian and metagame also read symmetric games compactly, as JSON\n"
           "  {\"type\": \"symmetric\", \"players\": N, \"strategies\": [names],\n"
           "   \"payoffs\": [[...], ...]}: payoffs[s][j] is the payoff of strategy s when\n"
           "  j of the other N-1 players play the first strategy (2 strategies; with k\n"
           "  strategies, one entry per count vector in lexicographic order)\n\n");
    printf("options:\n"
           "  --method M            pure (default), dominance, lcp, enummixed, correlated,\n"
           "                        enumpoly, kantian, metagame or simpdiv\n"
           "  --objective O         correlated: welfare (default) or a player number\n"
           "  --format json|text    JSON (default) or a readable table\n"
           "  --input-format F      nfg or json (see below; default: by the file)\n"
           "  --help                this text\n\n"
           "JSON output: {mechkit, command, method, input: {name, sha256}, game,\n"
           "result}. For pure, result is {equilibria: [{profile, strategies, payoffs}],\n"
           "count}: profile names each player's strategy (its name, or its number from\n"
           "1 when the file has counts only), strategies gives one list of probabilities\n"
           "per player, payoffs one exact string per player (\"3\", \"1/2\").\n"
           "For dominance, result is {eliminations: [{round, player, strategy,\n"
           "dominated_by}], rounds, surviving}; dominated_by is a strategy, or a\n"
           "mixture's probabilities (a list) when the dominator is mixed.\n"
           "For lcp and enummixed, result is {equilibria: [{strategies, payoffs}],\n"
           "count}; enummixed adds cliques: [{equilibria, strategies}], each a maximal\n"
           "set of equilibria (0-based indices into equilibria) whose strategies\n"
           "(strategies[p]: player p+1's extreme strategies) combine freely: every\n"
           "mix of the listed strategies of player 1 with every mix of player 2's is an\n"
           "equilibrium, and the cliques cover all equilibria. Payoffs may be\n"
           "negative: the solvers shift them to be positive internally, which does\n"
           "not change the equilibria; reported payoffs are the game's own. Every\n"
           "equilibrium is checked exactly before it is printed.\n"
           "For kantian, result is {kind, equilibria: [{strategies, payoffs, exact}],\n"
           "count, every_strategy_optimal}; an optimum not found exactly (irrational, or\n"
           "not proven by the branch and bound) has exact: false, a point and the lower\n"
           "bound as strategies and payoffs, and bounds: {strategy: [[lo, hi]...],\n"
           "payoff: [lo, hi]}; Roemer's kinds list pure profiles as pure does. For\n"
           "metagame, result is {procedures, table: [{row, column, row_plays,\n"
           "column_plays, payoffs}], equilibria, count}.\n"
           "exit status: 0 success, 2 bad input or usage, 1 internal failure\n");
    solve_options_help();
    return cli_flush_stdout();
}

typedef enum solve_method {
    METHOD_PURE,
    METHOD_DOMINANCE,
    METHOD_LCP,
    METHOD_ENUMMIXED,
    METHOD_CORRELATED,
    METHOD_ENUMPOLY,
    METHOD_KANTIAN,
    METHOD_METAGAME,
    METHOD_SIMPDIV
} solve_method;

/* In the order of solve_method; `mechkit list` prints them too. */
const cli_solver cli_solve_methods[] = {
    {"pure", "every pure Nash equilibrium of an n-player game",
     "One pass over the payoff table with best-response marks: a profile is an equilibrium when "
     "every player's strategy is a best response to the others'. Any number of players; "
     "result.equilibria lists each with strategies (0/1 probabilities) and payoffs, exact. "
     "Pure equilibria of 10 players with 4 strategies (2^20 profiles) take about 0.2 s."},
    {"dominance", "iterated elimination of dominated strategies (strict/weak, pure/mixed)",
     "Removes dominated strategies round by round and reports the order and the dominator of "
     "each. -p dominance=strict (default) or weak; -p by=pure (default) or mixed: a mixture "
     "found by one exact LP per strategy (at most 1024 profiles of the others). Strict "
     "elimination leaves the same game in any order; weak elimination depends on the order, "
     "and mechkit removes every weakly dominated strategy of every player at once in each "
     "round."},
    {"lcp", "Lemke-Howson from every label, 2 players, exact",
     "The Lemke-Howson path from every starting label of a 2-player game (Lemke and Howson "
     "1964), in exact integer pivoting with lexicographic ratio tests, so that degenerate games "
     "never cycle; the distinct equilibria found, each verified exactly. Random 20x20 games "
     "take a few tens of milliseconds."},
    {"enummixed", "every extreme equilibrium and the cliques, 2 players, exact",
     "Every extreme Nash equilibrium of a 2-player game, from the vertices of the two "
     "best-response polytopes (von Stengel 2002), exact, and the maximal Nash subsets "
     "(cliques; Avis, Rosenberg, Savani and von Stengel 2010) that describe the components of "
     "a degenerate game, without duplicates. result.equilibria and result.cliques."},
    {"correlated", "a correlated equilibrium maximising welfare or a player's payoff (exact LP)",
     "A correlated equilibrium (Aumann 1974) maximising --objective welfare (default) or one "
     "player's payoff, by an exact linear program over the distribution of profiles (GMP "
     "rationals); at most 1024 profiles. result: the distribution, each player's payoff and "
     "the objective; the incentive constraints are re-checked exactly."},
    {"enumpoly", "every isolated equilibrium of a small n-player game, certified",
     "Every isolated Nash equilibrium of an n-player game of at most 27 profiles (e.g. 3x3x3) "
     "by support enumeration: each one exact (fractions, checked exactly) or, when "
     "irrational, enclosed in certified intervals (Krawczyk). Supports it cannot resolve "
     "(continua of equilibria) are listed in unresolved_supports and make complete false."},
    {"kantian", "superrational strategy of a symmetric game; Roemer's Kantian equilibria",
     "Symmetric games (checked exactly), as .nfg or compact JSON ({\"type\": \"symmetric\", "
     "players, strategies, payoffs[s][j] for j others playing the first strategy}): "
     "Hofstadter's superrational strategy, the p maximising u(p, ..., p), exact where the "
     "optimum is rational and with certified bounds otherwise (two strategies up to 64 "
     "players, two players up to 12 strategies; with three or more of both, up to 63 "
     "players and 8 strategies while the Bernstein coefficients C(n+k-1, k-1) times k-1 "
     "stay within 6000 (e.g. 63x3, 20x4, 11x5, 7x6, 6x7, 5x8), "
     "by exact branch and bound over the simplex, a rational optimum inside a face proven "
     "exactly by its optimality conditions and local concavity, else to 1e-9 on the "
     "payoff). -p "
     "kind=multiplicative|additive: "
     "Roemer's Kantian equilibria of games whose strategies are effort levels (their names, "
     "or -p levels=...). The Prisoner's Dilemma with T=8, R=3, P=1, S=0 gives cooperate 3/4; "
     "Platonia with n players 1/n."},
    {"metagame", "the game between decision procedures (Nash, Kantian, fixed) and its equilibria",
     "A symmetric 2-player base game; strategies of the metagame are decision procedures "
     "(-p procedures=nash,kantian and strategies of the game): a Kantian plays the "
     "superrational strategy, a Nash player facing another procedure its lowest-numbered pure "
     "best reply, two Nash players the best-paying symmetric extreme equilibrium. Reports the "
     "payoff table, what each procedure plays against each, and the metagame's equilibria; "
     "mechkit sim --game FILE --dynamics replicator evolves a population of procedures."},
    {"simpdiv", "one equilibrium of an n-player game by simplicial subdivision, exact if possible",
     "Van der Laan, Talman and van der Heyden's simplicial path on the product of the players' "
     "simplices from the centroid, restarted on grids twice as fine until the maximal regret is "
     "below 1e-10 of the payoff range (as Gambit's gambit-simpdiv). The support's indifference "
     "equations are then solved exactly (2 players) or the nearest simple fractions tried, and "
     "checked exactly: exact: true with fractions, else decimals with exact: false and the "
     "exactly computed max_regret. result adds converged, refinements, grid (the last step is "
     "1/grid) and pivots; when the pivot budget runs out before the tolerance (rare: a long "
     "path), converged is false, equilibria is empty and the best point reached is given as "
     "approximation, with its max_regret. At most 2^20 profiles."},
    {NULL, NULL, NULL},
};

typedef struct solve_args {
    const char *path;
    solve_method method;
    cli_format format;
    size_t objective;  /* correlated: a player index, or MK_CORRELATED_WELFARE */
    solve_options opt; /* solve_cli.h: input format, --verify, gambit, dominance */
} solve_args;

/* Parses argv into a; returns -1 for --help, else an exit status. */
static int parse_args(int argc, char **argv, solve_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int has_value = i + 1 < argc, status;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
            return -1;
        if ((status = solve_option(argc, argv, &i, &a->opt)) != CLI_OK) {
            if (status != CLI_ARGS_TAKEN)
                return status;
        } else if (strcmp(arg, "--method") == 0 && has_value) {
            const char *m = argv[++i];
            size_t k = 0;
            while (cli_solve_methods[k].name != NULL && strcmp(m, cli_solve_methods[k].name) != 0)
                k++;
            if (cli_solve_methods[k].name == NULL)
                return cli_usage_error(
                    "solve",
                    "unknown method '%s' (pure, dominance, lcp, enummixed, correlated, enumpoly, "
                    "kantian, metagame or simpdiv)",
                    m);
            a->method = (solve_method)k;
        } else if (strcmp(arg, "--objective") == 0 && has_value) {
            const char *o = argv[++i];
            uint64_t player;
            if (strcmp(o, "welfare") == 0)
                a->objective = MK_CORRELATED_WELFARE;
            else if (cli_parse_u64(o, 1, SIZE_MAX - 1, &player) == 0)
                a->objective = (size_t)player - 1;
            else
                return cli_usage_error("solve", "--objective is welfare or a player number from 1");
        } else if (strcmp(arg, "--format") == 0 && has_value) {
            if (cli_parse_format(argv[++i], &a->format) != 0)
                return cli_usage_error("solve", "unknown format '%s' (json, text or gambit)",
                                       argv[i]);
        } else if ((status = cli_take_file("solve", arg, has_value, &a->path)) != CLI_ARGS_TAKEN) {
            return status;
        }
    }
    if (a->path == NULL)
        return cli_need_file("solve", a->path);
    return solve_options_check(&a->opt, cli_solve_methods[a->method].name);
}

/* ---- shared output pieces ------------------------------------------------------------------- */

/* An exact payoff as "3" or "-1/2". */
const char *payoff_text(mk_rational v, char *buf, size_t cap)
{
    if (v.den == 1)
        snprintf(buf, cap, "%lld", (long long)v.num);
    else
        snprintf(buf, cap, "%lld/%lld", (long long)v.num, (long long)v.den);
    return buf;
}

/* A strategy as JSON: its name, or its number from 1 when it has none. */
json_t *strategy_json(const mk_game *g, size_t i, size_t s)
{
    const char *name = mk_game_strategy_name(g, i, s);
    return name != NULL && name[0] != '\0' ? json_string(name) : json_integer((json_int_t)(s + 1));
}

/* A strategy as text: its name (or number), into buf. */
const char *strategy_text(const mk_game *g, size_t i, size_t s, char *buf, size_t cap)
{
    const char *name = mk_game_strategy_name(g, i, s);
    if (name != NULL && name[0] != '\0')
        return name;
    snprintf(buf, cap, "%zu", s + 1);
    return buf;
}

static json_t *game_json(const mk_game *g)
{
    json_t *players = json_array(), *strategies = json_array();
    for (size_t i = 0; i < g->n_players; i++) {
        json_array_append_new(players, json_string(g->player_names[i]));
        json_t *list = json_array();
        for (size_t s = 0; s < g->n_strategies[i]; s++)
            json_array_append_new(list, strategy_json(g, i, s));
        json_array_append_new(strategies, list);
    }
    return json_pack("{s:s, s:o, s:o}", "title", g->title, "players", players, "strategies",
                     strategies);
}

int write_envelope(const char *method, const solve_input *in, const mk_game *g, json_t *result)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "mechkit", json_string(MECHKIT_VERSION));
    json_object_set_new(doc, "command", json_string("solve"));
    json_object_set_new(doc, "method", json_string(method));
    json_object_set_new(doc, "input",
                        json_pack("{s:s, s:s}", "name", in->name, "sha256", in->sha256));
    json_object_set_new(doc, "game", game_json(g));
    json_object_set_new(doc, "result", result);
    int rc = json_dumpf(doc, stdout, JSON_INDENT(2));
    json_decref(doc);
    return rc != 0 || fputc('\n', stdout) == EOF ? -1 : 0;
}

void game_text(const mk_game *g)
{
    printf("game: %s\n", g->title[0] != '\0' ? g->title : "(untitled)");
    for (size_t i = 0; i < g->n_players; i++)
        printf("  player %zu \"%s\": %zu strategies\n", i + 1, g->player_names[i],
               g->n_strategies[i]);
}

/* ---- pure ----------------------------------------------------------------------------------- */

json_t *pure_equilibrium_json(const mk_game *g, size_t k, size_t *strategy)
{
    json_t *profile = json_array(), *mixed = json_array(), *payoffs = json_array();
    char buf[MK_RATIONAL_FORMAT_MAX];
    mk_game_profile_strategies(g, k, strategy);
    for (size_t i = 0; i < g->n_players; i++) {
        json_array_append_new(profile, strategy_json(g, i, strategy[i]));
        json_t *p = json_array();
        for (size_t s = 0; s < g->n_strategies[i]; s++)
            json_array_append_new(p, json_string(s == strategy[i] ? "1" : "0"));
        json_array_append_new(mixed, p);
        json_array_append_new(payoffs,
                              json_string(payoff_text(mk_game_payoff(g, k, i), buf, sizeof buf)));
    }
    return json_pack("{s:o, s:o, s:o}", "profile", profile, "strategies", mixed, "payoffs",
                     payoffs);
}

static int pure_json(const solve_input *in, const mk_game *g, const mk_pure_equilibria *e,
                     size_t *strategy)
{
    json_t *list = json_array();
    for (size_t j = 0; j < e->n; j++)
        json_array_append_new(list, pure_equilibrium_json(g, e->profile[j], strategy));
    json_t *result = json_pack("{s:o, s:I}", "equilibria", list, "count", (json_int_t)e->n);
    return write_envelope("pure", in, g, result);
}

static int pure_text(const mk_game *g, const mk_pure_equilibria *e, size_t *strategy)
{
    char buf[MK_RATIONAL_FORMAT_MAX];
    game_text(g);
    printf("pure Nash equilibria: %zu\n", e->n);
    for (size_t j = 0; j < e->n; j++) {
        mk_game_profile_strategies(g, e->profile[j], strategy);
        printf("  %zu. (", j + 1);
        for (size_t i = 0; i < g->n_players; i++)
            printf("%s%s", i > 0 ? ", " : "", strategy_text(g, i, strategy[i], buf, sizeof buf));
        printf(")  payoffs ");
        for (size_t i = 0; i < g->n_players; i++)
            printf("%s%s", i > 0 ? ", " : "",
                   payoff_text(mk_game_payoff(g, e->profile[j], i), buf, sizeof buf));
        printf("\n");
    }
    return ferror(stdout) ? -1 : 0;
}

static int solve_pure(const solve_args *a, const solve_input *in, const mk_game *g, mk_ctx *ctx)
{
    mk_pure_equilibria e = MK_PURE_EQUILIBRIA_INIT;
    size_t *strategy = malloc(g->n_players * sizeof *strategy);
    int rc = strategy == NULL ? mk_error(ctx, MK_ENOMEM, "out of memory") : 0;
    if (rc == 0)
        rc = mk_game_solve_pure(g, &e, ctx);
    /* Every equilibrium is checked again, independently, before it is shown. */
    for (size_t j = 0; rc == 0 && j < e.n; j++)
        rc = solve_check_pure(g, e.profile[j], ctx);
    if (rc == 0) {
        int w = a->opt.gambit                  ? solve_gambit_pure(g, &e)
                : a->format == CLI_FORMAT_JSON ? pure_json(in, g, &e, strategy)
                                               : pure_text(g, &e, strategy);
        if (w != 0)
            rc = mk_error(ctx, MK_EIO, "cannot write the output");
    }
    mk_pure_equilibria_free(&e);
    free(strategy);
    return rc;
}

/* ---- lcp and enummixed --------------------------------------------------------------------- */

static json_t *mixed_strategy_json(const mk_mixed_equilibria *e, size_t k, size_t from,
                                   size_t count)
{
    json_t *list = json_array();
    for (size_t s = 0; s < count; s++)
        json_array_append_new(list, json_string(e->prob[k * e->width + from + s]));
    return list;
}

static json_t *mixed_equilibrium_json(const mk_game *g, const mk_mixed_equilibria *e, size_t k)
{
    size_t m = g->n_strategies[0], n = g->n_strategies[1];
    json_t *strategies =
        json_pack("[o, o]", mixed_strategy_json(e, k, 0, m), mixed_strategy_json(e, k, m, n));
    json_t *payoffs = json_pack("[s, s]", e->payoff[2 * k], e->payoff[2 * k + 1]);
    return json_pack("{s:o, s:o}", "strategies", strategies, "payoffs", payoffs);
}

/* Player p's distinct extreme strategies in clique c, as JSON lists. */
static json_t *clique_strategies_json(const mk_game *g, const mk_mixed_equilibria *e, size_t c,
                                      size_t p)
{
    size_t m = g->n_strategies[0], from = p == 0 ? 0 : m, count = g->n_strategies[p];
    json_t *list = json_array();
    for (size_t a = e->clique_start[c]; a < e->clique_start[c + 1]; a++) {
        size_t k = e->clique_member[a], b = e->clique_start[c];
        while (e->vertex[2 * e->clique_member[b] + p] != e->vertex[2 * k + p])
            b++;
        if (b == a) /* the first member with this strategy */
            json_array_append_new(list, mixed_strategy_json(e, k, from, count));
    }
    return list;
}

static json_t *cliques_json(const mk_game *g, const mk_mixed_equilibria *e)
{
    json_t *list = json_array();
    for (size_t c = 0; c < e->n_cliques; c++) {
        json_t *members = json_array();
        for (size_t a = e->clique_start[c]; a < e->clique_start[c + 1]; a++)
            json_array_append_new(members, json_integer((json_int_t)e->clique_member[a]));
        json_array_append_new(list, json_pack("{s:o, s:[o, o]}", "equilibria", members,
                                              "strategies", clique_strategies_json(g, e, c, 0),
                                              clique_strategies_json(g, e, c, 1)));
    }
    return list;
}

static int mixed_json(const char *method, const solve_input *in, const mk_game *g,
                      const mk_mixed_equilibria *e)
{
    json_t *list = json_array();
    for (size_t k = 0; k < e->n; k++)
        json_array_append_new(list, mixed_equilibrium_json(g, e, k));
    json_t *result = json_pack("{s:o, s:I}", "equilibria", list, "count", (json_int_t)e->n);
    if (e->vertex != NULL || e->n_cliques > 0)
        json_object_set_new(result, "cliques", cliques_json(g, e));
    return write_envelope(method, in, g, result);
}

static void mixed_strategy_text(const mk_mixed_equilibria *e, size_t k, size_t from, size_t count)
{
    printf("(");
    for (size_t s = 0; s < count; s++)
        printf("%s%s", s > 0 ? ", " : "", e->prob[k * e->width + from + s]);
    printf(")");
}

static int mixed_text(const char *method, const mk_game *g, const mk_mixed_equilibria *e)
{
    size_t m = g->n_strategies[0], n = g->n_strategies[1];
    game_text(g);
    printf("Nash equilibria (%s): %zu\n", method, e->n);
    for (size_t k = 0; k < e->n; k++) {
        printf("  %zu. ", k + 1);
        mixed_strategy_text(e, k, 0, m);
        printf(" ");
        mixed_strategy_text(e, k, m, n);
        printf("  payoffs %s, %s\n", e->payoff[2 * k], e->payoff[2 * k + 1]);
    }
    if (e->vertex != NULL || e->n_cliques > 0) {
        printf("maximal Nash subsets (cliques): %zu\n", e->n_cliques);
        for (size_t c = 0; c < e->n_cliques; c++) {
            printf("  %zu. equilibria", c + 1);
            for (size_t a = e->clique_start[c]; a < e->clique_start[c + 1]; a++)
                printf("%s %zu", a > e->clique_start[c] ? "," : "", e->clique_member[a] + 1);
            printf("\n");
        }
    }
    return ferror(stdout) ? -1 : 0;
}

static int solve_mixed(const solve_args *a, const solve_input *in, const mk_game *g, mk_ctx *ctx)
{
    mk_mixed_equilibria e = MK_MIXED_EQUILIBRIA_INIT;
    const char *method = a->method == METHOD_LCP ? "lcp" : "enummixed";
    /* The solvers check every equilibrium exactly before returning it, and
     * what is printed is checked once more by the same check. */
    int rc = a->method == METHOD_LCP ? mk_game_solve_lcp(g, &e, ctx)
                                     : mk_game_solve_enummixed(g, &e, ctx);
    if (rc == 0)
        rc = solve_check_mixed(g, &e, ctx);
    if (rc == 0) {
        int w = a->opt.gambit                  ? solve_gambit_mixed(&e)
                : a->format == CLI_FORMAT_JSON ? mixed_json(method, in, g, &e)
                                               : mixed_text(method, g, &e);
        if (w != 0)
            rc = mk_error(ctx, MK_EIO, "cannot write the output");
    }
    mk_mixed_equilibria_free(&e);
    return rc;
}

/* ---- correlated --------------------------------------------------------------------------- */

static int correlated_json(const solve_input *in, const mk_game *g, const mk_correlated *c,
                           size_t objective, size_t *strategy)
{
    json_t *support = json_array(), *payoffs = json_array();
    for (size_t k = 0; k < c->n_profiles; k++) {
        if (strcmp(c->probability[k], "0") == 0)
            continue;
        json_t *profile = json_array();
        mk_game_profile_strategies(g, k, strategy);
        for (size_t i = 0; i < g->n_players; i++)
            json_array_append_new(profile, strategy_json(g, i, strategy[i]));
        json_array_append_new(
            support, json_pack("{s:o, s:s}", "profile", profile, "probability", c->probability[k]));
    }
    for (size_t i = 0; i < c->n_players; i++)
        json_array_append_new(payoffs, json_string(c->payoff[i]));
    json_t *result =
        json_pack("{s:o, s:o, s:o, s:s}", "distribution", support, "payoffs", payoffs, "objective",
                  objective == MK_CORRELATED_WELFARE ? json_string("welfare")
                                                     : json_integer((json_int_t)objective + 1),
                  "value", c->value);
    return write_envelope("correlated", in, g, result);
}

static int correlated_text(const mk_game *g, const mk_correlated *c, size_t objective,
                           size_t *strategy)
{
    game_text(g);
    if (objective == MK_CORRELATED_WELFARE)
        printf("correlated equilibrium maximising welfare: %s\n", c->value);
    else
        printf("correlated equilibrium maximising player %zu's payoff: %s\n", objective + 1,
               c->value);
    for (size_t k = 0; k < c->n_profiles; k++) {
        if (strcmp(c->probability[k], "0") == 0)
            continue;
        mk_game_profile_strategies(g, k, strategy);
        printf("  %-10s (", c->probability[k]);
        for (size_t i = 0; i < g->n_players; i++) {
            const char *name = mk_game_strategy_name(g, i, strategy[i]);
            if (name != NULL)
                printf("%s%s", i > 0 ? ", " : "", name);
            else
                printf("%s%zu", i > 0 ? ", " : "", strategy[i] + 1);
        }
        printf(")\n");
    }
    printf("expected payoffs:");
    for (size_t i = 0; i < c->n_players; i++)
        printf(" %s", c->payoff[i]);
    printf("\n");
    return ferror(stdout) ? -1 : 0;
}

static int solve_correlated(const solve_args *a, const solve_input *in, const mk_game *g,
                            mk_ctx *ctx)
{
    mk_correlated c = MK_CORRELATED_INIT;
    size_t *strategy = malloc(g->n_players * sizeof *strategy);
    int rc = strategy == NULL ? mk_error(ctx, MK_ENOMEM, "out of memory") : 0;
    if (rc == 0)
        rc = mk_game_solve_correlated(g, a->objective, &c, ctx);
    if (rc == 0) /* the obedience constraints, checked exactly once more */
        rc = mk_game_check_correlated(g, (const char *const *)c.probability,
                                      (const char *const *)c.payoff, ctx);
    if (rc == 0) {
        int w = a->format == CLI_FORMAT_JSON ? correlated_json(in, g, &c, a->objective, strategy)
                                             : correlated_text(g, &c, a->objective, strategy);
        if (w != 0)
            rc = mk_error(ctx, MK_EIO, "cannot write the output");
    }
    mk_correlated_free(&c);
    free(strategy);
    return rc;
}

/* ---- the command ---------------------------------------------------------------------------- */

static int execute(solve_args *a, mk_ctx *ctx)
{
    if (a->method == METHOD_KANTIAN || a->method == METHOD_METAGAME)
        return (a->method == METHOD_KANTIAN ? cli_solve_kantian : cli_solve_metagame)(
            a->path, a->format, &a->opt.params, ctx);
    cli_file file = {0};
    mk_game *g = NULL;
    solve_input in;
    int rc = cli_file_read(a->path, &file, ctx);
    if (rc == 0) {
        in.name = file.name;
        rc = mk_sha256_hex(file.data, file.len, in.sha256, ctx);
    }
    if (rc == 0)
        rc = solve_read_game(a->opt.input_format, &file, &g, ctx);
    if (rc == 0 && a->opt.verify != NULL) {
        rc = solve_verify(a->opt.verify, a->format, &in, g, ctx);
    } else if (rc == 0) {
        switch (a->method) {
        case METHOD_PURE: rc = solve_pure(a, &in, g, ctx); break;
        case METHOD_DOMINANCE: rc = solve_dominance_report(&a->opt, a->format, &in, g, ctx); break;
        case METHOD_LCP:
        case METHOD_ENUMMIXED: rc = solve_mixed(a, &in, g, ctx); break;
        case METHOD_CORRELATED: rc = solve_correlated(a, &in, g, ctx); break;
        case METHOD_ENUMPOLY: rc = solve_enumpoly_report(&a->opt, a->format, &in, g, ctx); break;
        case METHOD_SIMPDIV: rc = solve_simpdiv_report(a->format, &in, g, ctx); break;
        case METHOD_KANTIAN:
        case METHOD_METAGAME: break; /* handled above: they read their own inputs */
        }
    }
    mk_game_free(g);
    cli_file_free(&file);
    return rc;
}

int cmd_solve(int argc, char **argv, const mk_registry *reg)
{
    (void)reg; /* games are not mechanisms: no registry needed */
    solve_args a = {NULL, METHOD_PURE, CLI_FORMAT_JSON, MK_CORRELATED_WELFARE, SOLVE_OPTIONS_INIT};
    int status = parse_args(argc, argv, &a);
    if (status < 0)
        status = help();
    else if (status == CLI_OK) {
        mk_ctx ctx = MK_CTX_INIT;
        status = execute(&a, &ctx) == 0 ? cli_flush_stdout() : cli_fail(&ctx);
    }
    mk_params_free(&a.opt.params);
    return status;
}
