/*
 * mk_voting_pairwise against the definition, ballot by ballot: seeded
 * profiles with ties, truncation, weights of 1 (counted in byte or word
 * lanes) and others, and more than 255 candidates (16-bit keys); and its
 * bad input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mechkit/voting.h"

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* rows ballots over m candidates: random ranks 0..m, so with ties,
 * skipped ranks and unranked candidates; weights 1, or 0..9. */
static void random_profile(mk_profile *p, size_t rows, size_t m, int unit, uint64_t seed)
{
    uint64_t s = seed * 0x9e3779b97f4a7c15u + 7;
    assert_int_equal(mk_profile_resize(p, rows, m, NULL), 0);
    p->weight = calloc(rows, sizeof *p->weight);
    assert_non_null(p->weight);
    p->weight_capacity = rows;
    for (size_t i = 0; i < rows; i++) {
        for (size_t j = 0; j < m; j++)
            mk_profile_row(p, i)[j] = (int64_t)(next(&s) % (m + 1));
        p->weight[i] = unit ? 1 : (int64_t)(next(&s) % 10);
    }
}

/* The matrix by its definition. */
static void naive(const mk_profile *p, int64_t *out)
{
    size_t m = p->width;
    memset(out, 0, m * m * sizeof *out);
    for (size_t i = 0; i < p->n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        for (size_t a = 0; a < m; a++)
            for (size_t b = 0; b < m; b++)
                if (row[a] != 0 && (row[b] == 0 || row[a] < row[b]))
                    out[a * m + b] += p->weight[i];
    }
}

static void expect_definition(size_t rows, size_t m, int unit, uint64_t seed)
{
    mk_profile p = MK_PROFILE_INIT;
    random_profile(&p, rows, m, unit, seed);
    int64_t *got = malloc(m * m * sizeof *got), *want = malloc(m * m * sizeof *want);
    assert_true(got != NULL && want != NULL);
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_voting_pairwise(&p, got, &ctx), 0);
    naive(&p, want);
    assert_memory_equal(got, want, m * m * sizeof *got);
    free(got);
    free(want);
    mk_profile_free(&p);
}

static void test_definition(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 20; seed++)
        expect_definition(1 + seed * 7, 2 + seed % 9, seed % 2, seed);
    expect_definition(20000, 7, 1, 30); /* lanes emptied many times over, in blocks */
    expect_definition(5000, 12, 0, 31);
    expect_definition(300, 256, 1, 32); /* word keys */
    expect_definition(70, 300, 0, 33);
    expect_definition(0, 4, 1, 34);
}

/* Every lane of the unweighted counts true every time: 20,000 ballots
 * ranking 1 > 2 > 3, 300 ranking 300 candidates in order. */
static void test_unanimous(void **state)
{
    (void)state;
    static const size_t sizes[][2] = {{20000, 3}, {300, 300}};
    for (size_t k = 0; k < 2; k++) {
        size_t rows = sizes[k][0], m = sizes[k][1];
        mk_profile p = MK_PROFILE_INIT;
        random_profile(&p, rows, m, 1, 1);
        for (size_t i = 0; i < rows; i++)
            for (size_t j = 0; j < m; j++)
                mk_profile_row(&p, i)[j] = (int64_t)j + 1;
        int64_t *got = malloc(m * m * sizeof *got);
        assert_non_null(got);
        mk_ctx ctx = MK_CTX_INIT;
        assert_int_equal(mk_voting_pairwise(&p, got, &ctx), 0);
        for (size_t a = 0; a < m; a++)
            for (size_t b = 0; b < m; b++)
                assert_int_equal(got[a * m + b], a < b ? (int64_t)rows : 0);
        free(got);
        mk_profile_free(&p);
    }
}

static void test_bad_input(void **state)
{
    (void)state;
    mk_profile p = MK_PROFILE_INIT;
    random_profile(&p, 3, 4, 1, 9);
    int64_t out[16];
    mk_ctx ctx = MK_CTX_INIT;
    mk_profile_row(&p, 1)[2] = 5;
    assert_int_equal(mk_voting_pairwise(&p, out, &ctx), MK_EINPUT);
    assert_string_equal(ctx.message,
                        "ballot 2 gives candidate 3 rank 5 (ranks are 1..4, 0 for unranked)");
    mk_profile_row(&p, 1)[2] = -1;
    assert_int_equal(mk_voting_pairwise(&p, out, &ctx), MK_EINPUT);
    mk_profile_row(&p, 1)[2] = 1;
    p.weight[2] = -3;
    assert_int_equal(mk_voting_pairwise(&p, out, &ctx), MK_EINPUT);
    assert_string_equal(ctx.message, "ballot 3 has weight -3");
    p.weight[2] = INT64_MAX;
    assert_int_equal(mk_voting_pairwise(&p, out, &ctx), MK_ERANGE);
    mk_profile_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_definition),
        cmocka_unit_test(test_unanimous),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
