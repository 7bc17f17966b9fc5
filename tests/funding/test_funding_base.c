/*
 * Tests of what the funding rules share (src/mechanisms/funding/
 * funding_base.c): the candidate misreports the auditor tries.
 */
#include "funding_fixture.h"

#include "mechanisms/funding/funding_internal.h"

/* bob gives p0 10 and p2 7: the candidates are the row withheld, halved
 * and doubled (3), then for each contribution: withheld, halved, doubled
 * and the whole budget of 17 moved onto it (2 x 4): 11 rows, in order. */
static void test_deviations(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_profile types = MK_PROFILE_INIT;
    assert_int_equal(mk_profile_resize(&types, 1, 7, &ctx), 0);
    int64_t truth[7] = {2, MK_FUNDING_WEIGHT_ONE, 1, 0, 10, 2, 7};
    memcpy(mk_profile_row(&types, 0), truth, sizeof truth);
    int64_t rows[16 * 7];
    mk_deviation_set out = {rows, 7, 16, 0, 1};
    for (const mk_mechanism *const *m =
             (const mk_mechanism *const[]){&mk_funding_qf, &mk_funding_qf_pairwise,
                                           &mk_funding_cocm, NULL};
         *m != NULL; m++)
        assert_ptr_equal((*m)->deviations, mk_funding_deviations);
    assert_int_equal(mk_funding_deviations(NULL, &types, 0, NULL, &out, &ctx), 0);
    assert_int_equal(out.n, 11);
    assert_int_equal(out.exhaustive, 0);
    /* amounts (cells 4 and 6) of each candidate; projects unchanged */
    static const int64_t want[11][2] = {{0, 0},  {5, 3},  {20, 14}, {0, 7},   {5, 7}, {20, 7},
                                        {17, 0}, {10, 0}, {10, 3},  {10, 14}, {0, 17}};
    for (size_t d = 0; d < 11; d++) {
        const int64_t *row = rows + d * 7;
        assert_int_equal(row[0], 2);
        assert_int_equal(row[3], 0);
        assert_int_equal(row[5], 2);
        assert_int_equal(row[4], want[d][0]);
        assert_int_equal(row[6], want[d][1]);
    }
    /* room for 2: the first two only */
    out.max = 2;
    assert_int_equal(mk_funding_deviations(NULL, &types, 0, NULL, &out, &ctx), 0);
    assert_int_equal(out.n, 2);
    /* doubling past int64 is left out, not wrapped */
    mk_profile_row(&types, 0)[4] = INT64_MAX / 2 + 1;
    out.max = 16;
    assert_int_equal(mk_funding_deviations(NULL, &types, 0, NULL, &out, &ctx), 0);
    for (size_t d = 0; d < out.n; d++)
        assert_true(rows[d * 7 + 4] >= 0 && rows[d * 7 + 6] >= 0);
    assert_int_equal(out.n, 9); /* 11 less the doublings of the row and of p0 */
    /* a total past int64: no move of the budget either */
    mk_profile_row(&types, 0)[6] = INT64_MAX / 2 + 1;
    assert_int_equal(mk_funding_deviations(NULL, &types, 0, NULL, &out, &ctx), 0);
    assert_int_equal(out.n, 6); /* withheld and halved only, for the row and each */
    out.width = 5;
    assert_int_equal(mk_funding_deviations(NULL, &types, 0, NULL, &out, &ctx), MK_EINTERNAL);
    mk_profile_free(&types);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deviations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
