/*
 * Tests of the cast-vote-record reader (src/io/cvr_csv.c): the rows it
 * makes of each kind of rank cell (mechkit/cvr.h), identical ballots
 * merged in order of first appearance, and the options struct. Bad input
 * through the command line is in tests/voting/test_cvr_cli.sh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "mechkit/cvr.h"

static int read_cvr(const char *text, const mk_cvr_options *o, mk_ballots *b, mk_ctx *ctx)
{
    mk_input in = {"t.csv", text, strlen(text), "cvr"};
    return mk_cvr_read(&in, o, b, ctx);
}

/* Row i: weight w, then the ranks of the m candidates. */
static void expect_row(const mk_ballots *b, size_t i, int64_t w, const int64_t *ranks)
{
    assert_true(i < b->profile.n);
    assert_int_equal(b->profile.weight[i], w);
    const int64_t *row = mk_profile_row(&b->profile, i);
    for (size_t j = 0; j < b->m; j++)
        assert_int_equal(row[j], ranks[j]);
}

/* Names in order of first appearance; skipped ranks closed up; identical
 * ballots merged, first appearance first; other columns ignored. */
static void test_rows_and_merging(void **state)
{
    (void)state;
    mk_ballots b = MK_BALLOTS_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(read_cvr("Precinct,Rank 1,Rank 2,Rank 3\n"
                              "P1,Bob,,Ann\n"
                              "P2,Ann,Cy,\n"
                              "P3,Bob,undervote,Ann\n"
                              "P4,,,\n",
                              NULL, &b, &ctx),
                     0);
    assert_int_equal(b.m, 3);
    assert_string_equal(b.names[0], "Bob");
    assert_string_equal(b.names[1], "Ann");
    assert_string_equal(b.names[2], "Cy");
    assert_int_equal(b.voters, 4);
    assert_int_equal(b.profile.n, 3);
    expect_row(&b, 0, 2, (const int64_t[]){1, 2, 0});
    expect_row(&b, 1, 1, (const int64_t[]){0, 1, 2});
    expect_row(&b, 2, 1, (const int64_t[]){0, 0, 0});
    mk_ballots_free(&b);
}

/* An overvote label ends the ballot: the candidates not ranked before it
 * share its rank (a count reaching it sees an over-vote); skipped when
 * MK_CVR_OVERVOTE_SKIP. Known candidates of an over-vote share a rank. */
static void test_overvotes(void **state)
{
    (void)state;
    mk_ballots b = MK_BALLOTS_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    mk_cvr_options o = MK_CVR_OPTIONS_INIT;
    const char *text = "Rank 1,Rank 2,Rank 3\nA,B,C\nA,overvote,B\nB|C,A,\n";
    o.overvote_delimiter = "|";
    assert_int_equal(read_cvr(text, &o, &b, &ctx), 0);
    expect_row(&b, 1, 1, (const int64_t[]){1, 2, 2});
    expect_row(&b, 2, 1, (const int64_t[]){2, 1, 1});
    mk_ballots_free(&b);
    o.overvote = MK_CVR_OVERVOTE_SKIP; /* the label is passed; B|C is passed too */
    assert_int_equal(read_cvr(text, &o, &b, &ctx), 0);
    expect_row(&b, 1, 1, (const int64_t[]){1, 2, 0});
    expect_row(&b, 2, 1, (const int64_t[]){1, 0, 0});
    mk_ballots_free(&b);
    /* exhaust immediately: "A|B" after A is still an over-vote there */
    o.overvote = MK_CVR_OVERVOTE_EXHAUST_IMMEDIATELY;
    assert_int_equal(read_cvr("Rank 1,Rank 2\nA,A|B\nA|B,C\n", &o, &b, &ctx), 0);
    expect_row(&b, 0, 1, (const int64_t[]){1, 2, 2});
    mk_ballots_free(&b);
    o.overvote = MK_CVR_OVERVOTE_EXHAUST_IF_MULTIPLE; /* A is passed by then: B alone */
    assert_int_equal(read_cvr("Rank 1,Rank 2\nA,A|B\nA|B,C\n", &o, &b, &ctx), 0);
    expect_row(&b, 0, 1, (const int64_t[]){1, 2, 0});
    mk_ballots_free(&b);
}

