/*
 * Tests of the bid-file reader (src/io/bids.c, bids_csv.c, bids_json.c).
 * The layout checked is the one specified in mechkit/bids.h; the example
 * files are those of examples/ (bids.csv, multiunit.csv, double.csv,
 * bids.json), written for this project.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/bids.h"
#include "mechkit/money.h"

#define BOM "\xEF\xBB\xBF"
#define NONE MK_BID_NONE
#define ONE MK_QUALITY_ONE

/* ---- helpers ------------------------------------------------------------------------------- */

static int read_as(const char *name, const char *format, const char *text,
                   const mk_bids_options *opt, mk_dataset *d, mk_ctx *ctx)
{
    mk_input in = {name, text, strlen(text), format};
    return mk_bids_read(&in, opt, d, ctx);
}

/* Reads text that must be good into *d. */
static void read_ok(const char *name, const char *text, const mk_bids_options *opt, mk_dataset *d)
{
    mk_ctx ctx = MK_CTX_INIT;
    int rc = read_as(name, NULL, text, opt, d, &ctx);
    if (rc != 0)
        fail_msg("rc %d, message '%s'", rc, ctx.message);
    assert_int_equal(ctx.code, MK_OK);
}

/* Reads text that must fail with code and a message containing fragment,
 * leaving the dataset untouched. */
static void expect_error_as(const char *name, const char *format, const char *text,
                            const mk_bids_options *opt, int code, const char *fragment)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_dataset d = MK_DATASET_INIT;
    d.scale = 77;
    int rc = read_as(name, format, text, opt, &d, &ctx);
    if (rc != code || strstr(ctx.message, fragment) == NULL)
        fail_msg("rc %d (want %d), message '%s' (want '%s')", rc, code, ctx.message, fragment);
    assert_int_equal(ctx.code, code);
    assert_int_equal(d.scale, 77);
    assert_null(d.reports.cells);
    assert_null(d.types.cells);
    assert_null(d.labels);
}

static void expect_error(const char *name, const char *text, const mk_bids_options *opt, int code,
                         const char *fragment)
{
    expect_error_as(name, NULL, text, opt, code, fragment);
}

/* Row i of p equals the width cells of want. */
static void check_row(const mk_profile *p, size_t i, const int64_t *want)
{
    const int64_t *row = mk_profile_row(p, i);
    for (size_t k = 0; k < p->width; k++)
        if (row[k] != want[k])
            fail_msg("row %zu cell %zu: %lld, want %lld", i, k, (long long)row[k],
                     (long long)want[k]);
}

static void check_labels(const mk_dataset *d, const char *const *want, size_t n)
{
    assert_int_equal(d->reports.n, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(d->labels[i], want[i]);
        assert_ptr_equal(d->reports.labels[i], d->labels[i]);
    }
}

static mk_bids_options options(size_t max_bids, int sides, int quality)
{
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    opt.max_bids = max_bids;
    opt.sides = sides;
    opt.quality = quality;
    return opt;
}

/* ---- good CSV ------------------------------------------------------------------------------ */

/* examples/bids.csv */
static void test_csv_single(void **state)
{
    (void)state;
    mk_dataset d = MK_DATASET_INIT;
    read_ok("bids.csv",
            "bidder,amount,value\n"
            "alice,120.00,150.00\n"
            "bob,135.50,140.00\n"
            "carol,90.00,110.00\n",
            NULL, &d);
    static const char *const ids[] = {"alice", "bob", "carol"};
    check_labels(&d, ids, 3);
    assert_int_equal(d.scale, 2);
    assert_int_equal(d.reports.width, 3);
    assert_null(d.reports.weight);
    check_row(&d.reports, 0, (int64_t[]){MK_SIDE_BUY, ONE, 12000});
    check_row(&d.reports, 1, (int64_t[]){MK_SIDE_BUY, ONE, 13550});
    check_row(&d.reports, 2, (int64_t[]){MK_SIDE_BUY, ONE, 9000});
    assert_int_equal(d.types.n, 3);
    assert_int_equal(d.types.width, 3);
    assert_ptr_equal(d.types.labels, d.reports.labels);
    check_row(&d.types, 0, (int64_t[]){MK_SIDE_BUY, ONE, 15000});
    check_row(&d.types, 1, (int64_t[]){MK_SIDE_BUY, ONE, 14000});
    check_row(&d.types, 2, (int64_t[]){MK_SIDE_BUY, ONE, 11000});
    mk_dataset_free(&d);
}

/* examples/multiunit.csv: A bids for 3 units, B for 2, C for 1. */
static void test_csv_multiunit(void **state)
{
    (void)state;
    mk_bids_options opt = options(3, 0, 0);
    mk_dataset d = MK_DATASET_INIT;
    read_ok("multiunit.csv",
            "bidder,amount,value\n"
            "A,10.00,10.00\nA,8.00,8.00\nA,2.00,2.00\n"
            "B,9.00,9.00\nB,5.00,5.00\n"
            "C,7.00,7.00\n",
            &opt, &d);
    static const char *const ids[] = {"A", "B", "C"};
    check_labels(&d, ids, 3);
    assert_int_equal(d.reports.width, 5);
    check_row(&d.reports, 0, (int64_t[]){0, ONE, 1000, 800, 200});
    check_row(&d.reports, 1, (int64_t[]){0, ONE, 900, 500, NONE});
    check_row(&d.reports, 2, (int64_t[]){0, ONE, 700, NONE, NONE});
    check_row(&d.types, 1, (int64_t[]){0, ONE, 900, 500, NONE});
    assert_int_equal(mk_bids_count(mk_profile_row(&d.reports, 0), 5), 3);
    assert_int_equal(mk_bids_count(mk_profile_row(&d.reports, 1), 5), 2);
    assert_int_equal(mk_bids_count(mk_profile_row(&d.reports, 2), 5), 1);
    mk_dataset_free(&d);
}

