/*
 * Tests of bankruptcy rules (src/coop/bankruptcy.c): the Talmud's
 * marriage contract (Aumann and Maschler 1985), the other rules on the
 * same problems worked by hand, the defining properties of each rule on
 * random problems, and bad input.
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

static const char *const names[] = {"a", "b", "c", "d", "e", "f", "g", "h"};

static mk_coop_vector *divide(size_t n, const mk_rational *claims, mk_rational estate, int rule)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_bankruptcy *b = NULL;
    mk_coop_vector *v = NULL;
    if (mk_bankruptcy_new(&b, n, names, claims, estate, &ctx) != 0 ||
        mk_bankruptcy_divide(b, rule, 6, &v, &ctx) != 0)
        fail_msg("%s: %s", mk_bankruptcy_rule_name(rule), ctx.message);
    mk_bankruptcy_free(b);
    return v;
}

static void expect(int rule, int64_t estate, const char *a, const char *b, const char *c)
{
    const mk_rational claims[3] = {{100, 1}, {200, 1}, {300, 1}};
    mk_coop_vector *v = divide(3, claims, (mk_rational){estate, 1}, rule);
    const char *want[3] = {a, b, c};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(v->fraction[i], want[i]) != 0)
            fail_msg("%s, estate %lld, claimant %zu: got %s, want %s",
                     mk_bankruptcy_rule_name(rule), (long long)estate, i + 1, v->fraction[i],
                     want[i]);
    mk_coop_vector_free(v);
}

/* Claims 100, 200, 300 (Mishnah, Ketubot 93a): Aumann and Maschler 1985
 * show the Talmud's divisions of estates 100, 200, 300 are (100/3 each),
 * (50, 75, 75) and (50, 100, 150). */
static void test_talmud_marriage_contract(void **state)
{
    (void)state;
    expect(MK_BANKRUPTCY_TALMUD, 100, "100/3", "100/3", "100/3");
    expect(MK_BANKRUPTCY_TALMUD, 200, "50", "75", "75");
    expect(MK_BANKRUPTCY_TALMUD, 300, "50", "100", "150");
    expect(MK_BANKRUPTCY_TALMUD, 0, "0", "0", "0");
    expect(MK_BANKRUPTCY_TALMUD, 600, "100", "200", "300");
    /* Past half the claims: half-claims 50, 100, 150 plus CEL of the
     * half-claims on 150 (losses 150 of 300: mu = 50): 50, 150, 250. */
    expect(MK_BANKRUPTCY_TALMUD, 450, "50", "150", "250");
}

/* The other rules on the same claims, by hand from their definitions
 * (Thomson 2003). */
static void test_other_rules(void **state)
{
    (void)state;
    expect(MK_BANKRUPTCY_PROPORTIONAL, 100, "50/3", "100/3", "50");
    expect(MK_BANKRUPTCY_PROPORTIONAL, 300, "50", "100", "150");
    expect(MK_BANKRUPTCY_CEA, 100, "100/3", "100/3", "100/3");
    expect(MK_BANKRUPTCY_CEA, 200, "200/3", "200/3", "200/3");
    expect(MK_BANKRUPTCY_CEA, 400, "100", "150", "150");
    expect(MK_BANKRUPTCY_CEL, 100, "0", "0", "100");
    expect(MK_BANKRUPTCY_CEL, 300, "0", "100", "200");
    expect(MK_BANKRUPTCY_CEL, 450, "50", "150", "250");
}

/* Every rule: awards between 0 and the claim, adding up to the estate;
 * CEA's unpaid claimants all get the same award, no less than any full
 * claim paid; CEL's losses likewise; Talmud is self-dual: the award of
 * E equals claims minus the award of C - E (Aumann and Maschler 1985). */
