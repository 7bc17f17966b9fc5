/*
 * Tests of the PrefLib reader and writer (src/io/preflib.c): the ballot
 * layout of mechkit/preflib.h, a round trip, every bad input the reader
 * names, and the parser checks of shared/data/elections/SOURCES.md on the
 * real files (skipped when MECHKIT_SHARED_DATA is absent).
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

#include "mechkit/preflib.h"

#define HEAD3(voters, orders)                                                                      \
    "# TITLE: t\n# DATA TYPE: toi\n# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: " voters             \
    "\n# NUMBER UNIQUE ORDERS: " orders                                                            \
    "\n# ALTERNATIVE NAME 1: Ann\n# ALTERNATIVE NAME 2: Bob\n# ALTERNATIVE NAME 3: Cy\n"

static int read_text(const char *text, mk_ballots *b, mk_ctx *ctx)
{
    mk_input in = {"t.toi", text, strlen(text), NULL};
    return mk_preflib_read(&in, b, ctx);
}

static void expect_row(const mk_ballots *b, size_t i, int64_t w, int64_t r0, int64_t r1, int64_t r2)
{
    const int64_t *row = mk_profile_row(&b->profile, i);
    assert_int_equal(b->profile.weight[i], w);
    assert_int_equal(row[0], r0);
    assert_int_equal(row[1], r1);
    assert_int_equal(row[2], r2);
}

static void test_layout(void **state)
{
    (void)state;
    mk_ballots b = MK_BALLOTS_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    const char *text = HEAD3("10", "3") "5: 2,1,3\n3: {1,3},2\r\n2: 3\n";
    assert_int_equal(read_text(text, &b, &ctx), 0);
    assert_int_equal(b.m, 3);
    mk_ballots_free(&b);
    /* UTF-8 names are kept as they are */
    text = "# NUMBER ALTERNATIVES: 1\n# NUMBER VOTERS: 1\n# NUMBER UNIQUE ORDERS: 1\n"
           "# ALTERNATIVE NAME 1: Jos\xc3\xa9 \xf0\x9f\x97\xb3\n1: 1\n";
    assert_int_equal(read_text(text, &b, &ctx), 0);
    assert_string_equal(b.names[0], "Jos\xc3\xa9 \xf0\x9f\x97\xb3");
    mk_ballots_free(&b);
    text = HEAD3("10", "3") "5: 2,1,3\n3: {1,3},2\r\n2: 3\n";
    assert_int_equal(read_text(text, &b, &ctx), 0);
    assert_string_equal(b.names[0], "Ann");
    assert_string_equal(b.names[2], "Cy");
    assert_string_equal(b.title, "t");
    assert_string_equal(b.data_type, "toi");
    assert_int_equal(b.profile.n, 3);
    assert_int_equal(b.profile.width, 3);
    assert_int_equal(b.voters, 10);
    expect_row(&b, 0, 5, 2, 1, 3);
    expect_row(&b, 1, 3, 1, 2, 1); /* tie in braces shares rank 1 */
    expect_row(&b, 2, 2, MK_RANK_UNRANKED, MK_RANK_UNRANKED, 1);
    assert_true(mk_rank_prefers(1, MK_RANK_UNRANKED));
    assert_false(mk_rank_prefers(MK_RANK_UNRANKED, 1));
    assert_false(mk_rank_prefers(MK_RANK_UNRANKED, MK_RANK_UNRANKED));
    mk_ballots_free(&b);
    mk_ballots_free(&b); /* freeing twice is harmless */
    mk_ballots_free(NULL);
}

static void test_round_trip(void **state)
{
    (void)state;
    mk_ballots a = MK_BALLOTS_INIT, b = MK_BALLOTS_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    const char *text = HEAD3("10", "3") "5: 2,1,3\n3: {1,3},2\n2: 3\n";
    assert_int_equal(read_text(text, &a, &ctx), 0);
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(mk_preflib_write(&a, &out, &len, &ctx), 0);
    assert_int_equal(len, strlen(out));
    assert_non_null(strstr(out, "\n3: {1,3},2\n"));
    assert_non_null(strstr(out, "# ALTERNATIVE NAME 2: Bob\n"));
    assert_int_equal(read_text(out, &b, &ctx), 0);
    assert_int_equal(b.m, a.m);
    assert_int_equal(b.profile.n, a.profile.n);
    assert_memory_equal(b.profile.cells, a.profile.cells, 9 * sizeof(int64_t));
    assert_memory_equal(b.profile.weight, a.profile.weight, 3 * sizeof(int64_t));
    for (size_t j = 0; j < 3; j++)
        assert_string_equal(a.names[j], b.names[j]);
    free(out);
    mk_ballots_free(&a);
    mk_ballots_free(&b);
}

/* Reading must fail with code and a message containing want. */
static void expect_bad(const char *text, int code, const char *want)
{
    mk_ballots b = MK_BALLOTS_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    int rc = read_text(text, &b, &ctx);
    if (rc != code || strstr(ctx.message, want) == NULL)
        fail_msg("got %d '%s', wanted %d '%s'", rc, ctx.message, code, want);
    assert_null(b.names);
    assert_int_equal(b.profile.n, 0);
}