/* Rows of one bidder need not be adjacent: bidders keep the order of their
 * first row, bids the order of their rows. The width is set by the largest
 * number of bids present, not by max_bids. */
static void test_csv_rows_in_any_order(void **state)
{
    (void)state;
    mk_bids_options opt = options(5, 0, 0);
    mk_dataset d = MK_DATASET_INIT;
    read_ok("t.csv", "bidder,amount\nx,5\ny,4\nx,3\nz,1\ny,4\n", &opt, &d);
    static const char *const ids[] = {"x", "y", "z"};
    check_labels(&d, ids, 3);
    assert_int_equal(d.scale, 0);
    assert_int_equal(d.reports.width, 4);
    check_row(&d.reports, 0, (int64_t[]){0, ONE, 5, 3});
    check_row(&d.reports, 1, (int64_t[]){0, ONE, 4, 4});
    check_row(&d.reports, 2, (int64_t[]){0, ONE, 1, NONE});
    assert_int_equal(d.types.n, 0);
    assert_null(d.types.cells);
    mk_dataset_free(&d);
}

/* examples/double.csv, with sides in any case and a side given once for a
 * bidder of two rows. */
static void test_csv_sides(void **state)
{
    (void)state;
    mk_bids_options opt = options(2, 1, 0);
    mk_dataset d = MK_DATASET_INIT;
    read_ok("double.csv",
            "bidder,side,amount,value\n"
            "b1,buy,10.0,10.0\n"
            "s1,SELL,2.0,2.0\n"
            "b2,Buy,8.0,8.0\n"
            "b2,,6.0,6.0\n"
            "s2,sell,4.0,4.0\n",
            &opt, &d);
    assert_int_equal(d.scale, 1);
    check_row(&d.reports, 0, (int64_t[]){MK_SIDE_BUY, ONE, 100, NONE});
    check_row(&d.reports, 1, (int64_t[]){MK_SIDE_SELL, ONE, 20, NONE});
    check_row(&d.reports, 2, (int64_t[]){MK_SIDE_BUY, ONE, 80, 60});
    check_row(&d.types, 3, (int64_t[]){MK_SIDE_SELL, ONE, 40, NONE});
    mk_dataset_free(&d);
}

static void test_csv_quality(void **state)
{
    (void)state;
    mk_bids_options opt = options(1, 0, 1);
    mk_dataset d = MK_DATASET_INIT;
    read_ok("positions.csv",
            "bidder,amount,quality\nad1,10,0.8\nad2,4,\nad3,2,1.25\nad4,1,000003\n", &opt, &d);
    check_row(&d.reports, 0, (int64_t[]){0, 800000, 10});
    check_row(&d.reports, 1, (int64_t[]){0, ONE, 4});
    check_row(&d.reports, 2, (int64_t[]){0, 1250000, 2});
    check_row(&d.reports, 3, (int64_t[]){0, 3000000, 1});
    mk_dataset_free(&d);
}

/* A byte-order mark, CRLF line ends, quoted fields, spaces around fields,
 * extra columns (ignored), columns in any order, blank lines. */
static void test_csv_crlf_bom(void **state)
{
    (void)state;
    mk_bids_options opt = options(2, 0, 0);
    mk_dataset d = MK_DATASET_INIT;
    read_ok("t.csv",
            BOM "note, amount ,bidder\r\n"
                "\"first, really\",12.5,\"Jos\xC3\xA9 \"\"J\"\"\"\r\n"
                "\r\n"
                "x, 3 ,  li \r\n"
                "y,3,\"Jos\xC3\xA9 \"\"J\"\"\"",
            &opt, &d);
    static const char *const ids[] = {"Jos\xC3\xA9 \"J\"", "li"};
    check_labels(&d, ids, 2);
    assert_int_equal(d.scale, 1);
    check_row(&d.reports, 0, (int64_t[]){0, ONE, 125, 30});
    check_row(&d.reports, 1, (int64_t[]){0, ONE, 30, NONE});
    mk_dataset_free(&d);
}

/* A value column left empty everywhere gives no types. */
static void test_csv_empty_value_column(void **state)
{
    (void)state;
    mk_dataset d = MK_DATASET_INIT;
    read_ok("t.csv", "bidder,amount,value\na,1,\nb,2,\n", NULL, &d);
    assert_int_equal(d.reports.n, 2);
    assert_int_equal(d.types.n, 0);
    mk_dataset_free(&d);
}

/* ---- scale --------------------------------------------------------------------------------- */

static void test_scale_inferred(void **state)
{
    (void)state;
    mk_dataset d = MK_DATASET_INIT;
    read_ok("t.csv", "bidder,amount,value\na,12,3.5\nb,0.25,7\n", NULL, &d);
    assert_int_equal(d.scale, 2);
    check_row(&d.reports, 0, (int64_t[]){0, ONE, 1200});
    check_row(&d.reports, 1, (int64_t[]){0, ONE, 25});
    check_row(&d.types, 0, (int64_t[]){0, ONE, 350});
    check_row(&d.types, 1, (int64_t[]){0, ONE, 700});

    /* min_scale raises an inferred scale (a reserve of 2.505 needs 3). */
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    opt.min_scale = 3;
    read_ok("t.csv", "bidder,amount\na,12\nb,0.25\n", &opt, &d);
    assert_int_equal(d.scale, 3);
    check_row(&d.reports, 0, (int64_t[]){0, ONE, 12000});

    /* The largest scale: 18 places; 9.2 units fit, at 10^18 per unit. */
    read_ok("t.csv", "bidder,amount\na,9.000000000000000001\n", NULL, &d);
    assert_int_equal(d.scale, 18);
    check_row(&d.reports, 0, (int64_t[]){0, ONE, 9000000000000000001});

    /* The largest amount at scale 0. */
    read_ok("t.csv", "bidder,amount\na,9223372036854775807\n", NULL, &d);
    check_row(&d.reports, 0, (int64_t[]){0, ONE, INT64_MAX});
    mk_dataset_free(&d);
}

