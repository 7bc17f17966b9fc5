/* mechkit sim --game FILE --dynamics replicator: a population of decision
 * procedures (the metagame's strategies) evolving by replicator dynamics. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "io/number_text.h"
#include "kantian_cli.h"

static int help(void)
{
    printf("usage: mechkit sim --game FILE --dynamics replicator --mix SHARES [options]\n\n"
           "A population plays the metagame of the symmetric two-player game in FILE\n"
           "(Gambit .nfg or compact symmetric JSON): each member follows a decision\n"
           "procedure (nash, kantian or a fixed strategy; see mechkit solve --method\n"
           "metagame), and the shares of the procedures evolve by discrete-time\n"
           "replicator dynamics: each step, share_a <- share_a w_a / (mean fitness), w_a\n"
           "the expected payoff of procedure a against the population shifted so that\n"
           "the least payoff of the metagame is 1. Shares are exact integers out of\n"
           "10^12 (largest-remainder rounding each step, so they always sum to 1 and\n"
           "every machine prints the same bytes). The run stops after --rounds steps or\n"
           "at a rest point (no share changes).\n\n"
           "options:\n"
           "  --game FILE           the base game (required)\n"
           "  --dynamics replicator the dynamics (replicator is the only one)\n"
           "  --procedures LIST     comma-separated procedures; default nash,kantian\n"
           "  --mix SHARES          starting shares in the order of --procedures,\n"
           "                        comma-separated exact numbers summing to 1\n"
           "                        (0.9,0.1 or 1/3,2/3), or by name\n"
           "                        (nash=0.9,kantian=0.1); required\n"
           "  --rounds N            most steps; default 1000\n"
           "  --every K             record every K-th step; default 10\n"
           "  --format jsonl|csv    JSON lines (default) or CSV step,procedure,share\n"
           "  --help                this text\n\n"
           "JSON lines: first {mechkit, command, dynamics, input, procedures, payoffs,\n"
           "start}, payoffs[a][b] the metagame payoff of a against b; then {step, mix} per\n"
           "recorded step; last {final, steps, rest_point}.\n"
           "exit status: 0 success, 2 bad input or usage, 1 internal failure\n");
    return cli_flush_stdout();
}

typedef struct game_args {
    const char *path, *procedures, *mix;
    uint64_t rounds, every;
    int csv;
} game_args;

static int parse_args(int argc, char **argv, game_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
            return -1;
        if (value == NULL)
            return cli_usage_error("sim", "%s needs a value", arg);
        i++;
        if (strcmp(arg, "--game") == 0)
            a->path = value;
        else if (strcmp(arg, "--procedures") == 0)
            a->procedures = value;
        else if (strcmp(arg, "--mix") == 0)
            a->mix = value;
        else if (strcmp(arg, "--dynamics") == 0) {
            if (strcmp(value, "replicator") != 0)
                return cli_usage_error("sim", "unknown dynamics '%s' (replicator)", value);
        } else if (strcmp(arg, "--rounds") == 0) {
            if (cli_parse_u64(value, 1, 100000000, &a->rounds) != 0)
                return cli_usage_error("sim", "--rounds is a count from 1 to 100000000");
        } else if (strcmp(arg, "--every") == 0) {
            if (cli_parse_u64(value, 1, 100000000, &a->every) != 0)
                return cli_usage_error("sim", "--every is a count from 1 to 100000000");
        } else if (strcmp(arg, "--format") == 0) {
            if (strcmp(value, "jsonl") != 0 && strcmp(value, "csv") != 0)
                return cli_usage_error("sim", "unknown format '%s' (jsonl or csv)", value);
            a->csv = strcmp(value, "csv") == 0;
        } else {
            return cli_usage_error("sim", "unknown option '%s' with --game", arg);
        }
    }
    if (a->mix == NULL)
        return cli_usage_error("sim", "--mix is required with --game (e.g. --mix 0.5,0.5)");
    return CLI_OK;
}

/* The share of procedure a: the list's a-th item, or with NAME=SHARE
 * items the one whose NAME is procedure a's. */
