/*
 * Tests of the STV counts (src/mechanisms/voting/stv*.c) on small
 * elections whose every number is worked out by hand below: the quota,
 * truncated (Scottish) and exact (Gregory) transfer values, Meek's keep
 * values and rounding, and the statutory tie rules.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "mechkit/blt.h"
#include "mechkit/stv.h"

/* Runs rule on a .blt text; returns its result_json (caller decrefs). */
static json_t *count(const mk_mechanism *rule, const char *blt, uint64_t seed)
{
    mk_input in = {"t.blt", blt, strlen(blt), NULL};
    mk_ballots b = MK_BALLOTS_INIT;
    mk_blt_info info;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_blt_read(&in, &b, &info, &ctx), 0);
    mk_params params = MK_PARAMS_INIT;
    char seats[24];
    snprintf(seats, sizeof seats, "%lld", (long long)info.seats);
    assert_int_equal(mk_params_set(&params, "seats", seats, &ctx), 0);
    mk_setting setting = {0, b.profile.n, b.m, seed, (const char *const *)b.names, b.m};
    mk_instance *inst = NULL;
    mk_outcome out = MK_OUTCOME_INIT;
    assert_int_equal(mk_mechanism_prepare(rule, &params, &setting, &inst, &ctx), 0);
    if (rule->run(inst, &b.profile, &out, &ctx) != 0)
        fail_msg("%s", ctx.message);
    json_t *r = json_object();
    assert_int_equal(rule->result_json(inst, &b.profile, &out, r, &ctx), 0);
    char *text = NULL;
    assert_int_equal(rule->result_text(inst, &b.profile, &out, &text, &ctx), 0);
    assert_non_null(strstr(text, "elected, in order:"));
    free(text);
    rule->free(inst);
    mk_outcome_free(&out);
    mk_params_free(&params);
    mk_ballots_free(&b);
    return r;
}

/* The value at a JSON path of the form rounds[k].key.name (name optional). */
static const char *at(json_t *r, size_t round, const char *key, const char *name)
{
    json_t *v = json_object_get(json_array_get(json_object_get(r, "rounds"), round), key);
    if (name != NULL)
        v = json_object_get(v, name);
    if (!json_is_string(v))
        fail_msg("rounds[%zu].%s.%s is not a string", round, key, name != NULL ? name : "");
    return json_string_value(v);
}

static void expect_winners(json_t *r, const char *joined)
{
    char buf[256] = "";
    json_t *w = json_object_get(r, "winners");
    for (size_t i = 0; i < json_array_size(w); i++) {
        if (i > 0)
            strcat(buf, ",");
        strcat(buf, json_string_value(json_array_get(w, i)));
    }
    assert_string_equal(buf, joined);
}

/* The food election of Wikipedia's "Single transferable vote" article
 * (20 voters, 3 seats, Droop quota floor(20 / 4) + 1 = 6): Chocolate's 12
 * votes give a surplus of 6, transfer value 6 / 12 = 0.5, so Strawberries
 * gains 8 x 0.5 = 4 and Sweets 4 x 0.5 = 2; Pears (2) is excluded and
 * Oranges reaches 6; Sweets (3) is excluded, its 1 + 4 x 0.5 votes have no
 * next preference; Strawberries is the last continuing candidate. */
static const char *food = "5 3\n"
                          "4 1 0\n"
                          "2 2 1 0\n"
                          "8 3 4 0\n"
                          "4 3 5 0\n"
                          "1 4 0\n"
                          "1 5 0\n"
                          "0\n"
                          "\"Oranges\"\n\"Pears\"\n\"Chocolate\"\n\"Strawberries\"\n\"Sweets\"\n"
                          "\"Food\"\n";

static void test_food_election_scottish(void **state)
{
    (void)state;
    json_t *r = count(&mk_voting_stv_scottish, food, 1);
    expect_winners(r, "Chocolate,Oranges,Strawberries");
    assert_string_equal(json_string_value(json_object_get(r, "quota")), "6.00000");
    assert_string_equal(at(r, 0, "tally", "Chocolate"), "12.00000");
    assert_string_equal(at(r, 1, "action", NULL), "surplus");
    assert_string_equal(at(r, 1, "candidate", NULL), "Chocolate");
    assert_string_equal(at(r, 1, "tally", "Strawberries"), "5.00000");
    assert_string_equal(at(r, 1, "transfers", "Sweets"), "2.00000");
    assert_string_equal(at(r, 1, "tally", "Chocolate"), "6.00000");
    assert_string_equal(at(r, 2, "candidate", NULL), "Pears");
    assert_string_equal(at(r, 2, "tally", "Oranges"), "6.00000");
    assert_string_equal(at(r, 3, "candidate", NULL), "Sweets");
    assert_string_equal(at(r, 3, "non_transferable", NULL), "3.00000");
    json_decref(r);
}

