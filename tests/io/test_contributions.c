/*
 * Tests of the contributions reader (src/io/contributions*.c): the profile
 * layout of mechkit/funding.h, summing, scale inference, names, and bad
 * input with line and record numbers. The inputs are written here.
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

#include "mechkit/funding.h"

static int read_as(const char *format, const char *text, const mk_contributions_options *opt,
                   mk_dataset *d, mk_ctx *ctx)
{
    mk_input in = {format != NULL && strcmp(format, "json") == 0 ? "c.json" : "c.csv", text,
                   strlen(text), format};
    return mk_contributions_read(&in, opt, d, ctx);
}

static void read_ok(const char *format, const char *text, const mk_contributions_options *opt,
                    mk_dataset *d)
{
    mk_ctx ctx = MK_CTX_INIT;
    if (read_as(format, text, opt, d, &ctx) != 0)
        fail_msg("unexpected error: %s", ctx.message);
}

/* Reads text that must fail with code and a message containing want. */
static void read_bad(const char *format, const char *text, const mk_contributions_options *opt,
                     int code, const char *want)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_dataset d = MK_DATASET_INIT;
    int rc = read_as(format, text, opt, &d, &ctx);
    if (rc != code || strstr(ctx.message, want) == NULL)
        fail_msg("got %d '%s', wanted %d with '%s'", rc, ctx.message, code, want);
    mk_dataset_free(&d);
}

static void test_csv_layout(void **state)
{
    (void)state;
    /* bob gives to p2 twice (1.5 + 0.25 = 1.75), so the scale is 2. */
    static const char csv[] = "contributor,project,amount,timestamp\n"
                              "alice,p1,1,2024-01-01\n"
                              "bob,p2,1.5,\n"
                              "bob,p1,3,\n"
                              "bob,p2,0.25,\n";
    mk_dataset d = MK_DATASET_INIT;
    read_ok(NULL, csv, NULL, &d);
    assert_int_equal(d.scale, 2);
    assert_int_equal(d.reports.n, 2);
    assert_int_equal(d.reports.width, MK_FUNDING_FIRST + 4);
    assert_string_equal(d.labels[0], "alice");
    assert_string_equal(d.labels[1], "bob");
    assert_int_equal(mk_funding_projects(&d.reports), 2);
    assert_int_equal(d.n_items, 2);
    assert_string_equal(d.items[0], "p1");
    assert_string_equal(d.items[1], "p2");
    assert_int_equal(d.skipped, 0);
    const int64_t *a = mk_profile_row(&d.reports, 0), *b = mk_profile_row(&d.reports, 1);
    assert_int_equal(a[MK_FUNDING_COUNT], 1);
    assert_int_equal(a[MK_FUNDING_WEIGHT], MK_FUNDING_WEIGHT_ONE);
    assert_int_equal(a[MK_FUNDING_FIRST], 0);
    assert_int_equal(a[MK_FUNDING_FIRST + 1], 100);
    assert_int_equal(b[MK_FUNDING_COUNT], 2);
    assert_int_equal(b[MK_FUNDING_FIRST], 0);
    assert_int_equal(b[MK_FUNDING_FIRST + 1], 300);
    assert_int_equal(b[MK_FUNDING_FIRST + 2], 1);
    assert_int_equal(b[MK_FUNDING_FIRST + 3], 175);
    assert_int_equal(mk_funding_check(&d.reports, NULL), 0);
    mk_dataset_free(&d);
}

static void test_json_and_weights(void **state)
{
    (void)state;
    static const char json[] =
        "{\"scale\": 3, \"contributions\": ["
        "{\"contributor\": \"x\", \"project\": \"p\", \"amount\": \"2.5\", \"weight\": \"0.5\"},"
        "{\"contributor\": \"y\", \"project\": \"p\", \"amount\": 7, \"timestamp\": 1700000000},"
        "{\"contributor\": \"x\", \"project\": \"q\", \"amount\": \"1\"}]}";
    mk_dataset d = MK_DATASET_INIT;
    read_ok(NULL, json, NULL, &d); /* JSON recognised by its '{' */
    assert_int_equal(d.scale, 3);
    assert_int_equal(d.reports.n, 2);
    const int64_t *x = mk_profile_row(&d.reports, 0), *y = mk_profile_row(&d.reports, 1);
    assert_int_equal(x[MK_FUNDING_WEIGHT], 500000);
    assert_int_equal(x[MK_FUNDING_FIRST + 1], 2500);
    assert_int_equal(x[MK_FUNDING_FIRST + 3], 1000);
    assert_int_equal(y[MK_FUNDING_FIRST + 1], 7000);
    assert_int_equal(y[MK_FUNDING_WEIGHT], MK_FUNDING_WEIGHT_ONE);
    mk_dataset_free(&d);
}