/* Plain data lines (numbers and commas only) have a fast parser of their
 * own; every other spelling of the same order goes through the general
 * one: both must give the same row. */
static void test_plain_and_general_lines(void **state)
{
    (void)state;
    static const char *const spellings[] = {
        "10: 2,3,1\n",     /* plain */
        "10: 0002,03,1\n", /* plain, leading zeros (at most 4 digits) */
        "10: 00002,3,1\n", /* 5 digits: general */
        "10:2 , 3,1  \n",  /* spaces: general */
        "10: {2},3,{1}\n", /* braces: general */
        "10: 2,3,1\r\n",   /* CRLF */
        "\t10 :  2,3,1\n", /* spaces around the count */
    };
    for (size_t k = 0; k < sizeof spellings / sizeof spellings[0]; k++) {
        char text[512];
        snprintf(text, sizeof text, "%s%s", HEAD3("10", "1"), spellings[k]);
        mk_ballots b = MK_BALLOTS_INIT;
        mk_ctx ctx = MK_CTX_INIT;
        if (read_text(text, &b, &ctx) != 0)
            fail_msg("'%s': %s", spellings[k], ctx.message);
        expect_row(&b, 0, 10, 3, 1, 2);
        mk_ballots_free(&b);
    }
    /* a plain line the fast parser gives up on midway is read again */
    expect_bad(HEAD3("10", "1") "10: 1,2,99999\n", MK_EINPUT, "t.toi:9: unknown candidate 99999");
    /* ... or past int64 (the fast parser stops at 5 digits) */
    expect_bad(HEAD3("10", "1") "10: 1,2,99999999999999999999\n", MK_EINPUT,
               "t.toi:9: expected a candidate number");
    expect_bad(HEAD3("10", "1") "10: 1,2,\n", MK_EINPUT, "t.toi:9: expected a candidate number");
    expect_bad(HEAD3("10", "1") "10: 3,2,3\n", MK_EINPUT,
               "t.toi:9: candidate 3 is ranked twice on one ballot");
}

static void test_bad_input(void **state)
{
    (void)state;
    expect_bad("", MK_EINPUT, "t.toi: no '# NUMBER ALTERNATIVES' line");
    expect_bad(HEAD3("10", "1") "10: 1,4,2\n", MK_EINPUT, "t.toi:9: unknown candidate 4");
    expect_bad(HEAD3("10", "1") "10: 1,0\n", MK_EINPUT, "t.toi:9: unknown candidate 0");
    expect_bad(HEAD3("10", "1") "10: 1,2,1\n", MK_EINPUT,
               "t.toi:9: candidate 1 is ranked twice on one ballot");
    expect_bad(HEAD3("10", "1") "10: {1,2},{2}\n", MK_EINPUT,
               "t.toi:9: candidate 2 is ranked twice");
    expect_bad(HEAD3("11", "1") "10: 1,2\n", MK_EINPUT,
               "t.toi: the counts add up to 10 voters but NUMBER VOTERS says 11");
    expect_bad(HEAD3("10", "2") "10: 1,2\n", MK_EINPUT,
               "t.toi: 1 orders but NUMBER UNIQUE ORDERS says 2");
    expect_bad(HEAD3("10", "1") "10 1,2\n", MK_EINPUT, "t.toi:9: expected ':' after the count");
    expect_bad(HEAD3("10", "1") "x: 1,2\n", MK_EINPUT, "t.toi:9: expected 'count: order'");
    expect_bad(HEAD3("10", "1") "10: 1,,2\n", MK_EINPUT, "t.toi:9: expected a candidate number");
    expect_bad(HEAD3("10", "1") "10: 1,{2,3\n", MK_EINPUT, "t.toi:9: a '{' is not closed");
    expect_bad(HEAD3("10", "1") "10: {2;3}\n", MK_EINPUT, "t.toi:9: expected ',' or '}'");
    expect_bad(HEAD3("10", "1") "10: {}\n", MK_EINPUT, "t.toi:9: expected a candidate number");
    expect_bad(HEAD3("10", "1") "10:\n", MK_EINPUT, "t.toi:9: the order is empty");
    expect_bad(HEAD3("10", "1") "10: 1 2\n", MK_EINPUT, "t.toi:9: expected ',' between ranks");
    expect_bad(HEAD3("0", "1") "0: 1\n", MK_EINPUT, "t.toi:9: a count must be at least 1");
    expect_bad(HEAD3("10", "1") "1234567890123456789: 1\n", MK_EINPUT, "t.toi:9:");
    expect_bad("# NUMBER ALTERNATIVES: 2\n# NUMBER VOTERS: 1\n# NUMBER UNIQUE ORDERS: 1\n"
               "# ALTERNATIVE NAME 1: a\n# ALTERNATIVE NAME 1: b\n1: 1\n",
               MK_EINPUT, "t.toi:5: alternative 1 is named twice");
    expect_bad("# NUMBER ALTERNATIVES: 2\n# NUMBER VOTERS: 1\n# NUMBER UNIQUE ORDERS: 1\n"
               "# ALTERNATIVE NAME 1: a\n1: 1\n",
               MK_EINPUT, "t.toi: no '# ALTERNATIVE NAME 2' line");
    expect_bad("# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 3: a\n", MK_EINPUT,
               "t.toi:2: alternative 3 is outside 1..2");
    expect_bad("# ALTERNATIVE NAME 1: a\n", MK_EINPUT,
               "t.toi:1: ALTERNATIVE NAME comes before NUMBER ALTERNATIVES");
    expect_bad("# NUMBER ALTERNATIVES: many\n", MK_EINPUT, "t.toi:1: expected a whole number");
    expect_bad("# NUMBER ALTERNATIVES: 0\n", MK_EINPUT, "t.toi:1: NUMBER ALTERNATIVES must be");
    expect_bad("# NUMBER ALTERNATIVES: 99999\n", MK_ELIMIT, "t.toi:1: 99999 candidates");
    expect_bad("1: 1\n", MK_EINPUT, "t.toi:1: a data line comes before NUMBER ALTERNATIVES");
    expect_bad("# DATA TYPE: xyz\n", MK_EINPUT, "t.toi:1: DATA TYPE must be");
    /* the DATA TYPE's promises */
    expect_bad("# DATA TYPE: soi\n# NUMBER ALTERNATIVES: 2\n1: {1,2}\n", MK_EINPUT,
               "t.toi:3: a tie in a strict-order file");
    expect_bad("# DATA TYPE: toc\n# NUMBER ALTERNATIVES: 2\n1: 1\n", MK_EINPUT,
               "t.toi:3: an incomplete order in a complete-order file");
    expect_bad("# NUMBER ALTERNATIVES: 1\n# ALTERNATIVE NAME 1: Jos\xe9\n", MK_EINPUT,
               "t.toi:2: the line is not UTF-8");
    expect_bad("# TITLE: \xc0\xaf\n", MK_EINPUT, "t.toi:1: the line is not UTF-8");
    expect_bad("# TITLE: \xed\xa0\x80\n", MK_EINPUT, "t.toi:1: the line is not UTF-8");
    static const char nul[] = "# NUMBER ALTERNATIVES: 2\n1: 1\0,2\n";
    mk_ballots b = MK_BALLOTS_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    mk_input in = {"t.toi", nul, sizeof nul - 1, NULL};
    assert_int_equal(mk_preflib_read(&in, &b, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "t.toi:2: a NUL byte"));
}