/* Four voters for Alice then Bob, two for Alice then Carol, 13 in all,
 * 2 seats: quota floor(13 / 3) + 1 = 5. Alice's surplus 1 of 6 votes:
 * Scottish transfer value 1/6 truncated to 0.16666, so Bob gets
 * 3 + 4 x 0.16666 = 3.66664 and Carol 1 + 2 x 0.16666 = 1.33332, and
 * 1 - 6 x 0.16666 = 0.00004 is lost to truncation; Gregory keeps 1/6:
 * Bob 11/3, Carol 4/3. Carol is excluded (her papers from Alice have no
 * next preference: 2/6 of a vote is non-transferable), then Bob, whose
 * papers all end, and Dave fills the last vacancy. */
static const char *small = "4 2\n"
                           "4 1 2 0\n"
                           "2 1 3 0\n"
                           "3 2 0\n"
                           "1 3 4 0\n"
                           "3 4 0\n"
                           "0\n"
                           "\"Alice\"\n\"Bob\"\n\"Carol\"\n\"Dave\"\n";

static void test_truncation_scottish_and_exact_gregory(void **state)
{
    (void)state;
    json_t *r = count(&mk_voting_stv_scottish, small, 1);
    expect_winners(r, "Alice,Dave");
    assert_string_equal(at(r, 1, "tally", "Bob"), "3.66664");
    assert_string_equal(at(r, 1, "tally", "Carol"), "1.33332");
    assert_string_equal(at(r, 1, "non_transferable", NULL), "0.00004");
    assert_string_equal(at(r, 2, "candidate", NULL), "Carol");
    assert_string_equal(at(r, 2, "tally", "Dave"), "4.00000");
    assert_string_equal(at(r, 2, "transfers", "non_transferable"), "0.33332");
    json_decref(r);
    r = count(&mk_voting_stv_gregory, small, 1);
    expect_winners(r, "Alice,Dave");
    assert_string_equal(at(r, 1, "tally", "Bob"), "11/3");
    assert_string_equal(at(r, 1, "tally", "Carol"), "4/3");
    assert_string_equal(at(r, 1, "non_transferable", NULL), "0");
    assert_string_equal(at(r, 2, "non_transferable", NULL), "1/3");
    json_decref(r);
}

/* Meek on the same ballots, in units of 10^-9: quota 13/3 truncated plus
 * 10^-9 = 4.333333334. Stage 2: Alice's keep value becomes 4.333333334 / 6
 * rounded up = 0.722222223; each of her ballots keeps that and passes on
 * 0.277777777, so Alice 6 x 0.722222223 = 4.333333338, Bob 3 + 4 x
 * 0.277777777 = 4.111111108, Carol 1 + 2 x 0.277777777 = 1.555555554; the
 * surplus, 4 x 10^-9, is within the tolerance after 2 distributions.
 * Carol is excluded; her ballot for Dave moves, and Alice-Carol ballots
 * exhaust, so the quota falls and Bob (4.234567900) passes it. */
static void test_meek_keep_values(void **state)
{
    (void)state;
    json_t *r = count(&mk_voting_stv_meek, small, 1);
    expect_winners(r, "Alice,Bob");
    assert_string_equal(at(r, 0, "quota", NULL), "4.333333334");
    assert_string_equal(at(r, 1, "keep", "Alice"), "0.722222223");
    assert_string_equal(at(r, 1, "tally", "Alice"), "4.333333338");
    assert_string_equal(at(r, 1, "tally", "Bob"), "4.111111108");
    assert_string_equal(at(r, 1, "tally", "Carol"), "1.555555554");
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(r, "rounds"), 1), "iterations")),
                     2);
    assert_string_equal(at(r, 2, "candidate", NULL), "Carol");
    assert_string_equal(at(r, 2, "tally", "Bob"), "4.234567900");
    json_decref(r);
}

