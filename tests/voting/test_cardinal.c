/*
 * Approval and score ballots (src/io/cardinal_csv.c) and the rules that
 * read them (approval, score, STAR, majority judgment): known answers
 * counted by hand, the STAR tie situations of the reference tabulator's
 * test elections, and bad input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/cardinal.h"
#include "mechkit/rng.h"

typedef struct run {
    mk_dataset data;
    mk_instance *inst;
    mk_outcome out;
    json_t *result;
} run;

/* Reads csv with the parameters kv (NULL-terminated "k=v") and runs mech. */
static void run_csv(const mk_mechanism *mech, const char *csv, const char *const *kv, run *r)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    for (size_t i = 0; kv != NULL && kv[i] != NULL; i++)
        assert_int_equal(mk_params_set_arg(&params, kv[i], &ctx), 0);
    if (mk_params_bind(&params, mech->params, mech->name, &ctx) != 0)
        fail_msg("%s", ctx.message);
    mk_input in = {"t.csv", csv, strlen(csv), NULL};
    r->data = (mk_dataset)MK_DATASET_INIT;
    if (mech->read(&in, &params, &r->data, &ctx) != 0)
        fail_msg("%s", ctx.message);
    mk_setting setting = {0,
                          r->data.reports.n,
                          r->data.reports.width,
                          7,
                          (const char *const *)r->data.items,
                          r->data.n_items};
    r->out = (mk_outcome)MK_OUTCOME_INIT;
    if (mk_mechanism_prepare(mech, &params, &setting, &r->inst, &ctx) != 0 ||
        mech->run(r->inst, &r->data.reports, &r->out, &ctx) != 0)
        fail_msg("%s", ctx.message);
    r->result = json_object();
    assert_int_equal(mech->result_json(r->inst, &r->data.reports, &r->out, r->result, &ctx), 0);
    mk_params_free(&params);
}

static void run_free(const mk_mechanism *mech, run *r)
{
    json_decref(r->result);
    mk_outcome_free(&r->out);
    mech->free(r->inst);
    mk_dataset_free(&r->data);
}

/* A JSON value as text: a string, an integer, or an array of names as "A,B". */
static const char *text_of(json_t *v, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (json_is_string(v))
        snprintf(buf, cap, "%s", json_string_value(v));
    else if (json_is_integer(v))
        snprintf(buf, cap, "%lld", (long long)json_integer_value(v));
    else if (json_is_array(v))
        for (size_t i = 0; i < json_array_size(v); i++) {
            size_t l = strlen(buf);
            snprintf(buf + l, cap - l, "%s%s", i ? "," : "",
                     json_string_value(json_array_get(v, i)));
        }
    return buf;
}

static void expect_key(json_t *result, const char *path, const char *want)
{
    char key[64], buf[256];
    snprintf(key, sizeof key, "%s", path);
    json_t *v = result;
    for (char *part = strtok(key, "."); part != NULL; part = strtok(NULL, "."))
        v = json_is_array(v) ? json_array_get(v, (size_t)atoi(part)) : json_object_get(v, part);
    if (strcmp(text_of(v, buf, sizeof buf), want) != 0)
        fail_msg("%s is '%s', expected '%s'", path, buf, want);
}

/* ---- approval and score ------------------------------------------------------------------- */

/* examples/approval_ballots.csv, counted by hand: Ann 12+5, Bo 12+9+3,
 * Cy 9+7, Dee 7+5. */
static const char approval_csv[] = "Ann,Bo,Cy,Dee,count\n"
                                   "1,1,0,0,12\n"
                                   "0,1,1,0,9\n"
                                   "0,0,1,1,7\n"
                                   "1,0,0,1,5\n"
                                   "0,1,0,0,3\n";

static void approval_counts(void **state)
{
    (void)state;
    run r;
    run_csv(&mk_voting_approval, approval_csv, NULL, &r);
    expect_key(r.result, "winners", "Bo");
    expect_key(r.result, "scores.Ann", "17");
    expect_key(r.result, "scores.Bo", "24");
    expect_key(r.result, "scores.Cy", "16");
    expect_key(r.result, "scores.Dee", "12");
    expect_key(r.result, "ranking", "Bo,Ann,Cy,Dee");
    run_free(&mk_voting_approval, &r);
}