static void test_writer_rejects_bad_rows(void **state)
{
    (void)state;
    mk_ballots b = MK_BALLOTS_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(read_text(HEAD3("1", "1") "1: 1\n", &b, &ctx), 0);
    char *out = NULL;
    mk_profile_row(&b.profile, 0)[0] = 0; /* now the row ranks no one */
    assert_int_equal(mk_preflib_write(&b, &out, NULL, &ctx), MK_EINPUT);
    assert_null(out);
    mk_profile_row(&b.profile, 0)[1] = -2;
    assert_int_equal(mk_preflib_write(&b, &out, NULL, &ctx), MK_EINPUT);
    mk_ballots_free(&b);
}

/* Reads a file of shared/data/elections, or skips the test. */
static int read_shared(const char *file, mk_ballots *b)
{
    const char *dir = getenv("MECHKIT_SHARED_DATA");
    char path[4096];
    if (dir == NULL)
        return -1;
    snprintf(path, sizeof path, "%s/elections/%s", dir, file);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    static char buf[1 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    mk_ctx ctx = MK_CTX_INIT;
    mk_input in = {file, buf, len, NULL};
    int rc = mk_preflib_read(&in, b, &ctx);
    if (rc != 0)
        fail_msg("%s", ctx.message);
    return 0;
}

/* shared/data/elections/SOURCES.md: every file's header totals (checked
 * by the reader) and the 2009 Burlington candidates. */
static void test_shared_files(void **state)
{
    (void)state;
    static const char *const files[] = {
        "00001-00000001.soi", "00001-00000002.soi", "00002-00000001.soi", "00002-00000002.soi",
        "00002-00000003.soi", "00002-00000004.soi", "00002-00000005.soi", "00002-00000006.soi",
        "00002-00000007.soi", "00005-00000001.toi", "00005-00000002.toi", "00008-00000001.soi",
        "00008-00000003.soi", "00016-00000001.toi", "00016-00000002.toi", "00021-00000011.toi"};
    static const int64_t voters[] = {43942, 29988, 475,  488,  504,  421,  482,  436,
                                     403,   9788,  8980, 6900, 5199, 2477, 2527, 194530};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        mk_ballots b = MK_BALLOTS_INIT;
        if (read_shared(files[i], &b) != 0)
            skip();
        assert_int_equal(b.voters, voters[i]);
        if (i == 10) {
            assert_int_equal(b.m, 6);
            assert_int_equal(b.profile.n, 384);
            assert_string_equal(b.names[0], "Bob Kiss");
            assert_string_equal(b.names[4], "Kurt Wright");
        }
        mk_ballots_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_writer_rejects_bad_rows),
        cmocka_unit_test(test_plain_and_general_lines),
        cmocka_unit_test(test_shared_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
