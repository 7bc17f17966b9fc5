/*
 * superrational_fixture.h - what the tests of superrational play share:
 * a symmetric game built from a payoff function of one's own strategy and
 * the others' counts, and a solve that fails the test with the message.
 */
#ifndef MECHKIT_TEST_SUPERRATIONAL_FIXTURE_H
#define MECHKIT_TEST_SUPERRATIONAL_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>

#include "mechkit/kantian.h"

typedef int64_t (*payoff_fn)(size_t own, const size_t *counts, size_t n);

/* The n-player game of k strategies paying f(own, counts, n). */
static inline mk_symgame *make_game(size_t n, size_t k, payoff_fn f)
{
    mk_symgame *g = NULL;
    size_t counts[16];
    assert_true(k <= 16);
    assert_int_equal(mk_symgame_new(&g, n, k, NULL), 0);
    for (size_t c = 0; c < g->n_counts; c++) {
        mk_symgame_counts(g, c, counts);
        for (size_t s = 0; s < k; s++)
            g->payoff[s * g->n_counts + c] = (mk_rational){f(s, counts, n), 1};
    }
    return g;
}

/* Superrational play of g into *r; the test fails with the message. */
static inline void solve(const mk_symgame *g, mk_superrational *r)
{
    *r = (mk_superrational)MK_SUPERRATIONAL_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    if (mk_symgame_superrational(g, r, &ctx) != 0)
        fail_msg("%s", ctx.message);
}

#endif
