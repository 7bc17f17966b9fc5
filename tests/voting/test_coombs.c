/* voting.coombs: Coombs's rule on the Tennessee capital example
 * (Wikipedia, "Coombs' method": Nashville; IRV elects Knoxville on the
 * same profile), and on truncated ballots, worked by hand. */
#include "voting_fixture.h"

#include <string.h>

/* Memphis 0, Nashville 1, Chattanooga 2, Knoxville 3. */
static const size_t tennessee_order[] = {0, 1, 2, 3, 1, 2, 3, 0, 2, 3, 1, 0, 3, 2, 1, 0};
static const int64_t tennessee_weight[] = {42, 26, 15, 17};

static int64_t tally(const json_t *result, size_t round, const char *name)
{
    const json_t *r = json_array_get(json_object_get(result, "rounds"), round);
    return json_integer_value(json_object_get(json_object_get(r, "tally"), name));
}

static void tennessee(void **state)
{
    (void)state;
    mk_profile p = MK_PROFILE_INIT;
    voting_fixture_profile(&p, 4, 4, tennessee_order, tennessee_weight);
    voting_run k;
    voting_fixture_run(&mk_voting_coombs, &p, &k);
    /* Round 1: no majority of 100 (42, 26, 15, 17); Memphis is last on
     * 26 + 15 + 17 = 58 ballots and goes. Round 2: Nashville 42 + 26 = 68. */
    const json_t *rounds = json_object_get(k.result, "rounds");
    assert_int_equal(json_array_size(rounds), 2);
    assert_int_equal(tally(k.result, 0, "1"), 42);
    assert_string_equal(json_string_value(json_object_get(json_array_get(rounds, 0), "eliminated")),
                        "1");
    assert_int_equal(tally(k.result, 1, "2"), 68);
    const json_t *order = json_object_get(k.result, "elimination_order");
    assert_int_equal(json_array_size(order), 1);
    assert_string_equal(json_string_value(json_array_get(order, 0)), "1");
    assert_int_equal(tally(k.result, 1, "3"), 15);
    assert_int_equal(tally(k.result, 1, "4"), 17);
    assert_int_equal(k.out.allocation[1], 1);
    assert_int_equal(k.out.allocation[0] + k.out.allocation[2] + k.out.allocation[3], 0);
    voting_fixture_free(&mk_voting_coombs, &k);
    /* IRV on the same ballots elects Knoxville. */
    voting_fixture_run(&mk_voting_irv, &p, &k);
    assert_int_equal(k.out.allocation[3], 1);
    voting_fixture_free(&mk_voting_irv, &k);
    mk_profile_free(&p);
}

/* Ballots naming one candidate each: A 2, B 2, C 1. Round 1: 5 counted,
 * no majority; every ballot leaves two candidates tied last, so no one is
 * named last and the lowest-numbered, A, goes. Round 2: the A ballots rank
 * no continuing candidate (2 exhausted); B has 2 of 3 counted and wins. */
static void truncated_ballots(void **state)
{
    (void)state;
    const size_t order[] = {0, 1, 2, 1, 0, 2, 2, 0, 1};
    const size_t len[] = {1, 1, 1};
    const int64_t weight[] = {2, 2, 1};
    mk_profile p = MK_PROFILE_INIT;
    voting_fixture_ballots(&p, 3, 3, order, len, weight);
    voting_run k;
    voting_fixture_run(&mk_voting_coombs, &p, &k);
    const json_t *rounds = json_object_get(k.result, "rounds");
    assert_int_equal(json_array_size(rounds), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(rounds, 1), "exhausted")),
                     2);
    assert_int_equal(k.out.allocation[1], 1);
    assert_int_equal(k.out.allocation[0] + k.out.allocation[2], 0);
    voting_fixture_free(&mk_voting_coombs, &k);
    mk_profile_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tennessee),
        cmocka_unit_test(truncated_ballots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
