/* mechkit audit NAME [-p KEY=VALUE]... [options] [FILE|-]: search for
 * profitable lies and check the claimed properties of a mechanism. */
#include <stdlib.h>
#include <string.h>

#include "audit_cli.h"
#include "cli.h"

static int help(void)
{
    printf("usage: mechkit audit NAME [-p KEY=VALUE]... [options] [FILE|-]\n\n"
           "Searches mechanism NAME for participants who gain by misreporting, and checks\n"
           "the properties it claims (DSIC, individual rationality, budget balance).\n"
           "Without FILE it samples profiles of types with the mechanism's distribution\n"
           "(for auctions: -p values=uniform:0:100; amounts are whole units unless\n"
           "-p scale=N). With FILE it audits that one profile: the true values when the\n"
           "file gives them, else the reports taken as types (the output says so).\n\n"
           "For each participant it tries every candidate misreport the mechanism\n"
           "proposes (exhaustive where the mechanism says so, otherwise sampled), the\n"
           "others reporting truthfully, and reports the largest gain over truth-telling\n"
           "with its counterexample. Where the mechanism can split a participant into\n"
           "several identities (multi-unit auctions), it also tries each participant,\n"
           "truthful, as 2 to --max-identities identities (sybils, false names).\n"
           "Coalitions of 2 to --max-coalition participants misreporting at once, each\n"
           "to its truthful report or one of its candidates; found when every member\n"
           "gains (and, with side payments, when the group gains in total). Pairs are\n"
           "searched exhaustively; larger groups (the first %d of each size, grown\n"
           "from the participants of the most profitable pairs) by a seeded local\n"
           "search: from %d starts (truthful, best unilateral lies, random), each pair\n"
           "of members in turn switches to its best joint reports until nothing\n"
           "changes. A member may keep its truthful report (a ring's winner bids its\n"
           "value). The same seed gives the same report whatever --threads is.\n\n"
           "options:\n"
           "  -p KEY=VALUE          a parameter of the mechanism ('mechkit describe NAME')\n"
           "  --seed N              seed of the sampled profiles and searches; default 0\n"
           "  --budget N            profiles to sample; default 1000\n"
           "  --participants N      participants per sampled profile; default 5\n"
           "  --threads N           worker threads, 0 for every core; default 1\n"
           "  --max-deviations N    candidate misreports per participant; default 256\n"
           "  --max-identities N    largest sybil split tried, 0 or 1 for none; default 3\n"
           "  --max-coalition N     largest coalition, 2 to %d; 0 or 1 none; default 2\n"
           "  --save-counterexamples DIR\n"
           "                        write each counterexample's truthful and deviating\n"
           "                        profiles as input files in DIR (e.g. unilateral-lie.csv),\n"
           "                        each replayable with the `mechkit run` command shown\n"
           "  --format json|text    JSON (default) or a readable report\n"
           "  --output FILE         write there (complete or not at all) instead of stdout\n"
           "  --input-format F      csv or json, instead of guessing from the file name\n"
           "  --skip-bad-rows       skip malformed input rows, counted in the output, instead\n"
           "                        of stopping at the first (the funding rules' readers)\n"
           "  --help                this text\n\n"
           "JSON output: {mechkit, command, mechanism, params, seed, input (null when\n"
           "sampled), options, result: {unilateral: {found, max_gain, profiles, profitable,\n"
           "share, share_ci, mean_regret, search, worst}, coalition: {size, found, max_gain,\n"
           "search, by_size: [{size, search, profitable, max_gain, with_side_payments}],\n"
           "worst (members: [{index, label, candidate}], deviating, member_utility),\n"
           "with_side_payments, blocs}, sybil: {found, max_gain,\n"
           "by_identities, worst}, claims: [{claim, holds, counterexample}], revenue}};\n"
           "exact amounts are strings; with --save-counterexamples each worst has replay:\n"
           "{truthful: {file, command}, lie: {file, command}}.\n"
           "exit status: 0 success, 2 bad input or usage, 1 internal failure\n",
           MK_AUDIT_COALITION_GROUPS, MK_AUDIT_COALITION_STARTS, MK_AUDIT_COALITION_MAX);
    return cli_flush_stdout();
}

typedef struct audit_args {
    cli_args common;
    mk_audit_options opts;
    const char *save_dir; /* --save-counterexamples */
} audit_args;

/* One option that takes a count; 1 when arg is not one of them. */
static int parse_count_option(const char *arg, const char *value, mk_audit_options *o)
{
    const cli_count counts[] = {
        {"--seed", 0, UINT64_MAX, &o->seed, NULL},
        {"--budget", 1, 1000000000000ULL, NULL, &o->budget},
        {"--participants", 1, MK_AUDIT_PARTICIPANTS_MAX, NULL, &o->participants},
        {"--threads", 0, MK_AUDIT_THREADS_MAX, NULL, &o->threads},
        {"--max-deviations", 1, MK_AUDIT_DEVIATIONS_MAX, NULL, &o->max_deviations},
        {"--max-identities", 0, MK_AUDIT_IDENTITIES_MAX, NULL, &o->max_identities},
        {"--max-coalition", 0, MK_AUDIT_COALITION_MAX, NULL, &o->max_coalition},
    };
    return cli_count_option("audit", arg, value, counts, sizeof counts / sizeof counts[0]);
}

