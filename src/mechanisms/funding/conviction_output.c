/* What funding.conviction's result says: per proposal its voters, stake,
 * request, payment, the block it passed at, its conviction and threshold
 * (see conviction.c). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conviction_internal.h"
#include "mechkit/money.h"

/* y (2^-64 minor units) rounded down to the scale, as text. */
static char *fixed_text(const conviction *a, const mpz_t v)
{
    mpz_t x;
    mpz_init(x);
    if (mpz_sgn(v) > 0)
        mpz_fdiv_q_2exp(x, v, CONVICTION_FRACTION_BITS);
    char *s = mk_funding_format_mpz(x, a->base.scale);
    mpz_clear(x);
    return s;
}

int mk_conviction_result_json(const mk_instance *inst, const mk_profile *reports,
                              const mk_outcome *outcome, void *result, mk_ctx *ctx)
{
    (void)reports;
    (void)outcome;
    const conviction *a = (const conviction *)inst;
    const mk_funding_base *f = &a->base;
    json_t *projects = json_array();
    for (size_t q = 0; projects != NULL && q < f->n_projects; q++) {
        char stake[MK_MONEY_FORMAT_MAX], req[MK_MONEY_FORMAT_MAX], match[MK_MONEY_FORMAT_MAX],
            name[32];
        int passed = a->passed_at[q] >= 0;
        char *y = fixed_text(a, a->y[q]);
        char *t = mpz_sgn(a->threshold[q]) < 0 ? NULL : fixed_text(a, a->threshold[q]);
        json_t *item =
            y == NULL
                ? NULL
                : json_pack(
                      "{s:s, s:I, s:s, s:s, s:s, s:b, s:o, s:s, s:o}", "project",
                      mk_funding_project_name(f, q, name, sizeof name), "contributors",
                      (json_int_t)a->voters[q], "total",
                      mk_money_format(a->stake[q], f->scale, stake), "requested",
                      mk_money_format(a->requested[q] > 0 ? a->requested[q] : 0, f->scale, req),
                      "match", mk_money_format(passed ? a->requested[q] : 0, f->scale, match),
                      "passed", passed, "block",
                      passed ? json_integer(a->passed_at[q]) : json_null(), "conviction", y,
                      "threshold", t ? json_string(t) : json_null());
        free(y);
        free(t);
        if (item == NULL || json_array_append_new(projects, item) != 0) {
            json_decref(projects);
            projects = NULL;
        }
    }
    if (projects == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the result");
    json_object_set_new((json_t *)result, "projects", projects);
    return MK_OK;
}

int mk_conviction_result_text(const mk_instance *inst, const mk_profile *reports,
                              const mk_outcome *outcome, char **text, mk_ctx *ctx)
{
    (void)reports;
    (void)outcome;
    const conviction *a = (const conviction *)inst;
    size_t cap = 128 * (a->base.n_projects + 1), len = 0;
    char *buf = malloc(cap);
    if (buf == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the result");
    len += (size_t)snprintf(buf, cap, "%-24s %16s %16s %12s %20s\n", "proposal", "requested",
                            "stake", "passed at", "conviction");
    for (size_t q = 0; q < a->base.n_projects; q++) {
        char req[MK_MONEY_FORMAT_MAX], stake[MK_MONEY_FORMAT_MAX], name[32], at[32];
        const char *p = mk_funding_project_name(&a->base, q, name, sizeof name);
        char *y = fixed_text(a, a->y[q]);
        size_t need = len + strlen(p) + (y ? strlen(y) : 0) + 128;
        char *grown = need > cap ? realloc(buf, 2 * need) : buf;
        if (y == NULL || grown == NULL) {
            free(y);
            free(grown == NULL ? buf : grown);
            return mk_error(ctx, MK_ENOMEM, "out of memory for the result");
        }
        buf = grown;
        cap = need > cap ? 2 * need : cap;
        if (a->passed_at[q] >= 0)
            snprintf(at, sizeof at, "%lld", (long long)a->passed_at[q]);
        else
            snprintf(at, sizeof at, "-");
        len += (size_t)snprintf(
            buf + len, cap - len, "%-24s %16s %16s %12s %20s\n", p,
            mk_money_format(a->requested[q] > 0 ? a->requested[q] : 0, a->base.scale, req),
            mk_money_format(a->stake[q], a->base.scale, stake), at, y);
        free(y);
    }
    *text = buf;
    return MK_OK;
}

/* "grant 10 @5, docs 3 @7" (proposal, change, block). */
void mk_conviction_format_report(const mk_instance *inst, const mk_profile *reports, size_t i,
                                 char *buf, size_t cap)
{
    const conviction *a = (const conviction *)inst;
    const int64_t *row = mk_profile_row(reports, i);
    size_t used = 0;
    if (cap == 0)
        return;
    buf[0] = '\0';
    for (int64_t j = 0; j < row[MK_CONVICTION_COUNT] && used + 1 < cap; j++) {
        const int64_t *c = row + MK_CONVICTION_FIRST + 4 * j;
        char amount[MK_MONEY_FORMAT_MAX], name[32];
        int w = snprintf(
            buf + used, cap - used, "%s%s %s @%lld", j > 0 ? ", " : "",
            mk_funding_project_name(&a->base, (size_t)c[MK_CONVICTION_PROPOSAL], name, sizeof name),
            mk_money_format(c[MK_CONVICTION_DELTA], a->base.scale, amount),
            (long long)c[MK_CONVICTION_BLOCK]);
        used = w < 0 || (size_t)w >= cap - used ? cap - 1 : used + (size_t)w;
    }
}
