/* What the funding rules share: parameters, the per-project workspace,
 * the reader they name, the outcome and sybil splits (types are
 * contributions: the truthful report is the type itself, mk_truthful_copy). */
#include <stdlib.h>
#include <string.h>

#include "funding_internal.h"
#include "mechkit/money.h"

int mk_funding_get_share(const mk_params *params, const char *name, int allow_zero, int64_t *ppm,
                         mk_ctx *ctx)
{
    int64_t v;
    size_t count;
    int scale;
    int rc = mk_params_get_list(params, name, 0, &v, 1, &count, &scale, ctx);
    if (rc != 0)
        return rc;
    if (scale > MK_FUNDING_WEIGHT_SCALE ||
        mk_money_rescale(v, scale, MK_FUNDING_WEIGHT_SCALE, ppm) != 0 || *ppm < 0 ||
        (*ppm == 0 && !allow_zero) || *ppm > MK_FUNDING_WEIGHT_ONE)
        return mk_error(ctx, MK_EPARAM,
                        "parameter '%s': a share %s 0 and at most 1, with at most 6 decimals "
                        "(e.g. %s=0.25)",
                        name, allow_zero ? "from" : "above", name);
    return MK_OK;
}

void mk_funding_base_setup(mk_funding_base *f, const mk_setting *setting)
{
    memset(f, 0, sizeof *f);
    mpz_inits(f->unit, f->slack, f->t1, f->t2, f->t3, NULL);
    f->scale = setting->scale;
    f->items = setting->items;
    f->n_items = setting->n_items;
}

int mk_funding_base_init(mk_funding_base *f, const mk_params *params, const mk_setting *setting,
                         mk_ctx *ctx)
{
    mk_funding_base_setup(f, setting);
    int below = 0;
    int rc = mk_params_get_money_wide(params, "pool", f->scale, &f->pool, ctx);
    if (rc == 0)
        rc = mk_params_get_choice(params, "below_pool", &below, ctx);
    if (rc == 0)
        rc = mk_funding_get_share(params, "cap", 0, &f->cap_ppm, ctx);
    if (rc == 0)
        rc = mk_params_get_money_wide(params, "min_contribution", f->scale, &f->min_contribution,
                                      ctx);
    f->below = (funding_below)below;
    return rc;
}

static void free_projects(mk_funding_base *f)
{
    for (size_t q = 0; q < f->cap_projects; q++) {
        mpz_clear(f->ideal[q]);
        mpz_clear(f->rem[q]);
    }
    free(f->ideal);
    free(f->rem);
    free(f->contributors);
    free(f->total);
    free(f->match);
    free(f->counted);
    free(f->active);
    free(f->order);
    f->ideal = f->rem = NULL;
    f->contributors = NULL;
    f->total = f->match = f->counted = NULL;
    f->active = NULL;
    f->order = NULL;
    f->cap_projects = f->n_projects = 0;
}

void mk_funding_base_free(mk_funding_base *f)
{
    free_projects(f);
    mpz_clears(f->unit, f->slack, f->t1, f->t2, f->t3, NULL);
}

static int reserve(mk_funding_base *f, size_t p, mk_ctx *ctx)
{
    if (p <= f->cap_projects)
        return MK_OK;
    free_projects(f);
    f->contributors = calloc(p, sizeof *f->contributors);
    f->total = calloc(p, sizeof *f->total);
    f->match = calloc(p, sizeof *f->match);
    f->counted = calloc(p, sizeof *f->counted);
    f->active = calloc(p, sizeof *f->active);
    f->order = calloc(p, sizeof *f->order);
    f->ideal = calloc(p, sizeof *f->ideal);
    f->rem = calloc(p, sizeof *f->rem);
    if (!f->contributors || !f->total || !f->match || !f->counted || !f->active || !f->order ||
        !f->ideal || !f->rem) {
        free_projects(f);
        return mk_error(ctx, MK_ENOMEM, "out of memory for %zu projects", p);
    }
    for (size_t q = 0; q < p; q++) {
        mpz_init(f->ideal[q]);
        mpz_init(f->rem[q]);
    }
    f->cap_projects = p;
    return MK_OK;
}