static void test_fixed_scale(void **state)
{
    (void)state;
    mk_contributions_options opt = MK_CONTRIBUTIONS_OPTIONS_INIT;
    opt.scale = 2;
    mk_dataset d = MK_DATASET_INIT;
    read_ok("csv", "contributor,project,amount\na,p,3\n", &opt, &d);
    assert_int_equal(d.scale, 2);
    assert_int_equal(mk_profile_row(&d.reports, 0)[MK_FUNDING_FIRST + 1], 300);
    mk_dataset_free(&d);
    read_bad("csv", "contributor,project,amount\na,p,3\na,p,1.005\n", &opt, MK_EINPUT,
             "c.csv: line 3: field 'amount': more decimal places than the scale");
    opt.scale = -1;
    opt.min_scale = 2; /* e.g. -p pool=10.50 */
    read_ok("csv", "contributor,project,amount\na,p,3\n", &opt, &d);
    assert_int_equal(d.scale, 2);
    mk_dataset_free(&d);
}

/* Wei: 18 decimals. 10 tokens are 10^19 wei, past int64, but written
 * with trailing zeros they are read at the places that matter. */
static void test_wei_amounts(void **state)
{
    (void)state;
    mk_dataset d = MK_DATASET_INIT;
    /* clr.fund-like amounts, multiples of 10^13 wei (52.07281 DAI is round
     * 9's ethers.js total): scale 5 */
    read_ok("csv",
            "contributor,project,amount\na,p,10.000000000000000000\nb,p,52.072810000000000000\n",
            NULL, &d);
    assert_int_equal(d.scale, 5);
    assert_int_equal(mk_profile_row(&d.reports, 0)[MK_FUNDING_FIRST + 1], 1000000);
    assert_int_equal(mk_profile_row(&d.reports, 1)[MK_FUNDING_FIRST + 1], 5207281);
    mk_dataset_free(&d);
    /* when every amount fits at the places written, those are kept */
    read_ok("csv", "contributor,project,amount\na,p,1.500\n", NULL, &d);
    assert_int_equal(d.scale, 3);
    mk_dataset_free(&d);
    /* a fixed scale takes trailing zeros past it: they are not rounding */
    mk_contributions_options opt = MK_CONTRIBUTIONS_OPTIONS_INIT;
    opt.scale = 2;
    read_ok("csv", "contributor,project,amount\na,p,1.500000\n", &opt, &d);
    assert_int_equal(mk_profile_row(&d.reports, 0)[MK_FUNDING_FIRST + 1], 150);
    mk_dataset_free(&d);
    /* 10 tokens and one wei: 10^19 + 1 wei is past int64, so every amount
     * takes two base-10^18 limbs (10 and 1); b's 0.5 token is 0 and 5 x
     * 10^17; projects keep their cells */
    read_ok("csv", "contributor,project,amount\na,p,10.000000000000000001\nb,q,0.5\nb,p,1\n", NULL,
            &d);
    assert_int_equal(d.scale, 18);
    assert_int_equal(d.reports.width, MK_FUNDING_FIRST + 6);
    const int64_t *a = mk_profile_row(&d.reports, 0), *b = mk_profile_row(&d.reports, 1);
    assert_int_equal(a[MK_FUNDING_LIMBS], 2);
    assert_int_equal(b[MK_FUNDING_LIMBS], 2);
    assert_int_equal(a[MK_FUNDING_FIRST], 0);
    assert_int_equal(a[MK_FUNDING_FIRST + 1], 10);
    assert_int_equal(a[MK_FUNDING_FIRST + 2], 1);
    assert_int_equal(b[mk_funding_pair(b, 0)], 0); /* p */
    assert_int_equal(b[mk_funding_pair(b, 0) + 1], 1);
    assert_int_equal(b[mk_funding_pair(b, 0) + 2], 0);
    assert_int_equal(b[mk_funding_pair(b, 1)], 1); /* q */
    assert_int_equal(b[mk_funding_pair(b, 1) + 1], 0);
    assert_int_equal(b[mk_funding_pair(b, 1) + 2], 500000000000000000);
    assert_int_equal(mk_funding_check(&d.reports, NULL), 0);
    /* the writer gives the amounts back exactly */
    char *text = NULL;
    assert_int_equal(mk_contributions_write_csv(&d.reports, d.scale, (const char *const *)d.labels,
                                                d.reports.n, (const char *const *)d.items,
                                                d.n_items, &text, NULL, NULL),
                     0);
    assert_string_equal(text, "contributor,project,amount\n"
                              "a,p,10.000000000000000001\n"
                              "b,p,1.000000000000000000\n"
                              "b,q,0.500000000000000000\n");
    free(text);
    mk_dataset_free(&d);
    /* past 2^128 - 1 minor units, and past (2^63 - 1) * 10^18 */
    read_bad("csv", "contributor,project,amount\na,p,340282366920938463463.374607431768211456\n",
             NULL, MK_EINPUT, "line 2: field 'amount': too large");
    read_bad("csv", "contributor,project,amount\na,p,9223372036854775808.000000000000000001\n",
             NULL, MK_ERANGE, "line 2: field 'amount': past (2^63-1) * 10^18");
    /* a sum of one contributor's rows past 2^128 - 1 */
    read_bad("csv",
             "contributor,project,amount\na,p,300000000000000000000.000000000000000001\n"
             "a,p,300000000000000000000\n",
             NULL, MK_ERANGE, "pass 2^128-1 minor units");
}