/* 29 voters, 3 seats, quota 8. A (10) and B (9) are elected; A's surplus
 * moves at 2/10 = 0.2 (X gains 2), B's at 1/9 truncated to 0.11111 (X
 * gains 0.99999). Z (2) is excluded, then X (4.99999), whose papers carry
 * three values (1, 0.2, 0.11111) and all go to Y: 6 + 2 + 2 + 0.99999. */
static void test_exclusion_of_papers_at_several_values(void **state)
{
    (void)state;
    const char *blt = "5 3\n10 1 3 4 0\n9 2 3 4 0\n2 3 4 0\n6 4 0\n2 5 0\n0\n"
                      "\"A\"\n\"B\"\n\"X\"\n\"Y\"\n\"Z\"\n";
    json_t *r = count(&mk_voting_stv_scottish, blt, 1);
    expect_winners(r, "A,B,Y");
    assert_string_equal(at(r, 2, "tally", "X"), "4.99999");
    assert_string_equal(at(r, 4, "candidate", NULL), "X");
    assert_string_equal(at(r, 4, "tally", "Y"), "10.99999");
    json_decref(r);
}

/* Rule 51: A 6, B 3, C 2, D 1 (D then C), one seat, quota 7. D is
 * excluded and C reaches 3, tying B; at the stage before, C had fewer
 * votes, so C is excluded. */
static void test_tie_by_earlier_stage(void **state)
{
    (void)state;
    const char *blt = "4 1\n6 1 0\n3 2 0\n2 3 0\n1 4 3 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"D\"\n";
    json_t *r = count(&mk_voting_stv_scottish, blt, 1);
    assert_string_equal(at(r, 1, "candidate", NULL), "D");
    assert_string_equal(at(r, 2, "candidate", NULL), "C");
    assert_string_equal(at(r, 2, "tie", NULL), "earlier stage");
    json_decref(r);
}

/* A and B equal at every stage: a lot drawn from the seed decides, the
 * same seed gives the same count, and some seed picks each. */
static void test_tie_by_lot(void **state)
{
    (void)state;
    const char *blt = "2 1\n1 1 0\n1 2 0\n0\n\"A\"\n\"B\"\n";
    int seen[2] = {0, 0};
    for (uint64_t seed = 0; seed < 16; seed++) {
        json_t *r = count(&mk_voting_stv_scottish, blt, seed);
        json_t *again = count(&mk_voting_stv_scottish, blt, seed);
        assert_true(json_equal(r, again));
        assert_string_equal(at(r, 1, "tie", NULL), "lot");
        const char *w = json_string_value(json_array_get(json_object_get(r, "winners"), 0));
        seen[strcmp(w, "A") == 0 ? 0 : 1] = 1;
        json_decref(r);
        json_decref(again);
    }
    assert_true(seen[0] && seen[1]);
}

/* A ballot whose first rank is shared is invalid; a later shared rank
 * ends the ballot. */
static void test_ties_on_ballots(void **state)
{
    (void)state;
    const char *blt = "3 1\n2 1=2 0\n3 1 0\n2 2 3=1 0\n1 3 0\n0\n\"A\"\n\"B\"\n\"C\"\n";
    json_t *r = count(&mk_voting_stv_scottish, blt, 1);
    assert_int_equal(json_integer_value(json_object_get(r, "invalid_votes")), 2);
    assert_int_equal(json_integer_value(json_object_get(r, "valid_votes")), 6);
    /* quota floor(6 / 2) + 1 = 4; C (1) is excluded, then B (2), whose
     * ballots end at the tie 3=1: A wins with 3; 3 votes are non-transferable. */
    expect_winners(r, "A");
    assert_string_equal(at(r, 2, "non_transferable", NULL), "3.00000");
    json_decref(r);
}

/* The same voters, once aggregated and once split into more rows in
 * another order: every count gives the same stages (rounding is per
 * ballot, and a row's voters move together). */