static void test_scale_explicit(void **state)
{
    (void)state;
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    opt.scale = 4;
    opt.min_scale = 6; /* ignored when the scale is given */
    mk_dataset d = MK_DATASET_INIT;
    read_ok("t.csv", "bidder,amount\na,12\nb,0.25\n", &opt, &d);
    assert_int_equal(d.scale, 4);
    check_row(&d.reports, 0, (int64_t[]){0, ONE, 120000});
    check_row(&d.reports, 1, (int64_t[]){0, ONE, 2500});
    opt.scale = 0;
    opt.min_scale = 0;
    read_ok("t.csv", "bidder,amount\na,12\n", &opt, &d);
    assert_int_equal(d.scale, 0);
    check_row(&d.reports, 0, (int64_t[]){0, ONE, 12});
    mk_dataset_free(&d);
}

/* ---- good JSON ----------------------------------------------------------------------------- */

/* examples/bids.json */
static void test_json_single(void **state)
{
    (void)state;
    mk_dataset d = MK_DATASET_INIT;
    read_ok("bids.json",
            "{\n  \"scale\": 2,\n  \"bidders\": [\n"
            "    {\"id\": \"alice\", \"bid\": \"120.00\", \"value\": \"150.00\"},\n"
            "    {\"id\": \"bob\", \"bid\": \"135.5\", \"value\": \"140.00\"},\n"
            "    {\"id\": \"carol\", \"bid\": 90, \"value\": 110}\n  ]\n}\n",
            NULL, &d);
    static const char *const ids[] = {"alice", "bob", "carol"};
    check_labels(&d, ids, 3);
    assert_int_equal(d.scale, 2);
    assert_int_equal(d.reports.width, 3);
    check_row(&d.reports, 0, (int64_t[]){0, ONE, 12000});
    check_row(&d.reports, 1, (int64_t[]){0, ONE, 13550});
    check_row(&d.reports, 2, (int64_t[]){0, ONE, 9000});
    check_row(&d.types, 2, (int64_t[]){0, ONE, 11000});
    mk_dataset_free(&d);
}

/* Lists of bids and values; JSON integers are whole units; bidders with
 * "bid" and with "bids" mix. */
static void test_json_multiunit(void **state)
{
    (void)state;
    mk_bids_options opt = options(3, 0, 0);
    mk_dataset d = MK_DATASET_INIT;
    read_ok("m.json",
            "{\"bidders\": [{\"id\": \"A\", \"bids\": [10, \"8.5\", \"2\"], "
            "\"values\": [\"10\", 9, 2]},"
            "{\"id\": \"B\", \"bid\": \"9.25\", \"value\": \"9.25\"}]}",
            &opt, &d);
    assert_int_equal(d.scale, 2);
    assert_int_equal(d.reports.width, 5);
    check_row(&d.reports, 0, (int64_t[]){0, ONE, 1000, 850, 200});
    check_row(&d.reports, 1, (int64_t[]){0, ONE, 925, NONE, NONE});
    check_row(&d.types, 0, (int64_t[]){0, ONE, 1000, 900, 200});
    mk_dataset_free(&d);
}

/* A list of bidders alone, sides and quality, found by sniffing. */
static void test_json_list_sides_quality(void **state)
{
    (void)state;
    mk_bids_options opt = options(1, 1, 1);
    mk_dataset d = MK_DATASET_INIT;
    read_ok("<stdin>",
            BOM " \n[{\"id\": \"b\", \"bid\": \"3\", \"side\": \"BUY\"},"
                "{\"id\": \"s\", \"bid\": \"1\", \"side\": \"sell\", \"quality\": \"0.5\"},"
                "{\"id\": \"t\", \"bid\": \"1\", \"side\": \"sell\", \"quality\": 2}]",
            &opt, &d);
    assert_int_equal(d.scale, 0);
    assert_int_equal(d.types.n, 0);
    check_row(&d.reports, 0, (int64_t[]){MK_SIDE_BUY, ONE, 3});
    check_row(&d.reports, 1, (int64_t[]){MK_SIDE_SELL, 500000, 1});
    check_row(&d.reports, 2, (int64_t[]){MK_SIDE_SELL, 2000000, 1});
    mk_dataset_free(&d);
}

/* The file's "scale" is at least the scale (raised by min_scale); an
 * option's scale overrides it. */
static void test_json_file_scale(void **state)
{
    (void)state;
    const char *text = "{\"scale\": 3, \"bidders\": [{\"id\": \"a\", \"bid\": \"1.5\"}]}";
    mk_dataset d = MK_DATASET_INIT;
    read_ok("s.json", text, NULL, &d);
    assert_int_equal(d.scale, 3);
    check_row(&d.reports, 0, (int64_t[]){0, ONE, 1500});
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    opt.min_scale = 4;
    read_ok("s.json", text, &opt, &d);
    assert_int_equal(d.scale, 4);
    check_row(&d.reports, 0, (int64_t[]){0, ONE, 15000});
    opt.scale = 1;
    read_ok("s.json", text, &opt, &d);
    assert_int_equal(d.scale, 1);
    check_row(&d.reports, 0, (int64_t[]){0, ONE, 15});
    mk_dataset_free(&d);
}

/* ---- format, arguments, small things -------------------------------------------------------- */

