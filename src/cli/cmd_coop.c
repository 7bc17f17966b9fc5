/* mechkit coop [--index I] [--format json|text] FILE: power indices of a
 * simple game (a weighted or multiple weighted voting game); the games
 * with exact values (explicit, glove, airport, bankruptcy) are in
 * cmd_coop_tu.c. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "coop_cli.h"
#include "mechkit/coop.h"
#include "mechkit/hash.h"
#include "mechkit/power.h"
#include "mechkit/simple_indices.h"

static int help(void)
{
    printf(
        "usage: mechkit coop [options] FILE|-\n\n"
        "Exact solutions of the cooperative game read from FILE ('-' reads standard\n"
        "input), by its \"type\":\n"
        "  weighted            {\"quota\": Q, \"players\": [{\"name\", \"weight\"}, ...]}\n"
        "  multiple_weighted   {\"games\": [...]} (a coalition wins when it wins every game)\n"
        "  explicit            {\"players\": [names], \"values\": [2^n values, bitmask order:\n"
        "                      values[m] is v of the players whose bits are set in m]}\n"
        "  glove               {\"left\": [names], \"right\": [names]}\n"
        "  airport             {\"players\": [{\"name\", \"cost\"}, ...]}\n"
        "  bankruptcy          {\"estate\": E, \"claimants\": [{\"name\", \"claim\"}, ...]}\n"
        "Values, costs and amounts are integers or exact numbers in strings (\"2.5\", \"7/3\").\n\n"
        "options:\n"
        "  --index I[,I...]      weighted games: shapley_shubik, banzhaf, all (the two;\n"
        "                        default), deegan_packel, holler_packel, johnston,\n"
        "                        coleman (these four enumerate coalitions, <= %d players);\n"
        "                        explicit, glove, airport: shapley (default);\n"
        "                        bankruptcy: proportional, cea, cel, talmud, all (default:\n"
        "                        the input's \"rule\", else every rule), shapley (of the\n"
        "                        bankruptcy game: the random arrival rule, <= 25);\n"
        "                        every kind, <= 25 players, exact: core (empty or not, a\n"
        "                        point, the extreme points; <= %d players), least_core,\n"
        "                        nucleolus, prenucleolus\n"
        "  --method M            auto (default), dp or enumeration\n"
        "  --places N            decimal places of the decimal renderings (default 6)\n"
        "  --format json|text    JSON (default) or a readable table\n"
        "  --help                this text\n\n"
        "JSON output: {mechkit, command, params, input: {name, sha256}, result: {game,\n"
        "method, shapley_shubik, banzhaf, banzhaf_absolute, swings, total_swings, and\n"
        "*_decimal beside each fraction}}, each index an object keyed by player name.\n"
        "Fractions are strings in lowest terms (\"421/2145\"); swings are JSON integers,\n"
        "or decimal strings when they exceed 2^63 - 1 (possible past 64 players).\n"
        "Methods: dynamic programming over weights below the quotas (refused when its\n"
        "tables would pass %zu MiB), or enumeration of all coalitions (at most %d\n"
        "players); auto picks dp for a weighted game and, for a multiple weighted game,\n"
        "enumeration up to 20 players, then dp if it fits, then enumeration.\n"
        "The other indices add deegan_packel, holler_packel, johnston, coleman\n"
        "{power_to_act, prevent, initiate} and coalitions {winning, minimal_winning,\n"
        "vulnerable}. Other games print result.shapley and one object per bankruptcy\n"
        "rule asked for, with *_decimal beside each.\n"
        "Solutions by excesses e(S) = v(S) - x(S) (weighted games as 0/1 games):\n"
        "core {empty, least_core_epsilon, point (the nucleolus), extreme_points},\n"
        "least_core {epsilon, point}, nucleolus and prenucleolus (with *_levels: the\n"
        "largest excess fixed at each stage of Maschler, Peleg and Shapley's sequence of\n"
        "exact linear programs); a bankruptcy problem adds talmud_equals_nucleolus (an\n"
        "exact comparison). Airport games are cost games c, solved as v = -c: shares\n"
        "are costs paid, excesses x(S) - c(S), the core {x(S) <= c(S)}.\n"
        "exit status: 0 success, 2 bad input or usage, 1 internal failure\n",
        MK_SIMPLE_INDICES_MAX_PLAYERS, MK_TU_CORE_MAX_PLAYERS, MK_POWER_DP_MAX_BYTES >> 20,
        MK_POWER_ENUMERATE_MAX_PLAYERS);
    return cli_flush_stdout();
}

typedef struct coop_args {
    const char *path, *index, *method;
    cli_format format;
    mk_power_options opt;
    unsigned extra;  /* mk_simple_index bits */
    unsigned excess; /* coop_excess bits */
} coop_args;

