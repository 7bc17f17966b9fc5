/*
 * Tests of the least core, the nucleolus and the pre-nucleolus
 * (src/coop/nucleolus.c, src/coop/excess_lp.c): the known answers of
 * issue 8, games solved by hand, and random games whose answers are
 * checked against the definition by brute force: no other allocation
 * sampled has a lexicographically smaller sorted excess vector.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers above, as cmocka requires */

#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/bankruptcy.h"
#include "mechkit/nucleolus.h"
#include "mechkit/tu_game.h"

static const char *const names[] = {"a", "b", "c", "d", "e", "f", "g", "h"};

enum solver { LEAST_CORE, NUCLEOLUS, PRENUCLEOLUS };

static mk_tu_game *game_new(size_t n, const int64_t *v)
{
    mk_rational r[256];
    for (size_t m = 0; m < (size_t)1 << n; m++)
        r[m] = (mk_rational){v[m], 1};
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_game *g = NULL;
    if (mk_tu_game_new(&g, n, names, r, &ctx) != 0)
        fail_msg("game: %s", ctx.message);
    return g;
}

static int solve(const mk_tu_game *g, enum solver s, mk_tu_excess_result **out, mk_ctx *ctx)
{
    switch (s) {
    case LEAST_CORE: return mk_tu_least_core(g, 6, out, ctx);
    case NUCLEOLUS: return mk_tu_nucleolus(g, 6, out, ctx);
    default: return mk_tu_prenucleolus(g, 6, out, ctx);
    }
}

static mk_tu_excess_result *solved(const mk_tu_game *g, enum solver s)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_excess_result *r = NULL;
    if (solve(g, s, &r, &ctx) != 0)
        fail_msg("solve %d: %s", (int)s, ctx.message);
    return r;
}

static void expect_point(const mk_tu_excess_result *r, const char *const *want)
{
    for (size_t i = 0; i < r->point->n; i++)
        if (strcmp(r->point->fraction[i], want[i]) != 0)
            fail_msg("player %zu: got %s, want %s", i + 1, r->point->fraction[i], want[i]);
}

/* The three-player majority game (issue 8): any two players win 1. Its
 * nucleolus is (1/3, 1/3, 1/3), each pair's excess 1/3, the least-core
 * eps; the pre-nucleolus is the same point. */
static void test_majority(void **state)
{
    (void)state;
    const int64_t v[8] = {0, 0, 0, 1, 0, 1, 1, 1};
    const char *third[] = {"1/3", "1/3", "1/3"};
    mk_tu_game *g = game_new(3, v);
    for (int s = LEAST_CORE; s <= PRENUCLEOLUS; s++) {
        mk_tu_excess_result *r = solved(g, (enum solver)s);
        if (s != LEAST_CORE)
            expect_point(r, third);
        assert_string_equal(r->level[0], "1/3");
        assert_string_equal(r->level_decimal[0], "0.333333");
        mk_tu_excess_result_free(r);
    }
    mk_tu_game_free(g);
}

/* One left glove and two right ones (issue 8): the core is {(1, 0, 0)},
 * so the nucleolus, which lies in a non-empty core, is (1, 0, 0). */
static void test_glove(void **state)
{
    (void)state;
    const unsigned char left[3] = {1, 0, 0};
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_game *g = NULL;
    assert_int_equal(mk_tu_game_new_glove(&g, 3, names, left, &ctx), 0);
    mk_tu_excess_result *r = solved(g, NUCLEOLUS);
    const char *want[] = {"1", "0", "0"};
    expect_point(r, want);
    assert_string_equal(r->level[0], "0");
    mk_tu_excess_result_free(r);
    mk_tu_game_free(g);
}

/* By hand: v(i) = 0, v(ab) = 4, v(ac) = 3, v(bc) = 2, v(N) = 6. The three
 * pairs' excesses add up to 9 - 2 v(N) = -3, so the largest is at least
 * -1, reached only where all three are -1: x = (3, 2, 1), in one stage. */
static void test_three_pairs(void **state)
{
    (void)state;
    const int64_t v[8] = {0, 0, 0, 4, 0, 3, 2, 6};
    const char *want[] = {"3", "2", "1"};
    mk_tu_game *g = game_new(3, v);
    for (int s = NUCLEOLUS; s <= PRENUCLEOLUS; s++) {
        mk_tu_excess_result *r = solved(g, (enum solver)s);
        expect_point(r, want);
        assert_int_equal(r->levels, 1);
        assert_string_equal(r->level[0], "-1");
        mk_tu_excess_result_free(r);
    }
    mk_tu_game_free(g);
}