/* A tie: both winners, the first chosen by default. */
static void approval_tie(void **state)
{
    (void)state;
    run r;
    run_csv(&mk_voting_approval, "X,Y,Z\n1,0,1\n0,1,1\n1,1,0\n", NULL, &r);
    expect_key(r.result, "winners", "X,Y,Z");
    expect_key(r.result, "chosen", "X");
    run_free(&mk_voting_approval, &r);
}

/* Score voting: totals, a blank counting as min (here 1). */
static void score_totals_and_blanks(void **state)
{
    (void)state;
    static const char *const kv[] = {"min=1", "max=10", NULL};
    run r;
    run_csv(&mk_voting_score, "voter,P,Q\nv1,10,\nv2,2,9\nv3,,9\n", kv, &r);
    expect_key(r.result, "scores.P", "13"); /* 10 + 2 + 1 */
    expect_key(r.result, "scores.Q", "19"); /* 1 + 9 + 9 */
    expect_key(r.result, "winners", "Q");
    run_free(&mk_voting_score, &r);
}

/* ---- STAR --------------------------------------------------------------------------------- */

/* examples/star_ballots.csv: the highest total (Ben, 58) loses the
 * automatic runoff to Abby, whom 7 of 13 voters score higher. */
static void star_runoff_overturns_scores(void **state)
{
    (void)state;
    run r;
    run_csv(&mk_voting_star, "voter,Abby,Ben,Cat,count\ng1,5,4,0,7\ng2,0,5,3,4\ng3,1,5,4,2\n", NULL,
            &r);
    expect_key(r.result, "scores.Abby", "37");
    expect_key(r.result, "scores.Ben", "58");
    expect_key(r.result, "finalists", "Ben,Abby");
    expect_key(r.result, "runoff.Abby", "7");
    expect_key(r.result, "runoff.Ben", "6");
    expect_key(r.result, "winners", "Abby");
    expect_key(r.result, "ranking", "Abby,Ben,Cat");
    run_free(&mk_voting_star, &r);
}

/* starvote's test election "breakable tie in automatic runoff round using
 * max score count": Brian and Chuck score 12 each, the runoff is 1-1 with
 * one no preference, the scores tie, and Chuck has two fives to Brian's
 * one: Chuck. */
static void star_runoff_tie_most_fives(void **state)
{
    (void)state;
    run r;
    run_csv(&mk_voting_star, "Amy,Brian,Chuck\n1,5,5\n1,3,5\n1,4,2\n", NULL, &r);
    expect_key(r.result, "runoff.no_preference", "1");
    expect_key(r.result, "winners", "Chuck");
    expect_key(r.result, "tiebreaks.0.round", "runoff");
    expect_key(r.result, "tiebreaks.0.broken_by", "most top scores");
    run_free(&mk_voting_star, &r);
}

/* A runoff tie broken by the higher total score (step 2 of the official
 * protocol). */
static void star_runoff_tie_higher_score(void **state)
{
    (void)state;
    run r;
    run_csv(&mk_voting_star, "A,B,C\n5,0,0\n0,4,1\n", NULL, &r);
    expect_key(r.result, "finalists", "A,B");
    expect_key(r.result, "winners", "A");
    expect_key(r.result, "tiebreaks.0.broken_by", "higher total score");
    run_free(&mk_voting_star, &r);
}

/* starvote's "unbreakable tie for second in score round": Amy and Brian
 * score 6 each, split head to head, have no fives: the ties rule picks
 * (Amy, the first); Chuck, scored 5 by all, wins the runoff. */