/* Every index of every kind of game, for the usage check and for
 * `mechkit list`; the names of simple games come first, in the order of
 * simple_bits, and the excess-based solutions last (FIRST_EXCESS_NAME). */
#define SIMPLE_INPUT                                                                               \
    "Input: {\"type\": \"weighted\", \"quota\": Q, \"players\": [{\"name\", \"weight\"}]} or "     \
    "{\"type\": \"multiple_weighted\", \"games\": [...]} (a coalition wins in every game). "
#define TU_INPUT                                                                                   \
    "Input: an explicit game ({\"type\": \"explicit\", players, values of all 2^n coalitions}, "   \
    "n <= 25), glove, airport (a cost game) or bankruptcy (estate and claims) games, and "         \
    "weighted games as 0/1 games. "

const cli_solver cli_coop_indices[] = {
    {"shapley_shubik", "weighted and multiple weighted games: Shapley-Shubik index, exact",
     SIMPLE_INPUT "Exact fractions by dynamic programming over weights with big integers "
                  "(pseudo-polynomial); result.shapley_shubik keyed by player name."},
    {"banzhaf", "the same games: Banzhaf index, normalised and absolute, and raw swings",
     SIMPLE_INPUT "result.banzhaf (normalised), result.banzhaf_absolute and result.swings (raw "
                  "counts); 1,000 players with weights up to 1,000 in about a second."},
    {"all", "the same games: shapley_shubik and banzhaf (default); bankruptcy: every rule",
     "The default: both indices of a weighted game, or every rule of a bankruptcy problem."},
    {"deegan_packel", "simple games: Deegan-Packel index (minimal winning coalitions)",
     SIMPLE_INPUT "By enumeration of the minimal winning coalitions (Deegan and Packel 1978)."},
    {"holler_packel", "simple games: Holler-Packel public good index",
     SIMPLE_INPUT "Minimal winning coalitions counted per member (Holler and Packel 1983)."},
    {"johnston", "simple games: Johnston index (vulnerable coalitions)",
     SIMPLE_INPUT "Each swing shared among the critical members of its coalition (Johnston "
                  "1978)."},
    {"coleman", "simple games: Coleman's power to act, to prevent and to initiate",
     SIMPLE_INPUT "Coleman (1971): the share of coalitions that win, and each player's power to "
                  "prevent and to initiate action."},
    {"shapley", "explicit, glove, airport and bankruptcy games: the Shapley value",
     TU_INPUT "The subset formula, exact; airport games in closed form (Littlechild and Owen "
              "1973)."},
    {"proportional", "bankruptcy: awards proportional to the claims",
     "Input: {\"type\": \"bankruptcy\", \"estate\": E, \"claimants\": [{\"name\", "
     "\"claim\"}]}. Awards proportional to the claims, exact."},
    {"cea", "bankruptcy: constrained equal awards",
     "Equal awards, none above its claim (the same input as proportional)."},
    {"cel", "bankruptcy: constrained equal losses",
     "Equal losses, no award below zero (the same input as proportional)."},
    {"talmud", "bankruptcy: the Talmud (contested garment) rule, the nucleolus",
     "Aumann and Maschler (1985): constrained equal awards on half the claims up to half the "
     "estate, then equal losses; with --index nucleolus, talmud_equals_nucleolus is computed."},
    {"core", "every game: whether the core is empty, a point and its extreme points (n <= 8)",
     TU_INPUT "Empty or not (from the least core's epsilon), a point (the nucleolus when it is "
              "in the core) and every extreme point by exact double description, up to 8 "
              "players and 6,000 rays."},
    {"least_core", "every game: the least core's epsilon and a point, exact",
     TU_INPUT "The smallest epsilon with x(S) >= v(S) - epsilon for every coalition, and a "
              "point, by an exact LP (revised simplex on the dual, GMP rationals)."},
    {"nucleolus", "every game: the nucleolus, exact (a sequence of LPs)",
     TU_INPUT "Maschler, Peleg and Shapley's sequence of LPs, each exact; at each stage only "
              "coalitions tight in every optimal solution are fixed. Needs an imputation. A "
              "random 15-player game takes tens of milliseconds."},
    {"prenucleolus", "every game: the pre-nucleolus, exact",
     TU_INPUT "As the nucleolus, without individual rationality."},
    {NULL, NULL, NULL},
};
#define N_INDEX_NAMES (sizeof cli_coop_indices / sizeof cli_coop_indices[0] - 1)
#define N_SIMPLE_NAMES 7
#define FIRST_EXCESS_NAME 12 /* core, least_core, nucleolus, prenucleolus */