int mk_funding_begin(mk_funding_base *f, const mk_profile *reports, mk_ctx *ctx)
{
    int rc = mk_funding_check(reports, ctx);
    for (size_t i = 0; rc == 0 && reports->weight != NULL && i < reports->n; i++)
        if (reports->weight[i] != 1)
            rc = mk_error(ctx, MK_EINPUT,
                          "contributions: row %zu has multiplicity %lld; funding rules take one "
                          "row per contributor",
                          i + 1, (long long)reports->weight[i]);
    size_t p = rc == 0 ? mk_funding_projects(reports) : 0;
    if (p < f->n_items)
        p = f->n_items; /* a named project that nobody funds is still listed */
    if (rc == 0)
        rc = reserve(f, p > 0 ? p : 1, ctx);
    if (rc != 0)
        return rc;
    f->n_projects = p;
    f->wide = reports->n > 0 && mk_profile_row(reports, 0)[MK_FUNDING_LIMBS] == 2;
    for (size_t q = 0; q < p; q++) {
        f->contributors[q] = 0;
        f->total[q] = f->match[q] = f->counted[q] = 0;
        mpz_set_ui(f->ideal[q], 0);
    }
    for (size_t i = 0; i < reports->n; i++) {
        const int64_t *row = mk_profile_row(reports, i);
        for (size_t j = 0; j < (size_t)row[MK_FUNDING_COUNT]; j++) {
            size_t q = mk_funding_project_at(row, j);
            mk_u128 a = mk_funding_amount_at(row, j);
            if (q >= p)
                return mk_error(ctx, MK_EINPUT, "contributions: row %zu: project %zu of %zu", i + 1,
                                q + 1, p);
            if (__builtin_add_overflow(f->total[q], a, &f->total[q]))
                return mk_error(ctx, MK_ERANGE,
                                "the contributions to project %zu pass 2^128-1 minor units", q + 1);
            f->contributors[q] += mk_funding_counts(f, a);
            if (mk_funding_counts(f, a))
                f->counted[q] += a; /* <= total[q]: no overflow */
        }
    }
    return MK_OK;
}

/* What row pays, the sum of its contributions, into *sum; -1 past
 * 2^128 - 1 (possible only for a row of many two-limb amounts). */
static int row_payment(const int64_t *row, mk_u128 *sum)
{
    *sum = 0;
    for (size_t j = 0; j < (size_t)row[MK_FUNDING_COUNT]; j++)
        if (__builtin_add_overflow(*sum, mk_funding_amount_at(row, j), sum))
            return -1;
    return 0;
}

/* floor(c * match / counted) in 128 bits, through GMP when c * match does. */
static mk_u128 pro_rata(mk_funding_base *f, mk_u128 c, mk_u128 match, mk_u128 counted)
{
    mk_u128 product;
    if (!__builtin_mul_overflow(c, match, &product))
        return product / counted;
    mk_mpz_set_u128(f->t1, c);
    mk_mpz_set_u128(f->t2, match);
    mpz_mul(f->t1, f->t1, f->t2);
    mk_mpz_set_u128(f->t2, counted);
    mpz_fdiv_q(f->t1, f->t1, f->t2);
    return mk_mpz_get_u128(f->t1); /* <= match */
}