static int parse_mix(const char *list, const mk_game *meta, mk_rational *out, mk_ctx *ctx)
{
    size_t n = meta->n_strategies[0], count = 0;
    int named = strchr(list, '=') != NULL;
    char word[128];
    for (size_t a = 0; a < n; a++)
        out[a] = (mk_rational){-1, 1}; /* not given yet */
    for (const char *p = list;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (len >= sizeof word)
            return mk_error(ctx, MK_EPARAM, "--mix: item %zu is too long", count + 1);
        memcpy(word, p, len);
        word[len] = '\0';
        const char *number = word;
        size_t a = count;
        if (named) {
            char *eq = strchr(word, '=');
            if (eq == NULL)
                return mk_error(ctx, MK_EPARAM, "--mix: '%s' is not NAME=SHARE", word);
            *eq = '\0';
            number = eq + 1;
            for (a = 0; a < n && strcmp(mk_game_strategy_name(meta, 0, a), word) != 0; a++)
                ;
            if (a == n)
                return mk_error(ctx, MK_EPARAM, "--mix: '%s' is not one of the procedures", word);
            if (out[a].num >= 0)
                return mk_error(ctx, MK_EPARAM, "--mix: '%s' is given twice", word);
        } else if (a == n) {
            return mk_error(ctx, MK_EPARAM, "--mix: more shares than the %zu procedures", n);
        }
        int rc = mk_number_text_parse(number, &out[a]);
        if (rc != 0 || out[a].num < 0)
            return mk_error(ctx, MK_EPARAM,
                            "--mix: share %zu '%s' is not a number from 0 to 1 (0.25, 1/4)",
                            count + 1, number);
        count++;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    for (size_t a = 0; a < n; a++)
        if (out[a].num < 0)
            return mk_error(ctx, MK_EPARAM, "--mix: %zu shares for %zu procedures", count, n);
    return 0;
}

static json_t *mix_json(const mk_replicator_path *p, size_t r)
{
    json_t *list = json_array();
    for (size_t a = 0; a < p->k; a++) {
        char buf[32];
        long long v = p->mix[r * p->k + a];
        snprintf(buf, sizeof buf, "%lld.%012lld", v / MK_REPLICATOR_UNITS, v % MK_REPLICATOR_UNITS);
        json_array_append_new(list, json_string(buf));
    }
    return list;
}

static int print_line(json_t *doc)
{
    int rc = json_dumpf(doc, stdout, JSON_COMPACT);
    json_decref(doc);
    return rc != 0 || fputc('\n', stdout) == EOF ? -1 : 0;
}

static int write_jsonl(const kantian_input *in, const mk_metagame *m, const mk_replicator_path *p)
{
    json_t *procs = json_array(), *payoffs = json_array();
    char buf[MK_RATIONAL_FORMAT_MAX];
    for (size_t a = 0; a < m->n; a++) {
        json_array_append_new(procs, json_string(mk_game_strategy_name(m->game, 0, a)));
        json_t *row = json_array();
        for (size_t c = 0; c < m->n; c++) {
            mk_rational v = mk_game_payoff(m->game, a + c * m->n, 0);
            if (v.den == 1)
                snprintf(buf, sizeof buf, "%lld", (long long)v.num);
            else
                snprintf(buf, sizeof buf, "%lld/%lld", (long long)v.num, (long long)v.den);
            json_array_append_new(row, json_string(buf));
        }
        json_array_append_new(payoffs, row);
    }
    int rc = print_line(json_pack(
        "{s:s, s:s, s:s, s:{s:s, s:s}, s:o, s:o, s:o}", "mechkit", MECHKIT_VERSION, "command",
        "sim", "dynamics", "replicator", "input", "name", in->file.name, "sha256", in->sha256,
        "procedures", procs, "payoffs", payoffs, "start", mix_json(p, 0)));
    for (size_t r = 1; rc == 0 && r < p->n; r++)
        rc = print_line(
            json_pack("{s:I, s:o}", "step", (json_int_t)p->step[r], "mix", mix_json(p, r)));
    if (rc == 0)
        rc = print_line(json_pack("{s:o, s:I, s:b}", "final", mix_json(p, p->n - 1), "steps",
                                  (json_int_t)p->steps, "rest_point", p->rest));
    return rc;
}

static int write_csv(const mk_metagame *m, const mk_replicator_path *p)
{
    printf("step,procedure,share\n");
    for (size_t r = 0; r < p->n; r++)
        for (size_t a = 0; a < p->k; a++) {
            long long v = p->mix[r * p->k + a];
            printf("%zu,%s,%lld.%012lld\n", p->step[r], mk_game_strategy_name(m->game, 0, a),
                   v / MK_REPLICATOR_UNITS, v % MK_REPLICATOR_UNITS);
        }
    return ferror(stdout) ? -1 : 0;
}

static int run(const game_args *a, mk_ctx *ctx)
{
    kantian_input in;
    mk_procedure proc[MK_METAGAME_MAX_PROCEDURES];
    mk_rational start[MK_METAGAME_MAX_PROCEDURES];
    size_t n = 0;
    mk_metagame m = MK_METAGAME_INIT;
    mk_replicator_path p = MK_REPLICATOR_PATH_INIT;
    int rc = kantian_input_read(a->path, 1, &in, ctx);
    if (rc == 0)
        rc = kantian_procedures_parse(a->procedures, in.sym, proc, &n, ctx);
    if (rc == 0)
        rc = mk_metagame_build(in.sym, proc, n, &m, ctx);
    if (rc == 0)
        rc = parse_mix(a->mix, m.game, start, ctx);
    if (rc == 0)
        rc = mk_game_replicator(m.game, start, (size_t)a->rounds, (size_t)a->every, &p, ctx);
    if (rc == 0 && (a->csv ? write_csv(&m, &p) : write_jsonl(&in, &m, &p)) != 0)
        rc = mk_error(ctx, MK_EIO, "cannot write the output");
    mk_replicator_path_free(&p);
    mk_metagame_free(&m);
    kantian_input_free(&in);
    return rc;
}

int cli_sim_game(int argc, char **argv)
{
    game_args a = {NULL, "nash,kantian", NULL, 1000, 10, 0};
    int status = parse_args(argc, argv, &a);
    if (status < 0)
        return help();
    if (status != CLI_OK)
        return status;
    if (a.path == NULL)
        return cli_usage_error("sim", "--game needs a file");
    mk_ctx ctx = MK_CTX_INIT;
    return run(&a, &ctx) == 0 ? cli_flush_stdout() : cli_fail(&ctx);
}