/* names[k] = the name of cli_coop_indices[k], as coop_index_bits takes
 * them. */
static void index_names(const char *names[N_INDEX_NAMES])
{
    for (size_t k = 0; k < N_INDEX_NAMES; k++)
        names[k] = cli_coop_indices[k].name;
}

static int parse_places(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end != '\0' || v > MK_POWER_MAX_PLACES)
        return -1;
    *out = (int)v;
    return 0;
}

/* The index list for a simple game: power.h bits and simple_indices.h
 * bits. MK_EPARAM for an index of another kind of game. */
static int simple_bits(coop_args *a, mk_ctx *ctx)
{
    unsigned bits;
    const char *bad;
    size_t bad_len;
    const char *names[N_INDEX_NAMES];
    index_names(names);
    int known = coop_index_bits(a->index, names, N_INDEX_NAMES, &bits, &bad, &bad_len);
    unsigned other = ((1u << FIRST_EXCESS_NAME) - 1) & ~((1u << N_SIMPLE_NAMES) - 1);
    for (size_t k = N_SIMPLE_NAMES; known == 0 && k < FIRST_EXCESS_NAME; k++)
        if (bits & other & (1u << k)) {
            bad = names[k];
            bad_len = strlen(bad);
            known = -1;
        }
    if (known != 0)
        return mk_error(ctx, MK_EPARAM,
                        "--index '%.*s' does not apply to a simple game (expected "
                        "shapley_shubik, banzhaf, all, deegan_packel, holler_packel, johnston, "
                        "coleman, core, least_core, nucleolus or prenucleolus)",
                        (int)bad_len, bad);
    a->excess = bits >> FIRST_EXCESS_NAME;
    a->opt.indices = (bits & 1u ? MK_POWER_SHAPLEY_SHUBIK : 0u) |
                     (bits & 2u ? MK_POWER_BANZHAF : 0u) | (bits & 4u ? MK_POWER_ALL : 0u);
    a->extra = (bits >> 3) & (unsigned)MK_INDEX_ALL;
    return MK_OK;
}

