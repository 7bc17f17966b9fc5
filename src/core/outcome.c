/* Outcomes of runs, reused across runs (see mechanism.h). */
#include <stdlib.h>
#include <string.h>

#include "mechkit/mechanism.h"
#include "mechkit/money.h"

int mk_outcome_reset(mk_outcome *o, size_t n, int payment_scale, mk_ctx *ctx)
{
    if (n > o->capacity) {
        if (n > SIZE_MAX / sizeof(int64_t))
            return mk_error(ctx, MK_ERANGE, "outcome for %zu participants is too large", n);
        int64_t *allocation = realloc(o->allocation, n * sizeof *allocation);
        if (allocation != NULL)
            o->allocation = allocation;
        int64_t *payment = realloc(o->payment, n * sizeof *payment);
        if (payment != NULL)
            o->payment = payment;
        int64_t *column = realloc(o->column, n * sizeof *column);
        if (column != NULL)
            o->column = column;
        if (allocation == NULL || payment == NULL || column == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for an outcome of %zu", n);
        o->capacity = n;
    }
    if (n > 0) {
        memset(o->allocation, 0, n * sizeof *o->allocation);
        memset(o->payment, 0, n * sizeof *o->payment);
        memset(o->column, 0, n * sizeof *o->column);
    }
    o->n = n;
    o->payment_scale = payment_scale;
    o->column_name = NULL;
    o->column_scale = 0;
    o->n_facts = 0;
    free(o->payment_high);
    o->payment_high = NULL;
    return MK_OK;
}

int mk_outcome_wide_payments(mk_outcome *o, mk_ctx *ctx)
{
    free(o->payment_high);
    o->payment_high = calloc(o->n > 0 ? o->n : 1, sizeof *o->payment_high);
    if (o->payment_high == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for an outcome of %zu", o->n);
    return MK_OK;
}

int mk_outcome_add_fact(mk_outcome *o, const char *name, int64_t value, int scale, mk_ctx *ctx)
{
    if (o->n_facts == MK_OUTCOME_FACTS_MAX)
        return mk_error(ctx, MK_EINTERNAL, "more than %d facts in one outcome",
                        MK_OUTCOME_FACTS_MAX);
    o->facts[o->n_facts++] = (mk_fact){name, value, scale};
    return MK_OK;
}

const mk_fact *mk_outcome_fact(const mk_outcome *o, const char *name)
{
    for (size_t i = 0; i < o->n_facts; i++)
        if (strcmp(o->facts[i].name, name) == 0)
            return &o->facts[i];
    return NULL;
}

int mk_outcome_revenue(const mk_outcome *o, int64_t *out, mk_ctx *ctx)
{
    int64_t sum = 0;
    if (o->payment_high != NULL)
        return mk_error(ctx, MK_ERANGE, "revenue: payments pass 64 bits");
    for (size_t i = 0; i < o->n; i++)
        if (mk_checked_add(sum, o->payment[i], &sum) != 0)
            return mk_error(ctx, MK_ERANGE, "revenue overflows 64 bits");
    *out = sum;
    return MK_OK;
}

int mk_outcome_revenue_rational(const mk_outcome *o, mk_rational *out, mk_ctx *ctx)
{
    int64_t revenue;
    int rc = mk_outcome_revenue(o, &revenue, ctx);
    if (rc == 0 && mk_rational_from_money(revenue, o->payment_scale, out) != 0)
        rc = mk_error(ctx, MK_ERANGE, "revenue at scale %d overflows", o->payment_scale);
    return rc;
}

void mk_outcome_free(mk_outcome *o)
{
    if (o == NULL)
        return;
    free(o->allocation);
    free(o->payment);
    free(o->payment_high);
    free(o->column);
    *o = (mk_outcome)MK_OUTCOME_INIT;
}
