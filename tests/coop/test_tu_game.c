/*
 * Tests of explicit cooperative games and their Shapley value
 * (src/coop/tu_game.c), airport games (src/coop/airport.c) and exact
 * numbers (src/coop/exact.c): textbook answers, a cross-check against
 * an independent brute force over all n! orders of arrival, and bad input.
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

#include "mechkit/airport.h"
#include "mechkit/tu_game.h"

static const char *const names8[] = {"a", "b", "c", "d", "e", "f", "g", "h"};

static mk_tu_game *game_new(size_t n, const mk_rational *v)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_game *g = NULL;
    int rc = mk_tu_game_new(&g, n, names8, v, &ctx);
    if (rc != 0)
        fail_msg("game: rc %d: %s", rc, ctx.message);
    return g;
}

static mk_coop_vector *shapley(const mk_tu_game *g, int places)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_coop_vector *v = NULL;
    int rc = mk_tu_game_shapley(g, places, &v, &ctx);
    if (rc != 0)
        fail_msg("shapley: rc %d: %s", rc, ctx.message);
    return v;
}

static void expect_vector(const mk_coop_vector *v, const char *const *want)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->fraction[i], want[i]) != 0)
            fail_msg("player %zu: got %s, want %s", i + 1, v->fraction[i], want[i]);
}

/* The three-player majority game: any two win. Symmetry and efficiency
 * (Shapley 1953's axioms) give (1/3, 1/3, 1/3). */
static void test_majority(void **state)
{
    (void)state;
    mk_rational v[8];
    for (size_t m = 0; m < 8; m++)
        v[m] = (mk_rational){__builtin_popcount((unsigned)m) >= 2, 1};
    mk_tu_game *g = game_new(3, v);
    mk_coop_vector *phi = shapley(g, 6);
    expect_vector(phi, (const char *const[]){"1/3", "1/3", "1/3"});
    assert_string_equal(phi->decimal[0], "0.333333");
    mk_coop_vector_free(phi);
    mk_tu_game_free(g);
}

/* One left-glove owner and two right-glove owners: Shapley (2/3, 1/6,
 * 1/6), the known answer of issue 8; by hand, L is pivotal in the 4 of
 * the 6 orders where a right owner comes before L. */
static void test_glove(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_game *g = NULL;
    const char *const names[] = {"L", "R1", "R2"};
    const unsigned char left[] = {1, 0, 0};
    assert_int_equal(mk_tu_game_new_glove(&g, 3, names, left, &ctx), 0);
    assert_int_equal(g->num[7], 1); /* {L, R1, R2}: one pair */
    assert_int_equal(g->num[6], 0); /* {R1, R2}: none */
    mk_coop_vector *phi = shapley(g, 4);
    expect_vector(phi, (const char *const[]){"2/3", "1/6", "1/6"});
    assert_string_equal(phi->decimal[1], "0.1667");
    mk_coop_vector_free(phi);
    mk_tu_game_free(g);
}

/* Negative and fractional values: v({a}) = -5/2, v({b}) = 1/3,
 * v({a,b}) = 0.5. By hand: phi_a = (-5/2 + (1/2 - 1/3)) / 2 = -7/6,
 * phi_b = (1/3 + (1/2 + 5/2)) / 2 = 5/3. */
static void test_fractions_and_signs(void **state)
{
    (void)state;
    mk_rational v[4] = {{0, 1}, {-5, 2}, {1, 3}, {1, 2}};
    mk_tu_game *g = game_new(2, v);
    assert_int_equal(g->den, 6);
    mk_coop_vector *phi = shapley(g, 3);
    expect_vector(phi, (const char *const[]){"-7/6", "5/3"});
    assert_string_equal(phi->decimal[0], "-1.167");
    assert_string_equal(phi->decimal[1], "1.667");
    mk_coop_vector_free(phi);
    mk_tu_game_free(g);
}

/* ---- brute force: the average marginal contribution over all orders */

static void brute_shapley(size_t n, const mk_rational *v, mpq_t *phi)
{
    size_t perm[8];
    for (size_t i = 0; i < n; i++) {
        perm[i] = i;
        mpq_set_ui(phi[i], 0, 1);
    }
    mpq_t a, b, d;
    mpq_inits(a, b, d, NULL);
    unsigned long orders = 0;
    for (;;) {
        size_t m = 0;
        for (size_t k = 0; k < n; k++) {
            size_t next = m | ((size_t)1 << perm[k]);
            mpq_set_si(a, (long)v[next].num, (unsigned long)v[next].den);
            mpq_set_si(b, (long)v[m].num, (unsigned long)v[m].den);
            mpq_canonicalize(a);
            mpq_canonicalize(b);
            mpq_sub(d, a, b);
            mpq_add(phi[perm[k]], phi[perm[k]], d);
            m = next;
        }
        orders++;
        /* next permutation (lexicographic) */
        size_t i = n - 1;
        while (i > 0 && perm[i - 1] > perm[i])
            i--;
        if (i == 0)
            break;
        size_t j = n - 1;
        while (perm[j] < perm[i - 1])
            j--;
        size_t t = perm[i - 1];
        perm[i - 1] = perm[j];
        perm[j] = t;
        for (size_t l = i, r = n - 1; l < r; l++, r--) {
            t = perm[l];
            perm[l] = perm[r];
            perm[r] = t;
        }
    }
    for (size_t i = 0; i < n; i++) {
        mpq_set_ui(d, orders, 1);
        mpq_div(phi[i], phi[i], d);
    }
    mpq_clears(a, b, d, NULL);
}