static void test_format_choice(void **state)
{
    (void)state;
    const char *csv = "bidder,amount\na,1\n";
    const char *json = "{\"bidders\": [{\"id\": \"a\", \"bid\": \"1\"}]}";
    mk_ctx ctx = MK_CTX_INIT;
    mk_dataset d = MK_DATASET_INIT;
    assert_int_equal(read_as("x.txt", "JSON", json, NULL, &d, &ctx), MK_OK);
    assert_int_equal(read_as("x.json", "csv", csv, NULL, &d, &ctx), MK_OK);
    assert_int_equal(read_as("DATA.JSON", NULL, json, NULL, &d, &ctx), MK_OK);
    assert_int_equal(read_as(NULL, NULL, json, NULL, &d, &ctx), MK_OK);
    assert_int_equal(read_as(NULL, NULL, csv, NULL, &d, &ctx), MK_OK);
    assert_int_equal(read_as("a.b/x", "", csv, NULL, &d, &ctx), MK_OK);
    mk_dataset_free(&d);
    /* The format wins over the extension and the content. */
    expect_error_as("x.json", "csv", json, NULL, MK_EINPUT, "x.json:1:2: ");
    expect_error_as("x.csv", NULL, json, NULL, MK_EINPUT, "x.csv:1:2: ");
    expect_error_as("x.json", NULL, csv, NULL, MK_EINPUT, "x.json:1:");
    expect_error_as("x.csv", "xml", csv, NULL, MK_EINPUT, "format 'xml' (csv or json)");
    expect_error_as(NULL, "json", "[1]", NULL, MK_EINPUT, "<input>: bidder 1: expected an object");
}

static void test_bad_arguments(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_dataset d = MK_DATASET_INIT;
    mk_input in = {"t.csv", "bidder,amount\na,1\n", 18, NULL};
    assert_int_equal(mk_bids_read(NULL, NULL, &d, &ctx), MK_EINTERNAL);
    assert_int_equal(mk_bids_read(&in, NULL, NULL, &ctx), MK_EINTERNAL);
    mk_input null_data = {"t.csv", NULL, 3, NULL};
    assert_int_equal(mk_bids_read(&null_data, NULL, &d, &ctx), MK_EINTERNAL);
    mk_input nothing = {"t.csv", NULL, 0, NULL};
    assert_int_equal(mk_bids_read(&nothing, NULL, &d, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "no bids"));

    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    opt.version = 0;
    assert_int_equal(mk_bids_read(&in, &opt, &d, &ctx), MK_EINTERNAL);
    opt = options(0, 0, 0);
    assert_int_equal(mk_bids_read(&in, &opt, &d, &ctx), MK_EINTERNAL);
    opt = options(MK_BIDS_MAX_UNITS + 1, 0, 0);
    assert_int_equal(mk_bids_read(&in, &opt, &d, &ctx), MK_EINTERNAL);
    opt = options(MK_BIDS_MAX_UNITS, 0, 0);
    opt.scale = MK_SCALE_MAX + 1;
    assert_int_equal(mk_bids_read(&in, &opt, &d, &ctx), MK_ERANGE);
    opt.scale = -1;
    opt.min_scale = MK_SCALE_MAX + 1;
    assert_int_equal(mk_bids_read(&in, &opt, &d, &ctx), MK_ERANGE);
    assert_null(d.reports.cells);
    /* A NULL context is allowed: only the code comes back. */
    assert_int_equal(mk_bids_read(&in, &opt, &d, NULL), MK_ERANGE);
    mk_input bad = {"t.csv", "bidder,amount\na,x\n", 18, NULL};
    assert_int_equal(mk_bids_read(&bad, NULL, &d, NULL), MK_EINPUT);
    assert_null(d.reports.cells);
}

/* A second read into the same dataset replaces (and frees) the first. */
static void test_reuse_dataset(void **state)
{
    (void)state;
    mk_dataset d = MK_DATASET_INIT;
    read_ok("t.csv", "bidder,amount,value\na,1,2\nb,1,2\n", NULL, &d);
    read_ok("t.csv", "bidder,amount\nc,5\n", NULL, &d);
    static const char *const ids[] = {"c"};
    check_labels(&d, ids, 1);
    assert_int_equal(d.types.n, 0);
    mk_dataset_free(&d);
    mk_dataset_free(&d);
}

static void test_count(void **state)
{
    (void)state;
    int64_t row[] = {0, ONE, 5, 4, NONE, NONE};
    assert_int_equal(mk_bids_count(row, 6), 2);
    assert_int_equal(mk_bids_count(row, 3), 1);
    assert_int_equal(mk_bids_count(row, 2), 0);
    assert_int_equal(mk_bids_count(row, 0), 0);
    int64_t full[] = {1, ONE, 3, 0};
    assert_int_equal(mk_bids_count(full, 4), 2);
}

/* Many bidders (the id map grows many times) and many rows. */
static void test_many_bidders(void **state)
{
    (void)state;
    const size_t n = 100000;
    size_t cap = 32 + 2 * n * 24, used = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    used += (size_t)snprintf(text, cap, "bidder,amount\n");
    for (size_t i = 0; i < n; i++)
        used +=
            (size_t)snprintf(text + used, cap - used, "bidder-%zu,%zu.%02zu\n", i, n - i, i % 100);
    /* A second bid of every bidder, in reverse order, far from the first. */
    for (size_t i = n; i-- > 0;)
        used += (size_t)snprintf(text + used, cap - used, "bidder-%zu,0.5\n", i);
    mk_bids_options opt = options(2, 0, 0);
    mk_dataset d = MK_DATASET_INIT;
    read_ok("big.csv", text, &opt, &d);
    assert_int_equal(d.reports.n, n);
    assert_int_equal(d.scale, 2);
    assert_string_equal(d.labels[12345], "bidder-12345");
    check_row(&d.reports, 12345, (int64_t[]){0, ONE, (int64_t)(n - 12345) * 100 + 45, 50});
    check_row(&d.reports, n - 1, (int64_t[]){0, ONE, 100 + 99, 50});
    mk_dataset_free(&d);
    free(text);
}

/* ---- bad CSV ------------------------------------------------------------------------------- */

