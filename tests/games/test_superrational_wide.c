/* mk_symgame_superrational on the sizes its cost budget admits beyond 12
 * players and 4 strategies (MK_SUPERRATIONAL_MAX_COST: Bernstein
 * coefficients C(n + k - 1, k - 1) times the dimension k - 1), with
 * answers derived by hand:
 *  - anti-coordination (a player gets the number of others on another
 *    strategy, n - 1 - c_own): u = sum_s p_s (n - 1)(1 - p_s)
 *    = (n - 1)(1 - sum p_s^2), and sum p_s^2 >= 1/k with equality only at
 *    the centre, so the unique maximiser is (1/k, ..., 1/k), value
 *    (n - 1)(1 - 1/k): 3 players x 5 strategies 8/5 (35 coefficients), 3 x
 *    6 5/3, 6 x 5 4 (210), 20 x 3 38/3 (231), 32 x 3 62/3 (561);
 *  - weighted coordination ((s + 1) c_s): u = (n - 1) sum (s + 1) p_s^2,
 *    convex, maximal at a vertex, the heaviest: the last strategy alone,
 *    (n - 1) k: 3 x 8 16, 5 x 8 32 (792 coefficients, cost 5,544);
 *  - Platonia with costly abstentions (send: 1 when no other sends;
 *    refrain: 0; abstain number a = 1, 2, ...: -a): u = p_1 (1 - p_1)^(n-1)
 *    - sum_a a p_{a+2}, at most p_1 (1 - p_1)^(n-1) <= (1/n)(1 - 1/n)^(n-1)
 *    (the derivative (1 - p)^(n-2) (1 - n p) vanishes at 1/n), reached only
 *    on the send/refrain edge at p_1 = 1/n: 3 x 5 (1/3, 2/3, 0, 0, 0),
 *    4/27; 4 x 8 (1/4, 3/4, 0, ...), 27/256;
 *  - an irrational interior optimum, 3 x 5: u(s, c) = [s = 1] - [both
 *    others play s], u = p_1 - sum p_s^3, strictly concave on the simplex;
 *    stationary where 1 - 3 p_1^2 = -3 q^2 with p_s = q for s > 1 and
 *    p_1 + 4 q = 1: 45 q^2 - 24 q + 2 = 0, q = (4 - sqrt 6)/15,
 *    p_1 = (4 sqrt 6 - 1)/15 = 0.5865305980755..., value 0.38033558957...;
 *    certified (exact = 0), the bounds enclosing it;
 *  - beyond the budget: 8 x 6 (1,287 coefficients times 5 = 6,435), 64 x 3
 *    (more than 63 players), 3 x 9 (more than 8 strategies): MK_ELIMIT,
 *    the message naming the cost.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/kantian.h"
#include "superrational_fixture.h"

/* Solves g and checks one exact maximiser: probabilities want[0..k), value. */
static void expect_exact(mk_symgame *g, const char *const *want, const char *value)
{
    mk_superrational r = MK_SUPERRATIONAL_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    if (mk_symgame_superrational(g, &r, &ctx) != 0)
        fail_msg("%zu x %zu: %s", g->n_players, g->n_strategies, ctx.message);
    assert_int_equal(r.n, 1);
    assert_true(r.choice[0].exact);
    for (size_t s = 0; s < g->n_strategies; s++)
        assert_string_equal(r.choice[0].prob[s], want[s]);
    assert_string_equal(r.choice[0].value, value);
    mk_superrational_free(&r);
    mk_symgame_free(g);
}

static int64_t anti_coordination(size_t own, const size_t *counts, size_t n)
{
    return (int64_t)(n - 1 - counts[own]);
}

static void centre(void **state)
{
    (void)state;
    const char *fifth[] = {"1/5", "1/5", "1/5", "1/5", "1/5"};
    const char *sixth[] = {"1/6", "1/6", "1/6", "1/6", "1/6", "1/6"};
    const char *third[] = {"1/3", "1/3", "1/3"};
    expect_exact(make_game(3, 5, anti_coordination), fifth, "8/5");
    expect_exact(make_game(3, 6, anti_coordination), sixth, "5/3");
    expect_exact(make_game(6, 5, anti_coordination), fifth, "4");
    expect_exact(make_game(20, 3, anti_coordination), third, "38/3");
    expect_exact(make_game(32, 3, anti_coordination), third, "62/3");
}

