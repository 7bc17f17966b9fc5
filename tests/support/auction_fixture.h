/*
 * auction_fixture.h - helpers for tests that drive auction mechanisms
 * through the mk_mechanism interface: build a bid profile by hand, prepare
 * with parameters, run.
 */
#ifndef MECHKIT_TEST_AUCTION_FIXTURE_H
#define MECHKIT_TEST_AUCTION_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "mechkit/bids.h"
#include "mechkit/mechanism.h"

/* Sets p to n single-bid buyers with the given bids (minor units). */
static inline void fixture_single_bids(mk_profile *p, size_t n, const int64_t *bids)
{
    assert_int_equal(mk_profile_resize(p, n, MK_BID_FIRST + 1, NULL), 0);
    for (size_t i = 0; i < n; i++) {
        int64_t *row = mk_profile_row(p, i);
        row[MK_BID_SIDE] = MK_SIDE_BUY;
        row[MK_BID_QUALITY] = MK_QUALITY_ONE;
        row[MK_BID_FIRST] = bids[i];
    }
}

/* Prepares mech with "key=value" strings (NULL-terminated) at scale, for
 * n participants; returns the error code and leaves *inst NULL on error. */
static inline int fixture_prepare(const mk_mechanism *mech, int scale, size_t n, uint64_t seed,
                                  const char *const *kv, mk_instance **inst, mk_ctx *ctx)
{
    mk_params params = MK_PARAMS_INIT;
    int rc = 0;
    for (size_t i = 0; kv != NULL && kv[i] != NULL && rc == 0; i++)
        rc = mk_params_set_arg(&params, kv[i], ctx);
    mk_setting setting = {scale, n, 0, seed, NULL, 0};
    *inst = NULL;
    if (rc == 0)
        rc = mk_mechanism_prepare(mech, &params, &setting, inst, ctx);
    mk_params_free(&params);
    return rc;
}

#endif