static void test_against_brute_force(void **state)
{
    (void)state;
    static const int64_t dens[] = {1, 2, 3, 4, 6, 7};
    uint64_t seed = 12345;
    for (int round = 0; round < 40; round++) {
        size_t n = 1 + (size_t)round % 6;
        mk_rational v[64];
        v[0] = (mk_rational){0, 1};
        for (size_t m = 1; m < ((size_t)1 << n); m++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            v[m].num = (int64_t)((seed >> 33) % 201) - 100;
            v[m].den = dens[(seed >> 20) % 6];
        }
        mk_tu_game *g = game_new(n, v);
        mk_coop_vector *phi = shapley(g, 2);
        mpq_t want[8];
        for (size_t i = 0; i < n; i++)
            mpq_init(want[i]);
        brute_shapley(n, v, want);
        for (size_t i = 0; i < n; i++) {
            char *s = mpq_get_str(NULL, 10, want[i]);
            if (strcmp(s, phi->fraction[i]) != 0)
                fail_msg("round %d, player %zu: got %s, brute force %s", round, i + 1,
                         phi->fraction[i], s);
            free(s);
            mpq_clear(want[i]);
        }
        mk_coop_vector_free(phi);
        mk_tu_game_free(g);
    }
}

/* A large game: 20 players, v(S) = |S|^2. By symmetry and efficiency
 * each player gets v(N)/n = 20. (25 players work the same way but need
 * 768 MiB here, too much for a unit test on a shared machine.) */
static void test_largest(void **state)
{
    (void)state;
    size_t n = 20, count = (size_t)1 << n;
    mk_rational *v = malloc(count * sizeof *v);
    assert_non_null(v);
    char text[25][4];
    const char *names[25];
    for (size_t i = 0; i < n; i++) {
        snprintf(text[i], sizeof text[i], "p%zu", i);
        names[i] = text[i];
    }
    for (size_t m = 0; m < count; m++) {
        int64_t k = __builtin_popcountll(m);
        v[m] = (mk_rational){k * k, 1};
    }
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_game *g = NULL;
    assert_int_equal(mk_tu_game_new(&g, n, names, v, &ctx), 0);
    free(v);
    mk_coop_vector *phi = shapley(g, 0);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(phi->fraction[i], "20");
    assert_string_equal(phi->decimal[0], "20");
    mk_coop_vector_free(phi);
    mk_tu_game_free(g);
}

static void test_bad_games(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_tu_game *g = NULL;
    mk_rational v[4] = {{1, 1}, {0, 1}, {0, 1}, {1, 1}};
    assert_int_equal(mk_tu_game_new(&g, 2, names8, v, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "empty coalition"));
    v[0].num = 0;
    const char *const dup[] = {"x", "x"};
    assert_int_equal(mk_tu_game_new(&g, 2, dup, v, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "same name"));
    assert_int_equal(mk_tu_game_new(&g, 0, names8, v, &ctx), MK_ELIMIT);
    assert_int_equal(mk_tu_game_new(&g, 26, names8, v, &ctx), MK_ELIMIT);
    assert_non_null(strstr(ctx.message, "at most 25"));
    /* Denominators 2^62 - 1 and 2^62 - 3 are coprime odd numbers: their
     * product does not fit. */
    mk_rational big[4] = {
        {0, 1}, {1, INT64_C(4611686018427387903)}, {1, INT64_C(4611686018427387901)}, {0, 1}};
    assert_int_equal(mk_tu_game_new(&g, 2, names8, big, &ctx), MK_ERANGE);
    assert_non_null(strstr(ctx.message, "common denominator"));
    mk_rational over[4] = {{0, 1}, {INT64_MAX, 1}, {1, 2}, {0, 1}};
    assert_int_equal(mk_tu_game_new(&g, 2, names8, over, &ctx), MK_ERANGE);
    assert_null(g);
    mk_rational ok[4] = {{0, 1}, {1, 1}, {1, 1}, {3, 1}};
    g = game_new(2, ok);
    mk_coop_vector *phi = NULL;
    assert_int_equal(mk_tu_game_shapley(g, 41, &phi, &ctx), MK_EPARAM);
    assert_int_equal(mk_tu_game_shapley(g, -1, &phi, &ctx), MK_EPARAM);
    assert_null(phi);
    mk_tu_game_free(g);
    mk_tu_game_free(NULL);
    mk_coop_vector_free(NULL);
}

/* ---- exact numbers ---- */