static void star_scoring_tie_unbreakable(void **state)
{
    (void)state;
    run r;
    run_csv(&mk_voting_star, "Amy,Brian,Chuck\n4,0,5\n0,4,5\n2,2,5\n", NULL, &r);
    expect_key(r.result, "finalists", "Chuck,Amy");
    expect_key(r.result, "tiebreaks.0.round", "scoring");
    expect_key(r.result, "tiebreaks.0.broken_by", "ties parameter (no step broke the tie)");
    expect_key(r.result, "winners", "Chuck");
    run_free(&mk_voting_star, &r);
}

/* A tie for second broken head to head: B and C score 7, two voters of
 * three score B above C. */
static void star_scoring_tie_head_to_head(void **state)
{
    (void)state;
    run r;
    run_csv(&mk_voting_star, "A,B,C\n5,3,2\n5,3,2\n5,1,3\n", NULL, &r);
    expect_key(r.result, "finalists", "A,B");
    expect_key(r.result, "tiebreaks.0.broken_by", "most head-to-head wins among the tied");
    expect_key(r.result, "tiebreaks.0.chosen", "B");
    expect_key(r.result, "winners", "A");
    run_free(&mk_voting_star, &r);
}

/* A true runoff tie: both finalists are tied winners. */
static void star_true_tie(void **state)
{
    (void)state;
    run r;
    run_csv(&mk_voting_star, "A,B\n5,0\n0,5\n", NULL, &r);
    expect_key(r.result, "winners", "A,B");
    expect_key(r.result, "chosen", "A");
    run_free(&mk_voting_star, &r);
}

/* ---- majority judgment -------------------------------------------------------------------- */

/* Odd N (5): A's grades 1,2,3,3,4 and B's 0,3,3,3,3 share the majority
 * grade 3; removing it leaves lower medians 2 (A) and 3 (B): B, though A
 * has the higher total (13 to 12). Counted by hand after Balinski and
 * Laraki's majority value. */
static void mj_odd_removes_medians(void **state)
{
    (void)state;
    run r;
    run_csv(&mk_voting_majority_judgment, "A,B\n1,0\n2,3\n3,3\n3,3\n4,3\n", NULL, &r);
    expect_key(r.result, "majority_grades.A", "3");
    expect_key(r.result, "majority_grades.B", "3");
    expect_key(r.result, "winners", "B");
    expect_key(r.result, "ranking", "B,A");
    run_free(&mk_voting_majority_judgment, &r);
    run_csv(&mk_voting_score, "A,B\n1,0\n2,3\n3,3\n3,3\n4,3\n", NULL, &r);
    expect_key(r.result, "winners", "A");
    run_free(&mk_voting_score, &r);
}

/* Even N (4): the lower median is the majority grade, and removing it
 * next takes the grade above: A (0,2,4,4) against B (1,2,3,5) share 2,
 * then 4 against 3: A, though B's lowest grade is better. */
static void mj_even_lower_median(void **state)
{
    (void)state;
    run r;
    run_csv(&mk_voting_majority_judgment, "A,B\n0,1\n2,2\n4,3\n4,5\n", NULL, &r);
    expect_key(r.result, "majority_grades.A", "2");
    expect_key(r.result, "gauge.A.above", "2");
    expect_key(r.result, "gauge.A.below", "1");
    expect_key(r.result, "winners", "A");
    run_free(&mk_voting_majority_judgment, &r);
}

/* Weighted ballots: 60 voters grade X 1 and Y 2, 40 grade X 5 and Y 0.
 * Majority grades (lower median of 100 = position 50): X 1, Y 2: Y. */
static void mj_weighted_and_ties(void **state)
{
    (void)state;
    run r;
    run_csv(&mk_voting_majority_judgment, "X,Y,count\n1,2,60\n5,0,40\n", NULL, &r);
    expect_key(r.result, "majority_grades.X", "1");
    expect_key(r.result, "majority_grades.Y", "2");
    expect_key(r.result, "winners", "Y");
    expect_key(r.result, "gauge.Y.below", "40");
    run_free(&mk_voting_majority_judgment, &r);
    /* identical grade distributions tie */
    run_csv(&mk_voting_majority_judgment, "X,Y,Z\n1,3,0\n3,1,0\n", NULL, &r);
    expect_key(r.result, "winners", "X,Y");
    expect_key(r.result, "ranking", "X,Y,Z");
    run_free(&mk_voting_majority_judgment, &r);
}

