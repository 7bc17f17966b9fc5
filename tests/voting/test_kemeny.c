/* voting.kemeny: the Kemeny-Young ranking, exactly. Known answer: the
 * Tennessee capital example (Wikipedia, "Kemeny-Young method"; the profile
 * is the standard 42/26/15/17 one); and on random profiles the subset DP
 * agrees with an independent search over all m! rankings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/rng.h"
#include "voting_fixture.h"

/* Memphis 0, Nashville 1, Chattanooga 2, Knoxville 3. */
static void tennessee(void **state)
{
    (void)state;
    const size_t order[] = {0, 1, 2, 3, 1, 2, 3, 0, 2, 3, 1, 0, 3, 2, 1, 0};
    const int64_t weight[] = {42, 26, 15, 17};
    mk_profile p = MK_PROFILE_INIT;
    voting_fixture_profile(&p, 4, 4, order, weight);
    voting_run k;
    voting_fixture_run(&mk_voting_kemeny, &p, &k);
    /* Nashville > Chattanooga > Knoxville > Memphis: 68+68+58+83+58+58. */
    const json_t *ranking = json_object_get(k.result, "ranking");
    const char *want[] = {"2", "3", "4", "1"};
    assert_int_equal(json_array_size(ranking), 4);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(json_string_value(json_array_get(ranking, i)), want[i]);
    assert_int_equal(json_integer_value(json_object_get(k.result, "agreement")), 393);
    assert_int_equal(k.out.allocation[1], 1);
    assert_int_equal(k.out.allocation[0] + k.out.allocation[2] + k.out.allocation[3], 0);
    voting_fixture_free(&mk_voting_kemeny, &k);
    mk_profile_free(&p);
}

/* Agreement of the ranking perm with the profile's pairwise counts. */
static int64_t agreement(const mk_profile *p, const size_t *perm, size_t m)
{
    int64_t total = 0;
    for (size_t r = 0; r < p->n; r++) {
        const int64_t *rank = mk_profile_row(p, r);
        for (size_t a = 0; a < m; a++)
            for (size_t b = a + 1; b < m; b++)
                if (rank[perm[a]] < rank[perm[b]])
                    total += p->weight[r];
    }
    return total;
}

/* The best agreement over all m! rankings (Heap's algorithm). */
static int64_t brute_force(const mk_profile *p, size_t m, int *first_wins)
{
    size_t perm[8], c[8] = {0};
    for (size_t i = 0; i < m; i++)
        perm[i] = i;
    int64_t best = agreement(p, perm, m);
    memset(first_wins, 0, m * sizeof *first_wins);
    first_wins[perm[0]] = 1;
    for (size_t i = 1; i < m;) {
        if (c[i] < i) {
            size_t j = i % 2 == 0 ? 0 : c[i], t = perm[j];
            perm[j] = perm[i];
            perm[i] = t;
            int64_t a = agreement(p, perm, m);
            if (a > best) {
                best = a;
                memset(first_wins, 0, m * sizeof *first_wins);
            }
            if (a == best)
                first_wins[perm[0]] = 1;
            c[i]++;
            i = 1;
        } else {
            c[i++] = 0;
        }
    }
    return best;
}

static void agrees_with_brute_force(void **state)
{
    (void)state;
    mk_rng rng;
    mk_rng_seed(&rng, 5);
    for (int trial = 0; trial < 200; trial++) {
        size_t m = 2 + (size_t)mk_rng_below(&rng, 5), rows = 1 + (size_t)mk_rng_below(&rng, 7);
        size_t order[7 * 6];
        int64_t weight[7];
        for (size_t r = 0; r < rows; r++) {
            mk_rng_permutation(&rng, order + r * m, m);
            weight[r] = 1 + (int64_t)mk_rng_below(&rng, 5);
        }
        mk_profile p = MK_PROFILE_INIT;
        voting_fixture_profile(&p, rows, m, order, weight);
        voting_run k;
        voting_fixture_run(&mk_voting_kemeny, &p, &k);
        int wins[6];
        int64_t best = brute_force(&p, m, wins);
        assert_int_equal(json_integer_value(json_object_get(k.result, "agreement")), best);
        for (size_t c = 0; c < m; c++)
            assert_int_equal(k.out.allocation[c], wins[c]);
        voting_fixture_free(&mk_voting_kemeny, &k);
        mk_profile_free(&p);
    }
}

static void refuses_past_the_limit(void **state)
{
    (void)state;
    size_t m = 21, order[21];
    int64_t weight[1] = {1};
    for (size_t i = 0; i < m; i++)
        order[i] = i;
    mk_profile p = MK_PROFILE_INIT;
    voting_fixture_profile(&p, 1, m, order, weight);
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    mk_setting setting = {0, 1, m, 0, NULL, 0};
    mk_instance *inst;
    mk_outcome out = MK_OUTCOME_INIT;
    assert_int_equal(mk_mechanism_prepare(&mk_voting_kemeny, &params, &setting, &inst, &ctx), 0);
    assert_int_equal(mk_voting_kemeny.run(inst, &p, &out, &ctx), MK_ELIMIT);
    assert_non_null(strstr(ctx.message, "at most 20 candidates"));
    mk_voting_kemeny.free(inst);
    mk_outcome_free(&out);
    mk_profile_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tennessee),
        cmocka_unit_test(agrees_with_brute_force),
        cmocka_unit_test(refuses_past_the_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