static void test_bad_rows_stop(void **state)
{
    (void)state;
    static const char head[] = "contributor,project,amount\n";
    char text[256];
    static const struct {
        const char *row, *want;
    } cases[] = {
        {",p,1\n", "line 2: field 'contributor': empty"},
        {"a,,1\n", "line 2: field 'project': empty"},
        {"a,p,\n", "line 2: field 'amount': not a decimal number"},
        {"a,p,1e3\n", "line 2: field 'amount': not a decimal number"},
        {"a,p,-1\n", "line 2: field 'amount': negative"},
        {"a,p,1,2\n", "line 2: 4 fields, but the header has 3"},
        {"a,p,340282366920938463463374607431768211456\n", "line 2: field 'amount': too large"},
        {"a,p,1.0000000000000000001\n",
         "line 2: field 'amount': more than 18 significant decimal places"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(text, sizeof text, "%sa,p,1\n%s", head, cases[i].row);
        /* the bad row is line 3: shift the expected line */
        char want[128];
        const char *rest = strchr(cases[i].want, ':');
        snprintf(want, sizeof want, "line 3%s", rest);
        read_bad("csv", text, NULL, MK_EINPUT, want);
    }
}

static void test_bad_files(void **state)
{
    (void)state;
    read_bad("csv", "", NULL, MK_EINPUT, "no contributions (the input is empty)");
    read_bad("csv", "contributor,project,amount\n", NULL, MK_EINPUT, "no contributions");
    read_bad("csv", "contributor,amount\na,1\n", NULL, MK_EINPUT, "no column 'project'");
    read_bad("csv", "contributor,project,amount,amount\n", NULL, MK_EINPUT, "appears twice");
    read_bad("csv", "contributor,project,amount\n\"a,p,1\n", NULL, MK_EINPUT, "c.csv");
    read_bad("csv", "contributor,project,amount,weight\na,p,1,2\na,q,1,3\n", NULL, MK_EINPUT,
             "line 3: field 'weight': differs from the weight given on line 2");
    read_bad("csv", "contributor,project,amount,weight\na,p,1,-2\n", NULL, MK_EINPUT,
             "field 'weight': negative");
    read_bad("csv", "contributor,project,amount,weight\na,p,1,0.1234567\n", NULL, MK_EINPUT,
             "at most 6 places");
    /* 2^62 twice passes int64 once summed: two limbs */
    mk_dataset d = MK_DATASET_INIT;
    read_ok("csv", "contributor,project,amount\na,p,4611686018427387904\na,p,4611686018427387904\n",
            NULL, &d);
    assert_int_equal(mk_profile_row(&d.reports, 0)[MK_FUNDING_LIMBS], 2);
    assert_int_equal(mk_profile_row(&d.reports, 0)[MK_FUNDING_FIRST + 1], 9);
    assert_int_equal(mk_profile_row(&d.reports, 0)[MK_FUNDING_FIRST + 2], 223372036854775808);
    mk_dataset_free(&d);
    /* past 2^128 - 1 once rescaled to 18 places */
    read_bad("csv",
             "contributor,project,amount\na,p,340282366920938463463374607431768211\nb,p,"
             "0.000000000000000001\n",
             NULL, MK_ERANGE, "line 2: field 'amount': past 2^128-1 minor units at scale 18");
    read_bad("json", "[1]", NULL, MK_EINPUT, "list \"contributions\"");
    read_bad("json", "{\"contributions\": [1]}", NULL, MK_EINPUT, "record 1: expected an object");
    read_bad("json", "{\"contributions\": [{\"contributor\": \"a\", \"project\": \"p\"}]}", NULL,
             MK_EINPUT, "record 1: field 'amount' is missing");
    read_bad("json",
             "{\"contributions\": [{\"contributor\": \"a\", \"project\": \"p\", \"amount\": 1.5}]}",
             NULL, MK_EINPUT, "JSON reals are not exact");
    read_bad(
        "json",
        "{\"contributions\": [{\"contributor\": \"a\", \"project\": \"p\", \"amont\": \"1\"}]}",
        NULL, MK_EINPUT, "unknown field 'amont'");
    read_bad("json", "{\"scale\": 40, \"contributions\": []}", NULL, MK_EINPUT, "field 'scale'");
    read_bad("json", "{\"contributions\": [", NULL, MK_EINPUT, "c.json:");
    read_bad("xml", "x", NULL, MK_EPARAM, "unknown input format");
}

static void test_skip_bad_rows(void **state)
{
    (void)state;
    mk_contributions_options opt = MK_CONTRIBUTIONS_OPTIONS_INIT;
    opt.skip_bad_rows = 1;
    mk_dataset d = MK_DATASET_INIT;
    read_ok("csv", "contributor,project,amount\na,p,1\n,p,2\nb,p,x\nb,q,3\nc,r,1,1\n", &opt, &d);
    assert_int_equal(d.reports.n, 2); /* a and b; c's only row was bad */
    assert_int_equal(d.skipped, 3);
    assert_int_equal(mk_funding_projects(&d.reports), 2); /* p and q */
    assert_int_equal(d.n_items, 2);                       /* r's only row was bad: not a project */
    assert_string_equal(d.items[1], "q");
    mk_dataset_free(&d);
    read_ok("json",
            "{\"contributions\": [{\"contributor\": \"a\", \"project\": \"p\", \"amount\": \"1\"},"
            " 7, {\"contributor\": \"a\", \"project\": \"p\", \"amount\": \"-1\"}]}",
            &opt, &d);
    assert_int_equal(d.skipped, 2);
    mk_dataset_free(&d);
    read_bad("csv", "contributor,project,amount\n,p,1\n", &opt, MK_EINPUT,
             "every row was malformed and skipped");
    /* broken quoting is not one row's fault: it still stops */
    read_bad("csv", "contributor,project,amount\na,p,1\n\"b,p,1\n", &opt, MK_EINPUT, "c.csv");
}

/* Groups (opt.groups): a ";"-separated column, names trimmed and sorted,
 * a name given twice kept once, the same text on every row that gives
 * it; the last cell holds their number, the cells
 * before it their indices; width 3 + 2K + T_max + 1, rounded up to whole
 * pairs. */
static void test_groups(void **state)
{
    (void)state;
    mk_contributions_options opt = MK_CONTRIBUTIONS_OPTIONS_INIT;
    opt.groups = 1;
    mk_dataset d = MK_DATASET_INIT;
    read_ok("csv",
            "contributor,project,amount,groups\n"
            "a,X,1,dao ; eth\nb,X,2,eth\na,Y,3,dao ; eth\nc,Y,1,eth;eth\n",
            &opt, &d);
    /* K = 2 pairs, T_max = 2 groups: 3 + 4 + 3 = 10 cells, plus 1: 11 */
    assert_int_equal(d.reports.width, 11);
    const int64_t *a = mk_profile_row(&d.reports, 0), *b = mk_profile_row(&d.reports, 1);
    assert_int_equal(a[10], 2);
    assert_int_equal(a[8], 0); /* dao */
    assert_int_equal(a[9], 1); /* eth */
    assert_int_equal(b[10], 1);
    assert_int_equal(b[9], 1);
    assert_int_equal(mk_profile_row(&d.reports, 2)[10], 1); /* "eth;eth": once */
    mk_dataset_free(&d);
    /* JSON: the key "groups" */
    read_ok("json",
            "{\"contributions\": [{\"contributor\": \"a\", \"project\": \"p\", \"amount\": \"1\", "
            "\"groups\": \"g\"}]}",
            &opt, &d);
    assert_int_equal(mk_profile_row(&d.reports, 0)[d.reports.width - 1], 1);
    mk_dataset_free(&d);
    read_bad("csv", "contributor,project,amount\na,X,1\n", &opt, MK_EINPUT, "no column 'groups'");
    read_bad("csv", "contributor,project,amount,groups\na,X,1,g\nb,X,1,\n", &opt, MK_EINPUT,
             "contributor 'b' has no groups");
    read_bad("csv", "contributor,project,amount,groups\na,X,1,g\na,Y,1,h\n", &opt, MK_EINPUT,
             "line 3: field 'groups': differs from the groups given on line 2");
    read_bad("csv", "contributor,project,amount,groups\na,X,1,g;;h\n", &opt, MK_EINPUT,
             "line 2: field 'groups'");
    /* without opt.groups the column is ignored */
    opt.groups = 0;
    read_ok("csv", "contributor,project,amount,groups\na,X,1,g;;h\n", &opt, &d);
    assert_int_equal(d.reports.width, 5);
    mk_dataset_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_layout),    cmocka_unit_test(test_json_and_weights),
        cmocka_unit_test(test_fixed_scale),   cmocka_unit_test(test_wei_amounts),
        cmocka_unit_test(test_bad_rows_stop), cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_skip_bad_rows), cmocka_unit_test(test_groups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