static int parse_choice(coop_args *a)
{
    unsigned bits;
    const char *bad;
    size_t bad_len;
    const char *names[N_INDEX_NAMES];
    index_names(names);
    if (coop_index_bits(a->index, names, N_INDEX_NAMES, &bits, &bad, &bad_len) != 0)
        return cli_usage_error("coop",
                               "unknown index '%.*s' (expected shapley_shubik, banzhaf, all, "
                               "deegan_packel, holler_packel, johnston, coleman, shapley, "
                               "proportional, cea, cel, talmud, core, least_core, nucleolus or "
                               "prenucleolus)",
                               (int)bad_len, bad);
    if (strcmp(a->method, "auto") == 0)
        a->opt.method = MK_POWER_AUTO;
    else if (strcmp(a->method, "dp") == 0)
        a->opt.method = MK_POWER_DP;
    else if (strcmp(a->method, "enumeration") == 0)
        a->opt.method = MK_POWER_ENUMERATE;
    else
        return cli_usage_error("coop", "unknown method '%s' (auto, dp or enumeration)", a->method);
    return CLI_OK;
}

/* Parses argv into a; returns -1 for --help, else an exit status. */
static int parse_args(int argc, char **argv, coop_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int has_value = i + 1 < argc;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
            return -1;
        if (strcmp(arg, "--format") == 0 && has_value) {
            if (cli_parse_format(argv[++i], &a->format) != 0)
                return cli_usage_error("coop", "unknown format '%s' (json or text)", argv[i]);
        } else if (strcmp(arg, "--index") == 0 && has_value) {
            a->index = argv[++i];
        } else if (strcmp(arg, "--method") == 0 && has_value) {
            a->method = argv[++i];
        } else if (strcmp(arg, "--places") == 0 && has_value) {
            if (parse_places(argv[++i], &a->opt.places) != 0)
                return cli_usage_error("coop", "--places takes an integer from 0 to %d",
                                       MK_POWER_MAX_PLACES);
        } else {
            int status = cli_take_file("coop", arg, has_value, &a->path);
            if (status != CLI_ARGS_TAKEN)
                return status;
        }
    }
    if (a->path == NULL)
        return cli_need_file("coop", a->path);
    return parse_choice(a);
}

/* ---- JSON ---- */

/* jansson integers are long long: a count past LLONG_MAX is a string. */
static json_t *big_integer(const char *digits)
{
    errno = 0;
    char *end;
    long long v = strtoll(digits, &end, 10);
    if (errno == 0 && *end == '\0')
        return json_integer((json_int_t)v);
    return json_string(digits);
}

static json_t *by_player(const mk_simple_game *g, char *const *values, int integers)
{
    json_t *o = json_object();
    for (size_t i = 0; i < g->n; i++)
        json_object_set_new(o, g->names[i],
                            integers ? big_integer(values[i]) : json_string(values[i]));
    return o;
}

static json_t *game_json(const mk_simple_game *g)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string(g->n_games == 1 ? "weighted" : "multiple_weighted"));
    if (g->title != NULL)
        json_object_set_new(o, "name", json_string(g->title));
    json_object_set_new(o, "players", json_integer((json_int_t)g->n));
    if (g->n_games == 1) {
        json_object_set_new(o, "quota", json_integer(g->quota[0]));
        json_object_set_new(o, "total_weight", json_integer(g->total[0]));
        return o;
    }
    json_t *quotas = json_array(), *totals = json_array();
    for (size_t k = 0; k < g->n_games; k++) {
        json_array_append_new(quotas, json_integer(g->quota[k]));
        json_array_append_new(totals, json_integer(g->total[k]));
    }
    json_object_set_new(o, "games", json_integer((json_int_t)g->n_games));
    json_object_set_new(o, "quotas", quotas);
    json_object_set_new(o, "total_weights", totals);
    return o;
}

static void vector_json(json_t *r, const char *key, const mk_simple_game *g,
                        const mk_coop_vector *v)
{
    char decimal[64];
    snprintf(decimal, sizeof decimal, "%s_decimal", key);
    json_object_set_new(r, key, by_player(g, v->fraction, 0));
    json_object_set_new(r, decimal, by_player(g, v->decimal, 0));
}