/* By hand, a game whose pre-nucleolus is no imputation: v(i) = 0,
 * v(ab) = 2, v(ac) = v(bc) = 0, v(N) = 1. Pre-nucleolus: the complements
 * {a, b} and {c} have excesses 1 + x_c and -x_c, so stage 1 fixes
 * x_c = -1/2 at 1/2; then {a} and {b, c} give max(-x_a, x_a - 1), {b} and
 * {a, c} likewise, with x_a + x_b = 3/2: -1/4 at x = (3/4, 3/4, -1/2).
 * Nucleolus: x_c >= 0 makes {a, b}'s excess 1 + x_c at least 1, so
 * x_c = 0, then max(-x_a, -x_b) with x_a + x_b = 1: (1/2, 1/2, 0) at -1/2
 * ({c} is then fixed by the span of {a, b} and N, and leaves). */
static void test_pre_differs(void **state)
{
    (void)state;
    const int64_t v[8] = {0, 0, 0, 2, 0, 0, 0, 1};
    const char *pre[] = {"3/4", "3/4", "-1/2"}, *nuc[] = {"1/2", "1/2", "0"};
    mk_tu_game *g = game_new(3, v);
    mk_tu_excess_result *r = solved(g, PRENUCLEOLUS);
    expect_point(r, pre);
    assert_int_equal(r->levels, 2);
    assert_string_equal(r->level[0], "1/2");
    assert_string_equal(r->level[1], "-1/4");
    mk_tu_excess_result_free(r);
    r = solved(g, NUCLEOLUS);
    expect_point(r, nuc);
    assert_int_equal(r->levels, 2);
    assert_string_equal(r->level[0], "1");
    assert_string_equal(r->level[1], "-1/2");
    mk_tu_excess_result_free(r);
    mk_tu_game_free(g);
}

/* The airport game with costs 1, 2, 3 as v = -c. By hand: {a} and {b, c}
 * are complements, so max(x_a - 1, -x_a) >= -1/2 and stage 1 fixes
 * x_a = 1/2 at -1/2; then {a, b} and {a, c} give x_b - 3/2 and x_c - 5/2
 * with x_b + x_c = 5/2, at least -3/4: x = (1/2, 3/4, 7/4), paid. This is
 * Littlechild's (1974) nucleolus of the airport game. */
static void test_airport(void **state)
{
    (void)state;
    const int64_t v[8] = {0, -1, -2, -2, -3, -3, -3, -3};
    const char *want[] = {"-1/2", "-3/4", "-7/4"};
    mk_tu_game *g = game_new(3, v);
    mk_tu_excess_result *r = solved(g, NUCLEOLUS);
    expect_point(r, want);
    assert_int_equal(r->levels, 2);
    assert_string_equal(r->level[0], "-1/2");
    assert_string_equal(r->level[1], "-3/4");
    mk_tu_excess_result_free(r);
    mk_tu_game_free(g);
}

/* Aumann and Maschler 1985: the Talmud's divisions of estates 100, 200,
 * 300 among claims 100, 200, 300 are the nucleoli of the bankruptcy
 * games. */
static void test_talmud(void **state)
{
    (void)state;
    const char *want[3][3] = {
        {"100/3", "100/3", "100/3"}, {"50", "75", "75"}, {"50", "100", "150"}};
    const mk_rational claims[3] = {{100, 1}, {200, 1}, {300, 1}};
    for (int e = 0; e < 3; e++) {
        mk_ctx ctx = MK_CTX_INIT;
        mk_bankruptcy *b = NULL;
        mk_tu_game *g = NULL;
        assert_int_equal(
            mk_bankruptcy_new(&b, 3, names, claims, (mk_rational){100 * (e + 1), 1}, &ctx), 0);
        assert_int_equal(mk_bankruptcy_game(b, &g, &ctx), 0);
        mk_tu_excess_result *r = solved(g, NUCLEOLUS);
        expect_point(r, want[e]);
        mk_tu_excess_result_free(r);
        mk_tu_game_free(g);
        mk_bankruptcy_free(b);
    }
}

/* ---- brute force on random games ---- */

static uint64_t next(uint64_t *s)
{
    *s = *s * 6364136223846793005u + 1442695040888963407u;
    return *s >> 33;
}

