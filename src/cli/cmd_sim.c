/* mechkit sim NAME --agents SPEC [options]: populations of agents playing a
 * mechanism repeatedly, one JSON line (or CSV rows) per round. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kantian_cli.h"
#include "mechkit/sim.h"
#include "sim_plot.h"

static int help(void)
{
    printf("usage: mechkit sim NAME --agents SPEC [-p KEY=VALUE]... [options]\n"
           "       mechkit sim --game FILE --dynamics replicator --mix SHARES [options]\n"
           "       (replicator dynamics of decision procedures: mechkit sim --game x --help)\n\n"
           "Plays mechanism NAME for --rounds rounds. Each round draws every agent's type\n"
           "with the mechanism's distribution (for auctions: -p values=uniform:0:100),\n"
           "lets each agent report according to its kind, runs the mechanism, and prints\n"
           "the reports, the outcome, revenue, welfare (the value of the allocation) and\n"
           "each agent's regret: its best utility among its candidate reports (its own,\n"
           "the truthful one and the mechanism's deviations), the others' reports fixed,\n"
           "minus its utility. Round r draws from the seed's stream r-1, so the same\n"
           "seed gives the same rounds on every machine.\n\n"
           "SPEC: KIND[:COUNT][,KIND[:COUNT]]..., e.g. honest:2,mw:3 (agents 1-2 honest,\n"
           "3-5 mw); COUNT defaults to 1. Or shares of a population of --population N:\n"
           "honest:40%%,mw:60%% (adding up to 100%%; counts by largest remainder). Kinds:\n"
           "  honest         reports truthfully\n"
           "  best_response  (or br) best response to the others' reports of the previous\n"
           "                 round, over its truthful report and the mechanism's\n"
           "                 deviations; truthful in round 1\n"
           "  fictitious     (or fp) fictitious play: the same candidates, best against\n"
           "                 every earlier round's reports of the others, each equally\n"
           "                 likely (its cost grows with the rounds)\n"
           "  mw             multiplicative weights (Hedge) over bid-shading factors k/G,\n"
           "                 k = 1..G (G = --grid, 20: 0.05, 0.10, ..., 1.00): bids factor x\n"
           "                 value (a seller asks cost x (2 - factor)); full-information\n"
           "                 update with the utility of every factor; for mechanisms\n"
           "                 that define shading (every auction)\n"
           "  adversarial    a spoiler: the candidate (as best_response) that minimises\n"
           "                 total welfare against the others' previous reports\n\n"
           "options:\n"
           "  --agents SPEC         the population (required)\n"
           "  --population N        agents, when SPEC gives shares\n"
           "  --rounds N            rounds to play; default 100\n"
           "  --seed N              seed of every round; default 0\n"
           "  -p KEY=VALUE          a parameter of the mechanism ('mechkit describe NAME')\n"
           "  --grid G              mw factors k/G; default 20\n"
           "  --learning-rate X     mw learning rate per money unit of utility; default 0.05\n"
           "  --max-deviations N    candidate reports taken from the mechanism; default 256\n"
           "  --format jsonl|csv    JSON lines (default) or CSV\n"
           "  --plot FILE           also draw the trajectories (revenue and welfare, each\n"
           "                        kind's mean regret, mw agents' mean shading factor)\n"
           "                        into FILE, an .svg or .png, with cairo\n"
           "  --output FILE         write there (complete or not at all) instead of stdout\n"
           "  --help                this text\n\n"
           "JSON lines: first {mechkit, command, mechanism, params, seed, agents, options},\n"
           "then per round {round, types, reports, factor, allocation, payments, utility,\n"
           "regret, revenue, welfare, mean_regret: {KIND: ...}} with one array entry per\n"
           "agent (factor null for agents other than mw); for an election, allocation and\n"
           "payments are null and outcome lists each candidate's allocation (1 for a\n"
           "winner), the CSV leaving both columns empty. CSV: one row per agent and round:\n"
           "round,agent,kind,type,report,factor,allocation,payment,utility,regret,revenue,\n"
           "welfare. Amounts are exact decimal strings (fractions as num/den).\n"
           "exit status: 0 success, 2 bad input or usage (also for a mechanism that defines\n"
           "no types), 1 internal failure\n");
    return cli_flush_stdout();
}

typedef enum sim_format { SIM_JSONL, SIM_CSV } sim_format;

typedef struct sim_args {
    cli_args common;
    const char *agents;
    const char *plot;    /* --plot FILE */
    uint64_t population; /* --population N: agents when SPEC gives shares; 0 none */
    uint64_t rounds;
    sim_format format;
    mk_sim_options opts;
} sim_args;