static void test_csv_empty(void **state)
{
    (void)state;
    expect_error("t.csv", "", NULL, MK_EINPUT, "t.csv: no bids (the input is empty)");
    expect_error("t.csv", " \r\n\n", NULL, MK_EINPUT, "no bids");
    expect_error("t.csv", BOM, NULL, MK_EINPUT, "no bids");
    expect_error("t.csv", "bidder,amount\n", NULL, MK_EINPUT,
                 "t.csv: no bids (a header but no rows)");
    expect_error("t.csv", "bidder,amount\r\n\r\n", NULL, MK_EINPUT, "no bids");
}

static void test_csv_bad_header(void **state)
{
    (void)state;
    expect_error("t.csv", "bidder,price,value\na,1,1\n", NULL, MK_EINPUT,
                 "t.csv:1: no column 'amount' (the header has 'bidder', 'price', 'value'");
    expect_error("t.csv", "name,amount\na,1\n", NULL, MK_EINPUT, "no column 'bidder'");
    expect_error("t.csv", "bidder,Amount\na,1\n", NULL, MK_EINPUT,
                 "t.csv:1: column 2: column names are lowercase: did you mean 'amount'?");
    expect_error("t.csv", "bidder,amount,VALUE\na,1,1\n", NULL, MK_EINPUT, "'value'");
    expect_error("t.csv", "bidder,amount, amount\na,1,1\n", NULL, MK_EINPUT,
                 "t.csv:1: column 'amount' appears twice (columns 2 and 3)");
    mk_bids_options sides = options(1, 1, 0);
    expect_error("t.csv", "bidder,amount\na,1\n", &sides, MK_EINPUT, "t.csv:1: no column 'side'");
    expect_error("t.csv", "bidder,amount,side\na,1,buy\n", NULL, MK_EINPUT,
                 "t.csv:1: column 'side' is not read here");
    expect_error("t.csv", "bidder,amount,quality\na,1,1\n", NULL, MK_EINPUT,
                 "t.csv:1: column 'quality' is not read here");
}

static void test_csv_bad_rows(void **state)
{
    (void)state;
    expect_error("t.csv", "bidder,amount\na,1\nb,2,3\n", NULL, MK_EINPUT,
                 "t.csv:3: 3 fields, but the header has 2");
    expect_error("t.csv", "bidder,amount,value\na,1,1\nb\n", NULL, MK_EINPUT,
                 "t.csv:3: 1 field, but the header has 3");
    expect_error("t.csv", "bidder,amount\na,1\n  ,2\n", NULL, MK_EINPUT,
                 "t.csv:3: field 'bidder': empty");
    expect_error("t.csv", "bidder,amount\na,\n", NULL, MK_EINPUT, "t.csv:2: field 'amount': empty");
    expect_error("t.csv", "bidder,amount\na,abc\n", NULL, MK_EINPUT,
                 "t.csv:2: field 'amount': 'abc' is not an amount");
    expect_error("t.csv", "bidder,amount\na,1e3\n", NULL, MK_EINPUT, "'1e3' is not an amount");
    expect_error("t.csv", "bidder,amount\na,$5\n", NULL, MK_EINPUT, "'$5' is not an amount");
    expect_error("t.csv", "bidder,amount\na,-5\n", NULL, MK_EINPUT,
                 "t.csv:2: field 'amount': '-5' is negative");
    expect_error("t.csv", "bidder,amount,value\na,5,-0.5\n", NULL, MK_EINPUT,
                 "t.csv:2: field 'value': '-0.5' is negative");
    expect_error("t.csv", "bidder,amount,value\na,5,x\n", NULL, MK_EINPUT,
                 "t.csv:2: field 'value': 'x' is not an amount");
    /* The CSV reader's own errors keep their line and column. */
    expect_error("t.csv", "bidder,amount\na,\"1\n", NULL, MK_EINPUT, "t.csv:2:3:");
    expect_error("t.csv", "bidder,amount\n\xFF,1\n", NULL, MK_EINPUT, "t.csv:2:1:");
}

static void test_csv_too_many_decimals(void **state)
{
    (void)state;
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    opt.scale = 2;
    expect_error("bids.csv", "bidder,amount\na,1.00\nb,1.005\n", &opt, MK_EINPUT,
                 "bids.csv:3: field 'amount': '1.005' has 3 decimal places, more than the "
                 "scale 2 (set -p scale=3)");
    opt.scale = 0;
    expect_error("bids.csv", "bidder,amount,value\na,1,1.5\n", &opt, MK_EINPUT,
                 "bids.csv:2: field 'value': '1.5' has 1 decimal place, more than the "
                 "scale 0 (set -p scale=1)");
    expect_error("t.csv", "bidder,amount\na,0.0000000000000000001\n", NULL, MK_ERANGE,
                 "t.csv:2: field 'amount': '0.0000000000000000001' has 19 decimal places; "
                 "at most 18");
}

static void test_csv_out_of_range(void **state)
{
    (void)state;
    expect_error("t.csv", "bidder,amount\na,9223372036854775808\n", NULL, MK_ERANGE,
                 "t.csv:2: field 'amount':");
    expect_error("t.csv", "bidder,amount\na,99999999999999999999999999\n", NULL, MK_ERANGE,
                 "t.csv:2: field 'amount':");
    /* Fits at its own scale, not at the scale of the whole input. */
    expect_error("t.csv", "bidder,amount\na,92233720368547759\nb,0.05\n", NULL, MK_ERANGE,
                 "t.csv:2: field 'amount': 92233720368547759 does not fit in 64 bits at the "
                 "scale 2");
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    opt.scale = 3;
    expect_error("t.csv", "bidder,amount,value\na,1,92233720368547758\n", &opt, MK_ERANGE,
                 "t.csv:2: field 'value': 92233720368547758 does not fit");
}

