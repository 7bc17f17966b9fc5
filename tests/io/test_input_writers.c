/*
 * Tests of the input writers (src/io/bids_write.c, contributions_write.c):
 * each is the inverse of its reader, so writing a profile and reading the
 * text back gives the same rows, labels, scale and extra columns, however
 * awkward the names (commas, quotes, spaces) and amounts (multi-unit
 * bids, sellers, quality scores, weights). The profiles are read from
 * texts written here, so the round trip starts from the reader's layout.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "mechkit/bids.h"
#include "mechkit/funding.h"

static void assert_same_profile(const mk_profile *a, const mk_profile *b)
{
    assert_int_equal(a->n, b->n);
    assert_int_equal(a->width, b->width);
    assert_memory_equal(a->cells, b->cells, a->n * a->width * sizeof *a->cells);
}

static void assert_same_labels(const mk_dataset *a, const mk_dataset *b)
{
    for (size_t i = 0; i < a->reports.n; i++)
        assert_string_equal(a->labels[i], b->labels[i]);
}

/* Reads bids, writes them with the dataset's labels, reads them back. */
static void bids_round_trip(const char *csv, const mk_bids_options *opt, int sides)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_dataset first = MK_DATASET_INIT, again = MK_DATASET_INIT;
    mk_input in = {"b.csv", csv, strlen(csv), NULL};
    if (mk_bids_read(&in, opt, &first, &ctx) != 0)
        fail_msg("%s", ctx.message);
    char *text = NULL;
    size_t len = 0;
    if (mk_bids_write_csv(&first.reports, first.types.n > 0 ? &first.types : NULL, first.scale,
                          sides, (const char *const *)first.labels, first.reports.n, &text, &len,
                          &ctx) != 0)
        fail_msg("%s", ctx.message);
    assert_int_equal(strlen(text), len);
    mk_input back = {"back.csv", text, len, NULL};
    if (mk_bids_read(&back, opt, &again, &ctx) != 0)
        fail_msg("%s in\n%s", ctx.message, text);
    assert_int_equal(again.scale, first.scale);
    assert_same_profile(&first.reports, &again.reports);
    assert_same_profile(&first.types, &again.types);
    assert_same_labels(&first, &again);
    free(text);
    mk_dataset_free(&first);
    mk_dataset_free(&again);
}

static void bids_single_with_awkward_names(void **state)
{
    (void)state;
    bids_round_trip("bidder,amount,value\n"
                    "\"smith, jr.\",12.50,20\n"
                    "\"say \"\"hi\"\"\",0.05,1\n"
                    "\" padded \",7,7.25\n",
                    NULL, 0);
}

static void bids_multi_unit(void **state)
{
    (void)state;
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    opt.max_bids = 3;
    bids_round_trip("bidder,amount,value\na,10,12\nb,9,9\na,8,11\na,1,2\n", &opt, 0);
}

static void bids_double_auction_sides(void **state)
{
    (void)state;
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    opt.sides = 1;
    bids_round_trip("bidder,amount,side\nb1,10,buy\ns1,4,sell\nb2,6.5,buy\ns2,7,SELL\n", &opt, 1);
}

static void bids_quality(void **state)
{
    (void)state;
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    opt.quality = 1;
    bids_round_trip("bidder,amount,quality\nx,3,0.8\ny,2,1\nz,1,1.25\n", &opt, 0);
}

/* Rows past the labels are named by number; a row without bids has no
 * line; values that do not match the bids are left out. */
