/* Contributions (see mechkit/funding.h): the format dispatch, and the last
 * step of both readers, which sums, rescales and lays out the rows. */
#include <stdlib.h>
#include <string.h>

#include "contributions_internal.h"
#include "contributions_row.h"
#include "mechkit/money.h"

static int by_who_project(const void *pa, const void *pb)
{
    const mk_contrib_row *a = pa, *b = pb;
    if (a->who != b->who)
        return a->who < b->who ? -1 : 1;
    if (a->project != b->project)
        return a->project < b->project ? -1 : 1;
    return a->line < b->line ? -1 : (a->line > b->line);
}

/* Every amount at the final scale; the first that overflows stops. */
static int rescale_all(mk_contrib_builder *b, int scale, mk_ctx *ctx)
{
    for (size_t i = 0; i < b->n_rows; i++) {
        mk_contrib_row *r = &b->rows[i];
        if (mk_money_rescale_wide(r->mantissa, r->places, scale, &r->mantissa) != 0)
            return mk_error(ctx, MK_ERANGE,
                            "%s: %s %zu: field 'amount': past 2^128-1 minor units at scale %d",
                            b->name, b->where, r->line, scale);
        r->places = scale;
    }
    return MK_OK;
}

/* 1 when every amount fits int64 at scale. */
static int fits_at(const mk_contrib_builder *b, int scale)
{
    mk_u128 v;
    for (size_t i = 0; i < b->n_rows; i++)
        if (mk_money_rescale_wide(b->rows[i].mantissa, b->rows[i].places, scale, &v) != 0 ||
            v > (mk_u128)INT64_MAX)
            return 0;
    return 1;
}

/* Sums the rows of one (contributor, project) in place (rows sorted);
 * *k_max is the most projects of one contributor, *limbs the cells an
 * amount needs (2 when a sum passes int64). */
static int merge_rows(mk_contrib_builder *b, size_t *k_max, int *limbs, mk_ctx *ctx)
{
    size_t out = 0, k = 0;
    *k_max = 0;
    for (size_t i = 0; i < b->n_rows; i++) {
        mk_contrib_row *r = &b->rows[i];
        if (out > 0 && b->rows[out - 1].who == r->who && b->rows[out - 1].project == r->project) {
            if (__builtin_add_overflow(b->rows[out - 1].mantissa, r->mantissa,
                                       &b->rows[out - 1].mantissa))
                return mk_error(ctx, MK_ERANGE,
                                "%s: %s %zu: the contributions of one contributor to one project "
                                "pass 2^128-1 minor units",
                                b->name, b->where, r->line);
            continue;
        }
        k = out > 0 && b->rows[out - 1].who == r->who ? k + 1 : 1;
        if (k > *k_max)
            *k_max = k;
        b->rows[out++] = *r;
    }
    b->n_rows = out;
    *limbs = 1;
    for (size_t i = 0; i < out; i++) {
        int64_t high, low;
        if (b->rows[i].mantissa > (mk_u128)INT64_MAX)
            *limbs = 2;
        if (mk_u128_to_limbs(b->rows[i].mantissa, &high, &low) != 0)
            return mk_error(ctx, MK_ERANGE,
                            "%s: %s %zu: field 'amount': past (2^63-1) * 10^18 minor units",
                            b->name, b->where, b->rows[i].line);
    }
    return MK_OK;
}

/* The contributor ids become the labels and the project names the items
 * of the dataset (moved: the builder no longer owns them). */
static int move_names(mk_contrib_builder *b, mk_dataset *d, mk_ctx *ctx)
{
    size_t n = b->who.n, p = b->projects.n;
    d->labels = calloc(n > 0 ? n : 1, sizeof *d->labels);
    d->items = calloc(p > 0 ? p : 1, sizeof *d->items);
    if (d->labels == NULL || d->items == NULL) {
        free(d->labels);
        free(d->items);
        d->labels = NULL;
        d->items = NULL;
        return mk_error(ctx, MK_ENOMEM, "out of memory for names");
    }
    for (size_t i = 0; i < n; i++) {
        d->labels[i] = b->who.names[i];
        b->who.names[i] = NULL;
    }
    for (size_t q = 0; q < p; q++) {
        d->items[q] = b->projects.names[q];
        b->projects.names[q] = NULL;
    }
    d->n_items = p;
    d->skipped = b->skipped;
    return MK_OK;
}