static int cmp_desc(const void *a, const void *b)
{
    return mpq_cmp(*(const mpq_t *)b, *(const mpq_t *)a);
}

/* The excesses of the proper coalitions at x, sorted decreasing. */
static void sorted_excesses(const mk_tu_game *g, mpq_t *x, mpq_t *e)
{
    size_t count = ((size_t)1 << g->n) - 2;
    mpq_t t;
    mpq_init(t);
    for (size_t m = 1; m <= count; m++) {
        mpq_set_si(e[m - 1], g->num[m], (unsigned long)g->den);
        mpq_canonicalize(e[m - 1]);
        for (size_t i = 0; i < g->n; i++)
            if ((m >> i) & 1)
                mpq_sub(e[m - 1], e[m - 1], x[i]);
    }
    qsort(e, count, sizeof *e, cmp_desc);
    mpq_clear(t);
}

static int lex_cmp(mpq_t *a, mpq_t *b, size_t count)
{
    for (size_t k = 0; k < count; k++) {
        int c = mpq_cmp(a[k], b[k]);
        if (c != 0)
            return c;
    }
    return 0;
}

/* Allocations near x and far from it, efficient (and imputations when
 * asked): every one must have a larger sorted excess vector. */
static void check_lexmin(const mk_tu_game *g, mpq_t *x, int imputations, uint64_t *seed)
{
    size_t n = g->n, count = ((size_t)1 << n) - 2;
    mpq_t ex[254], ey[254], y[8], d, vi;
    mpq_inits(d, vi, NULL);
    for (size_t k = 0; k < count; k++) {
        mpq_init(ex[k]);
        mpq_init(ey[k]);
    }
    for (size_t i = 0; i < n; i++)
        mpq_init(y[i]);
    sorted_excesses(g, x, ex);
    int tried = 0;
    for (int trial = 0; trial < 400; trial++) {
        size_t i = (size_t)next(seed) % n, j = (size_t)next(seed) % n;
        if (i == j)
            continue;
        /* Moves of 1/den_step between two players, then random others. */
        for (size_t p = 0; p < n; p++)
            mpq_set(y[p], x[p]);
        unsigned long den_step = trial < 200 ? 1000 : 3;
        mpq_set_ui(d, 1 + next(seed) % 5, den_step);
        mpq_add(y[i], y[i], d);
        mpq_sub(y[j], y[j], d);
        int ok = 1;
        for (size_t p = 0; imputations && p < n; p++) {
            mpq_set_si(vi, g->num[(size_t)1 << p], (unsigned long)g->den);
            mpq_canonicalize(vi);
            ok &= mpq_cmp(y[p], vi) >= 0;
        }
        if (!ok)
            continue;
        tried++;
        sorted_excesses(g, y, ey);
        if (lex_cmp(ey, ex, count) <= 0)
            fail_msg("an allocation has sorted excesses not above the nucleolus' (trial %d)",
                     trial);
    }
    assert_true(tried > 0);
    for (size_t k = 0; k < count; k++) {
        mpq_clear(ex[k]);
        mpq_clear(ey[k]);
    }
    for (size_t i = 0; i < n; i++)
        mpq_clear(y[i]);
    mpq_clears(d, vi, NULL);
}

static void parse_point(const mk_tu_excess_result *r, mpq_t *x)
{
    for (size_t i = 0; i < r->point->n; i++) {
        mpq_init(x[i]);
        assert_int_equal(mpq_set_str(x[i], r->point->fraction[i], 10), 0);
    }
}

/* Random games of 3 to 8 players, integer values in -5..24 (superadditive
 * or not): the nucleolus is an imputation, efficient, and lexicographic
 * minimal among sampled imputations; the pre-nucleolus likewise over
 * efficient allocations; both have their first level at the least-core
 * eps, which is the largest excess of the least-core point. */