static void bids_unlabelled_rows(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    int64_t cells[] = {MK_SIDE_BUY, MK_QUALITY_ONE, 500,         400,
                       MK_SIDE_BUY, MK_QUALITY_ONE, MK_BID_NONE, MK_BID_NONE,
                       MK_SIDE_BUY, MK_QUALITY_ONE, 250,         MK_BID_NONE};
    mk_profile p = {3, 4, 12, cells, NULL, 0, NULL};
    const char *labels[] = {"a"};
    char *text = NULL;
    assert_int_equal(mk_bids_write_csv(&p, &p, 2, 0, labels, 1, &text, NULL, &ctx), 0);
    assert_string_equal(text, "bidder,amount,value\na,5.00,5.00\na,4.00,4.00\n#3,2.50,2.50\n");
    free(text);
    int64_t fewer[] = {MK_SIDE_BUY, MK_QUALITY_ONE, 500,         MK_BID_NONE,
                       MK_SIDE_BUY, MK_QUALITY_ONE, MK_BID_NONE, MK_BID_NONE,
                       MK_SIDE_BUY, MK_QUALITY_ONE, 250,         MK_BID_NONE};
    mk_profile types = {3, 4, 12, fewer, NULL, 0, NULL};
    assert_int_equal(mk_bids_write_csv(&p, &types, 0, 0, NULL, 0, &text, NULL, &ctx), 0);
    assert_string_equal(text, "bidder,amount\n#1,500\n#1,400\n#3,250\n");
    free(text);
    assert_int_equal(mk_bids_write_csv(&p, NULL, 19, 0, NULL, 0, &text, NULL, &ctx), MK_EINPUT);
}

static void contributions_round_trip(void **state)
{
    (void)state;
    const char *csv = "contributor,project,amount,weight\n"
                      "\"ann, jr.\",garden,9.5,1\n"
                      "bob,\"the \"\"docs\"\"\",4,0.5\n"
                      "bob,garden,1.25,0.5\n"
                      "cy,\"the \"\"docs\"\"\",16,1\n";
    mk_ctx ctx = MK_CTX_INIT;
    mk_dataset first = MK_DATASET_INIT, again = MK_DATASET_INIT;
    mk_contributions_options opt = MK_CONTRIBUTIONS_OPTIONS_INIT;
    mk_input in = {"c.csv", csv, strlen(csv), NULL};
    if (mk_contributions_read(&in, &opt, &first, &ctx) != 0)
        fail_msg("%s", ctx.message);
    char *text = NULL;
    size_t len = 0;
    if (mk_contributions_write_csv(&first.reports, first.scale, (const char *const *)first.labels,
                                   first.reports.n, (const char *const *)first.items, first.n_items,
                                   &text, &len, &ctx) != 0)
        fail_msg("%s", ctx.message);
    mk_input back = {"back.csv", text, len, NULL};
    if (mk_contributions_read(&back, &opt, &again, &ctx) != 0)
        fail_msg("%s in\n%s", ctx.message, text);
    assert_int_equal(again.scale, first.scale);
    assert_same_profile(&first.reports, &again.reports);
    assert_same_labels(&first, &again);
    assert_int_equal(again.n_items, first.n_items);
    for (size_t j = 0; j < first.n_items; j++)
        assert_string_equal(again.items[j], first.items[j]);
    free(text);
    mk_dataset_free(&first);
    mk_dataset_free(&again);
}

/* Unnamed rows and projects get numbers; zero amounts are left out; a
 * broken layout is refused. */
static void contributions_unnamed(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    int64_t cells[] = {2, MK_FUNDING_WEIGHT_ONE, 1, 0, 300, 1, 0,
                       1, MK_FUNDING_WEIGHT_ONE, 1, 1, 50,  0, 0};
    mk_profile p = {2, 7, 14, cells, NULL, 0, NULL};
    char *text = NULL;
    assert_int_equal(mk_contributions_write_csv(&p, 2, NULL, 0, NULL, 0, &text, NULL, &ctx), 0);
    assert_string_equal(text, "contributor,project,amount\n#1,#1,3.00\n#2,#2,0.50\n");
    free(text);
    cells[3] = 1; /* project indices must increase within a row */
    cells[5] = 0;
    assert_int_equal(mk_contributions_write_csv(&p, 2, NULL, 0, NULL, 0, &text, NULL, &ctx),
                     MK_EINPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bids_single_with_awkward_names),
        cmocka_unit_test(bids_multi_unit),
        cmocka_unit_test(bids_double_auction_sides),
        cmocka_unit_test(bids_quality),
        cmocka_unit_test(bids_unlabelled_rows),
        cmocka_unit_test(contributions_round_trip),
        cmocka_unit_test(contributions_unnamed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