static void check_properties(size_t n, const mk_rational *c, mk_rational estate)
{
    mpq_t x[MK_BANKRUPTCY_RULES][8], sum, claim, e, lvl, t;
    mpq_inits(sum, claim, e, lvl, t, NULL);
    mpq_set_si(e, (long)estate.num, (unsigned long)estate.den);
    mpq_canonicalize(e);
    for (int r = 0; r < MK_BANKRUPTCY_RULES; r++) {
        mk_coop_vector *v = divide(n, c, estate, r);
        mpq_set_ui(sum, 0, 1);
        for (size_t i = 0; i < n; i++) {
            mpq_init(x[r][i]);
            assert_int_equal(mpq_set_str(x[r][i], v->fraction[i], 10), 0);
            mpq_set_si(claim, (long)c[i].num, (unsigned long)c[i].den);
            mpq_canonicalize(claim);
            assert_true(mpq_sgn(x[r][i]) >= 0 && mpq_cmp(x[r][i], claim) <= 0);
            mpq_add(sum, sum, x[r][i]);
        }
        assert_true(mpq_equal(sum, e));
        mk_coop_vector_free(v);
    }
    /* CEA: a claimant paid less than its claim gets the largest award. */
    for (size_t i = 0; i < n; i++) {
        mpq_set_si(claim, (long)c[i].num, (unsigned long)c[i].den);
        mpq_canonicalize(claim);
        if (mpq_cmp(x[MK_BANKRUPTCY_CEA][i], claim) == 0)
            continue;
        for (size_t j = 0; j < n; j++)
            assert_true(mpq_cmp(x[MK_BANKRUPTCY_CEA][j], x[MK_BANKRUPTCY_CEA][i]) <= 0);
    }
    /* CEL: a claimant paid something has a loss no smaller than anyone's
     * (so all such losses are equal). */
    for (size_t i = 0; i < n; i++) {
        if (mpq_sgn(x[MK_BANKRUPTCY_CEL][i]) == 0)
            continue;
        mpq_set_si(claim, (long)c[i].num, (unsigned long)c[i].den);
        mpq_canonicalize(claim);
        mpq_sub(lvl, claim, x[MK_BANKRUPTCY_CEL][i]);
        for (size_t j = 0; j < n; j++) {
            mpq_set_si(t, (long)c[j].num, (unsigned long)c[j].den);
            mpq_canonicalize(t);
            mpq_sub(t, t, x[MK_BANKRUPTCY_CEL][j]);
            assert_true(mpq_cmp(t, lvl) <= 0);
        }
    }
    /* Talmud: self-duality. */
    mpq_set_ui(sum, 0, 1);
    for (size_t i = 0; i < n; i++) {
        mpq_set_si(claim, (long)c[i].num, (unsigned long)c[i].den);
        mpq_canonicalize(claim);
        mpq_add(sum, sum, claim);
    }
    mpq_sub(t, sum, e);
    mk_rational dual = {(int64_t)mpz_get_si(mpq_numref(t)), (int64_t)mpz_get_si(mpq_denref(t))};
    mk_coop_vector *d = divide(n, c, dual, MK_BANKRUPTCY_TALMUD);
    for (size_t i = 0; i < n; i++) {
        mpq_set_si(claim, (long)c[i].num, (unsigned long)c[i].den);
        mpq_canonicalize(claim);
        assert_int_equal(mpq_set_str(t, d->fraction[i], 10), 0);
        mpq_sub(t, claim, t);
        assert_true(mpq_equal(t, x[MK_BANKRUPTCY_TALMUD][i]));
    }
    mk_coop_vector_free(d);
    for (int r = 0; r < MK_BANKRUPTCY_RULES; r++)
        for (size_t i = 0; i < n; i++)
            mpq_clear(x[r][i]);
    mpq_clears(sum, claim, e, lvl, t, NULL);
}