static void test_csv_rising_bids(void **state)
{
    (void)state;
    mk_bids_options opt = options(3, 0, 0);
    expect_error("t.csv", "bidder,amount\na,10\nb,1\na,12\n", &opt, MK_EINPUT,
                 "t.csv:4: field 'amount': 12 is more than this bidder's bid on line 2 (10); a "
                 "bidder's bids for successive units must not increase");
    expect_error("t.csv", "bidder,amount,value\na,10,10\na,9,9.5\na,8,9.75\n", &opt, MK_EINPUT,
                 "t.csv:4: field 'value': 9.75 is more than this bidder's value on line 3 (9.50)");
}

static void test_csv_too_many_bids(void **state)
{
    (void)state;
    mk_bids_options opt = options(2, 0, 0);
    expect_error("t.csv", "bidder,amount\nA,5\nB,5\nA,4\nA,3\nA,2\n", &opt, MK_EINPUT,
                 "t.csv:5: bidder 'A' bids for 4 units but at most 2 are allowed");
    expect_error("t.csv", "bidder,amount\nA,5\nB,5\nA,4\n", NULL, MK_EINPUT,
                 "t.csv:4: bidder 'A' bids for 2 units but at most 1 is allowed (each row of a "
                 "bidder is its bid for one more unit; its first row is line 2)");
}

static void test_csv_partial_values(void **state)
{
    (void)state;
    mk_bids_options opt = options(2, 0, 0);
    expect_error("t.csv", "bidder,amount,value\na,5,\nb,5,6\n", &opt, MK_EINPUT,
                 "t.csv:2: field 'value': empty, but line 3 gives a value; give a value for "
                 "every bid or for none");
    expect_error("t.csv", "bidder,amount,value\na,5,5\na,4,\n", &opt, MK_EINPUT,
                 "t.csv:3: field 'value': empty, but line 2");
}

static void test_csv_bad_sides(void **state)
{
    (void)state;
    mk_bids_options opt = options(2, 1, 0);
    expect_error("t.csv", "bidder,amount,side\na,5,hold\n", &opt, MK_EINPUT,
                 "t.csv:2: field 'side': 'hold' is not a side (expected buy or sell)");
    expect_error("t.csv", "bidder,amount,side\na,5,buy\nb,5,\nb,4,\n", &opt, MK_EINPUT,
                 "t.csv:3: field 'side': empty for every row of bidder 'b'");
    expect_error("t.csv", "bidder,amount,side\na,5,buy\nb,5,sell\na,4,SELL\n", &opt, MK_EINPUT,
                 "t.csv:4: field 'side': 'SELL' conflicts with 'buy' on line 2 for the same "
                 "bidder");
}

static void test_csv_bad_quality(void **state)
{
    (void)state;
    mk_bids_options opt = options(2, 0, 1);
    expect_error("t.csv", "bidder,amount,quality\na,5,0\n", &opt, MK_EINPUT,
                 "t.csv:2: field 'quality': '0' is not above 0");
    expect_error("t.csv", "bidder,amount,quality\na,5,-0.5\n", &opt, MK_EINPUT,
                 "'-0.5' is not above 0");
    expect_error("t.csv", "bidder,amount,quality\na,5,0.1234567\n", &opt, MK_EINPUT,
                 "'0.1234567' has 7 decimal places; a quality score has at most 6");
    expect_error("t.csv", "bidder,amount,quality\na,5,high\n", &opt, MK_EINPUT,
                 "'high' is not a quality score");
    expect_error("t.csv", "bidder,amount,quality\na,5,99999999999999\n", &opt, MK_ERANGE,
                 "t.csv:2: field 'quality':");
    expect_error("t.csv", "bidder,amount,quality\na,5,0.8\na,4,0.80\na,3,0.5\n",
                 &(mk_bids_options){MK_BIDS_OPTIONS_VERSION, 3, 0, 1, -1, 0}, MK_EINPUT,
                 "t.csv:4: field 'quality': '0.5' conflicts with 0.8 on line 2");
}

/* ---- bad JSON ------------------------------------------------------------------------------ */

static void test_json_syntax(void **state)
{
    (void)state;
    expect_error("t.json", "{\"bidders\": [\n{\"id\": \"a\" \"bid\": \"1\"}]}", NULL, MK_EINPUT,
                 "t.json:2:");
    expect_error("t.json", "{\"bidders\": []} x", NULL, MK_EINPUT, "t.json:1:");
    expect_error("t.json", "{\"bidders\": [{\"id\": \"a\", \"bid\": \"1\", \"bid\": \"2\"}]}", NULL,
                 MK_EINPUT, "duplicate");
    expect_error("t.json", "[{\"id\": \"\xFF\", \"bid\": \"1\"}]", NULL, MK_EINPUT, "t.json:1:");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": 99999999999999999999}]", NULL, MK_ERANGE,
                 "t.json:1:");
    expect_error("t.json", "{\"bidders\": [", NULL, MK_EINPUT, "t.json:1:");
}

static void test_json_bad_top(void **state)
{
    (void)state;
    expect_error("t.json", "42", NULL, MK_EINPUT,
                 "t.json: expected {\"bidders\": [...]} or a list of bidders, got an integer");
    expect_error("t.json", "{\"bidder\": []}", NULL, MK_EINPUT,
                 "t.json: unknown field 'bidder' at the top level");
    expect_error("t.json", "{\"scale\": 2}", NULL, MK_EINPUT, "t.json: missing field 'bidders'");
    expect_error("t.json", "{\"bidders\": {}}", NULL, MK_EINPUT,
                 "t.json: field 'bidders': expected a list, got an object");
    expect_error("t.json", "{\"bidders\": []}", NULL, MK_EINPUT, "t.json: no bids");
    expect_error("t.json", "[]", NULL, MK_EINPUT, "t.json: no bids");
    expect_error("t.json", "{\"scale\": \"2\", \"bidders\": []}", NULL, MK_EINPUT,
                 "t.json: field 'scale': expected an integer");
    expect_error("t.json", "{\"scale\": -1, \"bidders\": []}", NULL, MK_EINPUT, "is negative");
    expect_error("t.json", "{\"scale\": 19, \"bidders\": []}", NULL, MK_ERANGE,
                 "t.json: field 'scale': 19 is more than the 18");
}

