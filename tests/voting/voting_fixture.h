/*
 * voting_fixture.h - helpers for tests that run a voting rule through the
 * mechanism interface on ballots written in code.
 */
#ifndef MECHKIT_TEST_VOTING_FIXTURE_H
#define MECHKIT_TEST_VOTING_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/voting.h"

/* rows ballots over m candidates: order[r * m + k] is the candidate in
 * place k of ballot r (places past len[r] left unranked when len is not
 * NULL); weight[r] voters cast it. */
static inline void voting_fixture_ballots(mk_profile *p, size_t rows, size_t m, const size_t *order,
                                          const size_t *len, const int64_t *weight)
{
    assert_int_equal(mk_profile_resize(p, rows, m, NULL), 0);
    if (p->weight == NULL) { /* a profile keeps its weights when reused */
        p->weight = calloc(rows, sizeof *p->weight);
        assert_non_null(p->weight);
        p->weight_capacity = rows;
    }
    for (size_t r = 0; r < rows; r++) {
        size_t ranked = len != NULL ? len[r] : m;
        for (size_t k = 0; k < ranked; k++)
            mk_profile_row(p, r)[order[r * m + k]] = (int64_t)k + 1;
        p->weight[r] = weight[r];
    }
}

static inline void voting_fixture_profile(mk_profile *p, size_t rows, size_t m, const size_t *order,
                                          const int64_t *weight)
{
    voting_fixture_ballots(p, rows, m, order, NULL, weight);
}

typedef struct voting_run {
    mk_instance *inst;
    mk_outcome out;
    json_t *result;
} voting_run;

/* Prepares mech with defaults, runs it on p and fills k->result. */
static inline void voting_fixture_run(const mk_mechanism *mech, const mk_profile *p, voting_run *k)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    mk_setting setting = {0, p->n, p->width, 0, NULL, 0};
    k->out = (mk_outcome)MK_OUTCOME_INIT;
    if (mk_mechanism_prepare(mech, &params, &setting, &k->inst, &ctx) != 0 ||
        mech->run(k->inst, p, &k->out, &ctx) != 0)
        fail_msg("%s", ctx.message);
    k->result = json_object();
    assert_int_equal(mech->result_json(k->inst, p, &k->out, k->result, &ctx), 0);
    mk_params_free(&params);
}

static inline void voting_fixture_free(const mk_mechanism *mech, voting_run *k)
{
    json_decref(k->result);
    mk_outcome_free(&k->out);
    mech->free(k->inst);
}

/* A rule run on a file's text through its own reader: the data read, the
 * instance, the outcome and result_json. */
typedef struct voting_csv_run {
    mk_dataset data;
    mk_instance *inst;
    mk_outcome out;
    json_t *result;
} voting_csv_run;

/* Reads csv (named name in messages) with mech's reader and parameters kv
 * (NULL-terminated "key=value", or NULL), prepares, runs and fills
 * r->result; returns the first error code, its message in ctx. Free r
 * with voting_csv_run_free whatever it returns. */
static inline int voting_csv_run_text(const mk_mechanism *mech, const char *name, const char *csv,
                                      const char *const *kv, voting_csv_run *r, mk_ctx *ctx)
{
    mk_params params = MK_PARAMS_INIT;
    int rc = 0;
    for (size_t i = 0; rc == 0 && kv != NULL && kv[i] != NULL; i++)
        rc = mk_params_set_arg(&params, kv[i], ctx);
    if (rc == 0)
        rc = mk_params_bind(&params, mech->params, mech->name, ctx);
    mk_input in = {name, csv, strlen(csv), NULL};
    *r = (voting_csv_run){MK_DATASET_INIT, NULL, MK_OUTCOME_INIT, NULL};
    if (rc == 0)
        rc = mech->read(&in, &params, &r->data, ctx);
    mk_setting setting = {0,
                          r->data.reports.n,
                          r->data.reports.width,
                          0,
                          (const char *const *)r->data.items,
                          r->data.n_items};
    if (rc == 0)
        rc = mk_mechanism_prepare(mech, &params, &setting, &r->inst, ctx);
    if (rc == 0)
        rc = mech->run(r->inst, &r->data.reports, &r->out, ctx);
    if (rc == 0) {
        r->result = json_object();
        rc = mech->result_json(r->inst, &r->data.reports, &r->out, r->result, ctx);
    }
    mk_params_free(&params);
    return rc;
}

static inline void voting_csv_run_free(const mk_mechanism *mech, voting_csv_run *r)
{
    json_decref(r->result);
    mk_outcome_free(&r->out);
    if (r->inst != NULL)
        mech->free(r->inst);
    mk_dataset_free(&r->data);
}

#endif