/* The indices of mechkit/simple_indices.h into r. */
static void extra_json(json_t *r, const mk_simple_game *g, const mk_simple_indices *x)
{
    json_object_set_new(r, "coalitions",
                        json_pack("{s:I, s:I, s:I}", "winning", (json_int_t)x->winning,
                                  "minimal_winning", (json_int_t)x->minimal_winning, "vulnerable",
                                  (json_int_t)x->vulnerable));
    if (x->deegan_packel != NULL)
        vector_json(r, "deegan_packel", g, x->deegan_packel);
    if (x->holler_packel != NULL)
        vector_json(r, "holler_packel", g, x->holler_packel);
    if (x->johnston != NULL)
        vector_json(r, "johnston", g, x->johnston);
    if (x->coleman_act != NULL) {
        json_t *c = json_pack("{s:s, s:s}", "power_to_act", x->coleman_act, "power_to_act_decimal",
                              x->coleman_act_decimal);
        vector_json(c, "prevent", g, x->coleman_prevent);
        vector_json(c, "initiate", g, x->coleman_initiate);
        json_object_set_new(r, "coleman", c);
    }
}

static json_t *result_json(const mk_simple_game *g, const mk_power *p, const mk_simple_indices *x)
{
    json_t *r = json_object();
    json_object_set_new(r, "game", game_json(g));
    if (x != NULL)
        extra_json(r, g, x);
    if (p == NULL)
        return r;
    json_object_set_new(r, "method", json_string(mk_power_method_name(p->method)));
    if (p->shapley_shubik != NULL) {
        json_object_set_new(r, "shapley_shubik", by_player(g, p->shapley_shubik, 0));
        json_object_set_new(r, "shapley_shubik_decimal",
                            by_player(g, p->shapley_shubik_decimal, 0));
    }
    if (p->swings != NULL) {
        json_object_set_new(r, "banzhaf", by_player(g, p->banzhaf, 0));
        json_object_set_new(r, "banzhaf_decimal", by_player(g, p->banzhaf_decimal, 0));
        json_object_set_new(r, "banzhaf_absolute", by_player(g, p->banzhaf_absolute, 0));
        json_object_set_new(r, "banzhaf_absolute_decimal",
                            by_player(g, p->banzhaf_absolute_decimal, 0));
        json_object_set_new(r, "swings", by_player(g, p->swings, 1));
        json_object_set_new(r, "total_swings", big_integer(p->total_swings));
    }
    return r;
}

static coop_request request(const coop_args *a, const cli_file *file, const char *sha)
{
    coop_request req = {a->index, a->method, a->opt.places, a->format, file->name, sha};
    return req;
}

/* ---- text ---- */

static size_t widest(char *const *values, size_t n, size_t at_least)
{
    for (size_t i = 0; values != NULL && i < n; i++)
        if (strlen(values[i]) > at_least)
            at_least = strlen(values[i]);
    return at_least;
}

static void weights_text(const mk_simple_game *g, size_t i, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < g->n_games && used < cap; k++)
        used += (size_t)snprintf(buf + used, cap - used, "%s%lld", k > 0 ? "," : "",
                                 (long long)g->weight[k * g->n + i]);
}

static void header_text(const mk_simple_game *g, const mk_power *p)
{
    if (g->title != NULL)
        printf("%s\n", g->title);
    if (g->n_games == 1) {
        printf("weighted voting game: %zu players, quota %lld of %lld\n", g->n,
               (long long)g->quota[0], (long long)g->total[0]);
    } else {
        printf("multiple weighted game: %zu players, %zu games, quotas", g->n, g->n_games);
        for (size_t k = 0; k < g->n_games; k++)
            printf("%s %lld of %lld", k > 0 ? "," : "", (long long)g->quota[k],
                   (long long)g->total[k]);
        printf("\n");
    }
    if (p->method != MK_POWER_AUTO)
        printf("method: %s", mk_power_method_name(p->method));
    if (p->total_swings != NULL)
        printf(", total swings %s", p->total_swings);
    printf("\n\n");
}