static void test_json_bad_ids(void **state)
{
    (void)state;
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": \"1\"}, 7]", NULL, MK_EINPUT,
                 "t.json: bidder 2: expected an object");
    expect_error("t.json", "[{\"bid\": \"1\"}]", NULL, MK_EINPUT,
                 "t.json: bidder 1: missing field 'id'");
    expect_error("t.json", "[{\"id\": 7, \"bid\": \"1\"}]", NULL, MK_EINPUT,
                 "t.json: bidder 1: field 'id': expected a string, got an integer (write \"7\")");
    expect_error("t.json", "[{\"id\": null, \"bid\": \"1\"}]", NULL, MK_EINPUT,
                 "field 'id': expected a string, got null");
    expect_error("t.json", "[{\"id\": \"\", \"bid\": \"1\"}]", NULL, MK_EINPUT,
                 "t.json: bidder 1: field 'id': empty");
    expect_error("t.json", "[{\"id\": \"a\\u0000b\", \"bid\": \"1\"}]", NULL, MK_EINPUT,
                 "t.json:1:");
    expect_error("t.json",
                 "[{\"id\": \"alice\", \"bid\": \"1\"}, {\"id\": \"bob\", \"bid\": \"1\"}, "
                 "{\"id\": \"alice\", \"bid\": \"2\"}]",
                 NULL, MK_EINPUT,
                 "t.json: bidder 3 ('alice'): field 'id': 'alice' is already "
                 "bidder 1");
    /* A long id is cut in messages. */
    expect_error("t.json",
                 "[{\"id\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", "
                 "\"bid\": \"x\"}]",
                 NULL, MK_EINPUT, "aaaa...'): field 'bid': 'x' is not an amount");
}

static void test_json_bad_keys(void **state)
{
    (void)state;
    expect_error("t.json", "[{\"id\": \"a\", \"bdi\": \"1\"}]", NULL, MK_EINPUT,
                 "t.json: bidder 1 ('a'): unknown field 'bdi' (expected id, bid, bids, value, "
                 "values, side, quality)");
    expect_error("t.json", "[{\"id\": \"a\", \"Bid\": \"1\"}]", NULL, MK_EINPUT,
                 "unknown field 'Bid' (field names are lowercase: did you mean 'bid'?)");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": \"1\", \"side\": \"buy\"}]", NULL, MK_EINPUT,
                 "t.json: bidder 1 ('a'): field 'side': not read here");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": \"1\", \"quality\": \"1\"}]", NULL, MK_EINPUT,
                 "t.json: bidder 1 ('a'): field 'quality': not read here");
}

static void test_json_bad_amounts(void **state)
{
    (void)state;
    mk_bids_options opt = MK_BIDS_OPTIONS_INIT;
    opt.scale = 2;
    expect_error("bids.json",
                 "{\"bidders\": [{\"id\": \"alice\", \"bid\": \"1\"}, {\"id\": \"bob\", \"bid\": "
                 "\"1\"}, {\"id\": \"carol\", \"bid\": \"1.005\"}]}",
                 &opt, MK_EINPUT,
                 "bids.json: bidder 3 ('carol'): field 'bid': '1.005' has 3 decimal places, "
                 "more than the scale 2 (set -p scale=3)");
    expect_error("t.json", "{\"scale\": 2, \"bidders\": [{\"id\": \"a\", \"bid\": \"1.005\"}]}",
                 NULL, MK_EINPUT, "more than the file's \"scale\": 2");
    expect_error("t.json", "[{\"id\": \"a\"}]", NULL, MK_EINPUT,
                 "t.json: bidder 1 ('a'): missing field 'bid'");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": \"1\", \"bids\": [\"1\"]}]", NULL, MK_EINPUT,
                 "has both 'bid' and 'bids'");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": 12.5}]", NULL, MK_EINPUT,
                 "t.json: bidder 1 ('a'): field 'bid': 12.5 is a JSON number with a fraction; "
                 "use a string like \"12.5\" so the amount stays exact");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": 1e3}]", NULL, MK_EINPUT,
                 "use a string like \"1000\"");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": true}]", NULL, MK_EINPUT,
                 "field 'bid': expected an amount as a string like \"12.50\", got true");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": -3}]", NULL, MK_EINPUT,
                 "field 'bid': -3 is negative");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": \"-3\"}]", NULL, MK_EINPUT,
                 "field 'bid': '-3' is negative");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": \" 3\"}]", NULL, MK_EINPUT,
                 "' 3' is not an amount");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": \"3\", \"value\": 2.5}]", NULL, MK_EINPUT,
                 "field 'value': 2.5 is a JSON number");
    expect_error("t.json",
                 "[{\"id\": \"a\", \"bid\": \"922337203685477581\"}, {\"id\": \"b\", "
                 "\"bid\": \"0.1\"}]",
                 NULL, MK_ERANGE,
                 "t.json: bidder 1 ('a'): field 'bid': 922337203685477581 does not fit");
}

