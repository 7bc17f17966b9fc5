/*
 * clr.fund round files (see mechkit/funding.h): the JSON that clr.fund
 * exports from each round's on-chain record for its leaderboard
 * (clrfund/monorepo, vue-app/src/rounds/). Fields read: round.
 * matchingPoolSize, totalSpent, voiceCreditFactor, nativeTokenDecimals;
 * tally.results.tally and tally.totalVoiceCreditsPerVoteOption.tally (one
 * decimal string per vote option); projects[].name, recipientIndex and
 * state. Everything else (metadata, MACI salts and commitments) is ignored.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/funding.h"
#include "mechkit/money.h"

static char *copy_text(const char *s)
{
    size_t len = strlen(s) + 1;
    char *c = malloc(len);
    if (c != NULL)
        memcpy(c, s, len);
    return c;
}

/* A decimal string of digits (or a non-negative JSON integer) that fits
 * int64, at JSON path `where`. */
static int small_number(const char *name, const json_t *v, const char *where, int64_t *out,
                        mk_ctx *ctx)
{
    if (json_is_integer(v) && json_integer_value(v) >= 0) {
        *out = (int64_t)json_integer_value(v);
        return MK_OK;
    }
    if (!json_is_string(v))
        return mk_error(ctx, MK_EINPUT, "%s: %s: %s", name, where,
                        v == NULL ? "missing" : "expected a decimal string of digits");
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    if (len == 0 || strspn(s, "0123456789") != len)
        return mk_error(ctx, MK_EINPUT, "%s: %s: '%.40s' is not a decimal string of digits", name,
                        where, s);
    if (mk_money_parse(s, len, 0, out, NULL) != 0)
        return mk_error(ctx, MK_EINPUT, "%s: %s: '%.40s' is past 2^63-1", name, where, s);
    return MK_OK;
}

/* The pool, a decimal string of any length, as two base-10^18 limbs. */
static int pool_limbs(const char *name, const json_t *v, int64_t *hi, int64_t *lo, mk_ctx *ctx)
{
    const char *s = json_string_value(v);
    size_t len = s != NULL ? strlen(s) : 0;
    if (s == NULL || len == 0 || strspn(s, "0123456789") != len)
        return mk_error(ctx, MK_EINPUT,
                        "%s: round.matchingPoolSize: expected a decimal string of digits", name);
    size_t cut = len > 18 ? len - 18 : 0;
    *hi = 0;
    if (cut > 0 && mk_money_parse(s, cut, 0, hi, NULL) != 0)
        return mk_error(ctx, MK_EINPUT, "%s: round.matchingPoolSize: past 2^63 * 10^18", name);
    return mk_money_parse(s + cut, len - cut, 0, lo, ctx);
}

static const json_t *path2(const json_t *doc, const char *a, const char *b, const char *c)
{
    const json_t *v = json_object_get(doc, a);
    v = json_object_get(v, b);
    return c != NULL ? json_object_get(v, c) : v;
}

/* The round's constants into row template t. */
static int read_round(const char *name, const json_t *round, int64_t *t, int *decimals, mk_ctx *ctx)
{
    if (!json_is_object(round))
        return mk_error(ctx, MK_EINPUT, "%s: no object \"round\" (is this a clr.fund round file?)",
                        name);
    int64_t d;
    int rc = small_number(name, json_object_get(round, "nativeTokenDecimals"),
                          "round.nativeTokenDecimals", &d, ctx);
    if (rc == 0 && d > MK_SCALE_MAX)
        rc = mk_error(ctx, MK_EINPUT, "%s: round.nativeTokenDecimals: %lld is past %d", name,
                      (long long)d, MK_SCALE_MAX);
    if (rc == 0)
        rc = small_number(name, json_object_get(round, "voiceCreditFactor"),
                          "round.voiceCreditFactor", &t[MK_CLRFUND_FACTOR], ctx);
    if (rc == 0)
        rc = small_number(name, json_object_get(round, "totalSpent"), "round.totalSpent",
                          &t[MK_CLRFUND_TOTAL_SPENT], ctx);
    if (rc == 0)
        rc = pool_limbs(name, json_object_get(round, "matchingPoolSize"), &t[MK_CLRFUND_POOL_HI],
                        &t[MK_CLRFUND_POOL_LO], ctx);
    *decimals = (int)d;
    return rc;
}

