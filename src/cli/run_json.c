/* The JSON record of a run: the envelope of DESIGN.md and the outcome. */
#include <jansson.h>
#include <limits.h>
#include <stdio.h>

#include "cli.h"
#include "mechkit/money.h"

static const char *label(const run_report *r, size_t i, char *buf, size_t cap)
{
    if (r->data->labels != NULL)
        return r->data->labels[i];
    snprintf(buf, cap, "%zu", i + 1);
    return buf;
}

/* One object per per-participant quantity, keyed by participant label. */
static void add_participants(json_t *result, const run_report *r)
{
    const mk_outcome *o = r->outcome;
    json_t *allocation = json_object(), *payments = json_object();
    json_t *column = o->column_name != NULL ? json_object() : NULL;
    json_t *utility = r->utility != NULL ? json_object() : NULL;
    char buf[32];
    for (size_t i = 0; i < o->n; i++) {
        const char *who = label(r, i, buf, sizeof buf);
        json_object_set_new(allocation, who, json_integer(o->allocation[i]));
        json_object_set_new(payments, who, cli_json_amount(o->payment[i], o->payment_scale));
        if (column != NULL)
            json_object_set_new(column, who, cli_json_amount(o->column[i], o->column_scale));
        if (utility != NULL)
            json_object_set_new(utility, who, cli_json_rational(r->utility[i], o->payment_scale));
    }
    json_object_set_new(result, "allocation", allocation);
    json_object_set_new(result, "payments", payments);
    json_object_set_new(result, "revenue", cli_json_amount(r->revenue, o->payment_scale));
    if (column != NULL)
        json_object_set_new(result, o->column_name, column);
    if (utility != NULL) {
        json_object_set_new(result, "utility", utility);
        json_object_set_new(result, "welfare", cli_json_rational(r->welfare, o->payment_scale));
    }
}

/* The result: per-participant tables (unless the mechanism is collective),
 * the outcome's facts, and what the mechanism adds itself. */
static int result_json(const run_report *r, json_t **out, mk_ctx *ctx)
{
    const mk_outcome *o = r->outcome;
    json_t *result = json_object();
    json_object_set_new(result, "scale", json_integer(r->data->scale));
    if (!(r->mech->flags & MK_MECH_COLLECTIVE))
        add_participants(result, r);
    for (size_t i = 0; i < o->n_facts; i++) {
        const mk_fact *f = &o->facts[i];
        json_object_set_new(result, f->name,
                            f->scale == MK_FACT_COUNT ? json_integer(f->value)
                                                      : cli_json_amount(f->value, f->scale));
    }
    int rc = 0;
    if (r->mech->result_json != NULL)
        rc = r->mech->result_json(r->inst, &r->data->reports, o, result, ctx);
    if (rc != 0) {
        json_decref(result);
        return rc;
    }
    *out = result;
    return MK_OK;
}

int run_write_json(const run_report *r, FILE *out, mk_ctx *ctx)
{
    json_t *result;
    int rc = result_json(r, &result, ctx);
    if (rc != 0)
        return rc;
    json_t *doc = json_object();
    json_object_set_new(doc, "mechkit", json_string(MECHKIT_VERSION));
    json_object_set_new(doc, "command", json_string("run"));
    json_object_set_new(doc, "mechanism", json_string(r->mech->name));
    json_object_set_new(doc, "params", cli_json_params(r->params));
    /* jansson integers are long long: larger seeds are written as strings. */
    json_object_set_new(doc, "seed",
                        r->seed <= (unsigned long long)LLONG_MAX ? json_integer((json_int_t)r->seed)
                                                                 : json_sprintf("%llu", r->seed));
    json_t *input = json_pack("{s:s, s:s}", "name", r->input_name, "sha256", r->sha256);
    if (r->data->skipped > 0)
        json_object_set_new(input, "skipped_rows", json_integer((json_int_t)r->data->skipped));
    json_object_set_new(doc, "input", input);
    json_object_set_new(doc, "result", result);
    rc = json_dumpf(doc, out, JSON_INDENT(2));
    json_decref(doc);
    if (rc != 0 || fputc('\n', out) == EOF)
        return mk_error(ctx, MK_EIO, "cannot write the output");
    return MK_OK;
}
