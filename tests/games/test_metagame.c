/* mk_metagame_build: the decision-procedure game. Derived by hand from the
 * definitions in mechkit/metagame.h:
 *  - Prisoner's Dilemma (R=3, S=0, T=5, P=1): Nash defects (its best reply
 *    to everything, and the symmetric equilibrium), Kantian cooperates, so
 *    the metagame is nash: [1, 5], kantian: [0, 3]: Nash strictly
 *    dominates, and (nash, nash) is its only equilibrium;
 *  - T=8: Kantian cooperates with 3/4; Nash against it defects and gets
 *    8 (3/4) + 1 (1/4) = 25/4, Kantian gets 0 (3/4) + 1 (1/4) = 1/4, and
 *    two Kantians get 13/4;
 *  - Hawk-Dove (V=2, C=4) with the fixed procedures Hawk and Dove is the
 *    base game itself; Nash against Nash plays the symmetric equilibrium
 *    (1/2, 1/2), payoff 1/2.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>
#include <string.h>

#include "mechkit/metagame.h"

static mk_symgame *two_by_two(int64_t r, int64_t s, int64_t t, int64_t p)
{
    mk_symgame *g = NULL;
    assert_int_equal(mk_symgame_new(&g, 2, 2, NULL), 0);
    /* count vector j: j others play strategy 1 */
    g->payoff[1] = (mk_rational){r, 1};
    g->payoff[0] = (mk_rational){s, 1};
    g->payoff[3] = (mk_rational){t, 1};
    g->payoff[2] = (mk_rational){p, 1};
    return g;
}

static void assert_payoff(const mk_metagame *m, size_t a, size_t b, int64_t num, int64_t den)
{
    mk_rational v = mk_game_payoff(m->game, a + b * m->n, 0);
    assert_int_equal(v.num, num);
    assert_int_equal(v.den, den);
    /* the column player's payoff is the mirror image */
    mk_rational w = mk_game_payoff(m->game, b + a * m->n, 1);
    assert_int_equal(mk_rational_cmp(v, w), 0);
}

static const mk_procedure nash_kantian[2] = {{MK_PROCEDURE_NASH, 0}, {MK_PROCEDURE_KANTIAN, 0}};

static void prisoners_dilemma(void **state)
{
    (void)state;
    mk_symgame *g = two_by_two(3, 0, 5, 1);
    mk_metagame m = MK_METAGAME_INIT;
    assert_int_equal(mk_metagame_build(g, nash_kantian, 2, &m, NULL), 0);
    assert_payoff(&m, 0, 0, 1, 1);
    assert_payoff(&m, 0, 1, 5, 1);
    assert_payoff(&m, 1, 0, 0, 1);
    assert_payoff(&m, 1, 1, 3, 1);
    assert_string_equal(mk_game_strategy_name(m.game, 0, 0), "nash");
    assert_string_equal(mk_game_strategy_name(m.game, 1, 1), "kantian");
    /* nash against kantian defects; kantian against nash cooperates */
    assert_string_equal(m.play[(0 * 2 + 1) * 2 + 1], "1");
    assert_string_equal(m.play[(1 * 2 + 0) * 2 + 0], "1");
    mk_metagame_free(&m);
    mk_symgame_free(g);
}

static void prisoners_dilemma_t8(void **state)
{
    (void)state;
    mk_symgame *g = two_by_two(3, 0, 8, 1);
    mk_metagame m = MK_METAGAME_INIT;
    const mk_procedure procs[3] = {
        {MK_PROCEDURE_NASH, 0}, {MK_PROCEDURE_KANTIAN, 0}, {MK_PROCEDURE_FIXED, 0}};
    assert_int_equal(mk_metagame_build(g, procs, 3, &m, NULL), 0);
    assert_payoff(&m, 0, 1, 25, 4);
    assert_payoff(&m, 1, 0, 1, 4);
    assert_payoff(&m, 1, 1, 13, 4);
    assert_payoff(&m, 2, 1, 9, 4); /* always cooperate against 3/4 cooperation */
    assert_payoff(&m, 0, 2, 8, 1);
    assert_string_equal(m.play[(1 * 3 + 0) * 2 + 0], "3/4");
    mk_metagame_free(&m);
    mk_symgame_free(g);
}

static void hawk_dove(void **state)
{
    (void)state;
    mk_symgame *g = two_by_two(-1, 2, 0, 1); /* strategy 1 Hawk, 2 Dove */
    mk_metagame m = MK_METAGAME_INIT;
    const mk_procedure procs[3] = {
        {MK_PROCEDURE_FIXED, 0}, {MK_PROCEDURE_FIXED, 1}, {MK_PROCEDURE_NASH, 0}};
    assert_int_equal(mk_metagame_build(g, procs, 3, &m, NULL), 0);
    assert_payoff(&m, 0, 0, -1, 1);
    assert_payoff(&m, 0, 1, 2, 1);
    assert_payoff(&m, 1, 0, 0, 1);
    assert_payoff(&m, 2, 2, 1, 2);
    assert_payoff(&m, 2, 0, 0, 1); /* Nash against Hawk: Dove */
    assert_payoff(&m, 2, 1, 2, 1); /* Nash against Dove: Hawk */
    mk_metagame_free(&m);
    mk_symgame_free(g);
}

static void bad_procedures(void **state)
{
    (void)state;
    mk_symgame *g = two_by_two(3, 0, 5, 1);
    mk_metagame m = MK_METAGAME_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    const mk_procedure twice[2] = {{MK_PROCEDURE_KANTIAN, 0}, {MK_PROCEDURE_KANTIAN, 0}};
    assert_int_equal(mk_metagame_build(g, twice, 2, &m, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "procedures 1 and 2 are the same"));
    const mk_procedure out_of_range[1] = {{MK_PROCEDURE_FIXED, 2}};
    assert_int_equal(mk_metagame_build(g, out_of_range, 1, &m, &ctx), MK_EINPUT);
    mk_symgame_free(g);
    assert_int_equal(mk_symgame_new(&g, 3, 2, NULL), 0);
    assert_int_equal(mk_metagame_build(g, nash_kantian, 2, &m, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "two-player"));
    assert_null(m.game);
    mk_symgame_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(prisoners_dilemma),
        cmocka_unit_test(prisoners_dilemma_t8),
        cmocka_unit_test(hawk_dove),
        cmocka_unit_test(bad_procedures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