static void test_random(void **state)
{
    (void)state;
    uint64_t seed = 2026;
    for (int round = 0; round < 64; round++) {
        size_t n = round < 60 ? 3 + (size_t)round % 4 : 7 + (size_t)round % 2;
        int64_t v[256] = {0};
        for (size_t m = 1; m < (size_t)1 << n; m++)
            v[m] = (int64_t)(next(&seed) % 30) - 5;
        int64_t singles = 0;
        for (size_t i = 0; i < n; i++)
            singles += v[(size_t)1 << i];
        if (v[((size_t)1 << n) - 1] <= singles) /* imputations beside the nucleolus */
            v[((size_t)1 << n) - 1] = singles + 1 + (int64_t)(next(&seed) % 4);
        mk_tu_game *g = game_new(n, v);
        mk_tu_excess_result *lc = solved(g, LEAST_CORE);
        for (int s = NUCLEOLUS; s <= PRENUCLEOLUS; s++) {
            mk_tu_excess_result *r = solved(g, (enum solver)s);
            mpq_t x[8];
            parse_point(r, x);
            check_lexmin(g, x, s == NUCLEOLUS, &seed);
            if (s == PRENUCLEOLUS)
                assert_string_equal(r->level[0], lc->level[0]);
            for (size_t i = 0; i < n; i++)
                mpq_clear(x[i]);
            mk_tu_excess_result_free(r);
        }
        mpq_t x[8], e[254];
        parse_point(lc, x);
        for (size_t k = 0; k < ((size_t)1 << n) - 2; k++)
            mpq_init(e[k]);
        sorted_excesses(g, x, e);
        char *top = mpq_get_str(NULL, 10, e[0]);
        assert_string_equal(top, lc->level[0]);
        free(top);
        for (size_t k = 0; k < ((size_t)1 << n) - 2; k++)
            mpq_clear(e[k]);
        for (size_t i = 0; i < n; i++)
            mpq_clear(x[i]);
        mk_tu_excess_result_free(lc);
        mk_tu_game_free(g);
    }
}

/* Values near 2^62, and fractions over 3, 7, 11 and 13: the simplex
 * multipliers over their common denominator pass 2^62, so pricing takes
 * its GMP path; the answers still satisfy the definition. */
static void test_big_values(void **state)
{
    (void)state;
    uint64_t seed = 99;
    for (int round = 0; round < 8; round++) {
        size_t n = 3 + (size_t)round % 3;
        mk_rational r[32];
        r[0] = (mk_rational){0, 1};
        for (size_t m = 1; m < (size_t)1 << n; m++) {
            uint64_t big = (next(&seed) << 31 ^ next(&seed)) & (((uint64_t)1 << 62) - 1);
            const int64_t dens[4] = {3, 7, 11, 13};
            int64_t den = round < 4 ? 1 : dens[next(&seed) % 4];
            r[m] = (mk_rational){(int64_t)(round < 4 ? big : big >> 20), den};
        }
        mk_ctx ctx = MK_CTX_INIT;
        mk_tu_game *g = NULL;
        assert_int_equal(mk_tu_game_new(&g, n, names, r, &ctx), 0);
        mk_tu_excess_result *pre = solved(g, PRENUCLEOLUS);
        mpq_t x[8];
        parse_point(pre, x);
        check_lexmin(g, x, 0, &seed);
        for (size_t i = 0; i < n; i++)
            mpq_clear(x[i]);
        mk_tu_excess_result_free(pre);
        mk_tu_game_free(g);
    }
}

static void test_bad_input(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_excess_result *r = NULL;
    /* v(a) + v(b) = 3 > v(N) = 2: no imputation. */
    const int64_t v[4] = {0, 1, 2, 2};
    mk_tu_game *g = game_new(2, v);
    assert_int_equal(mk_tu_nucleolus(g, 6, &r, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "imputations"));
    assert_null(r);
    assert_int_equal(mk_tu_prenucleolus(g, 6, &r, &ctx), 0);
    assert_string_equal(r->point->fraction[0], "1/2");
    assert_string_equal(r->point->fraction[1], "3/2");
    mk_tu_excess_result_free(r);
    r = NULL;
    assert_int_equal(mk_tu_least_core(g, 41, &r, &ctx), MK_EPARAM);
    mk_tu_game_free(g);
    const int64_t one[2] = {0, 5};
    g = game_new(1, one);
    assert_int_equal(mk_tu_least_core(g, 6, &r, &ctx), MK_EINPUT);
    assert_int_equal(mk_tu_nucleolus(g, 6, &r, &ctx), 0);
    assert_string_equal(r->point->fraction[0], "5");
    assert_int_equal(r->levels, 0);
    mk_tu_excess_result_free(r);
    mk_tu_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_majority),    cmocka_unit_test(test_glove),
        cmocka_unit_test(test_three_pairs), cmocka_unit_test(test_pre_differs),
        cmocka_unit_test(test_airport),     cmocka_unit_test(test_talmud),
        cmocka_unit_test(test_random),      cmocka_unit_test(test_big_values),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