static int lay_out(mk_contrib_builder *b, size_t k_max, int limbs, int scale, mk_dataset *out,
                   mk_ctx *ctx)
{
    mk_dataset d = MK_DATASET_INIT;
    size_t width, stride = 1 + (size_t)limbs;
    if (mk_checked_size_mul(k_max, stride, &width) != 0 || width > SIZE_MAX - MK_FUNDING_FIRST)
        return mk_error(ctx, MK_ELIMIT, "%s: too many projects per contributor", b->name);
    width += MK_FUNDING_FIRST;
    size_t t_max = 0;
    int rc = b->opt.groups ? mk_contrib_groups_resolve(b, &t_max, ctx) : MK_OK;
    if (rc != 0)
        return rc;
    if (b->opt.groups)
        width += (t_max + 1 + stride - 1) / stride * stride; /* whole pairs */
    rc = mk_profile_resize(&d.reports, b->who.n, width, ctx);
    if (rc == 0)
        rc = move_names(b, &d, ctx);
    if (rc != 0) {
        mk_profile_free(&d.reports);
        return rc;
    }
    for (size_t i = 0; i < b->who.n; i++) {
        int64_t *row = mk_profile_row(&d.reports, i);
        row[MK_FUNDING_WEIGHT] = b->weight[i] >= 0 ? b->weight[i] : MK_FUNDING_WEIGHT_ONE;
        row[MK_FUNDING_LIMBS] = limbs;
        if (b->opt.groups)
            mk_contrib_groups_write(b, i, row, width);
    }
    for (size_t i = 0; i < b->n_rows; i++) {
        const mk_contrib_row *r = &b->rows[i];
        int64_t *row = mk_profile_row(&d.reports, r->who);
        size_t j = (size_t)row[MK_FUNDING_COUNT]++;
        row[mk_funding_pair(row, j)] = r->project;
        (void)mk_funding_set_amount(row, j, r->mantissa); /* fits: merge_rows checked */
    }
    d.scale = scale;
    d.reports.labels = (const char *const *)d.labels;
    *out = d;
    return MK_OK;
}

int mk_contrib_builder_finish(mk_contrib_builder *b, mk_dataset *out, mk_ctx *ctx)
{
    if (b->n_rows == 0)
        return mk_error(ctx, MK_EINPUT, "%s: no contributions%s", b->name,
                        b->skipped > 0 ? " (every row was malformed and skipped)" : "");
    /* The scale: -p scale, else the most places written (so "1.50" keeps
     * cents), else, when an amount would not fit int64 at that scale but
     * fits at the most significant places, those (so wei amounts that are
     * multiples of a larger unit take one cell); never below the money
     * parameters' places. Amounts that pass int64 even so take two. */
    int scale = b->opt.scale;
    if (scale < 0) {
        scale = b->max_places > b->opt.min_scale ? b->max_places : b->opt.min_scale;
        int fallback =
            b->max_significant > b->opt.min_scale ? b->max_significant : b->opt.min_scale;
        if (fallback < scale && !fits_at(b, scale) && fits_at(b, fallback))
            scale = fallback;
    }
    size_t k_max;
    int limbs = 1;
    int rc = rescale_all(b, scale, ctx);
    if (rc != 0)
        return rc;
    qsort(b->rows, b->n_rows, sizeof *b->rows, by_who_project);
    rc = merge_rows(b, &k_max, &limbs, ctx);
    if (rc == 0)
        rc = lay_out(b, k_max, limbs, scale, out, ctx);
    return rc;
}

static int is_json(const mk_input *in)
{
    if (in->format != NULL)
        return strcmp(in->format, "json") == 0;
    size_t len = in->name != NULL ? strlen(in->name) : 0;
    if (len >= 5 && strcmp(in->name + len - 5, ".json") == 0)
        return 1;
    /* stdin without a format: a JSON document starts with '{'. */
    size_t i = 0;
    while (i < in->len && (in->data[i] == ' ' || in->data[i] == '\n' || in->data[i] == '\r' ||
                           in->data[i] == '\t'))
        i++;
    return i < in->len && in->data[i] == '{';
}

