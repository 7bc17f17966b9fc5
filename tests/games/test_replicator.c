/* mk_game_replicator: discrete replicator dynamics on exact shares.
 * Derived by hand:
 *  - the Prisoner's Dilemma metagame nash: [1, 5], kantian: [0, 3]: Nash
 *    strictly dominates, fitness (payoff + 1) of Nash is 2 x + 6 (1 - x)
 *    against 1 x + 4 (1 - x) of Kantian (x the Nash share), always
 *    higher, so the Kantian share falls every step (near x = 1 it halves)
 *    and the population goes to all-Nash, the only stable mix;
 *  - Hawk-Dove (V=2, C=4): fitness (payoff + 2) of Hawk 4 - 3x, of Dove
 *    3 - x (x the Hawk share): equal at x = 1/2 = V/C, the evolutionarily
 *    stable share; the map's slope there is 1 + x (1 - x) (-3 + 1) / 2.5
 *    = 0.8, so it converges from any interior start;
 *  - a rest point (a pure population) stays put at once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <string.h>

#include "mechkit/metagame.h"

static mk_game *symmetric2(const int64_t a[4]) /* a[i * 2 + j]: i against j */
{
    mk_game *g = NULL;
    const size_t counts[2] = {2, 2};
    assert_int_equal(mk_game_new(&g, 2, counts, NULL), 0);
    for (size_t i = 0; i < 2; i++)
        for (size_t j = 0; j < 2; j++) {
            g->payoff[2 * (i + 2 * j)] = (mk_rational){a[i * 2 + j], 1};
            g->payoff[2 * (i + 2 * j) + 1] = (mk_rational){a[j * 2 + i], 1};
        }
    return g;
}

static void nash_takes_over(void **state)
{
    (void)state;
    const int64_t meta[4] = {1, 5, 0, 3};
    mk_game *g = symmetric2(meta);
    mk_replicator_path p = MK_REPLICATOR_PATH_INIT;
    const mk_rational start[2] = {{1, 2}, {1, 2}};
    assert_int_equal(mk_game_replicator(g, start, 1000, 1, &p, NULL), 0);
    assert_int_equal(p.mix[0], MK_REPLICATOR_UNITS / 2);
    for (size_t r = 1; r < p.n; r++) {
        assert_true(p.mix[r * 2 + 1] <= p.mix[(r - 1) * 2 + 1]); /* Kantians never gain */
        assert_int_equal(p.mix[r * 2] + p.mix[r * 2 + 1], MK_REPLICATOR_UNITS);
    }
    assert_true(p.rest);
    assert_true(p.steps < 100);
    assert_true(p.mix[(p.n - 1) * 2 + 1] <= 1); /* within one unit, 10^-12, of all-Nash */
    mk_replicator_path_free(&p);
    mk_game_free(g);
}

static void hawk_dove_ess(void **state)
{
    (void)state;
    const int64_t hd[4] = {-1, 2, 0, 1};
    mk_game *g = symmetric2(hd);
    mk_replicator_path p = MK_REPLICATOR_PATH_INIT;
    const mk_rational starts[3][2] = {{{9, 10}, {1, 10}}, {{1, 100}, {99, 100}}, {{1, 3}, {2, 3}}};
    for (size_t s = 0; s < 3; s++) {
        assert_int_equal(mk_game_replicator(g, starts[s], 1000, 100, &p, NULL), 0);
        long long hawks = p.mix[(p.n - 1) * 2];
        assert_true(hawks > MK_REPLICATOR_UNITS / 2 - 10 && hawks < MK_REPLICATOR_UNITS / 2 + 10);
        assert_true(p.rest);
        mk_replicator_path_free(&p);
    }
    mk_game_free(g);
}

static void rest_and_errors(void **state)
{
    (void)state;
    const int64_t hd[4] = {-1, 2, 0, 1};
    mk_game *g = symmetric2(hd);
    mk_replicator_path p = MK_REPLICATOR_PATH_INIT;
    const mk_rational pure[2] = {{1, 1}, {0, 1}};
    assert_int_equal(mk_game_replicator(g, pure, 1000, 10, &p, NULL), 0);
    assert_int_equal(p.steps, 1);
    assert_true(p.rest);
    mk_replicator_path_free(&p);
    mk_ctx ctx = MK_CTX_INIT;
    const mk_rational bad[2] = {{1, 2}, {1, 3}};
    assert_int_equal(mk_game_replicator(g, bad, 10, 1, &p, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "sum to 5/6, not 1"));
    g->payoff[1] = (mk_rational){7, 1}; /* no longer symmetric */
    assert_int_equal(mk_game_replicator(g, pure, 10, 1, &p, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "transpose"));
    mk_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nash_takes_over),
        cmocka_unit_test(hawk_dove_ess),
        cmocka_unit_test(rest_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
