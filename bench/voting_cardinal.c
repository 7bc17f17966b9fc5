/*
 * bench/voting_cardinal: the speed of the score-ballot rules and of ranked
 * pairs' winners over every order of equal margins.
 *
 * 1. A seeded score-ballot CSV of 100,000 ballots x 20 candidates, scores
 *    0..5 uniform: reading it (parse, check, aggregate), then score, STAR
 *    and majority judgment through the mechanism interface (best of
 *    REPEAT runs each).
 * 2. Ranked pairs on seeded impartial-culture profiles with few voters
 *    (so that most majorities share a margin, the hard case for the
 *    search over tie orders): per size, the median and largest time of
 *    one run (the fixed-order count, the matrix and the search) and how
 *    many runs stopped at the default limit of 100,000 states.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_clock.h"
#include "mechkit/cardinal.h"
#include "mechkit/rng.h"
#include "mechkit/voting.h"

enum { CANDIDATES = 20, BALLOTS = 100000, REPEAT = 5, PROFILES = 21 };

static void die(const char *what, const mk_ctx *ctx)
{
    fprintf(stderr, "%s: %s\n", what, ctx->message);
    exit(1);
}

/* Best of `repeat` runs of mech on p; *stopped (when not NULL) is set
 * when ranked pairs' search over tie orders stopped at its limit. */
static double time_rule(const mk_mechanism *mech, const mk_profile *p, int repeat, int *stopped)
{
    mk_params params = MK_PARAMS_INIT;
    mk_setting setting = {0, p->n, p->width, 1, NULL, 0};
    mk_instance *inst = NULL;
    mk_outcome out = MK_OUTCOME_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    double best = 1e9;
    if (mk_mechanism_prepare(mech, &params, &setting, &inst, &ctx) != 0)
        die(mech->name, &ctx);
    for (int r = 0; r < repeat; r++) {
        double t0 = now();
        if (mech->run(inst, p, &out, &ctx) != 0)
            die(mech->name, &ctx);
        double t = now() - t0;
        best = t < best ? t : best;
    }
    if (stopped != NULL) {
        json_t *r = json_object();
        if (mech->result_json(inst, p, &out, r, &ctx) != 0)
            die(mech->name, &ctx);
        *stopped = json_is_null(json_object_get(r, "all_tie_order_winners"));
        json_decref(r);
    }
    mech->free(inst);
    mk_outcome_free(&out);
    mk_params_free(&params);
    return best;
}

static void score_ballots(void)
{
    mk_rng rng;
    mk_rng_seed(&rng, 2024);
    size_t cap = (size_t)BALLOTS * CANDIDATES * 2 + 1024, len = 0;
    char *csv = malloc(cap);
    for (int j = 0; j < CANDIDATES; j++)
        len += (size_t)snprintf(csv + len, cap - len, "%sc%d", j ? "," : "", j + 1);
    csv[len++] = '\n';
    for (int i = 0; i < BALLOTS; i++)
        for (int j = 0; j < CANDIDATES; j++) {
            csv[len++] = (char)('0' + mk_rng_below(&rng, 6));
            csv[len++] = j + 1 < CANDIDATES ? ',' : '\n';
        }
    mk_input in = {"bench.csv", csv, len, NULL};
    mk_cardinal_options o = MK_CARDINAL_OPTIONS_INIT;
    mk_cardinal_ballots b = MK_CARDINAL_BALLOTS_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    double t0 = now();
    if (mk_cardinal_read_csv(&in, &o, &b, &ctx) != 0)
        die("read", &ctx);
    double read = now() - t0;
    printf("score ballots, %d candidates x %d ballots (%zu distinct)\n", CANDIDATES, BALLOTS,
           b.profile.n);
    printf("  %-28s %8.4f s\n", "read CSV (parse, aggregate)", read);
    static const mk_mechanism *const rules[] = {&mk_voting_score, &mk_voting_star,
                                                &mk_voting_majority_judgment};
    for (size_t k = 0; k < sizeof rules / sizeof rules[0]; k++)
        printf("  %-28s %8.4f s\n", rules[k]->name, time_rule(rules[k], &b.profile, REPEAT, NULL));
    mk_cardinal_ballots_free(&b);
    free(csv);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void ranked_pairs_orders(size_t m, size_t voters)
{
    mk_rng rng;
    mk_rng_seed(&rng, 7 * m + voters);
    mk_profile p = MK_PROFILE_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    size_t perm[64];
    double t[PROFILES];
    int stopped, n_stopped = 0;
    if (mk_profile_resize(&p, voters, m, &ctx) != 0)
        die("profile", &ctx);
    for (int k = 0; k < PROFILES; k++) {
        for (size_t i = 0; i < voters; i++) {
            mk_rng_permutation(&rng, perm, m);
            for (size_t r = 0; r < m; r++)
                mk_profile_row(&p, i)[perm[r]] = (int64_t)r + 1;
        }
        t[k] = time_rule(&mk_voting_ranked_pairs, &p, 1, &stopped);
        n_stopped += stopped;
    }
    qsort(t, PROFILES, sizeof t[0], cmp_double);
    printf("  %2zu candidates x %2zu voters: median %8.4f s, largest %8.4f s, %d stopped at the "
           "limit\n",
           m, voters, t[PROFILES / 2], t[PROFILES - 1], n_stopped);
    mk_profile_free(&p);
}

int main(void)
{
    score_ballots();
    printf("ranked pairs with every order of equal margins, %d seeded profiles each\n", PROFILES);
    static const size_t sizes[][2] = {{10, 4}, {10, 5}, {20, 5}, {20, 9}, {40, 9}, {64, 11}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
        ranked_pairs_orders(sizes[k][0], sizes[k][1]);
    return 0;
}