/* A count option of sim; 1 when arg is not one, else an exit status. */
static int parse_count_option(const char *arg, const char *value, sim_args *a)
{
    const cli_count counts[] = {{"--population", 1, MK_SIM_AGENTS_MAX, &a->population, NULL},
                                {"--rounds", 1, 100000000, &a->rounds, NULL},
                                {"--seed", 0, UINT64_MAX, &a->opts.seed, NULL},
                                {"--grid", 1, MK_SIM_GRID_MAX, NULL, &a->opts.grid},
                                {"--max-deviations", 1, 65536, NULL, &a->opts.max_deviations}};
    return cli_count_option("sim", arg, value, counts, sizeof counts / sizeof counts[0]);
}

/* The options of sim alone; 1 when arg is not one of them. */
static int parse_own_option(const char *arg, const char *value, sim_args *a)
{
    if (strcmp(arg, "--agents") == 0) {
        a->agents = value;
    } else if (strcmp(arg, "--plot") == 0) {
        a->plot = value;
    } else if (strcmp(arg, "--format") == 0) {
        if (strcmp(value, "jsonl") == 0)
            a->format = SIM_JSONL;
        else if (strcmp(value, "csv") == 0)
            a->format = SIM_CSV;
        else
            return cli_usage_error("sim", "unknown format '%s' (jsonl or csv)", value);
    } else if (strcmp(arg, "--learning-rate") == 0) {
        char *end;
        errno = 0;
        double eta = strtod(value, &end);
        if (errno != 0 || end == value || *end != '\0' || !(eta > 0) || !isfinite(eta))
            return cli_usage_error("sim", "--learning-rate takes a number > 0, not '%s'", value);
        a->opts.learning_rate = eta;
    } else {
        return parse_count_option(arg, value, a);
    }
    return CLI_OK;
}

/* Parses argv into a; CLI_ARGS_HELP for --help, else an exit status. */
static int parse_args(int argc, char **argv, sim_args *a)
{
    for (int i = 1; i < argc; i++) {
        if (i + 1 < argc) {
            int status = parse_own_option(argv[i], argv[i + 1], a);
            if (status != 1) {
                if (status != CLI_OK)
                    return status;
                i++;
                continue;
            }
        }
        int status = cli_args_next(&a->common, argc, argv, &i);
        if (status != CLI_ARGS_TAKEN)
            return status;
    }
    int status = cli_args_check(&a->common, 0);
    if (status != CLI_OK)
        return status;
    if (a->common.path != NULL)
        return cli_usage_error("sim", "unexpected argument '%s' (sim reads no file)",
                               a->common.path);
    if (a->common.input_format != NULL)
        return cli_usage_error("sim", "--input-format: sim reads no file");
    if (a->agents == NULL)
        return cli_usage_error("sim", "which agents? (e.g. --agents honest:2,mw:3)");
    return CLI_OK;
}

/* The scale of sampled amounts: -p scale=N when the mechanism takes it. */
static int sample_scale(const mk_params *p, int *scale, mk_ctx *ctx)
{
    *scale = 0;
    if (mk_params_spec(p, "scale") == NULL || !mk_params_given(p, "scale"))
        return MK_OK;
    int64_t v;
    int rc = mk_params_get_int(p, "scale", 0, 18, &v, ctx);
    if (rc == 0)
        *scale = (int)v;
    return rc;
}

