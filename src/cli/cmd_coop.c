/* mechkit coop [--index I] [--format json|text] FILE: power indices of a
 * simple game (a weighted or multiple weighted voting game). */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mechkit/coop.h"
#include "mechkit/hash.h"
#include "mechkit/power.h"

static int help(void)
{
    printf(
        "usage: mechkit coop [options] FILE|-\n\n"
        "Exact power indices of a simple game read from FILE ('-' reads standard input):\n"
        "a weighted voting game {\"type\": \"weighted\", \"quota\": Q, \"players\": [{\"name\",\n"
        "\"weight\"}, ...]} or a multiple weighted game {\"type\": \"multiple_weighted\",\n"
        "\"games\": [...]} (a coalition wins when it wins every game).\n\n"
        "options:\n"
        "  --index I             shapley_shubik, banzhaf or all (default all)\n"
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
        "exit status: 0 success, 2 bad input or usage, 1 internal failure\n",
        MK_POWER_DP_MAX_BYTES >> 20, MK_POWER_ENUMERATE_MAX_PLAYERS);
    return cli_flush_stdout();
}

typedef struct coop_args {
    const char *path, *index, *method;
    cli_format format;
    mk_power_options opt;
} coop_args;

static int parse_places(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end != '\0' || v > MK_POWER_MAX_PLACES)
        return -1;
    *out = (int)v;
    return 0;
}

static int parse_choice(coop_args *a)
{
    if (strcmp(a->index, "all") == 0)
        a->opt.indices = MK_POWER_ALL;
    else if (strcmp(a->index, "shapley_shubik") == 0)
        a->opt.indices = MK_POWER_SHAPLEY_SHUBIK;
    else if (strcmp(a->index, "banzhaf") == 0)
        a->opt.indices = MK_POWER_BANZHAF;
    else
        return cli_usage_error("coop",
                               "unknown index '%s' (this version computes shapley_shubik, "
                               "banzhaf or all)",
                               a->index);
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
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return cli_usage_error("coop", "unknown option '%s'%s", arg,
                                   has_value ? "" : " (or its value is missing)");
        } else if (a->path == NULL) {
            a->path = arg;
        } else {
            return cli_usage_error("coop", "unexpected argument '%s'", arg);
        }
    }
    if (a->path == NULL)
        return cli_usage_error("coop", "no input file (give a file name, or - for stdin)");
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

static json_t *result_json(const mk_simple_game *g, const mk_power *p)
{
    json_t *r = json_object();
    json_object_set_new(r, "game", game_json(g));
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

static int write_json(const coop_args *a, const mk_simple_game *g, const mk_power *p,
                      const char *input, const char *sha)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "mechkit", json_string(MECHKIT_VERSION));
    json_object_set_new(doc, "command", json_string("coop"));
    json_object_set_new(doc, "params",
                        json_pack("{s:s, s:s, s:i}", "index", a->index, "method", a->method,
                                  "places", a->opt.places));
    json_object_set_new(doc, "input", json_pack("{s:s, s:s}", "name", input, "sha256", sha));
    json_object_set_new(doc, "result", result_json(g, p));
    int rc = json_dumpf(doc, stdout, JSON_INDENT(2));
    json_decref(doc);
    return rc != 0 || fputc('\n', stdout) == EOF ? -1 : 0;
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
    printf("method: %s", mk_power_method_name(p->method));
    if (p->total_swings != NULL)
        printf(", total swings %s", p->total_swings);
    printf("\n\n");
}

static int write_text(const mk_simple_game *g, const mk_power *p)
{
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
    return 0;
}

/* ---- the command ---- */

static int execute(const coop_args *a, mk_ctx *ctx)
{
    cli_file file = {0};
    mk_simple_game *g = NULL;
    mk_power *p = NULL;
    char sha[MK_SHA256_HEX_SIZE];
    int rc = cli_file_read(a->path, &file, ctx);
    if (rc == 0)
        rc = mk_sha256_hex(file.data, file.len, sha, ctx);
    if (rc == 0)
        rc = mk_simple_game_read_json(&g, file.name, file.data, file.len, ctx);
    if (rc == 0)
        rc = mk_power_compute(g, &a->opt, &p, ctx);
    if (rc == 0) {
        int status =
            a->format == CLI_FORMAT_JSON ? write_json(a, g, p, file.name, sha) : write_text(g, p);
        if (status != 0)
            rc = mk_error(ctx, MK_EIO, "cannot write the output");
    }
    mk_power_free(p);
    mk_simple_game_free(g);
    cli_file_free(&file);
    return rc;
}

int cmd_coop(int argc, char **argv, const mk_registry *reg)
{
    (void)reg; /* games are not mechanisms: nothing to look up */
    coop_args a = {NULL, "all", "auto", CLI_FORMAT_JSON, MK_POWER_OPTIONS_INIT};
    int status = parse_args(argc, argv, &a);
    if (status < 0)
        return help();
    if (status != CLI_OK)
        return status;
    mk_ctx ctx = MK_CTX_INIT;
    return execute(&a, &ctx) == 0 ? cli_flush_stdout() : cli_fail(&ctx);
}
