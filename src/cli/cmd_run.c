/* mechkit run NAME [-p KEY=VALUE]... FILE: run a mechanism on one input. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mechkit/money.h"

static int help(void)
{
    printf("usage: mechkit run NAME [-p KEY=VALUE]... [options] FILE|-\n\n"
           "Runs mechanism NAME on the reports in FILE ('-' reads standard input) and\n"
           "prints the outcome: each participant's allocation and payment, the revenue,\n"
           "and, when the input gives true values, utilities and welfare.\n\n"
           "options:\n"
           "  -p KEY=VALUE          a parameter ('mechkit describe NAME' lists them)\n"
           "  --format json|text    JSON (default) or a readable table\n"
           "  --seed N              seed of every lottery (e.g. -p ties=random); default 0\n"
           "  --input-format F      csv or json, instead of guessing from the file name\n"
           "  --skip-bad-rows       skip malformed input rows, counted in the output, instead\n"
           "                        of stopping at the first (the funding rules' readers)\n"
           "  --output FILE         write there (complete or not at all) instead of stdout\n"
           "  --help                this text\n\n"
           "JSON output: {mechkit, command, mechanism, params, seed, input: {name, sha256},\n"
           "result: {allocation, payments, revenue, ...}}; exact amounts are strings.\n"
           "exit status: 0 success, 2 bad input or usage, 1 internal failure\n");
    return cli_flush_stdout();
}

typedef struct run_args {
    cli_args common;
    uint64_t seed;
} run_args;

/* Parses argv into a; returns CLI_ARGS_HELP for --help, else an exit
 * status. */
static int parse_args(int argc, char **argv, run_args *a)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            if (cli_parse_u64(argv[++i], 0, UINT64_MAX, &a->seed) != 0)
                return cli_usage_error("run", "--seed takes an integer from 0 to 2^64-1");
            continue;
        }
        int status = cli_args_next(&a->common, argc, argv, &i);
        if (status != CLI_ARGS_TAKEN)
            return status;
    }
    return cli_args_check(&a->common, 1);
}

/* Utilities of every participant and their sum plus revenue (welfare). */
static int compute_utilities(const mk_mechanism *m, const mk_instance *inst, const mk_dataset *d,
                             const mk_outcome *o, run_report *r, mk_rational **out, mk_ctx *ctx)
{
    size_t n = d->types.n;
    mk_rational *u = calloc(n > 0 ? n : 1, sizeof *u);
    if (u == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for utilities");
    int rc = mk_outcome_revenue_rational(o, &r->welfare, ctx);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = m->utility(inst, &d->types, i, o, &u[i], ctx);
        if (rc == 0 && mk_rational_add(r->welfare, u[i], &r->welfare) != 0)
            rc = mk_error(ctx, MK_ERANGE, "welfare overflows");
    }
    if (rc != 0) {
        free(u);
        return rc;
    }
    *out = u;
    return MK_OK;
}

static int execute(run_args *args, const mk_registry *reg, mk_ctx *ctx)
{
    cli_args *a = &args->common;
    const mk_mechanism *m;
    cli_mechanism_input in = {{0}, {0}, MK_DATASET_INIT};
    const mk_dataset *data = &in.data;
    mk_instance *inst = NULL;
    mk_outcome outcome = MK_OUTCOME_INIT;
    mk_rational *utility = NULL;
    int rc = mk_registry_find(reg, a->name, &m, ctx);
    if (rc == 0)
        rc = mk_params_bind(&a->params, m->params, m->name, ctx);
    if (rc == 0)
        rc = cli_mechanism_input_read(m, a->path, a->input_format, &a->params, &in, ctx);
    if (rc == 0) {
        mk_setting setting = {data->scale,
                              data->reports.n,
                              data->reports.width,
                              args->seed,
                              (const char *const *)data->items,
                              data->n_items};
        rc = mk_mechanism_prepare(m, &a->params, &setting, &inst, ctx);
    }
    if (rc == 0)
        rc = m->run(inst, &data->reports, &outcome, ctx);
    if (rc == 0)
        rc = cli_digest_finish(&in.digest, ctx);
    run_report r = {m,          inst, &a->params, data, &outcome, in.file.name, in.digest.hex,
                    args->seed, NULL, {0, 1},     0};
    if (rc == 0 && !(m->flags & MK_MECH_COLLECTIVE)) /* collective: not shown */
        rc = mk_outcome_revenue(&outcome, &r.revenue, ctx);
    if (rc == 0 && data->types.n > 0 && m->utility != NULL) {
        rc = compute_utilities(m, inst, data, &outcome, &r, &utility, ctx);
        r.utility = utility;
    }
    cli_output out = {NULL, NULL, NULL};
    if (rc == 0 && (rc = cli_output_open(a->output, &out, ctx)) == 0) {
        rc = a->format == CLI_FORMAT_JSON ? run_write_json(&r, out.stream, ctx)
                                          : run_write_text(&r, out.stream, ctx);
        int closed = cli_output_close(&out, rc == 0, ctx);
        if (rc == 0)
            rc = closed;
    }
    free(utility);
    mk_outcome_free(&outcome);
    if (inst != NULL)
        m->free(inst);
    cli_mechanism_input_free(&in);
    return rc;
}

int cmd_run(int argc, char **argv, const mk_registry *reg)
{
    run_args a = {CLI_ARGS_INIT("run"), 0};
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