/* Row i of p as text: the mechanism's format_report, else its cells. */
static const char *row_text(const mk_mechanism *m, const mk_instance *inst, const mk_profile *p,
                            size_t i, char *buf, size_t cap)
{
    if (m->format_report != NULL) {
        m->format_report(inst, p, i, buf, cap);
        return buf;
    }
    size_t used = 0;
    buf[0] = '\0';
    for (size_t c = 0; c < p->width && used < cap; c++)
        used += (size_t)snprintf(buf + used, cap - used, "%s%lld", c > 0 ? "/" : "",
                                 (long long)mk_profile_row(p, i)[c]);
    return buf;
}

static json_t *factor_json(const mk_sim_round *r, size_t i)
{
    mk_rational f;
    if (r->factor[i] == 0 || mk_rational_make((int64_t)r->factor[i], (int64_t)r->grid, &f) != 0)
        return json_null();
    return cli_json_rational(f, 0);
}

/* Writes one JSON document on one line; MK_EIO on failure. */
static int put_line(json_t *doc, FILE *out, mk_ctx *ctx)
{
    int bad = doc == NULL || json_dumpf(doc, out, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0 ||
              fputc('\n', out) == EOF;
    json_decref(doc);
    return bad ? mk_error(ctx, MK_EIO, "cannot write the output") : MK_OK;
}

static int write_header(const sim_args *a, const mk_mechanism *m, const mk_sim_kind *kinds,
                        size_t n, FILE *out, mk_ctx *ctx)
{
    if (a->format == SIM_CSV)
        return fputs("round,agent,kind,type,report,factor,allocation,payment,utility,regret,"
                     "revenue,welfare\n",
                     out) == EOF
                   ? mk_error(ctx, MK_EIO, "cannot write the output")
                   : MK_OK;
    json_t *doc = json_object(), *agents = json_array(), *opts = json_object();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(agents, json_string(mk_sim_kind_name(kinds[i])));
    json_object_set_new(opts, "rounds", json_integer((json_int_t)a->rounds));
    json_object_set_new(opts, "grid", json_integer((json_int_t)a->opts.grid));
    char eta[32];
    snprintf(eta, sizeof eta, "%.10g", a->opts.learning_rate);
    json_object_set_new(opts, "learning_rate", json_string(eta));
    json_object_set_new(opts, "max_deviations", json_integer((json_int_t)a->opts.max_deviations));
    json_object_set_new(doc, "mechkit", json_string(MECHKIT_VERSION));
    json_object_set_new(doc, "command", json_string("sim"));
    json_object_set_new(doc, "mechanism", json_string(m->name));
    json_object_set_new(doc, "params", cli_json_params(&a->common.params));
    json_object_set_new(doc, "seed", json_integer((json_int_t)a->opts.seed));
    json_object_set_new(doc, "agents", agents);
    json_object_set_new(doc, "options", opts);
    return put_line(doc, out, ctx);
}

/* Mean regret of each kind present, exactly. */
static json_t *mean_regret_json(const mk_sim_round *r, int places)
{
    json_t *out = json_object();
    for (int k = 0; k < MK_SIM_KINDS; k++) {
        mk_rational sum = {0, 1}, mean;
        int64_t count = 0;
        int ok = 1;
        for (size_t i = 0; i < r->n; i++)
            if (r->kinds[i] == (mk_sim_kind)k) {
                ok &= mk_rational_add(sum, r->regret[i], &sum) == 0;
                count++;
            }
        if (count == 0)
            continue;
        ok &= mk_rational_mul(sum, (mk_rational){1, count}, &mean) == 0;
        json_object_set_new(out, mk_sim_kind_name((mk_sim_kind)k),
                            ok ? cli_json_rational(mean, places) : json_string("overflow"));
    }
    return out;
}

static int write_round_json(const mk_mechanism *m, const mk_instance *inst, const mk_sim_round *r,
                            FILE *out, mk_ctx *ctx)
{
    const mk_outcome *o = r->outcome;
    int places = o->payment_scale;
    char buf[256];
    json_t *doc = json_object();
    json_t *types = json_array(), *reports = json_array(), *factor = json_array();
    json_t *alloc = json_array(), *pay = json_array(), *util = json_array(), *reg = json_array();
    int by_item = (m->flags & MK_MECH_ITEM_OUTCOME) != 0; /* an election: rows are candidates */
    for (size_t i = 0; i < r->n; i++) {
        json_array_append_new(types, json_string(row_text(m, inst, r->types, i, buf, sizeof buf)));
        json_array_append_new(reports,
                              json_string(row_text(m, inst, r->reports, i, buf, sizeof buf)));
        json_array_append_new(factor, factor_json(r, i));
        mk_rational p = {0, 1};
        if (!by_item && mk_rational_from_money(o->payment[i], o->payment_scale, &p) != 0)
            p = (mk_rational){0, 1};
        json_array_append_new(alloc, by_item ? json_null() : json_integer(o->allocation[i]));
        json_array_append_new(pay, by_item ? json_null() : cli_json_rational(p, places));
        json_array_append_new(util, cli_json_rational(r->utility[i], places));
        json_array_append_new(reg, cli_json_rational(r->regret[i], places));
    }
    json_object_set_new(doc, "round", json_integer((json_int_t)r->round + 1));
    json_object_set_new(doc, "types", types);
    json_object_set_new(doc, "reports", reports);
    json_object_set_new(doc, "factor", factor);
    json_object_set_new(doc, "allocation", alloc);
    json_object_set_new(doc, "payments", pay);
    if (by_item) {
        json_t *outcome = json_array();
        for (size_t j = 0; j < o->n; j++)
            json_array_append_new(outcome, json_integer(o->allocation[j]));
        json_object_set_new(doc, "outcome", outcome);
    }
    json_object_set_new(doc, "utility", util);
    json_object_set_new(doc, "regret", reg);
    json_object_set_new(doc, "revenue", cli_json_rational(r->revenue, places));
    json_object_set_new(doc, "welfare", cli_json_rational(r->welfare, places));
    json_object_set_new(doc, "mean_regret", mean_regret_json(r, places));
    return put_line(doc, out, ctx);
}

/* A CSV field (RFC 4180): quoted when it holds a comma, quote or newline. */
static int csv_field(FILE *out, const char *s, int last)
{
    int rc = 0;
    if (strpbrk(s, ",\"\r\n") != NULL) {
        rc |= fputc('"', out) == EOF;
        for (; *s != '\0'; s++)
            rc |= (*s == '"' && fputc('"', out) == EOF) || fputc(*s, out) == EOF;
        rc |= fputc('"', out) == EOF;
    } else {
        rc |= fputs(s, out) == EOF;
    }
    return rc | (fputc(last ? '\n' : ',', out) == EOF);
}

static int write_round_csv(const mk_mechanism *m, const mk_instance *inst, const mk_sim_round *r,
                           FILE *out, mk_ctx *ctx)
{
    const mk_outcome *o = r->outcome;
    int places = o->payment_scale, bad = 0;
    char type[256], report[256], num[4][MK_RATIONAL_FORMAT_MAX], revenue[MK_RATIONAL_FORMAT_MAX],
        welfare[MK_RATIONAL_FORMAT_MAX];
    mk_rational_format(r->revenue, places, revenue);
    mk_rational_format(r->welfare, places, welfare);
    int by_item = (m->flags & MK_MECH_ITEM_OUTCOME) != 0; /* an election: rows are candidates */
    for (size_t i = 0; i < r->n && !bad; i++) {
        mk_rational p = {0, 1}, f = {0, 1};
        if (!by_item && mk_rational_from_money(o->payment[i], o->payment_scale, &p) != 0)
            p = (mk_rational){0, 1};
        int has_factor =
            r->factor[i] > 0 && mk_rational_make((int64_t)r->factor[i], (int64_t)r->grid, &f) == 0;
        bad |= fprintf(out, "%llu,%zu,", (unsigned long long)r->round + 1, i + 1) < 0;
        bad |= csv_field(out, mk_sim_kind_name(r->kinds[i]), 0);
        bad |= csv_field(out, row_text(m, inst, r->types, i, type, sizeof type), 0);
        bad |= csv_field(out, row_text(m, inst, r->reports, i, report, sizeof report), 0);
        bad |= csv_field(out, has_factor ? mk_rational_format(f, 0, num[0]) : "", 0);
        if (by_item)
            bad |= fputs(",,", out) == EOF;
        else
            bad |= fprintf(out, "%lld,", (long long)o->allocation[i]) < 0 ||
                   csv_field(out, mk_rational_format(p, places, num[1]), 0);
        bad |= csv_field(out, mk_rational_format(r->utility[i], places, num[2]), 0);
        bad |= csv_field(out, mk_rational_format(r->regret[i], places, num[3]), 0);
        bad |= csv_field(out, revenue, 0);
        bad |= csv_field(out, welfare, 1);
    }
    return bad ? mk_error(ctx, MK_EIO, "cannot write the output") : MK_OK;
}

/* Plays every round, writing each as it is played (and adding it to plot
 * when not NULL). */
static int play(const sim_args *a, const mk_mechanism *m, mk_sim *sim, sim_plot *plot, FILE *out,
                mk_ctx *ctx)
{
    int rc = MK_OK;
    for (uint64_t t = 0; t < a->rounds && rc == 0; t++) {
        rc = mk_sim_step(sim, ctx);
        if (rc != 0)
            break;
        const mk_sim_round *r = mk_sim_last(sim);
        if (plot != NULL)
            sim_plot_add(plot, r);
        rc = a->format == SIM_CSV ? write_round_csv(m, mk_sim_instance(sim), r, out, ctx)
                                  : write_round_json(m, mk_sim_instance(sim), r, out, ctx);
    }
    return rc;
}

static int execute(sim_args *a, const mk_registry *reg, mk_ctx *ctx)
{
    const mk_mechanism *m = NULL;
    mk_sim_kind *kinds = NULL;
    size_t n = 0;
    mk_sim *sim = NULL;
    sim_plot *plot = NULL;
    mk_setting setting = MK_SETTING_INIT;
    setting.seed = a->opts.seed;
    int rc = mk_registry_find(reg, a->common.name, &m, ctx);
    if (rc == 0)
        rc = mk_params_bind(&a->common.params, m->params, m->name, ctx);
    if (rc == 0 && a->plot != NULL)
        rc = sim_plot_new(&plot, a->plot, (size_t)a->rounds, ctx);
    if (rc == 0)
        rc = mk_sim_agents_parse(a->agents, (size_t)a->population, &kinds, &n, ctx);
    if (rc == 0)
        rc = sample_scale(&a->common.params, &setting.scale, ctx);
    if (rc == 0)
        rc = mk_sim_new(&sim, m, &a->common.params, &setting, kinds, n, &a->opts, ctx);
    cli_output out = {NULL, NULL, NULL};
    if (rc == 0 && (rc = cli_output_open(a->common.output, &out, ctx)) == 0) {
        rc = write_header(a, m, kinds, n, out.stream, ctx);
        if (rc == 0)
            rc = play(a, m, sim, plot, out.stream, ctx);
        int closed = cli_output_close(&out, rc == 0, ctx);
        if (rc == 0)
            rc = closed;
    }
    if (rc == 0 && plot != NULL)
        rc = sim_plot_write(plot, m->name, ctx);
    sim_plot_free(plot);
    mk_sim_free(sim);
    free(kinds);
    return rc;
}

int cmd_sim(int argc, char **argv, const mk_registry *reg)
{
    /* A population of decision procedures playing a game (sim_game.c). */
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--game") == 0)
            return cli_sim_game(argc, argv);
    sim_args a = {CLI_ARGS_INIT("sim"), NULL, NULL, 0, 100, SIM_JSONL, MK_SIM_OPTIONS_INIT};
    int status = parse_args(argc, argv, &a);
    if (status == CLI_ARGS_HELP)
        status = help();
    else if (status == CLI_OK) {
        mk_ctx ctx = MK_CTX_INIT;
        status = execute(&a, reg, &ctx) == 0 ? CLI_OK : cli_fail(&ctx);
    }
    mk_params_free(&a.common.params);
    return status;
}