/* Parses argv into a; returns CLI_ARGS_HELP for --help, else an exit
 * status. */
static int parse_args(int argc, char **argv, audit_args *a)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--save-counterexamples") == 0 && i + 1 < argc) {
            a->save_dir = argv[++i];
            continue;
        }
        int status = i + 1 < argc ? parse_count_option(argv[i], argv[i + 1], &a->opts) : 1;
        if (status == CLI_OK) {
            i++;
            continue;
        }
        if (status == 1)
            status = cli_args_next(&a->common, argc, argv, &i);
        if (status != CLI_ARGS_TAKEN)
            return status;
    }
    return cli_args_check(&a->common, 0);
}

/* The scale of sampled amounts: -p scale=N when the mechanism takes it. */
static int sample_scale(const audit_args *a, int *scale, mk_ctx *ctx)
{
    *scale = 0;
    if (mk_params_spec(&a->common.params, "scale") == NULL ||
        !mk_params_given(&a->common.params, "scale"))
        return MK_OK;
    int64_t v;
    int rc = mk_params_get_int(&a->common.params, "scale", 0, 18, &v, ctx);
    if (rc == 0)
        *scale = (int)v;
    return rc;
}

typedef struct audit_input {
    cli_mechanism_input read;
    mk_profile types; /* a view of the data's types or reports; owns nothing */
} audit_input;

/* Reads FILE; the types to audit are its values, or its reports. */
static int read_input(const mk_mechanism *m, audit_args *a, audit_input *in, audit_view *v,
                      mk_ctx *ctx)
{
    int rc = cli_mechanism_input_read(m, a->common.path, a->common.input_format, &a->common.params,
                                      &in->read, ctx);
    if (rc != 0)
        return rc;
    const mk_dataset *data = &in->read.data;
    int given = data->types.n > 0;
    in->types = given ? data->types : data->reports;
    if (in->types.labels == NULL)
        in->types.labels = (const char *const *)data->labels;
    v->types_source = given ? "given" : "from reports";
    v->input_name = in->read.file.name;
    v->items = (const char *const *)data->items;
    v->n_items = data->n_items;
    v->sha256 = in->read.digest.hex; /* once cli_digest_finish is called (execute) */
    v->scale = data->scale;
    return MK_OK;
}

static int execute(audit_args *a, const mk_registry *reg, mk_ctx *ctx)
{
    const mk_mechanism *m = NULL;
    audit_input in = {{{0}, {0}, MK_DATASET_INIT}, MK_PROFILE_INIT};
    mk_audit_report report = MK_AUDIT_REPORT_INIT;
    audit_view v = {.params = &a->common.params,
                    .opts = &a->opts,
                    .report = &report,
                    .types_source = "sampled"};
    v.seed = a->opts.seed;
    mk_setting setting = MK_SETTING_INIT;
    setting.seed = a->opts.seed;
    int rc = mk_registry_find(reg, a->common.name, &m, ctx);
    v.mech = m;
    if (rc == 0)
        rc = mk_params_bind(&a->common.params, m->params, m->name, ctx);
    if (rc == 0 && a->common.path != NULL) {
        rc = read_input(m, a, &in, &v, ctx);
        setting.scale = in.read.data.scale;
        setting.items = (const char *const *)in.read.data.items;
        setting.n_items = in.read.data.n_items;
        setting.n = in.types.n;
        setting.width = in.types.width;
    } else if (rc == 0) {
        rc = sample_scale(a, &setting.scale, ctx);
        setting.n = a->opts.participants;
        v.scale = setting.scale;
    }
    if (rc == 0)
        rc = mk_audit_run(m, &a->common.params, &setting, a->common.path != NULL ? &in.types : NULL,
                          &a->opts, &report, ctx);
    if (rc == 0 && a->save_dir != NULL)
        rc = audit_save_examples(&v, &setting, a->save_dir, ctx);
    if (rc == 0)
        rc = cli_digest_finish(&in.read.digest, ctx);
    cli_output out = {NULL, NULL, NULL};
    if (rc == 0 && (rc = cli_output_open(a->common.output, &out, ctx)) == 0) {
        int status = a->common.format == CLI_FORMAT_JSON ? audit_write_json(&v, out.stream)
                                                         : audit_write_text(&v, out.stream);
        if (status != 0)
            rc = mk_error(ctx, MK_EIO, "cannot write the output");
        int closed = cli_output_close(&out, rc == 0, ctx);
        if (rc == 0)
            rc = closed;
    }
    audit_saved_free(&v);
    mk_audit_report_free(&report);
    cli_mechanism_input_free(&in.read);
    return rc;
}

int cmd_audit(int argc, char **argv, const mk_registry *reg)
{
    audit_args a = {CLI_ARGS_INIT("audit"), MK_AUDIT_OPTIONS_INIT, NULL};
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
