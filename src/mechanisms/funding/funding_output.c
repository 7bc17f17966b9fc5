/* What a funding round's result says beyond payments: one entry per
 * project (contributors, total, match, ideal match), the unspent part of
 * the pool (a fact) and the rows skipped when reading. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "funding_internal.h"
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
    json_t *projects = json_array();
    if (projects == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the result");
    for (size_t q = 0; q < f->n_projects; q++) {
        char total[MK_MONEY_FORMAT_MAX], match[MK_MONEY_FORMAT_MAX], buf[32];
        char *ideal = ideal_text(f, q);
        json_t *item =
            ideal == NULL
                ? NULL
                : json_pack("{s:s, s:I, s:s, s:s, s:s}", "project",
                            mk_funding_project_name(f, q, buf, sizeof buf), "contributors",
                            (json_int_t)f->contributors[q], "total",
                            mk_money_format(f->total[q], f->scale, total), "match",
                            mk_money_format(f->match[q], f->scale, match), "ideal_match", ideal);
        free(ideal);
        if (item == NULL || json_array_append_new(projects, item) != 0) {
            json_decref(projects);
            return mk_error(ctx, MK_ENOMEM, "out of memory for the result");
        }
    }
    json_object_set_new((json_t *)result, "projects", projects);
    return MK_OK;
}

/* Appends printf-style text to *buf (size *cap, used *len). */
static int append(char **buf, size_t *len, size_t *cap, const char *name, const char *c,
                  const char *t, const char *m, const char *i)
{
    size_t need = strlen(name) + strlen(c) + strlen(t) + strlen(m) + strlen(i) + 64;
    if (*len + need > *cap) {
        size_t grown = (*cap + need) * 2;
        char *b = realloc(*buf, grown);
        if (b == NULL)
            return -1;
        *buf = b;
        *cap = grown;
    }
    int w = snprintf(*buf + *len, *cap - *len, "%-24s %12s %16s %16s %16s\n", name, c, t, m, i);
    *len += w > 0 ? (size_t)w : 0;
    return 0;
}

int mk_funding_result_text(const mk_instance *inst, const mk_profile *reports,
                           const mk_outcome *outcome, char **text, mk_ctx *ctx)
{
    (void)outcome;
    (void)reports; /* the instance keeps the last run's results */
    const mk_funding_base *f = (const mk_funding_base *)inst;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int bad = append(&buf, &len, &cap, "project", "contributors", "total", "match", "ideal match");
    for (size_t q = 0; !bad && q < f->n_projects; q++) {
        char total[MK_MONEY_FORMAT_MAX], match[MK_MONEY_FORMAT_MAX], count[32], name[32];
        snprintf(count, sizeof count, "%lld", (long long)f->contributors[q]);
        char *ideal = ideal_text(f, q);
        bad = ideal == NULL ||
              append(&buf, &len, &cap, mk_funding_project_name(f, q, name, sizeof name), count,
                     mk_money_format(f->total[q], f->scale, total),
                     mk_money_format(f->match[q], f->scale, match), ideal) != 0;
        free(ideal);
    }
    if (bad) {
        free(buf);
        return mk_error(ctx, MK_ENOMEM, "out of memory for the result");
    }
    *text = buf;
    return MK_OK;
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
    for (int64_t j = 0; j < row[MK_FUNDING_COUNT] && used + 1 < cap; j++) {
        char amount[MK_MONEY_FORMAT_MAX], name[32];
        size_t q = (size_t)row[MK_FUNDING_FIRST + 2 * j];
        int w = snprintf(buf + used, cap - used, "%s%s %s", j > 0 ? ", " : "",
                         mk_funding_project_name(f, q, name, sizeof name),
                         mk_money_format(row[MK_FUNDING_FIRST + 2 * j + 1], f->scale, amount));
        used = w < 0 || (size_t)w >= cap - used ? cap - 1 : used + (size_t)w;
    }
    if (row[MK_FUNDING_WEIGHT] != MK_FUNDING_WEIGHT_ONE && used + 1 < cap) {
        char weight[MK_MONEY_FORMAT_MAX];
        snprintf(buf + used, cap - used, " (w %s)",
                 mk_money_format(row[MK_FUNDING_WEIGHT], MK_FUNDING_WEIGHT_SCALE, weight));
    }
}