/* The indices of mechkit/simple_indices.h as a second table. */
static void extra_text(const mk_simple_game *g, const mk_simple_indices *x)
{
    const char *label[5] = {"deegan_packel", "holler_packel", "johnston", "coleman_prevent",
                            "coleman_initiate"};
    const mk_coop_vector *v[5] = {x->deegan_packel, x->holler_packel, x->johnston,
                                  x->coleman_prevent, x->coleman_initiate};
    printf("\nwinning coalitions %llu, minimal winning %llu, vulnerable %llu\n",
           (unsigned long long)x->winning, (unsigned long long)x->minimal_winning,
           (unsigned long long)x->vulnerable);
    if (x->coleman_act != NULL)
        printf("Coleman's power of the collectivity to act: %s  %s\n", x->coleman_act,
               x->coleman_act_decimal);
    size_t name_w = widest(g->names, g->n, 6), fw[5], dw[5];
    printf("%-*s", (int)name_w, "player");
    for (size_t c = 0; c < 5; c++) {
        if (v[c] == NULL)
            continue;
        fw[c] = widest(v[c]->fraction, g->n, strlen(label[c]));
        dw[c] = widest(v[c]->decimal, g->n, 1);
        printf("  %*s  %*s", (int)fw[c], label[c], (int)dw[c], "");
    }
    printf("\n");
    for (size_t i = 0; i < g->n; i++) {
        printf("%-*s", (int)name_w, g->names[i]);
        for (size_t c = 0; c < 5; c++)
            if (v[c] != NULL)
                printf("  %*s  %*s", (int)fw[c], v[c]->fraction[i], (int)dw[c], v[c]->decimal[i]);
        printf("\n");
    }
}

