/*
 * Quadratic voting (Lalley and Weyl 2018; see quadratic.h): v votes cost
 * v^2 credits, so the credits c a voter spends on a candidate buy
 * floor(sqrt(|c|)) votes with the sign of c. Budgets are checked per
 * voter; the most net votes win.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "mechkit/money.h"
#include "mechkit/quadratic.h"

typedef struct quadratic {
    int64_t budget;
    int negative, void_over;
    int ties_random;
    uint64_t seed;
    const char *const *items;
    size_t n_items;
    size_t m, cap_m, cap_n;
    int64_t *votes, *credits, *wasted; /* m: per candidate; wasted[0] the total */
    int *winner;
    size_t *ranking;
    int *voided; /* per voter */
    size_t n_voided, chosen;
} quadratic;

int64_t mk_isqrt(int64_t x)
{
    int64_t lo = 0, hi = 3037000499; /* floor(sqrt(INT64_MAX)) */
    while (lo < hi) {                /* the largest r with r * r <= x */
        int64_t mid = lo + (hi - lo + 1) / 2;
        if (mid <= x / mid)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static const mk_param_spec qv_params[] = {
    {"budget", MK_PARAM_INT, "100", NULL, "credits each voter may spend"},
    {"over_budget", MK_PARAM_CHOICE, "error", "error|void",
     "a voter spending more than the budget: an error, or its ballot is voided and listed"},
    {"negative", MK_PARAM_CHOICE, "no", "no|yes",
     "votes against a candidate (negative amounts), costing the same as votes for"},
    {"ties", MK_PARAM_CHOICE, "lowest", "lowest|random",
     "tied winners: the first in the file is chosen, or a lottery drawn from --seed"},
    {NULL, 0, NULL, NULL, NULL},
};

static void qv_free(mk_instance *inst)
{
    quadratic *q = (quadratic *)inst;
    if (q == NULL)
        return;
    free(q->votes);
    free(q->credits);
    free(q->wasted);
    free(q->winner);
    free(q->ranking);
    free(q->voided);
    free(q);
}

static int qv_prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                      mk_ctx *ctx)
{
    quadratic *q = calloc(1, sizeof *q);
    if (q == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory");
    int over = 0, neg = 0, ties = 0;
    int rc = mk_params_get_int(params, "budget", 0, MK_QUADRATIC_MAX_CREDITS, &q->budget, ctx);
    if (rc == 0)
        rc = mk_params_get_choice(params, "over_budget", &over, ctx);
    if (rc == 0)
        rc = mk_params_get_choice(params, "negative", &neg, ctx);
    if (rc == 0)
        rc = mk_params_get_choice(params, "ties", &ties, ctx);
    q->void_over = over == 1;
    q->negative = neg == 1;
    q->ties_random = ties == 1;
    q->seed = setting->seed;
    q->items = setting->items;
    q->n_items = setting->n_items;
    if (rc != 0) {
        qv_free((mk_instance *)q);
        return rc;
    }
    *out = (mk_instance *)q;
    return MK_OK;
}

static int reserve(quadratic *q, size_t m, size_t n, mk_ctx *ctx)
{
    if (m > q->cap_m) {
        free(q->votes);
        free(q->credits);
        free(q->wasted);
        free(q->winner);
        free(q->ranking);
        q->votes = calloc(m, sizeof *q->votes);
        q->credits = calloc(m, sizeof *q->credits);
        q->wasted = calloc(m, sizeof *q->wasted);
        q->winner = calloc(m, sizeof *q->winner);
        q->ranking = calloc(m, sizeof *q->ranking);
        q->cap_m = 0;
        if (q->votes == NULL || q->credits == NULL || q->wasted == NULL || q->winner == NULL ||
            q->ranking == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for %zu candidates", m);
        q->cap_m = m;
    }
    if (n > q->cap_n) {
        free(q->voided);
        q->voided = calloc(n, sizeof *q->voided);
        q->cap_n = 0;
        if (q->voided == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for %zu voters", n);
        q->cap_n = n;
    }
    return MK_OK;
}

static const char *label(const mk_profile *p, size_t i, char *buf, size_t cap)
{
    if (p->labels != NULL)
        return p->labels[i];
    snprintf(buf, cap, "%zu", i + 1);
    return buf;
}

/* Checks voter i's row: signs and budget; 1 when it is voided. */
static int check_voter(quadratic *q, const mk_profile *p, size_t i, int *voided, mk_ctx *ctx)
{
    const int64_t *row = mk_profile_row(p, i);
    int64_t spent = 0;
    char buf[24];
    *voided = 0;
    for (size_t j = 0; j < p->width; j++) {
        if (row[j] < 0 && !q->negative)
            return mk_error(ctx, MK_EINPUT,
                            "voter %s spends %" PRId64 " credits on candidate %zu; negative "
                            "votes need -p negative=yes",
                            label(p, i, buf, sizeof buf), row[j], j + 1);
        if (row[j] < -MK_QUADRATIC_MAX_CREDITS || row[j] > MK_QUADRATIC_MAX_CREDITS)
            return mk_error(ctx, MK_EINPUT, "voter %s spends %" PRId64 " credits: out of range",
                            label(p, i, buf, sizeof buf), row[j]);
        spent += row[j] < 0 ? -row[j] : row[j]; /* <= 4096 * 10^12: no overflow */
    }
    if (spent <= q->budget)
        return MK_OK;
    if (!q->void_over)
        return mk_error(ctx, MK_EINPUT,
                        "voter %s spends %" PRId64 " credits, over the budget of %" PRId64
                        " (-p over_budget=void voids such ballots)",
                        label(p, i, buf, sizeof buf), spent, q->budget);
    *voided = 1;
    return MK_OK;
}

static void rank(quadratic *q)
{
    size_t m = q->m, n = 0;
    for (size_t k = 0; k < m; k++) { /* stable insertion sort, most votes first */
        size_t at = k;
        while (at > 0 && q->votes[q->ranking[at - 1]] < q->votes[k]) {
            q->ranking[at] = q->ranking[at - 1];
            at--;
        }
        q->ranking[at] = k;
    }
    for (size_t j = 0; j < m; j++) {
        q->winner[j] = q->votes[j] == q->votes[q->ranking[0]];
        n += (size_t)q->winner[j];
    }
    q->chosen = q->ranking[0]; /* the first in the file among the tied */
    if (q->ties_random && n > 1) {
        mk_rng rng;
        mk_rng_seed_stream(&rng, q->seed, 1);
        uint64_t pick = mk_rng_below(&rng, n);
        for (size_t j = 0; j < m; j++)
            if (q->winner[j] && pick-- == 0)
                q->chosen = j;
    }
}

static int qv_run(mk_instance *inst, const mk_profile *p, mk_outcome *out, mk_ctx *ctx)
{
    quadratic *q = (quadratic *)inst;
    size_t m = p->width;
    if (m == 0)
        return mk_error(ctx, MK_EINPUT, "quadratic voting needs at least one candidate");
    int rc = reserve(q, m, p->n, ctx);
    if (rc != 0)
        return rc;
    q->m = m;
    q->n_voided = 0;
    for (size_t j = 0; j < m; j++)
        q->votes[j] = q->credits[j] = q->wasted[j] = 0;
    for (size_t i = 0; i < p->n; i++) {
        if ((rc = check_voter(q, p, i, &q->voided[i], ctx)) != 0)
            return rc;
        if (q->voided[i]) {
            q->n_voided++;
            continue;
        }
        const int64_t *row = mk_profile_row(p, i);
        int64_t w = p->weight != NULL ? p->weight[i] : 1, x;
        for (size_t j = 0; j < m; j++) {
            int64_t c = row[j] < 0 ? -row[j] : row[j], v = mk_isqrt(c);
            if (mk_checked_mul(row[j] < 0 ? -v : v, w, &x) != 0 ||
                mk_checked_add(q->votes[j], x, &q->votes[j]) != 0 ||
                mk_checked_mul(c, w, &x) != 0 ||
                mk_checked_add(q->credits[j], x, &q->credits[j]) != 0 ||
                mk_checked_mul(c - v * v, w, &x) != 0 ||
                mk_checked_add(q->wasted[j], x, &q->wasted[j]) != 0)
                return mk_error(ctx, MK_ERANGE, "the totals of candidate %zu overflow", j + 1);
        }
    }
    rank(q);
    rc = mk_outcome_reset(out, m, 0, ctx);
    for (size_t j = 0; rc == 0 && j < m; j++)
        out->allocation[j] = q->winner[j];
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "voters", (int64_t)p->n, MK_FACT_COUNT, ctx);
    if (rc == 0)
        rc = mk_outcome_add_fact(out, "voided", (int64_t)q->n_voided, MK_FACT_COUNT, ctx);
    return rc;
}

static const char *cand(const quadratic *q, size_t j, char *buf, size_t cap)
{
    if (q->items != NULL && j < q->n_items)
        return q->items[j];
    snprintf(buf, cap, "%zu", j + 1);
    return buf;
}

static int qv_result_json(const mk_instance *inst, const mk_profile *p, const mk_outcome *outcome,
                          void *result, mk_ctx *ctx)
{
    (void)outcome;
    const quadratic *q = (const quadratic *)inst;
    json_t *r = result;
    char buf[24];
    if (q->m != p->width)
        return mk_error(ctx, MK_EINTERNAL, "result of another profile");
    json_t *winners = json_array(), *ranking = json_array(), *votes = json_object(),
           *credits = json_object(), *voided = json_array();
    int64_t wasted = 0;
    for (size_t j = 0; j < q->m; j++) {
        if (q->winner[j])
            json_array_append_new(winners, json_string(cand(q, j, buf, sizeof buf)));
        json_array_append_new(ranking, json_string(cand(q, q->ranking[j], buf, sizeof buf)));
        json_object_set_new(votes, cand(q, j, buf, sizeof buf), json_integer(q->votes[j]));
        json_object_set_new(credits, cand(q, j, buf, sizeof buf), json_integer(q->credits[j]));
        wasted += q->wasted[j]; /* below the credits' sum, which fitted */
    }
    for (size_t i = 0; i < p->n; i++)
        if (q->voided[i])
            json_array_append_new(voided, json_string(label(p, i, buf, sizeof buf)));
    json_object_set_new(r, "winners", winners);
    json_object_set_new(r, "chosen", json_string(cand(q, q->chosen, buf, sizeof buf)));
    json_object_set_new(r, "ties", json_string(q->ties_random ? "random" : "lowest"));
    json_object_set_new(r, "ranking", ranking);
    json_object_set_new(r, "votes", votes);
    json_object_set_new(r, "credits", credits);
    json_object_set_new(r, "wasted_credits", json_integer(wasted));
    json_object_set_new(r, "budget", json_integer(q->budget));
    json_object_set_new(r, "voided", voided);
    return MK_OK;
}

static int qv_result_text(const mk_instance *inst, const mk_profile *p, const mk_outcome *outcome,
                          char **text, mk_ctx *ctx)
{
    (void)outcome;
    (void)p;
    const quadratic *q = (const quadratic *)inst;
    char *s = NULL, buf[24];
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);
    if (f == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the result text");
    fprintf(f, "%-24s %12s %12s\n", "candidate", "net votes", "credits");
    for (size_t k = 0; k < q->m; k++) {
        size_t j = q->ranking[k];
        fprintf(f, "%-24.24s %12" PRId64 " %12" PRId64 "%s\n", cand(q, j, buf, sizeof buf),
                q->votes[j], q->credits[j], q->winner[j] ? "  *" : "");
    }
    fprintf(f, "voided ballots: %zu\nchosen: %s (ties: %s)\n", q->n_voided,
            cand(q, q->chosen, buf, sizeof buf), q->ties_random ? "random" : "first in the file");
    if (fclose(f) != 0) {
        free(s);
        return mk_error(ctx, MK_ENOMEM, "out of memory for the result text");
    }
    *text = s;
    return MK_OK;
}

const mk_mechanism mk_voting_quadratic = {
    .name = "voting.quadratic",
    .summary = "quadratic voting: v votes cost v^2 credits of a per-voter budget; most net "
               "votes win",
    .input_help = "a CSV with columns voter, candidate and either credits (buying "
                  "floor(sqrt(credits)) votes) or votes (costing votes^2 credits), one line per "
                  "voter and candidate",
    .params = qv_params,
    .claims = 0,
    .flags = MK_MECH_COLLECTIVE | MK_MECH_ITEM_OUTCOME,
    .read = mk_quadratic_read,
    .prepare = qv_prepare,
    .run = qv_run,
    .result_json = qv_result_json,
    .result_text = qv_result_text,
    .free = qv_free,
};