static int64_t weighted_coordination(size_t own, const size_t *counts, size_t n)
{
    (void)n;
    return (int64_t)((own + 1) * counts[own]);
}

static void vertex(void **state)
{
    (void)state;
    const char *last[] = {"0", "0", "0", "0", "0", "0", "0", "1"};
    expect_exact(make_game(3, 8, weighted_coordination), last, "16");
    expect_exact(make_game(5, 8, weighted_coordination), last, "32");
}

/* Strategies send, refrain, abstain 1, abstain 2, ... */
static int64_t platonia_abstentions(size_t own, const size_t *counts, size_t n)
{
    (void)n;
    if (own >= 2)
        return -(int64_t)(own - 1);
    return own == 0 && counts[0] == 0;
}

static void edge(void **state)
{
    (void)state;
    const char *three[] = {"1/3", "2/3", "0", "0", "0"};
    const char *four[] = {"1/4", "3/4", "0", "0", "0", "0", "0", "0"};
    expect_exact(make_game(3, 5, platonia_abstentions), three, "4/27");
    expect_exact(make_game(4, 8, platonia_abstentions), four, "27/256");
}

static int64_t first_minus_cube(size_t own, const size_t *counts, size_t n)
{
    return (own == 0) - (counts[own] == n - 1);
}

static void irrational(void **state)
{
    (void)state;
    mk_symgame *g = make_game(3, 5, first_minus_cube);
    mk_superrational r = MK_SUPERRATIONAL_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    if (mk_symgame_superrational(g, &r, &ctx) != 0)
        fail_msg("%s", ctx.message);
    assert_int_equal(r.n, 1);
    const mk_superrational_choice *c = &r.choice[0];
    assert_false(c->exact);
    /* p_1 = 0.58653059807551..., q = 0.10336735048112..., value
     * 0.38033558957152... (decimal strings of equal length compare as
     * numbers) */
    assert_true(strcmp(c->prob_lo[0], "0.586530598075514") <= 0);
    assert_true(strcmp(c->prob_hi[0], "0.586530598075515") >= 0);
    for (size_t s = 1; s < 5; s++) {
        assert_true(strcmp(c->prob_lo[s], "0.103367350481121") <= 0);
        assert_true(strcmp(c->prob_hi[s], "0.103367350481122") >= 0);
    }
    assert_true(strcmp(c->value_lo, "0.380335589571") <= 0);
    assert_true(strcmp(c->value_hi, "0.380335589572") >= 0);
    /* and the enclosure is narrow: the tolerance 10^-9 */
    assert_true(strtod(c->value_hi, NULL) - strtod(c->value_lo, NULL) < 2e-9);
    mk_superrational_free(&r);
    mk_symgame_free(g);
}

static void refused(size_t n, size_t k, const char *why)
{
    mk_symgame *g = make_game(n, k, anti_coordination);
    mk_superrational r = MK_SUPERRATIONAL_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_symgame_superrational(g, &r, &ctx), MK_ELIMIT);
    if (strstr(ctx.message, why) == NULL)
        fail_msg("%zu x %zu: \"%s\" lacks \"%s\"", n, k, ctx.message, why);
    assert_int_equal(r.n, 0);
    mk_symgame_free(g);
}

static void too_costly(void **state)
{
    (void)state;
    refused(8, 6,
            "1287 Bernstein coefficients of u(p, ..., p) times the dimension 5, a cost of "
            "6435; with three or more of both, at most a cost of 6000");
    refused(64, 3, "at most a cost of 6000, 63 players and 8 strategies");
    refused(3, 9, "at most a cost of 6000, 63 players and 8 strategies");
    /* 30 x 5: C(34, 4) = 46,376 coefficients, counted no further */
    refused(30, 5, "more than 6000 Bernstein coefficients");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(centre),     cmocka_unit_test(vertex),     cmocka_unit_test(edge),
        cmocka_unit_test(irrational), cmocka_unit_test(too_costly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