int mk_funding_outcome(mk_funding_base *f, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    int rc = mk_outcome_reset(out, reports->n, f->scale, ctx);
    int wide = 0;
    mk_u128 paid;
    for (size_t i = 0; rc == 0 && i < reports->n; i++) {
        if (row_payment(mk_profile_row(reports, i), &paid) != 0)
            rc = mk_error(ctx, MK_ERANGE, "the contributions of row %zu pass 2^128-1", i + 1);
        wide |= paid > (mk_u128)INT64_MAX;
    }
    if (rc == 0 && wide)
        rc = mk_outcome_wide_payments(out, ctx);
    for (size_t i = 0; rc == 0 && i < reports->n; i++) {
        (void)row_payment(mk_profile_row(reports, i), &paid); /* fits: checked above */
        if (!wide)
            out->payment[i] = (int64_t)paid;
        else if (mk_u128_to_limbs(paid, &out->payment_high[i], &out->payment[i]) != 0)
            rc = mk_error(ctx, MK_ERANGE, "the contributions of row %zu pass (2^63-1) * 10^18",
                          i + 1);
    }
    int shares_fit = 1;
    for (size_t i = 0; rc == 0 && i < reports->n; i++) {
        const int64_t *row = mk_profile_row(reports, i);
        mk_u128 share = 0;
        for (size_t j = 0; j < (size_t)row[MK_FUNDING_COUNT]; j++) {
            size_t q = mk_funding_project_at(row, j);
            mk_u128 c = mk_funding_amount_at(row, j);
            if (mk_funding_counts(f, c) && f->counted[q] > 0)
                share += pro_rata(f, c, f->match[q], f->counted[q]); /* <= pool */
        }
        shares_fit &= share <= (mk_u128)INT64_MAX;
        out->column[i] = (int64_t)share;
    }
    if (rc == 0 && shares_fit) {
        out->column_name = "match_share";
        out->column_scale = f->scale;
    }
    return rc;
}

int mk_funding_read(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx)
{
    return mk_funding_read_as(in, params, 0, out, ctx);
}

int mk_funding_read_as(const mk_input *in, const mk_params *params, int groups, mk_dataset *out,
                       mk_ctx *ctx)
{
    mk_contributions_options opt = MK_CONTRIBUTIONS_OPTIONS_INIT;
    opt.groups = groups;
    int skip = 0;
    int rc = mk_params_get_choice(params, "skip_bad_rows", &skip, ctx);
    if (rc == 0 && mk_params_given(params, "scale")) {
        int64_t scale;
        rc = mk_params_get_int(params, "scale", 0, MK_SCALE_MAX, &scale, ctx);
        opt.scale = (int)scale;
    }
    if (rc != 0)
        return rc;
    opt.skip_bad_rows = skip;
    opt.min_scale = mk_params_money_places(params);
    return mk_contributions_read(in, &opt, out, ctx);
}

/* A contributor's quasi-linear utility (documented in qf.c): its value
 * for the funding of the projects it funds is its own contributions plus
 * its pro-rata share of their matches, so value minus payment is the
 * outcome's match_share column: sum_q floor(c_iq match_q / counted_q), in
 * minor units. A sybil's identities sum to the share of the contributor
 * they came from, so a split gains exactly what it adds to the matches of
 * the contributor's projects (up to the floors). */
int mk_funding_utility(const mk_instance *inst, const mk_profile *types, size_t who,
                       const mk_outcome *outcome, mk_rational *u, mk_ctx *ctx)
{
    const mk_funding_base *f = (const mk_funding_base *)inst;
    (void)types;
    int64_t den;
    if (f->wide || outcome->column_name == NULL)
        return mk_error(ctx, MK_ERANGE,
                        "funding: this round's amounts or match shares pass 64 bits; the audit "
                        "and the simulator work in 64-bit minor units");
    if (who >= outcome->n || outcome->column == NULL || mk_pow10(f->scale, &den) != 0 ||
        mk_rational_make(outcome->column[who], den, u) != 0)
        return mk_error(ctx, MK_EINTERNAL, "funding utility: no share for participant %zu",
                        who + 1);
    return MK_OK;
}

/* A copy of truth as the next candidate row of out, or NULL when full. */
static int64_t *next_row(mk_deviation_set *out, const int64_t *truth)
{
    if (out->n >= out->max)
        return NULL;
    int64_t *row = out->rows + out->n * out->width;
    memcpy(row, truth, out->width * sizeof *row);
    return row;
}

/* One candidate: contribution j (or every one, j < 0) times num/den; none
 * when an amount would not fit the row's cells. */
