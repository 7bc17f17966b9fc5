/* mk_auction_shade (mk_mechanism.shade of every auction): the report grid
 * of the simulator's mw agents on the bid layout of bids.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mechkit/bids.h"
#include "mechanisms/auction/auction_internal.h"

static void shades_buyers_and_marks_up_sellers(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    int64_t buyer[5] = {MK_SIDE_BUY, 800000, 100, 99, MK_BID_NONE}, out[5];
    /* 9/20 of 100 is 45; 9/20 of 99 is 44.55, rounded down to 44. */
    assert_int_equal(mk_auction_shade(NULL, buyer, 5, 9, 20, out, &ctx), 0);
    int64_t want[5] = {MK_SIDE_BUY, 800000, 45, 44, MK_BID_NONE};
    assert_memory_equal(out, want, sizeof want);
    /* Factor 1 is the truth; 1/20 of 19 rounds down to 0. */
    assert_int_equal(mk_auction_shade(NULL, buyer, 5, 20, 20, out, &ctx), 0);
    assert_memory_equal(out, buyer, sizeof buyer);
    int64_t small[3] = {MK_SIDE_BUY, MK_QUALITY_ONE, 19};
    assert_int_equal(mk_auction_shade(NULL, small, 3, 1, 20, out, &ctx), 0);
    assert_int_equal(out[2], 0);
    /* A seller with cost 100 at factor 1/2 asks 150. */
    int64_t seller[3] = {MK_SIDE_SELL, MK_QUALITY_ONE, 100};
    assert_int_equal(mk_auction_shade(NULL, seller, 3, 10, 20, out, &ctx), 0);
    assert_int_equal(out[2], 150);
    assert_int_equal(out[0], MK_SIDE_SELL);
    /* A mark-up past int64 is an error. */
    int64_t huge[3] = {MK_SIDE_SELL, MK_QUALITY_ONE, INT64_MAX};
    assert_int_equal(mk_auction_shade(NULL, huge, 3, 1, 20, out, &ctx), MK_ERANGE);
    /* A buyer at INT64_MAX shades without overflow. */
    huge[0] = MK_SIDE_BUY;
    assert_int_equal(mk_auction_shade(NULL, huge, 3, 19, 20, out, &ctx), 0);
    assert_int_equal(out[2], INT64_MAX / 20 * 19 + INT64_MAX % 20 * 19 / 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shades_buyers_and_marks_up_sellers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