static void test_grouping_does_not_matter(void **state)
{
    (void)state;
    const char *grouped = "5 2\n9 1 2 3 0\n7 2 1 4 0\n6 3 4 5 0\n4 4 3 0\n3 5 1 2 0\n"
                          "5 1 3 0\n2 5 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"D\"\n\"E\"\n";
    const char *split = "5 2\n2 5 0\n1 1 3 0\n3 4 3 0\n4 1 2 3 0\n1 5 1 2 0\n7 2 1 4 0\n"
                        "6 3 4 5 0\n5 1 2 3 0\n4 1 3 0\n1 4 3 0\n2 5 1 2 0\n0\n"
                        "\"A\"\n\"B\"\n\"C\"\n\"D\"\n\"E\"\n";
    const mk_mechanism *rules[] = {&mk_voting_stv_scottish, &mk_voting_stv_gregory,
                                   &mk_voting_stv_meek};
    for (size_t i = 0; i < 3; i++) {
        json_t *a = count(rules[i], grouped, 1), *b = count(rules[i], split, 1);
        assert_true(json_equal(json_object_get(a, "rounds"), json_object_get(b, "rounds")));
        assert_true(json_equal(json_object_get(a, "winners"), json_object_get(b, "winners")));
        assert_true(json_array_size(json_object_get(a, "rounds")) > 2);
        json_decref(a);
        json_decref(b);
    }
}

/* The profile of a .blt text (its seats ignored). */
static void read_blt(const char *blt, mk_ballots *b)
{
    mk_input in = {"t.blt", blt, strlen(blt), NULL};
    mk_blt_info info;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_blt_read(&in, b, &info, &ctx), 0);
}

/* One run of inst on b, as result_json's text (the caller frees it). */
static char *run_text(const mk_mechanism *rule, mk_instance *inst, const mk_ballots *b)
{
    mk_outcome out = MK_OUTCOME_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    if (rule->run(inst, &b->profile, &out, &ctx) != 0)
        fail_msg("%s", ctx.message);
    json_t *r = json_object();
    assert_int_equal(rule->result_json(inst, &b->profile, &out, r, &ctx), 0);
    char *text = json_dumps(r, JSON_SORT_KEYS);
    json_decref(r);
    mk_outcome_free(&out);
    return text;
}

static mk_instance *prepare_two_seats(const mk_mechanism *rule)
{
    mk_params params = MK_PARAMS_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_params_set(&params, "seats", "2", &ctx), 0);
    mk_setting setting = {0, 0, 0, 1, NULL, 0};
    mk_instance *inst = NULL;
    assert_int_equal(mk_mechanism_prepare(rule, &params, &setting, &inst, &ctx), 0);
    mk_params_free(&params);
    return inst;
}

/* A count keeps its workspaces and stages between runs (an audit counts
 * thousands of elections with one instance): elections of 5 and 4
 * candidates in turn must each give, stage by stage, what a fresh
 * instance gives. */
static void test_reused_instance(void **state)
{
    (void)state;
    const mk_mechanism *rules[] = {&mk_voting_stv_scottish, &mk_voting_stv_gregory,
                                   &mk_voting_stv_meek};
    mk_ballots five = MK_BALLOTS_INIT, four = MK_BALLOTS_INIT;
    read_blt(food, &five);
    read_blt(small, &four);
    const mk_ballots *order[] = {&four, &five, &five, &four, &five};
    for (size_t k = 0; k < 3; k++) {
        mk_instance *kept = prepare_two_seats(rules[k]);
        for (size_t i = 0; i < 5; i++) {
            mk_instance *fresh = prepare_two_seats(rules[k]);
            char *want = run_text(rules[k], fresh, order[i]);
            char *got = run_text(rules[k], kept, order[i]);
            assert_string_equal(got, want);
            free(want);
            free(got);
            rules[k]->free(fresh);
        }
        rules[k]->free(kept);
    }
    mk_ballots_free(&five);
    mk_ballots_free(&four);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_food_election_scottish),
        cmocka_unit_test(test_truncation_scottish_and_exact_gregory),
        cmocka_unit_test(test_meek_keep_values),
        cmocka_unit_test(test_exclusion_of_papers_at_several_values),
        cmocka_unit_test(test_tie_by_earlier_stage),
        cmocka_unit_test(test_tie_by_lot),
        cmocka_unit_test(test_ties_on_ballots),
        cmocka_unit_test(test_grouping_does_not_matter),
        cmocka_unit_test(test_reused_instance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
