/* voting.bucklin: Bucklin's rule on the Tennessee capital example
 * (Wikipedia, "Bucklin voting": Nashville in the second round) and on
 * truncated ballots that never give a majority, worked by hand. */
#include "voting_fixture.h"

#include <string.h>

static int64_t tally(const json_t *result, size_t round, const char *name)
{
    const json_t *r = json_array_get(json_object_get(result, "rounds"), round);
    return json_integer_value(json_object_get(json_object_get(r, "tally"), name));
}

/* Memphis 0, Nashville 1, Chattanooga 2, Knoxville 3. */
static void tennessee(void **state)
{
    (void)state;
    const size_t order[] = {0, 1, 2, 3, 1, 2, 3, 0, 2, 3, 1, 0, 3, 2, 1, 0};
    const int64_t weight[] = {42, 26, 15, 17};
    mk_profile p = MK_PROFILE_INIT;
    voting_fixture_profile(&p, 4, 4, order, weight);
    voting_run k;
    voting_fixture_run(&mk_voting_bucklin, &p, &k);
    /* Round 1: 42 at most, no majority of 100. Round 2: Memphis 42,
     * Nashville 42 + 26 = 68, Chattanooga 26 + 15 + 17 = 58, Knoxville
     * 15 + 17 = 32: Nashville has the most of the majorities. */
    assert_int_equal(json_array_size(json_object_get(k.result, "rounds")), 2);
    assert_int_equal(tally(k.result, 1, "1"), 42);
    assert_int_equal(tally(k.result, 1, "2"), 68);
    assert_int_equal(tally(k.result, 1, "3"), 58);
    assert_int_equal(tally(k.result, 1, "4"), 32);
    assert_int_equal(k.out.allocation[1], 1);
    assert_int_equal(k.out.allocation[0] + k.out.allocation[2] + k.out.allocation[3], 0);
    voting_fixture_free(&mk_voting_bucklin, &k);
    mk_profile_free(&p);
}

/* A 2 and B 2 rank only their first choice, C 1 ranks C > A. Round 1:
 * A 2, B 2, C 1, no majority of 5; round 2: A 2 + 1 = 3 of 5 wins. */
static void truncated_ballots(void **state)
{
    (void)state;
    const size_t order[] = {0, 1, 2, 1, 0, 2, 2, 0, 1};
    const size_t len[] = {1, 1, 2};
    const int64_t weight[] = {2, 2, 1};
    mk_profile p = MK_PROFILE_INIT;
    voting_fixture_ballots(&p, 3, 3, order, len, weight);
    voting_run k;
    voting_fixture_run(&mk_voting_bucklin, &p, &k);
    assert_int_equal(json_array_size(json_object_get(k.result, "rounds")), 2);
    assert_int_equal(tally(k.result, 1, "1"), 3);
    assert_int_equal(tally(k.result, 1, "2"), 2);
    assert_int_equal(tally(k.result, 1, "3"), 1);
    assert_int_equal(k.out.allocation[0], 1);
    voting_fixture_free(&mk_voting_bucklin, &k);
    /* Without the C voter's second choice no round has a majority: the
     * last round's most supported, A and B, tie. */
    const size_t short_len[] = {1, 1, 1};
    voting_fixture_ballots(&p, 3, 3, order, short_len, weight);
    voting_fixture_run(&mk_voting_bucklin, &p, &k);
    assert_int_equal(json_array_size(json_object_get(k.result, "rounds")), 3);
    assert_int_equal(k.out.allocation[0], 1);
    assert_int_equal(k.out.allocation[1], 1);
    assert_int_equal(k.out.allocation[2], 0);
    voting_fixture_free(&mk_voting_bucklin, &k);
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