static void test_json_bad_lists(void **state)
{
    (void)state;
    mk_bids_options opt = options(3, 0, 0);
    expect_error("t.json", "[{\"id\": \"a\", \"bids\": []}]", &opt, MK_EINPUT,
                 "field 'bids': expected a non-empty list of amounts, got an empty list");
    expect_error("t.json", "[{\"id\": \"a\", \"bids\": \"1\"}]", &opt, MK_EINPUT,
                 "field 'bids': expected a non-empty list of amounts, got a string");
    expect_error("t.json", "[{\"id\": \"a\", \"bids\": [\"3\", 2.5]}]", &opt, MK_EINPUT,
                 "t.json: bidder 1 ('a'): field 'bids', item 2: 2.5 is a JSON number");
    expect_error("t.json", "[{\"id\": \"a\", \"bids\": [\"3\", \"2\"], \"values\": [\"3\"]}]", &opt,
                 MK_EINPUT, "field 'values': 1 values for 2 bids");
    expect_error("t.json", "[{\"id\": \"a\", \"bids\": [\"3\"], \"values\": \"3\"}]", &opt,
                 MK_EINPUT, "field 'values': expected a list of amounts, got a string");
    expect_error("t.json", "[{\"id\": \"a\", \"bids\": [\"3\"], \"value\": \"3\"}]", &opt,
                 MK_EINPUT, "field 'value': with a list of 'bids', give a list of 'values'");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": \"3\", \"values\": [\"3\"]}]", &opt,
                 MK_EINPUT, "field 'values': a list of values goes with a list of 'bids'");
    expect_error("t.json", "[{\"id\": \"a\", \"bids\": [\"3\", \"4\"]}]", &opt, MK_EINPUT,
                 "t.json: bidder 1 ('a'): field 'bids', item 2: 4 is more than item 1 (3)");
    expect_error("t.json", "[{\"id\": \"a\", \"bids\": [4, 3], \"values\": [4, \"4.5\"]}]", &opt,
                 MK_EINPUT, "field 'values', item 2: 4.5 is more than item 1 (4.0)");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": 1}, {\"id\": \"b\", \"bids\": [4, 3, 2, 1]}]",
                 &opt, MK_EINPUT,
                 "t.json: bidder 2 ('b'): field 'bids': bids for 4 units but at most 3 are "
                 "allowed");
    expect_error("t.json",
                 "[{\"id\": \"a\", \"bid\": 1, \"value\": 1}, {\"id\": \"b\", \"bid\": 1}]", &opt,
                 MK_EINPUT,
                 "t.json: bidder 2 ('b'): field 'value': missing, but bidder 1 ('a') gives "
                 "values; give a value for every bid or for none");
    expect_error("t.json",
                 "[{\"id\": \"a\", \"bids\": [1]}, {\"id\": \"b\", \"bid\": 1, "
                 "\"value\": 1}]",
                 &opt, MK_EINPUT,
                 "t.json: bidder 1 ('a'): field 'values': missing, but bidder 2 ('b')");
}

static void test_json_bad_traits(void **state)
{
    (void)state;
    mk_bids_options opt = options(1, 1, 1);
    expect_error("t.json",
                 "[{\"id\": \"a\", \"bid\": 1, \"side\": \"buy\"}, {\"id\": \"b\", "
                 "\"bid\": 1}]",
                 &opt, MK_EINPUT,
                 "t.json: bidder 2 ('b'): field 'side': missing; every trader needs one");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": 1, \"side\": \"short\"}]", &opt, MK_EINPUT,
                 "t.json: bidder 1 ('a'): field 'side': 'short' is not a side");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": 1, \"side\": 1}]", &opt, MK_EINPUT,
                 "field 'side': expected \"buy\" or \"sell\", got an integer");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": 1, \"side\": \"buy\", \"quality\": 0.5}]",
                 &opt, MK_EINPUT, "field 'quality': 0.5 is a JSON number with a fraction");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": 1, \"side\": \"buy\", \"quality\": 0}]", &opt,
                 MK_EINPUT, "field 'quality': 0 is not above 0");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": 1, \"side\": \"buy\", \"quality\": \"-1\"}]",
                 &opt, MK_EINPUT, "field 'quality': '-1' is not above 0");
    expect_error("t.json", "[{\"id\": \"a\", \"bid\": 1, \"side\": \"buy\", \"quality\": []}]",
                 &opt, MK_EINPUT, "field 'quality': expected a quality score");
    expect_error("t.json",
                 "[{\"id\": \"a\", \"bid\": 1, \"side\": \"buy\", "
                 "\"quality\": 9223372036854775807}]",
                 &opt, MK_ERANGE, "field 'quality':");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_single),
        cmocka_unit_test(test_csv_multiunit),
        cmocka_unit_test(test_csv_rows_in_any_order),
        cmocka_unit_test(test_csv_sides),
        cmocka_unit_test(test_csv_quality),
        cmocka_unit_test(test_csv_crlf_bom),
        cmocka_unit_test(test_csv_empty_value_column),
        cmocka_unit_test(test_scale_inferred),
        cmocka_unit_test(test_scale_explicit),
        cmocka_unit_test(test_json_single),
        cmocka_unit_test(test_json_multiunit),
        cmocka_unit_test(test_json_list_sides_quality),
        cmocka_unit_test(test_json_file_scale),
        cmocka_unit_test(test_format_choice),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_reuse_dataset),
        cmocka_unit_test(test_count),
        cmocka_unit_test(test_many_bidders),
        cmocka_unit_test(test_csv_empty),
        cmocka_unit_test(test_csv_bad_header),
        cmocka_unit_test(test_csv_bad_rows),
        cmocka_unit_test(test_csv_too_many_decimals),
        cmocka_unit_test(test_csv_out_of_range),
        cmocka_unit_test(test_csv_rising_bids),
        cmocka_unit_test(test_csv_too_many_bids),
        cmocka_unit_test(test_csv_partial_values),
        cmocka_unit_test(test_csv_bad_sides),
        cmocka_unit_test(test_csv_bad_quality),
        cmocka_unit_test(test_json_syntax),
        cmocka_unit_test(test_json_bad_top),
        cmocka_unit_test(test_json_bad_ids),
        cmocka_unit_test(test_json_bad_keys),
        cmocka_unit_test(test_json_bad_amounts),
        cmocka_unit_test(test_json_bad_lists),
        cmocka_unit_test(test_json_bad_traits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
