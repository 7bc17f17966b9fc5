/* What a funding round's result says beyond payments: one entry per
 * project (contributors, total, match, ideal match), the unspent part of
 * the pool (a fact) and the rows skipped when reading. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "funding_internal.h"
#include "io/text_out.h"
#include "mechkit/money.h"

/* The ideal match of q in minor units, rounded down, as text. */
static char *ideal_text(const mk_funding_base *f, size_t q)
{
    mpz_t v;
    mpz_init(v);
    mpz_add(v, f->ideal[q], f->slack);
    mpz_fdiv_q(v, v, f->unit);
    char *s = mk_funding_format_mpz(v, f->scale);
    mpz_clear(v);
    return s;
}

const char *mk_funding_project_name(const mk_funding_base *f, size_t q, char *buf, size_t cap)
{
    if (f->items != NULL && q < f->n_items)
        return f->items[q];
    snprintf(buf, cap, "#%zu", q + 1);
    return buf;
}

int mk_funding_result_json(const mk_instance *inst, const mk_profile *reports,
                           const mk_outcome *outcome, void *result, mk_ctx *ctx)
{
    (void)outcome;
    (void)reports; /* the instance keeps the last run's results */
    const mk_funding_base *f = (const mk_funding_base *)inst;
    char amount[MK_MONEY_WIDE_FORMAT_MAX];
    json_object_set_new(result, "pool",
                        json_string(mk_money_format_wide(f->pool, f->scale, amount)));
    json_object_set_new(result, "matched",
                        json_string(mk_money_format_wide(f->pool - f->unspent, f->scale, amount)));
    json_object_set_new(result, "unspent",
                        json_string(mk_money_format_wide(f->unspent, f->scale, amount)));
    json_t *projects = json_array();
    if (projects == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the result");
    for (size_t q = 0; q < f->n_projects; q++) {
        char total[MK_MONEY_WIDE_FORMAT_MAX], match[MK_MONEY_WIDE_FORMAT_MAX], buf[32];
        char *ideal = ideal_text(f, q);
        json_t *item = ideal == NULL
                           ? NULL
                           : json_pack("{s:s, s:I, s:s, s:s, s:s}", "project",
                                       mk_funding_project_name(f, q, buf, sizeof buf),
                                       "contributors", (json_int_t)f->contributors[q], "total",
                                       mk_money_format_wide(f->total[q], f->scale, total), "match",
                                       mk_money_format_wide(f->match[q], f->scale, match),
                                       "ideal_match", ideal);
        free(ideal);
        if (item == NULL || json_array_append_new(projects, item) != 0) {
            json_decref(projects);
            return mk_error(ctx, MK_ENOMEM, "out of memory for the result");
        }
    }
    json_object_set_new((json_t *)result, "projects", projects);
    return MK_OK;
}

/* Width of the amount columns: 16, or the longest total or the pool. */
static int amount_width(const mk_funding_base *f)
{
    mk_u128 most = f->pool;
    for (size_t q = 0; q < f->n_projects; q++)
        most = f->total[q] > most ? f->total[q] : most;
    char text[MK_MONEY_WIDE_FORMAT_MAX];
    size_t len = strlen(mk_money_format_wide(most, f->scale, text));
    return len > 16 ? (int)len : 16;
}

int mk_funding_result_text(const mk_instance *inst, const mk_profile *reports,
                           const mk_outcome *outcome, char **text, mk_ctx *ctx)
{
    (void)outcome;
    (void)reports; /* the instance keeps the last run's results */
    const mk_funding_base *f = (const mk_funding_base *)inst;
    char pool[MK_MONEY_WIDE_FORMAT_MAX], matched[MK_MONEY_WIDE_FORMAT_MAX],
        unspent[MK_MONEY_WIDE_FORMAT_MAX];
    mk_text t = MK_TEXT_INIT;
    mk_text_printf(&t, "pool: %s\nmatched: %s\nunspent: %s\n\n",
                   mk_money_format_wide(f->pool, f->scale, pool),
                   mk_money_format_wide(f->pool - f->unspent, f->scale, matched),
                   mk_money_format_wide(f->unspent, f->scale, unspent));
    int w = amount_width(f);
    mk_text_printf(&t, "%-24s %12s %*s %*s %*s\n", "project", "contributors", w, "total", w,
                   "match", w, "ideal match");
    for (size_t q = 0; q < f->n_projects; q++) {
        char total[MK_MONEY_WIDE_FORMAT_MAX], match[MK_MONEY_WIDE_FORMAT_MAX], name[32];
        char *ideal = ideal_text(f, q);
        if (ideal == NULL) {
            mk_text_free(&t);
            return mk_error(ctx, MK_ENOMEM, "out of memory for the result");
        }
        mk_text_printf(
            &t, "%-24s %12lld %*s %*s %*s\n", mk_funding_project_name(f, q, name, sizeof name),
            (long long)f->contributors[q], w, mk_money_format_wide(f->total[q], f->scale, total), w,
            mk_money_format_wide(f->match[q], f->scale, match), w, ideal);
        free(ideal);
    }
    return mk_text_finish(&t, text, NULL, "the result", ctx);
}

/* "library 5.00, garden 1.00" (weight shown when not 1: "... (w 0.5)"). */
void mk_funding_format_report(const mk_instance *inst, const mk_profile *reports, size_t i,
                              char *buf, size_t cap)
{
    const mk_funding_base *f = (const mk_funding_base *)inst;
    const int64_t *row = mk_profile_row(reports, i);
    size_t used = 0;
    if (cap == 0)
        return;
    buf[0] = '\0';
    for (size_t j = 0; j < (size_t)row[MK_FUNDING_COUNT] && used + 1 < cap; j++) {
        char amount[MK_MONEY_WIDE_FORMAT_MAX], name[32];
        int w =
            snprintf(buf + used, cap - used, "%s%s %s", j > 0 ? ", " : "",
                     mk_funding_project_name(f, mk_funding_project_at(row, j), name, sizeof name),
                     mk_money_format_wide(mk_funding_amount_at(row, j), f->scale, amount));
        used = w < 0 || (size_t)w >= cap - used ? cap - 1 : used + (size_t)w;
    }
    if (row[MK_FUNDING_WEIGHT] != MK_FUNDING_WEIGHT_ONE && used + 1 < cap) {
        char weight[MK_MONEY_FORMAT_MAX];
        snprintf(buf + used, cap - used, " (w %s)",
                 mk_money_format(row[MK_FUNDING_WEIGHT], MK_FUNDING_WEIGHT_SCALE, weight));
    }
}