static int read_tally(const char *name, const json_t *doc, mk_profile *p, const int64_t *t,
                      mk_ctx *ctx)
{
    const json_t *votes = path2(doc, "tally", "results", "tally");
    const json_t *spent = path2(doc, "tally", "totalVoiceCreditsPerVoteOption", "tally");
    if (!json_is_array(votes) || !json_is_array(spent) || json_array_size(votes) == 0)
        return mk_error(ctx, MK_EINPUT,
                        "%s: tally.results.tally and tally.totalVoiceCreditsPerVoteOption.tally "
                        "must be non-empty lists",
                        name);
    size_t k = json_array_size(votes);
    if (json_array_size(spent) != k)
        return mk_error(ctx, MK_EINPUT,
                        "%s: tally.results.tally has %zu options but "
                        "tally.totalVoiceCreditsPerVoteOption.tally %zu",
                        name, k, json_array_size(spent));
    int rc = mk_profile_resize(p, k, MK_CLRFUND_WIDTH, ctx);
    for (size_t i = 0; rc == 0 && i < k; i++) {
        int64_t *row = mk_profile_row(p, i);
        char where[80];
        memcpy(row, t, MK_CLRFUND_WIDTH * sizeof *row);
        snprintf(where, sizeof where, "tally.results.tally[%zu]", i);
        rc = small_number(name, json_array_get(votes, i), where, &row[MK_CLRFUND_VOTES], ctx);
        snprintf(where, sizeof where, "tally.totalVoiceCreditsPerVoteOption.tally[%zu]", i);
        if (rc == 0)
            rc = small_number(name, json_array_get(spent, i), where, &row[MK_CLRFUND_SPENT], ctx);
    }
    return rc;
}

static int read_projects(const char *name, const json_t *doc, mk_profile *p, char **labels,
                         mk_ctx *ctx)
{
    const json_t *projects = json_object_get(doc, "projects");
    if (!json_is_array(projects))
        return mk_error(ctx, MK_EINPUT, "%s: no list \"projects\"", name);
    for (size_t j = 0; j < json_array_size(projects); j++) {
        const json_t *pr = json_array_get(projects, j);
        const json_t *nm = json_object_get(pr, "name"), *st = json_object_get(pr, "state");
        const json_t *ix = json_object_get(pr, "recipientIndex");
        if (!json_is_string(nm) || !json_is_string(st))
            return mk_error(ctx, MK_EINPUT, "%s: projects[%zu]: needs a string name and state",
                            name, j);
        if (!json_is_integer(ix) || json_integer_value(ix) < 0 ||
            (size_t)json_integer_value(ix) >= p->n)
            return mk_error(ctx, MK_EINPUT,
                            "%s: projects[%zu].recipientIndex: expected an integer below the "
                            "%zu vote options",
                            name, j, p->n);
        size_t at = (size_t)json_integer_value(ix);
        int64_t *row = mk_profile_row(p, at);
        if (row[MK_CLRFUND_PROJECT] != 0)
            return mk_error(ctx, MK_EINPUT,
                            "%s: projects[%zu].recipientIndex: %zu is also projects[%lld]'s", name,
                            j, at, (long long)row[MK_CLRFUND_PROJECT] - 1);
        row[MK_CLRFUND_PROJECT] = (int64_t)j + 1;
        row[MK_CLRFUND_STATE] = strcmp(json_string_value(st), "Accepted") == 0;
        char *copy = copy_text(json_string_value(nm));
        if (copy == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for project names");
        free(labels[at]);
        labels[at] = copy;
    }
    return MK_OK;
}

int mk_clrfund_read(const mk_input *in, mk_dataset *out, mk_ctx *ctx)
{
    if (in == NULL || out == NULL || (in->data == NULL && in->len > 0))
        return mk_error(ctx, MK_EINTERNAL, "mk_clrfund_read: NULL argument");
    const char *name = in->name != NULL ? in->name : "<input>";
    json_error_t err;
    json_t *doc = json_loadb(in->data, in->len, 0, &err);
    if (doc == NULL)
        return mk_error(ctx, MK_EINPUT, "%s:%d:%d: %s", name, err.line, err.column, err.text);
    mk_dataset d = MK_DATASET_INIT;
    int64_t t[MK_CLRFUND_WIDTH] = {0};
    int decimals = 0;
    int rc = read_round(name, json_object_get(doc, "round"), t, &decimals, ctx);
    if (rc == 0)
        rc = read_tally(name, doc, &d.reports, t, ctx);
    if (rc == 0 && (d.labels = calloc(d.reports.n, sizeof *d.labels)) == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for project names");
    for (size_t i = 0; rc == 0 && i < d.reports.n; i++)
        if ((d.labels[i] = copy_text("")) == NULL)
            rc = mk_error(ctx, MK_ENOMEM, "out of memory for project names");
    if (rc == 0)
        rc = read_projects(name, doc, &d.reports, d.labels, ctx);
    json_decref(doc);
    if (rc != 0) {
        mk_dataset_free(&d);
        return rc;
    }
    d.scale = decimals;
    d.reports.labels = (const char *const *)d.labels;
    *out = d;
    return MK_OK;
}
