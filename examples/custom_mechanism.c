/*
 * A mechanism written outside mechkit, registered beside the built-in
 * ones and audited by the same code: a posted price, where every bidder
 * whose bid reaches the price buys one unit at that price (unlimited
 * supply). Because the price does not depend on the bid, truth-telling is
 * dominant, and the audit finds no profitable lie; the deliberately broken
 * variant below charges the bid instead, and the audit refutes its claim.
 *
 *   cc custom_mechanism.c $(pkg-config --cflags --libs mechkit) -o custom_mechanism
 */
#include <stdio.h>
#include <stdlib.h>

#include <mechkit/mechkit.h>

typedef struct posted_price {
    int scale;
    int64_t price;
    int pay_bid; /* the broken variant: pay your bid */
} posted_price;

static const mk_param_spec posted_params[] = {
    {"price", MK_PARAM_MONEY, "50", NULL, "the posted price"},
    {NULL, 0, NULL, NULL, NULL},
};

static int read_bids(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx)
{
    (void)params;
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    return mk_bids_read(in, &opt, out, ctx);
}

static int prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   int pay_bid, mk_ctx *ctx)
{
    posted_price *p = calloc(1, sizeof *p);
    if (p == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    p->scale = setting->scale;
    p->pay_bid = pay_bid;
    int rc = mk_params_get_money(params, "price", setting->scale, &p->price, ctx);
    if (rc != 0) {
        free(p);
        return rc;
    }
    *out = (mk_instance *)p;
    return MK_OK;
}

static int prepare_honest(mk_instance **out, const mk_params *params, const mk_setting *setting,
                          mk_ctx *ctx)
{
    return prepare(out, params, setting, 0, ctx);
}

static int prepare_broken(mk_instance **out, const mk_params *params, const mk_setting *setting,
                          mk_ctx *ctx)
{
    return prepare(out, params, setting, 1, ctx);
}

static int run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    const posted_price *p = (const posted_price *)inst;
    int rc = mk_outcome_reset(out, reports->n, p->scale, ctx);
    for (size_t i = 0; rc == 0 && i < reports->n; i++) {
        int64_t bid = mk_profile_row(reports, i)[MK_BID_FIRST];
        if (bid >= p->price) {
            out->allocation[i] = 1;
            out->payment[i] = p->pay_bid ? bid : p->price;
        }
    }
    return rc;
}

static int utility(const mk_instance *inst, const mk_profile *types, size_t who,
                   const mk_outcome *o, mk_rational *u, mk_ctx *ctx)
{
    const posted_price *p = (const posted_price *)inst;
    int64_t value = o->allocation[who] ? mk_profile_row(types, who)[MK_BID_FIRST] : 0;
    int64_t den;
    if (mk_pow10(p->scale, &den) != 0 || mk_rational_make(value - o->payment[who], den, u) != 0)
        return mk_error(ctx, MK_ERANGE, "utility overflows");
    return MK_OK;
}

static int truthful(const mk_instance *inst, const mk_profile *types, mk_profile *reports,
                    mk_ctx *ctx)
{
    (void)inst;
    return mk_profile_copy(reports, types, ctx);
}

/* Values uniform on 0..100 whole units. */
static int sample(const mk_instance *inst, mk_rng *rng, size_t n, mk_profile *types, mk_ctx *ctx)
{
    const posted_price *p = (const posted_price *)inst;
    int64_t unit;
    int rc = mk_pow10(p->scale, &unit);
    if (rc == 0)
        rc = mk_profile_resize(types, n, MK_BID_FIRST + 1, ctx);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        int64_t *row = mk_profile_row(types, i);
        row[MK_BID_SIDE] = MK_SIDE_BUY;
        row[MK_BID_QUALITY] = MK_QUALITY_ONE;
        row[MK_BID_FIRST] = mk_rng_range(rng, 0, 100) * unit;
    }
    return rc;
}