static void test_random_properties(void **state)
{
    (void)state;
    uint64_t seed = 7;
    for (int round = 0; round < 200; round++) {
        size_t n = 1 + (size_t)round % 8;
        mk_rational c[8];
        int64_t total = 0;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            c[i] = (mk_rational){(int64_t)((seed >> 33) % 50), 1};
            total += c[i].num;
        }
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        /* estates in halves, from 0 to the total */
        int64_t halves = total > 0 ? (int64_t)((seed >> 33) % (uint64_t)(2 * total + 1)) : 0;
        mk_rational e;
        assert_int_equal(mk_rational_make(halves, 2, &e), 0);
        check_properties(n, c, e);
    }
}

static void test_bad(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_bankruptcy *b = NULL;
    mk_rational c[2] = {{10, 1}, {20, 1}};
    assert_int_equal(mk_bankruptcy_new(&b, 2, names, c, (mk_rational){31, 1}, &ctx), MK_ERANGE);
    assert_non_null(strstr(ctx.message, "exceeds the sum of the claims"));
    assert_int_equal(mk_bankruptcy_new(&b, 2, names, c, (mk_rational){-1, 1}, &ctx), MK_ERANGE);
    c[1].num = -20;
    assert_int_equal(mk_bankruptcy_new(&b, 2, names, c, (mk_rational){1, 1}, &ctx), MK_ERANGE);
    assert_non_null(strstr(ctx.message, "claimant 2"));
    assert_int_equal(mk_bankruptcy_new(&b, 0, names, c, (mk_rational){0, 1}, &ctx), MK_ELIMIT);
    const char *const dup[] = {"x", "x"};
    c[1].num = 20;
    assert_int_equal(mk_bankruptcy_new(&b, 2, dup, c, (mk_rational){1, 1}, &ctx), MK_EINPUT);
    assert_null(b);
    assert_int_equal(mk_bankruptcy_new(&b, 2, names, c, (mk_rational){30, 1}, &ctx), 0);
    mk_coop_vector *v = NULL;
    assert_int_equal(mk_bankruptcy_divide(b, 4, 6, &v, &ctx), MK_EPARAM);
    assert_int_equal(mk_bankruptcy_divide(b, MK_BANKRUPTCY_CEA, 99, &v, &ctx), MK_EPARAM);
    assert_null(v);
    mk_bankruptcy_free(b);
    mk_bankruptcy_free(NULL);
    assert_int_equal(mk_bankruptcy_rule_parse("talmud"), MK_BANKRUPTCY_TALMUD);
    assert_int_equal(mk_bankruptcy_rule_parse("Talmud"), -1);
    assert_null(mk_bankruptcy_rule_name(-1));
}

/* Every claim 0, estate 0: nothing to divide, and no division by zero. */
static void test_zero_claims(void **state)
{
    (void)state;
    mk_rational c[2] = {{0, 1}, {0, 1}};
    for (int r = 0; r < MK_BANKRUPTCY_RULES; r++) {
        mk_coop_vector *v = divide(2, c, (mk_rational){0, 1}, r);
        assert_string_equal(v->fraction[0], "0");
        assert_string_equal(v->decimal[1], "0.000000");
        mk_coop_vector_free(v);
    }
}

/* O'Neill 1982: the Shapley value of the bankruptcy game is the random
 * arrival rule, the average over the n! orders of arrival of paying each
 * claimant in full while the estate lasts. Brute force over the orders. */