/* ---- the reader --------------------------------------------------------------------------- */

static void read_ok(const char *csv, mk_cardinal_ballots *b)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_cardinal_options o = MK_CARDINAL_OPTIONS_INIT;
    mk_input in = {"t.csv", csv, strlen(csv), NULL};
    if (mk_cardinal_read_csv(&in, &o, b, &ctx) != 0)
        fail_msg("%s", ctx.message);
}

static void identical_ballots_aggregated(void **state)
{
    (void)state;
    mk_cardinal_ballots b = MK_CARDINAL_BALLOTS_INIT;
    read_ok("A,B,count\n1,0,2\n0,1,1\n1,0,3\n 1 , 0 ,1\n", &b);
    assert_int_equal(b.m, 2);
    assert_int_equal(b.profile.n, 2);
    assert_int_equal(b.profile.weight[0], 6);
    assert_int_equal(b.profile.weight[1], 1);
    assert_int_equal(b.voters, 7);
    assert_string_equal(b.names[1], "B");
    mk_cardinal_ballots_free(&b);
}

static void bad(const char *csv, int blank_is_error, int code, const char *want)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_cardinal_options o = MK_CARDINAL_OPTIONS_INIT;
    o.blank_is_error = blank_is_error;
    mk_cardinal_ballots b = MK_CARDINAL_BALLOTS_INIT;
    mk_input in = {"t.csv", csv, strlen(csv), NULL};
    assert_int_equal(mk_cardinal_read_csv(&in, &o, &b, &ctx), code);
    if (strstr(ctx.message, want) == NULL)
        fail_msg("message '%s' lacks '%s'", ctx.message, want);
    assert_null(b.names);
    assert_int_equal(b.profile.n, 0);
}

static void bad_input(void **state)
{
    (void)state;
    bad("A,B\n1,x\n", 0, MK_EINPUT, "t.csv:2: column 2 ('B'): expected an integer score, not 'x'");
    bad("A,B\n1,2\n1,9\n", 0, MK_EINPUT, "t.csv:3: column 2 ('B'): the score must be in 0..5");
    bad("A,B\n1,-1\n", 0, MK_EINPUT, "column 2 ('B'): the score must be in 0..5, not '-1'");
    bad("A,B\n1\n", 0, MK_EINPUT, "t.csv:2: 1 cells, but the header has 2 columns");
    bad("A,B\n1,2,3\n", 0, MK_EINPUT, "t.csv:2: 3 cells, but the header has 2 columns");
    bad("A,B,A\n1,2,3\n", 0, MK_EINPUT,
        "t.csv:1: column 3: 'A' is named twice (first in column 1)");
    bad("A,,B\n1,2,3\n", 0, MK_EINPUT, "t.csv:1: column 2: empty candidate name");
    bad("A,count\n1,0\n", 0, MK_EINPUT, "column 2 ('count'): expected a positive count, not '0'");
    bad("A,count,count\n1,1,1\n", 0, MK_EINPUT, "column 3: a second 'count' column");
    bad("A,B\n1,\n", 1, MK_EINPUT, "t.csv:2: column 2 ('B'): a blank score (blank=error)");
    bad("A,B\n1,99999999999999999999\n", 0, MK_EINPUT, "expected an integer score");
    bad("", 0, MK_EINPUT, "t.csv: empty input");
    bad("A,B\n", 0, MK_EINPUT, "t.csv: no ballots after the header");
    bad("count,voter\n1,x\n", 0, MK_EINPUT, "t.csv:1: the header names no candidate");
    bad("A,B\n1,\"2\n", 0, MK_EINPUT, "t.csv:2:3:"); /* the CSV reader's own error */
}

static void bad_range(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_cardinal_options o = {3, 3, 0};
    mk_cardinal_ballots b = MK_CARDINAL_BALLOTS_INIT;
    mk_input in = {"t.csv", "A\n3\n", 4, NULL};
    assert_int_equal(mk_cardinal_read_csv(&in, &o, &b, &ctx), MK_EPARAM);
}