/* The bids that matter: nothing, just under and at the price, the value. */
static int deviations(const mk_instance *inst, const mk_profile *types, size_t who, mk_rng *rng,
                      mk_deviation_set *out, mk_ctx *ctx)
{
    (void)rng;
    (void)ctx;
    const posted_price *p = (const posted_price *)inst;
    const int64_t value = mk_profile_row(types, who)[MK_BID_FIRST];
    const int64_t bids[] = {0, p->price > 0 ? p->price - 1 : 0, p->price, value};
    out->n = 0;
    out->exhaustive = 1;
    for (size_t k = 0; k < 4 && out->n < out->max; k++) {
        int64_t *row = out->rows + out->n * out->width;
        for (size_t c = 0; c < out->width; c++)
            row[c] = mk_profile_row(types, who)[c];
        row[MK_BID_FIRST] = bids[k];
        out->n++;
    }
    return MK_OK;
}

static void free_instance(mk_instance *inst)
{
    free(inst);
}

static const mk_mechanism posted = {
    .name = "example.posted_price",
    .summary = "everyone bidding at least the price buys at the price",
    .input_help = "a bid file (mechkit/bids.h), one bid per bidder",
    .params = posted_params,
    .claims = MK_CLAIM_DSIC | MK_CLAIM_IR,
    .read = read_bids,
    .prepare = prepare_honest,
    .run = run,
    .utility = utility,
    .truthful = truthful,
    .sample = sample,
    .deviations = deviations,
    .free = free_instance,
};

static const mk_mechanism broken = {
    .name = "example.pay_your_bid",
    .summary = "everyone bidding at least the price buys, and pays its bid",
    .input_help = "a bid file (mechkit/bids.h), one bid per bidder",
    .params = posted_params,
    .claims = MK_CLAIM_DSIC | MK_CLAIM_IR, /* wrongly: the audit refutes DSIC */
    .read = read_bids,
    .prepare = prepare_broken,
    .run = run,
    .utility = utility,
    .truthful = truthful,
    .sample = sample,
    .deviations = deviations,
    .free = free_instance,
};

/* Audits the mechanism called name and prints one line per claim. */
static int audit(const mk_registry *reg, const char *name, mk_ctx *ctx)
{
    const mk_mechanism *m;
    mk_params params = MK_PARAMS_INIT;
    mk_audit_options opts = MK_AUDIT_OPTIONS_INIT;
    mk_audit_report report = MK_AUDIT_REPORT_INIT;
    mk_setting setting = MK_SETTING_INIT;
    opts.budget = 200;
    int rc = mk_registry_find(reg, name, &m, ctx);
    if (rc == 0)
        rc = mk_audit_run(m, &params, &setting, NULL, &opts, &report, ctx);
    if (rc == 0) {
        printf("%s: a profitable lie in %zu of %zu profiles\n", name, report.profitable,
               report.profiles);
        for (size_t i = 0; i < report.n_claims; i++)
            printf("  %s %s\n", mk_claim_name(report.claims[i].claim),
                   report.claims[i].verdict == MK_AUDIT_HOLDS   ? "holds"
                   : report.claims[i].verdict == MK_AUDIT_FAILS ? "refuted"
                                                                : "not checked");
    }
    mk_audit_report_free(&report);
    mk_params_free(&params);
    return rc;
}

int main(void)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_registry *reg = NULL;
    int rc = mk_registry_new(&reg, &ctx);
    if (rc == 0)
        rc = mk_registry_add(reg, &posted, &ctx);
    if (rc == 0)
        rc = mk_registry_add(reg, &broken, &ctx);
    if (rc == 0)
        rc = audit(reg, "example.posted_price", &ctx);
    if (rc == 0)
        rc = audit(reg, "example.pay_your_bid", &ctx);
    if (rc != 0)
        fprintf(stderr, "custom_mechanism: %s\n", ctx.message);
    mk_registry_free(reg);
    return rc == 0 ? 0 : 1;
}