static void random_arrival(size_t n, const mk_rational *c, mk_rational e, mpq_t *x)
{
    size_t perm[8];
    mpq_t left, pay, claim, orders;
    mpq_inits(left, pay, claim, orders, NULL);
    for (size_t i = 0; i < n; i++) {
        perm[i] = i;
        mpq_set_ui(x[i], 0, 1);
    }
    for (;;) {
        mpq_set_si(left, (long)e.num, (unsigned long)e.den);
        mpq_canonicalize(left);
        for (size_t k = 0; k < n; k++) {
            mpq_set_si(claim, (long)c[perm[k]].num, (unsigned long)c[perm[k]].den);
            mpq_canonicalize(claim);
            mpq_set(pay, mpq_cmp(claim, left) < 0 ? claim : left);
            mpq_add(x[perm[k]], x[perm[k]], pay);
            mpq_sub(left, left, pay);
        }
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
    unsigned long fact = 1;
    for (size_t k = 2; k <= n; k++)
        fact *= k;
    mpq_set_ui(orders, fact, 1);
    for (size_t i = 0; i < n; i++)
        mpq_div(x[i], x[i], orders);
    mpq_clears(left, pay, claim, orders, NULL);
}

static mk_coop_vector *game_shapley(size_t n, const mk_rational *c, mk_rational e)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_bankruptcy *b = NULL;
    mk_tu_game *g = NULL;
    mk_coop_vector *v = NULL;
    if (mk_bankruptcy_new(&b, n, names, c, e, &ctx) != 0 || mk_bankruptcy_game(b, &g, &ctx) != 0 ||
        mk_tu_game_shapley(g, 6, &v, &ctx) != 0)
        fail_msg("bankruptcy game: %s", ctx.message);
    assert_string_equal(g->kind, "bankruptcy");
    mk_tu_game_free(g);
    mk_bankruptcy_free(b);
    return v;
}

/* Claims 100, 200, 300 and estate 200: by hand over the 6 orders the
 * random arrival rule gives (100/3, 250/3, 250/3); then random problems
 * against the brute force above. */
static void test_bankruptcy_game(void **state)
{
    (void)state;
    const mk_rational c3[3] = {{100, 1}, {200, 1}, {300, 1}};
    mk_coop_vector *v = game_shapley(3, c3, (mk_rational){200, 1});
    assert_string_equal(v->fraction[0], "100/3");
    assert_string_equal(v->fraction[1], "250/3");
    assert_string_equal(v->fraction[2], "250/3");
    mk_coop_vector_free(v);
    uint64_t seed = 31;
    for (int round = 0; round < 40; round++) {
        size_t n = 1 + (size_t)round % 6;
        mk_rational c[8];
        int64_t total = 0;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            c[i] = (mk_rational){(int64_t)((seed >> 33) % 40), 1 + (int64_t)((seed >> 20) % 2)};
            total += c[i].num; /* an upper bound of the sum of the claims */
        }
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        mk_rational e = {total > 0 ? (int64_t)((seed >> 33) % (uint64_t)total) : 0, 2};
        mpq_t want[8];
        for (size_t i = 0; i < n; i++)
            mpq_init(want[i]);
        random_arrival(n, c, e, want);
        v = game_shapley(n, c, e);
        for (size_t i = 0; i < n; i++) {
            char *s = mpq_get_str(NULL, 10, want[i]);
            if (strcmp(s, v->fraction[i]) != 0)
                fail_msg("round %d, claimant %zu: got %s, random arrival %s", round, i + 1,
                         v->fraction[i], s);
            free(s);
            mpq_clear(want[i]);
        }
        mk_coop_vector_free(v);
    }
    /* Past the limit of explicit games. */
    mk_ctx ctx = MK_CTX_INIT;
    mk_rational c26[26];
    const char *n26[26];
    char text[26][4];
    for (size_t i = 0; i < 26; i++) {
        c26[i] = (mk_rational){1, 1};
        snprintf(text[i], sizeof text[i], "p%zu", i);
        n26[i] = text[i];
    }
    mk_bankruptcy *b = NULL;
    mk_tu_game *g = NULL;
    assert_int_equal(mk_bankruptcy_new(&b, 26, n26, c26, (mk_rational){3, 1}, &ctx), 0);
    assert_int_equal(mk_bankruptcy_game(b, &g, &ctx), MK_ELIMIT);
    assert_null(g);
    mk_bankruptcy_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_talmud_marriage_contract),
        cmocka_unit_test(test_other_rules),
        cmocka_unit_test(test_random_properties),
        cmocka_unit_test(test_bad),
        cmocka_unit_test(test_zero_claims),
        cmocka_unit_test(test_bankruptcy_game),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