static int write_text(const mk_simple_game *g, const mk_power *p, const mk_simple_indices *x)
{
    mk_power none = {g->n, MK_POWER_AUTO, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    if (p == NULL)
        p = &none;
    char wbuf[256];
    size_t name_w = widest(g->names, g->n, 6), weight_w = 6;
    for (size_t i = 0; i < g->n; i++) {
        weights_text(g, i, wbuf, sizeof wbuf);
        weight_w = strlen(wbuf) > weight_w ? strlen(wbuf) : weight_w;
    }
    size_t ss_w = widest(p->shapley_shubik, g->n, 14), bz_w = widest(p->banzhaf, g->n, 7);
    size_t dec_w = widest(p->shapley_shubik_decimal, g->n, widest(p->banzhaf_decimal, g->n, 7));
    size_t sw_w = widest(p->swings, g->n, 6);
    header_text(g, p);
    printf("%-*s  %*s", (int)name_w, "player", (int)weight_w, "weight");
    if (p->shapley_shubik != NULL)
        printf("  %*s  %*s", (int)ss_w, "shapley_shubik", (int)dec_w, "");
    if (p->banzhaf != NULL)
        printf("  %*s  %*s  %*s", (int)bz_w, "banzhaf", (int)dec_w, "", (int)sw_w, "swings");
    printf("\n");
    for (size_t i = 0; i < g->n; i++) {
        weights_text(g, i, wbuf, sizeof wbuf);
        printf("%-*s  %*s", (int)name_w, g->names[i], (int)weight_w, wbuf);
        if (p->shapley_shubik != NULL)
            printf("  %*s  %*s", (int)ss_w, p->shapley_shubik[i], (int)dec_w,
                   p->shapley_shubik_decimal[i]);
        if (p->banzhaf != NULL)
            printf("  %*s  %*s  %*s", (int)bz_w, p->banzhaf[i], (int)dec_w, p->banzhaf_decimal[i],
                   (int)sw_w, p->swings[i]);
        printf("\n");
    }
    if (x != NULL)
        extra_text(g, x);
    return 0;
}

/* ---- the command ---- */

/* The core and nucleoli of the simple game as a 0/1 explicit game. */
static int simple_excess(const coop_args *a, const mk_simple_game *g, coop_excess *x, mk_ctx *ctx)
{
    if (x->bits == 0)
        return MK_OK;
    mk_tu_game *tu = NULL;
    int rc = mk_simple_game_to_tu(g, &tu, ctx);
    if (rc == 0)
        rc = coop_excess_compute(x, tu, 0, a->opt.places, ctx);
    x->names = g->names; /* the explicit game's copies go with it */
    mk_tu_game_free(tu);
    return rc;
}

/* A weighted or multiple weighted game: the power indices asked for. */
static int run_simple(coop_args *a, const cli_file *file, const char *sha, mk_ctx *ctx)
{
    mk_simple_game *g = NULL;
    mk_power *p = NULL;
    mk_simple_indices *x = NULL;
    coop_excess ex = {0, -1, 0, 0, NULL, NULL, NULL, NULL, NULL};
    int rc = simple_bits(a, ctx);
    ex.bits = a->excess;
    if (rc == 0)
        rc = mk_simple_game_read_json(&g, file->name, file->data, file->len, ctx);
    if (rc == 0 && a->opt.indices != 0)
        rc = mk_power_compute(g, &a->opt, &p, ctx);
    if (rc == 0 && a->extra != 0)
        rc = mk_simple_indices_compute(g, a->extra, a->opt.places, &x, ctx);
    if (rc == 0)
        rc = simple_excess(a, g, &ex, ctx);
    if (rc == 0) {
        coop_request req = request(a, file, sha);
        int status = 0;
        if (a->format == CLI_FORMAT_JSON) {
            json_t *result = result_json(g, p, x);
            coop_excess_json(&ex, result);
            status = coop_envelope_write(&req, result);
        } else {
            status = write_text(g, p, x);
            coop_excess_text(&ex);
        }
        if (status != 0)
            rc = mk_error(ctx, MK_EIO, "cannot write the output");
    }
    coop_excess_free(&ex);
    mk_simple_indices_free(x);
    mk_power_free(p);
    mk_simple_game_free(g);
    return rc;
}

static int execute(coop_args *a, mk_ctx *ctx)
{
    cli_file file = {0};
    char sha[MK_SHA256_HEX_SIZE];
    mk_coop_kind kind = MK_COOP_WEIGHTED;
    int rc = cli_file_read(a->path, &file, ctx);
    if (rc == 0)
        rc = mk_sha256_hex(file.data, file.len, sha, ctx);
    if (rc == 0)
        rc = mk_coop_json_kind(file.name, file.data, file.len, &kind, ctx);
    if (rc == 0 && (kind == MK_COOP_WEIGHTED || kind == MK_COOP_MULTIPLE_WEIGHTED)) {
        rc = run_simple(a, &file, sha, ctx);
    } else if (rc == 0) {
        coop_request req = request(a, &file, sha);
        rc = coop_run_tu(&req, kind, &file, ctx);
    }
    cli_file_free(&file);
    return rc;
}

int cmd_coop(int argc, char **argv, const mk_registry *reg)
{
    (void)reg; /* games are not mechanisms: nothing to look up */
    coop_args a = {NULL, "all", "auto", CLI_FORMAT_JSON, MK_POWER_OPTIONS_INIT, 0, 0};
    int status = parse_args(argc, argv, &a);
    if (status < 0)
        return help();
    if (status != CLI_OK)
        return status;
    mk_ctx ctx = MK_CTX_INIT;
    return execute(&a, &ctx) == 0 ? cli_flush_stdout() : cli_fail(&ctx);
}