/* Repeats: skipped, ending the ballot, or an error naming line and column. */
static void test_repeats(void **state)
{
    (void)state;
    mk_ballots b = MK_BALLOTS_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    mk_cvr_options o = MK_CVR_OPTIONS_INIT;
    const char *text = "Rank 1,Rank 2,Rank 3,Rank 4\nA,B,C,D\nA,A,B,\n";
    assert_int_equal(read_cvr(text, &o, &b, &ctx), 0);
    expect_row(&b, 1, 1, (const int64_t[]){1, 2, 0, 0});
    mk_ballots_free(&b);
    o.duplicates = MK_CVR_DUPLICATE_EXHAUST; /* an empty rank, then the rest */
    assert_int_equal(read_cvr(text, &o, &b, &ctx), 0);
    expect_row(&b, 1, 1, (const int64_t[]){1, 3, 3, 3});
    mk_ballots_free(&b);
    o.max_skipped = 0; /* two empty ranks: one would mark skipped ranks */
    assert_int_equal(read_cvr(text, &o, &b, &ctx), 0);
    expect_row(&b, 1, 1, (const int64_t[]){1, 4, 4, 4});
    mk_ballots_free(&b);
    o.duplicates = MK_CVR_DUPLICATE_ERROR;
    assert_int_equal(read_cvr(text, &o, &b, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "t.csv:3: column 'Rank 2': 'A' is ranked twice"));
    assert_null(b.names);
}

/* max_skipped = 1: a run of one skipped rank closes up; a run of two is
 * one empty rank, then a rank shared by the candidates not yet ranked. */
static void test_skipped_ranks(void **state)
{
    (void)state;
    mk_ballots b = MK_BALLOTS_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    mk_cvr_options o = MK_CVR_OPTIONS_INIT;
    o.max_skipped = 1;
    assert_int_equal(
        read_cvr("Rank 1,Rank 2,Rank 3,Rank 4,Rank 5\nA,,B,C,D\nA,,,B,\n", &o, &b, &ctx), 0);
    expect_row(&b, 0, 1, (const int64_t[]){1, 2, 3, 4});
    expect_row(&b, 1, 1, (const int64_t[]){1, 3, 3, 3});
    mk_ballots_free(&b);
}

/* Write-ins: a candidate named by the label, or excluded. */
static void test_writeins(void **state)
{
    (void)state;
    mk_ballots b = MK_BALLOTS_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    mk_cvr_options o = MK_CVR_OPTIONS_INIT;
    const char *text = "Rank 1,Rank 2,Count\nWrite-in,A,2\nA,,1\n";
    assert_int_equal(read_cvr(text, &o, &b, &ctx), 0);
    assert_int_equal(b.m, 2);
    assert_string_equal(b.names[0], "Write-in");
    mk_ballots_free(&b);
    o.writeins = MK_CVR_WRITEIN_EXCLUDE;
    assert_int_equal(read_cvr(text, &o, &b, &ctx), 0);
    assert_int_equal(b.m, 1);
    assert_int_equal(b.profile.n, 1);
    expect_row(&b, 0, 3, (const int64_t[]){1});
    mk_ballots_free(&b);
}

/* Errors leave the output empty and name the file and line. */
static void test_bad_input(void **state)
{
    (void)state;
    static const struct {
        const char *text, *message;
    } cases[] = {
        {"", "t.csv: empty file"},
        {"id\n1\n", "t.csv:1: no rank columns"},
        {"Rank 1,Rank 2\nA\n", "t.csv:2: 1 fields, the header has 2"},
        {"Rank 1,Count\nA,-1\n", "t.csv:2: count '-1' is not a whole number >= 1"},
        {"Rank 1,Count,Weight\nA,1,1\n", "t.csv:1: two count columns"},
        {"Rank 1\n", "t.csv: no ballots after the header"},
        {"Rank 1\n\xff\n", "t.csv:2:1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mk_ballots b = MK_BALLOTS_INIT;
        mk_ctx ctx = MK_CTX_INIT;
        assert_int_equal(read_cvr(cases[i].text, NULL, &b, &ctx), MK_EINPUT);
        if (strstr(ctx.message, cases[i].message) == NULL)
            fail_msg("case %zu: '%s' lacks '%s'", i, ctx.message, cases[i].message);
        assert_null(b.names);
        assert_int_equal(b.profile.n, 0);
    }
}

/* Limits: more rank columns than MK_CVR_MAX_RANKS; voters past int64. */
static void test_limits(void **state)
{
    (void)state;
    static char text[(MK_CVR_MAX_RANKS + 1) * 12 + 16];
    size_t at = 0;
    for (int k = 1; k <= MK_CVR_MAX_RANKS + 1; k++)
        at += (size_t)snprintf(text + at, sizeof text - at, "%sRank %d", k > 1 ? "," : "", k);
    snprintf(text + at, sizeof text - at, "\n");
    mk_ballots b = MK_BALLOTS_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(read_cvr(text, NULL, &b, &ctx), MK_ELIMIT);
    assert_non_null(strstr(ctx.message, "rank columns"));
    assert_int_equal(read_cvr("Rank 1,Count\nA,9223372036854775807\nA,1\n", NULL, &b, &ctx),
                     MK_ERANGE);
    assert_non_null(strstr(ctx.message, "overflows"));
    assert_null(b.names);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_and_merging), cmocka_unit_test(test_overvotes),
        cmocka_unit_test(test_repeats),          cmocka_unit_test(test_skipped_ranks),
        cmocka_unit_test(test_writeins),         cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