static void add_scaled(mk_deviation_set *out, const int64_t *truth, int64_t j, mk_u128 num,
                       mk_u128 den)
{
    int64_t *row = next_row(out, truth);
    if (row == NULL)
        return;
    for (size_t x = 0; x < (size_t)truth[MK_FUNDING_COUNT]; x++) {
        if (j >= 0 && x != (size_t)j)
            continue;
        mk_u128 v;
        if (__builtin_mul_overflow(mk_funding_amount_at(truth, x), num, &v) ||
            mk_funding_set_amount(row, x, v / den) != 0)
            return;
    }
    out->n++;
}

/* The whole budget of truth on its contribution j, the others withheld;
 * none when the total does not fit the row's cells. */
static void add_moved(mk_deviation_set *out, const int64_t *truth, int64_t j)
{
    mk_u128 total;
    if (row_payment(truth, &total) != 0)
        return;
    int64_t *row = next_row(out, truth);
    if (row == NULL)
        return;
    for (size_t x = 0; x < (size_t)truth[MK_FUNDING_COUNT]; x++)
        if (mk_funding_set_amount(row, x, x == (size_t)j ? total : 0) != 0)
            return;
    out->n++;
}

/* A contributor's report space is every vector of amounts: far too large to
 * list, so these are the moves that matter to matching rules: withholding,
 * halving or doubling one contribution or all of them, and concentrating
 * the whole budget on one project (the projects stay those of the truth,
 * so the layout stays valid). Deterministic; never exhaustive. */
int mk_funding_deviations(const mk_instance *inst, const mk_profile *types, size_t who, mk_rng *rng,
                          mk_deviation_set *out, mk_ctx *ctx)
{
    (void)inst;
    (void)rng;
    if (out->width != types->width || who >= types->n)
        return mk_error(ctx, MK_EINTERNAL, "funding deviations: row %zu of %zu, width %zu of %zu",
                        who + 1, types->n, out->width, types->width);
    const int64_t *truth = mk_profile_row(types, who);
    out->n = 0;
    out->exhaustive = 0;
    add_scaled(out, truth, -1, 0, 1);
    add_scaled(out, truth, -1, 1, 2);
    add_scaled(out, truth, -1, 2, 1);
    for (int64_t j = 0; j < truth[MK_FUNDING_COUNT]; j++) {
        add_scaled(out, truth, j, 0, 1);
        add_scaled(out, truth, j, 1, 2);
        add_scaled(out, truth, j, 2, 1);
        if (truth[MK_FUNDING_COUNT] > 1)
            add_moved(out, truth, j);
    }
    return MK_OK;
}

/* The classic attack on quadratic funding (Buterin, Hitzig and Weyl 2018,
 * section on collusion): one contributor acts as k identities, each
 * giving a k-th of each of its contributions (the remainder units go to
 * the first identities), with its weight. Identity 1 keeps row who; the
 * others are rows n..n+k-2. Labels are dropped (the new rows have none). */
int mk_funding_split(const mk_instance *inst, const mk_profile *reports, size_t who, size_t k,
                     mk_profile *out, mk_ctx *ctx)
{
    (void)inst;
    int rc = mk_profile_split_copies(reports, who, k, out, ctx);
    if (rc != 0)
        return rc;
    const int64_t *src = mk_profile_row(reports, who);
    for (size_t id = 0; id < k; id++) {
        int64_t *row = mk_profile_identity(out, reports->n, who, id);
        for (size_t j = 0; j < (size_t)src[MK_FUNDING_COUNT]; j++) {
            mk_u128 a = mk_funding_amount_at(src, j);
            mk_u128 share = a / k, extra = a % k;
            (void)mk_funding_set_amount(row, j, share + (id < extra)); /* <= a: fits */
        }
    }
    return MK_OK;
}

int mk_funding_write_input(const mk_instance *inst, const mk_profile *reports,
                           const mk_profile *types, const char *const *labels, size_t n_labels,
                           char **text, const char **extension, mk_ctx *ctx)
{
    *extension = "csv";
    (void)types; /* contributions are reports and types alike */
    const mk_funding_base *f = (const mk_funding_base *)inst;
    return mk_contributions_write_csv(reports, f->scale, labels, n_labels, f->items, f->n_items,
                                      text, NULL, ctx);
}
