/*
 * funding_fixture.h - helpers for tests that drive the funding rules
 * through the mk_mechanism interface: read contributions from inline CSV,
 * prepare with parameters, run, and look at result_json's projects.
 */
#ifndef MECHKIT_TEST_FUNDING_FIXTURE_H
#define MECHKIT_TEST_FUNDING_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "mechkit/funding.h"
#include "mechkit/money.h"

typedef struct funding_run {
    mk_dataset data;
    mk_instance *inst;
    mk_outcome outcome;
    json_t *result;
    char unspent[64];
} funding_run;

/* Prepares mech with "key=value" strings (NULL-terminated) at scale. */
static inline int funding_prepare(const mk_mechanism *mech, int scale, const char *const *kv,
                                  mk_instance **inst, mk_ctx *ctx)
{
    mk_params params = MK_PARAMS_INIT;
    int rc = 0;
    for (size_t i = 0; kv != NULL && kv[i] != NULL && rc == 0; i++)
        rc = mk_params_set_arg(&params, kv[i], ctx);
    mk_setting setting = {scale, 0, 0, 0, NULL, 0};
    *inst = NULL;
    if (rc == 0)
        rc = mk_mechanism_prepare(mech, &params, &setting, inst, ctx);
    mk_params_free(&params);
    return rc;
}

/* Runs mech on reports with the prepared r->inst and fills r->result. */
static inline void funding_run_profile(const mk_mechanism *mech, funding_run *r,
                                       const mk_profile *reports)
{
    mk_ctx ctx = MK_CTX_INIT;
    int rc = mech->run(r->inst, reports, &r->outcome, &ctx);
    if (rc != 0)
        fail_msg("run: %s", ctx.message);
    json_decref(r->result);
    r->result = json_object();
    assert_int_equal(mech->result_json(r->inst, reports, &r->outcome, r->result, &ctx), 0);
    const char *unspent = json_string_value(json_object_get(r->result, "unspent"));
    assert_non_null(unspent);
    snprintf(r->unspent, sizeof r->unspent, "%s", unspent);
}

/* Reads csv with mech's reader (so that -p scale, skip_bad_rows and the
 * places of money parameters apply) into r->data and prepares mech with
 * kv into r->inst, without running it. */
static inline void funding_read_prepare(const mk_mechanism *mech, const char *csv,
                                        const char *const *kv, funding_run *r)
{
    mk_ctx ctx = MK_CTX_INIT;
    memset(r, 0, sizeof *r);
    r->data = (mk_dataset)MK_DATASET_INIT;
    r->outcome = (mk_outcome)MK_OUTCOME_INIT;
    mk_params params = MK_PARAMS_INIT;
    for (size_t i = 0; kv != NULL && kv[i] != NULL; i++)
        if (mk_params_set_arg(&params, kv[i], &ctx) != 0)
            fail_msg("parameter: %s", ctx.message);
    if (mk_params_bind(&params, mech->params, mech->name, &ctx) != 0)
        fail_msg("bind: %s", ctx.message);
    mk_input in = {"test.csv", csv, strlen(csv), "csv"};
    if (mech->read(&in, &params, &r->data, &ctx) != 0)
        fail_msg("read: %s", ctx.message);
    mk_setting setting = {r->data.scale,
                          r->data.reports.n,
                          r->data.reports.width,
                          0,
                          (const char *const *)r->data.items,
                          r->data.n_items};
    if (mk_mechanism_prepare(mech, &params, &setting, &r->inst, &ctx) != 0)
        fail_msg("prepare: %s", ctx.message);
    mk_params_free(&params);
}

/* funding_read_prepare, then funding_run_profile on the data read. */
static inline void funding_run_csv(const mk_mechanism *mech, const char *csv, const char *const *kv,
                                   funding_run *r)
{
    funding_read_prepare(mech, csv, kv, r);
    funding_run_profile(mech, r, &r->data.reports);
}

/* Field `key` (a string, or an integer printed) of project `name`. */
static inline const char *funding_get(const funding_run *r, const char *name, const char *key)
{
    static char buf[32]; /* test helper only: one value at a time */
    const json_t *projects = json_object_get(r->result, "projects");
    for (size_t i = 0; i < json_array_size(projects); i++) {
        const json_t *p = json_array_get(projects, i);
        if (strcmp(json_string_value(json_object_get(p, "project")), name) != 0)
            continue;
        const json_t *v = json_object_get(p, key);
        if (json_is_integer(v)) {
            snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
            return buf;
        }
        return json_string_value(v);
    }
    fail_msg("no project '%s'", name);
    return NULL;
}

static inline void funding_run_free(const mk_mechanism *mech, funding_run *r)
{
    json_decref(r->result);
    if (r->inst != NULL)
        mech->free(r->inst);
    mk_outcome_free(&r->outcome);
    mk_dataset_free(&r->data);
}

#endif