int mk_contributions_read(const mk_input *in, const mk_contributions_options *opt, mk_dataset *out,
                          mk_ctx *ctx)
{
    mk_contributions_options defaults = MK_CONTRIBUTIONS_OPTIONS_INIT;
    if (opt == NULL)
        opt = &defaults;
    if (in == NULL || out == NULL || (in->data == NULL && in->len > 0))
        return mk_error(ctx, MK_EINTERNAL, "mk_contributions_read: NULL argument");
    if (opt->scale > MK_SCALE_MAX || opt->min_scale < 0 || opt->min_scale > MK_SCALE_MAX)
        return mk_error(ctx, MK_EPARAM, "scale must be from 0 to %d", MK_SCALE_MAX);
    if (in->format != NULL && strcmp(in->format, "csv") != 0 && strcmp(in->format, "json") != 0)
        return mk_error(ctx, MK_EPARAM, "unknown input format '%s' (csv or json)", in->format);
    int json = is_json(in);
    mk_contrib_builder b;
    mk_contrib_builder_init(&b, in->name, json ? "record" : "line", opt);
    int rc = json ? mk_contrib_collect_json(&b, in->data, in->len, ctx)
                  : mk_contrib_collect_csv(&b, in->data, in->len, ctx);
    if (rc == 0)
        rc = mk_contrib_builder_finish(&b, out, ctx);
    mk_contrib_builder_free(&b);
    return rc;
}

size_t mk_funding_projects(const mk_profile *p)
{
    size_t most = 0;
    for (size_t i = 0; i < p->n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        for (size_t j = 0; j < (size_t)row[MK_FUNDING_COUNT]; j++)
            if (mk_funding_project_at(row, j) + 1 > most)
                most = mk_funding_project_at(row, j) + 1;
    }
    return most;
}

/* Pair j of row (count and limbs already checked). */
static int check_pair(const int64_t *row, size_t i, size_t j, mk_ctx *ctx)
{
    size_t at = mk_funding_pair(row, j);
    int64_t q = row[at];
    if (q < 0 || q >= MK_FUNDING_MAX_PROJECTS || (j > 0 && q <= row[at - mk_funding_stride(row)]))
        return mk_error(ctx, MK_EINPUT,
                        "contributions: row %zu, pair %zu: project %lld out of range or out of "
                        "order",
                        i + 1, j + 1, (long long)q);
    int wide = row[MK_FUNDING_LIMBS] == 2;
    if (row[at + 1] < 0 || (wide && (row[at + 2] < 0 || row[at + 2] >= MK_LIMB_BASE)))
        return mk_error(ctx, MK_EINPUT, "contributions: row %zu, pair %zu: negative amount%s",
                        i + 1, j + 1, wide ? " or a low limb past 10^18" : "");
    return MK_OK;
}

int mk_funding_check(const mk_profile *p, mk_ctx *ctx)
{
    if (p->width < MK_FUNDING_FIRST)
        return mk_error(ctx, MK_EINPUT, "contributions: row width %zu is below %d", p->width,
                        MK_FUNDING_FIRST);
    int64_t limbs = p->n > 0 ? mk_profile_row(p, 0)[MK_FUNDING_LIMBS] : 1;
    if (limbs != 1 && limbs != 2)
        return mk_error(ctx, MK_EINPUT, "contributions: row 1: %lld cells per amount (1 or 2)",
                        (long long)limbs);
    size_t stride = 1 + (size_t)limbs;
    if ((p->width - MK_FUNDING_FIRST) % stride != 0)
        return mk_error(ctx, MK_EINPUT, "contributions: row width %zu is not %d + %zu K", p->width,
                        MK_FUNDING_FIRST, stride);
    int64_t k = (int64_t)((p->width - MK_FUNDING_FIRST) / stride);
    for (size_t i = 0; i < p->n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        if (row[MK_FUNDING_LIMBS] != limbs)
            return mk_error(ctx, MK_EINPUT,
                            "contributions: row %zu: %lld cells per amount, row 1 has %lld", i + 1,
                            (long long)row[MK_FUNDING_LIMBS], (long long)limbs);
        if (row[MK_FUNDING_COUNT] < 0 || row[MK_FUNDING_COUNT] > k)
            return mk_error(ctx, MK_EINPUT, "contributions: row %zu: count %lld outside 0..%lld",
                            i + 1, (long long)row[MK_FUNDING_COUNT], (long long)k);
        if (row[MK_FUNDING_WEIGHT] < 0)
            return mk_error(ctx, MK_EINPUT, "contributions: row %zu: negative weight", i + 1);
        for (size_t j = 0; j < (size_t)row[MK_FUNDING_COUNT]; j++) {
            int rc = check_pair(row, i, j, ctx);
            if (rc != 0)
                return rc;
        }
    }
    return MK_OK;
}
