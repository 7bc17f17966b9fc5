/* voting.antiplurality: a veto against each ballot's last choice, the
 * fewest vetoes win. Worked by hand on the COMAP profile (For All Practical
 * Purposes, examples/rules_disagree.soc) and on truncated ballots. */
#include "voting_fixture.h"

#include <string.h>

static void comap_profile(void **state)
{
    (void)state;
    /* Alisha 0, Boris 1, Carmen 2, Dave 3, Elijah 4. Last choices: Boris
     * on 18 ballots, Alisha on 12 + 10 + 9 + 4 + 2 = 37; Carmen, Dave and
     * Elijah are never last and tie with no veto. */
    const size_t order[] = {0, 3, 4, 2, 1, 1, 4, 3, 2, 0, 2, 1, 4, 3, 0,
                            3, 2, 4, 1, 0, 4, 1, 3, 2, 0, 4, 2, 3, 1, 0};
    const int64_t weight[] = {18, 12, 10, 9, 4, 2};
    mk_profile p = MK_PROFILE_INIT;
    voting_fixture_profile(&p, 6, 5, order, weight);
    voting_run k;
    voting_fixture_run(&mk_voting_antiplurality, &p, &k);
    const int64_t winners[] = {0, 0, 1, 1, 1};
    for (size_t j = 0; j < 5; j++)
        assert_int_equal(k.out.allocation[j], winners[j]);
    const json_t *vetoes = json_object_get(k.result, "vetoes");
    assert_int_equal(json_integer_value(json_object_get(vetoes, "1")), 37);
    assert_int_equal(json_integer_value(json_object_get(vetoes, "2")), 18);
    assert_string_equal(json_string_value(json_array_get(json_object_get(k.result, "ranking"), 4)),
                        "1");
    voting_fixture_free(&mk_voting_antiplurality, &k);
    mk_profile_free(&p);
}

/* Truncated ballots: one unranked candidate is the ballot's last choice;
 * two or more unranked tie for last and veto no one. */
static void truncated_ballots(void **state)
{
    (void)state;
    /* 3 voters rank A > B and leave C unranked: a veto against C. 2 rank
     * only B: A and C tie last, no veto. 1 ranks C > A > B: a veto
     * against B. Vetoes A 0, B 1, C 3: A wins. */
    const size_t order[] = {0, 1, 2, 1, 0, 2, 2, 0, 1};
    const size_t len[] = {2, 1, 3};
    const int64_t weight[] = {3, 2, 1};
    mk_profile p = MK_PROFILE_INIT;
    voting_fixture_ballots(&p, 3, 3, order, len, weight);
    voting_run k;
    voting_fixture_run(&mk_voting_antiplurality, &p, &k);
    const json_t *vetoes = json_object_get(k.result, "vetoes");
    assert_int_equal(json_integer_value(json_object_get(vetoes, "1")), 0);
    assert_int_equal(json_integer_value(json_object_get(vetoes, "2")), 1);
    assert_int_equal(json_integer_value(json_object_get(vetoes, "3")), 3);
    assert_int_equal(k.out.allocation[0], 1);
    assert_int_equal(k.out.allocation[1] + k.out.allocation[2], 0);
    voting_fixture_free(&mk_voting_antiplurality, &k);
    mk_profile_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(comap_profile),
        cmocka_unit_test(truncated_ballots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