/* The audit interface: utility is the voter's score of the winners
 * (averaged over ties); deviations list every approval ballot of 3
 * candidates, and for scores 0..5 of 4 candidates start with the bullet
 * votes and burials. */
static void audit_interface(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    assert_int_equal(mk_params_bind(&params, mk_voting_approval.params, "a", &ctx), 0);
    mk_setting setting = {0, 2, 3, 0, NULL, 0};
    mk_instance *inst = NULL;
    assert_int_equal(mk_mechanism_prepare(&mk_voting_approval, &params, &setting, &inst, &ctx), 0);
    mk_profile types = MK_PROFILE_INIT;
    assert_int_equal(mk_profile_resize(&types, 2, 3, &ctx), 0);
    int64_t truth[6] = {1, 1, 0, 0, 1, 1};
    memcpy(types.cells, truth, sizeof truth);
    mk_outcome out = MK_OUTCOME_INIT;
    assert_int_equal(mk_voting_approval.run(inst, &types, &out, &ctx), 0);
    mk_rational u;
    assert_int_equal(mk_voting_approval.utility(inst, &types, 0, &out, &u, &ctx), 0);
    assert_int_equal(u.num, 1); /* winner B, approved by voter 1 */
    assert_int_equal(u.den, 1);
    int64_t rows[256 * 4];
    mk_deviation_set dev = {rows, 3, 256, 0, 0};
    assert_int_equal(mk_voting_approval.deviations(inst, &types, 0, NULL, &dev, &ctx), 0);
    assert_int_equal(dev.n, 8);
    assert_true(dev.exhaustive);
    assert_int_equal(rows[7 * 3 + 0] + rows[7 * 3 + 1] + rows[7 * 3 + 2], 3);
    mk_outcome_free(&out);
    mk_voting_approval.free(inst);
    mk_params_free(&params);

    assert_int_equal(mk_params_bind(&params, mk_voting_star.params, "s", &ctx), 0);
    setting.width = 4;
    assert_int_equal(mk_mechanism_prepare(&mk_voting_star, &params, &setting, &inst, &ctx), 0);
    mk_rng rng;
    mk_rng_seed(&rng, 3);
    assert_int_equal(mk_voting_star.sample(inst, &rng, 2, &types, &ctx), 0);
    dev = (mk_deviation_set){rows, 4, 256, 0, 0};
    assert_int_equal(mk_voting_star.deviations(inst, &types, 1, &rng, &dev, &ctx), 0);
    assert_int_equal(dev.n, 48);
    assert_false(dev.exhaustive);
    static const int64_t bullet[4] = {5, 0, 0, 0}, burial[4] = {0, 5, 5, 5};
    assert_memory_equal(rows, bullet, sizeof bullet);
    assert_memory_equal(rows + 4 * 4, burial, sizeof burial);
    for (size_t k = 0; k < 4 * 48; k++)
        assert_true(rows[k] >= 0 && rows[k] <= 5);
    mk_voting_star.free(inst);
    mk_params_free(&params);
    mk_profile_free(&types);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(approval_counts),
        cmocka_unit_test(approval_tie),
        cmocka_unit_test(score_totals_and_blanks),
        cmocka_unit_test(star_runoff_overturns_scores),
        cmocka_unit_test(star_runoff_tie_most_fives),
        cmocka_unit_test(star_runoff_tie_higher_score),
        cmocka_unit_test(star_scoring_tie_unbreakable),
        cmocka_unit_test(star_scoring_tie_head_to_head),
        cmocka_unit_test(star_true_tie),
        cmocka_unit_test(mj_odd_removes_medians),
        cmocka_unit_test(mj_even_lower_median),
        cmocka_unit_test(mj_weighted_and_ties),
        cmocka_unit_test(identical_ballots_aggregated),
        cmocka_unit_test(bad_input),
        cmocka_unit_test(bad_range),
        cmocka_unit_test(audit_interface),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