static void expect_exact(const char *s, int64_t num, int64_t den)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_rational r = {0, 0};
    int rc = mk_exact_parse(s, strlen(s), &r, &ctx);
    if (rc != 0 || r.num != num || r.den != den)
        fail_msg("'%s': rc %d (%s), %lld/%lld, want %lld/%lld", s, rc, ctx.message,
                 (long long)r.num, (long long)r.den, (long long)num, (long long)den);
}

static void expect_exact_error(const char *s, int code)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_rational r = {7, 7};
    int rc = mk_exact_parse(s, strlen(s), &r, &ctx);
    if (rc != code || r.num != 7)
        fail_msg("'%s': rc %d, want %d (%s)", s, rc, code, ctx.message);
}

static void test_exact_parse(void **state)
{
    (void)state;
    expect_exact("12", 12, 1);
    expect_exact("-2.5", -5, 2);
    expect_exact("0.10", 1, 10);
    expect_exact("7/3", 7, 3);
    expect_exact("-6/4", -3, 2);
    expect_exact("0/5", 0, 1);
    expect_exact("9223372036854775807", INT64_MAX, 1);
    expect_exact_error("", MK_EINPUT);
    expect_exact_error("1e3", MK_EINPUT);
    expect_exact_error("1/0", MK_EINPUT);
    expect_exact_error("1/-3", MK_EINPUT);
    expect_exact_error("1.5/3", MK_EINPUT);
    expect_exact_error("1/", MK_EINPUT);
    expect_exact_error("/2", MK_EINPUT);
    expect_exact_error(" 1", MK_EINPUT);
    expect_exact_error("abc", MK_EINPUT);
    expect_exact_error("9223372036854775808", MK_ERANGE);
    expect_exact_error("0.0000000000000000001", MK_ERANGE);
}

/* ---- airport games ---- */

static mk_coop_vector *airport_shapley(size_t n, const mk_rational *cost)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_airport *a = NULL;
    mk_coop_vector *v = NULL;
    if (mk_airport_new(&a, n, names8, cost, &ctx) != 0 || mk_airport_shapley(a, 6, &v, &ctx) != 0)
        fail_msg("airport: %s", ctx.message);
    mk_airport_free(a);
    return v;
}

/* Costs 1, 2, 3: (1/3, 5/6, 11/6) (Littlechild and Owen 1973; the known
 * answer of issue 8), in any input order. */
static void test_airport_known(void **state)
{
    (void)state;
    mk_rational c[3] = {{3, 1}, {1, 1}, {2, 1}};
    mk_coop_vector *v = airport_shapley(3, c);
    expect_vector(v, (const char *const[]){"11/6", "1/3", "5/6"});
    mk_coop_vector_free(v);
}

/* The closed form against the subset formula on the explicit cost game
 * c(S) = max over S of c_i, with ties and fractions. */
static void test_airport_against_explicit(void **state)
{
    (void)state;
    uint64_t seed = 99;
    for (int round = 0; round < 30; round++) {
        size_t n = 1 + (size_t)round % 8;
        mk_rational c[8], *v = malloc(((size_t)1 << n) * sizeof *v);
        assert_non_null(v);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            c[i] = (mk_rational){(int64_t)((seed >> 33) % 7), 1 + (int64_t)((seed >> 50) % 3)};
        }
        for (size_t m = 0; m < ((size_t)1 << n); m++) {
            v[m] = (mk_rational){0, 1};
            for (size_t i = 0; i < n; i++)
                if (((m >> i) & 1) && mk_rational_cmp(c[i], v[m]) > 0)
                    v[m] = c[i];
        }
        mk_tu_game *g = game_new(n, v);
        mk_coop_vector *want = shapley(g, 6), *got = airport_shapley(n, c);
        for (size_t i = 0; i < n; i++)
            assert_string_equal(got->fraction[i], want->fraction[i]);
        mk_coop_vector_free(want);
        mk_coop_vector_free(got);
        mk_tu_game_free(g);
        free(v);
    }
}

static void test_airport_bad(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_airport *a = NULL;
    mk_rational c[2] = {{1, 1}, {-1, 1}};
    assert_int_equal(mk_airport_new(&a, 2, names8, c, &ctx), MK_ERANGE);
    assert_int_equal(mk_airport_new(&a, 0, names8, c, &ctx), MK_ELIMIT);
    const char *const dup[] = {"x", "x"};
    c[1].num = 1;
    assert_int_equal(mk_airport_new(&a, 2, dup, c, &ctx), MK_EINPUT);
    assert_null(a);
    mk_airport_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_majority),
        cmocka_unit_test(test_glove),
        cmocka_unit_test(test_fractions_and_signs),
        cmocka_unit_test(test_against_brute_force),
        cmocka_unit_test(test_largest),
        cmocka_unit_test(test_bad_games),
        cmocka_unit_test(test_exact_parse),
        cmocka_unit_test(test_airport_known),
        cmocka_unit_test(test_airport_against_explicit),
        cmocka_unit_test(test_airport_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
