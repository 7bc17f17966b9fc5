/*
 * Tests of the .blt reader (src/io/blt.c): the layout it makes (withdrawn
 * candidates left out, "=" ties, identical ballots aggregated, ballot ids
 * ignored) and every bad input it names, with the line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include <string.h>

#include "mechkit/blt.h"

static int read_text(const char *text, mk_ballots *b, mk_blt_info *info, mk_ctx *ctx)
{
    mk_input in = {"t.blt", text, strlen(text), NULL};
    return mk_blt_read(&in, b, info, ctx);
}

static void expect_row(const mk_ballots *b, size_t i, int64_t w, const int64_t *ranks)
{
    assert_int_equal(b->profile.weight[i], w);
    for (size_t j = 0; j < b->m; j++)
        assert_int_equal(mk_profile_row(&b->profile, i)[j], ranks[j]);
}

static void test_reads_layout(void **state)
{
    (void)state;
    const char *text = "4 2\n"
                       "-2\n"
                       "3 1 2 3 0\n"
                       "(7) 2 4 1=3 0\n"
                       "1 1 3 0\n"
                       "2 2 0\n"
                       "\n"
                       "0\n"
                       "\"Ann\"\n\"Bob\"\n\"Cy\"\n\"Di\"\n"
                       "\"A small count\"\n";
    mk_ballots b = MK_BALLOTS_INIT;
    mk_blt_info info;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(read_text(text, &b, &info, &ctx), 0);
    /* Bob (2) is withdrawn: three standing candidates Ann, Cy, Di. */
    assert_int_equal(b.m, 3);
    assert_int_equal(info.seats, 2);
    assert_int_equal(info.withdrawn, 1);
    assert_int_equal(info.declared, 4);
    assert_string_equal(b.names[0], "Ann");
    assert_string_equal(b.names[1], "Cy");
    assert_string_equal(b.names[2], "Di");
    assert_string_equal(b.title, "A small count");
    assert_string_equal(b.data_type, "toi");
    /* "3 1 2 3 0" and "1 1 3 0" are the same ballot once Bob is gone
     * (ranks stay dense); "2 2 0" ranks no one standing. */
    assert_int_equal(b.profile.n, 2);
    expect_row(&b, 0, 4, (const int64_t[]){1, 2, 0});
    expect_row(&b, 1, 2, (const int64_t[]){2, 2, 1});
    assert_int_equal(info.empty, 2);
    assert_int_equal(b.voters, 6);
    mk_ballots_free(&b);
}

static void test_strict_types(void **state)
{
    (void)state;
    mk_ballots b = MK_BALLOTS_INIT;
    mk_blt_info info;
    assert_int_equal(read_text("2 1\n1 1 2 0\n1 2 1 0\n0\n\"A\"\n\"B\"\n", &b, &info, NULL), 0);
    assert_string_equal(b.data_type, "soc");
    assert_string_equal(b.title, "");
    mk_ballots_free(&b);
    assert_int_equal(read_text("2 1\n1 1 0\n0\n\"A\"\n\"B\"\n\"T\"\n", &b, &info, NULL), 0);
    assert_string_equal(b.data_type, "soi");
    mk_ballots_free(&b);
}

/* Each bad input: the reader fails with MK_EINPUT, leaves out empty and
 * names the line and the problem. */
static void expect_bad(const char *text, const char *message)
{
    mk_ballots b = MK_BALLOTS_INIT;
    mk_blt_info info;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(read_text(text, &b, &info, &ctx), MK_EINPUT);
    if (strstr(ctx.message, message) == NULL)
        fail_msg("message '%s' lacks '%s'", ctx.message, message);
    assert_null(b.names);
    assert_int_equal(b.profile.n, 0);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    expect_bad("", "t.blt: empty file");
    expect_bad("3\n", "t.blt:1: expected the header 'candidates seats'");
    expect_bad("2 3\n", "t.blt:1: the header needs");
    expect_bad("2 1\n1 3 0\n0\n\"A\"\n\"B\"\n",
               "t.blt:2: unknown candidate 3 (candidates are 1..2)");
    expect_bad("2 1\n1 1 1 0\n0\n\"A\"\n\"B\"\n", "t.blt:2: candidate 1 is ranked twice");
    expect_bad("2 1\n1 1=1 0\n0\n\"A\"\n\"B\"\n", "t.blt:2: candidate 1 is ranked twice");
    expect_bad("2 1\n1 1 2\n0\n\"A\"\n\"B\"\n", "t.blt:2: a ballot line must end with 0");
    expect_bad("2 1\n1 1 0 2\n0\n\"A\"\n\"B\"\n", "t.blt:2: '2' after the 0");
    expect_bad("2 1\n1 1 0\n\"A\"\n\"B\"\n", "t.blt:3: a name before the '0' line");
    expect_bad("2 1\n1 1 0\n", "t.blt:2: the file ends without the '0' line");
    expect_bad("2 1\n1 x 0\n0\n\"A\"\n\"B\"\n", "t.blt:2: expected a candidate number");
    expect_bad("2 1\n1 1=x 0\n0\n\"A\"\n\"B\"\n", "found '1=x'");
    expect_bad("2 1\none 1 0\n0\n\"A\"\n\"B\"\n", "t.blt:2: expected a ballot weight");
    expect_bad("2 1\n1 1 0\n0\n\"A\"\n", "t.blt:4: the file ends after 1 of 2 candidate names");
    expect_bad("2 1\n1 1 0\n0\nA\n\"B\"\n", "t.blt:4: expected a name in double quotes");
    expect_bad("2 1\n1 1 0\n0\n\"A\"\n\"B\"\n\"T\"\n\"X\"\n", "t.blt:7: a line after the title");
    expect_bad("2 1\n1 1 0\n0\n\"A\"\n\"A\"\n", "t.blt:5: two standing candidates are both named");
    expect_bad("2 1\n-3\n1 1 0\n0\n\"A\"\n\"B\"\n", "t.blt:2: withdrawn candidate 3");
    expect_bad("2 1\n1 1 0\n-2\n0\n\"A\"\n\"B\"\n", "t.blt:3: a withdrawn candidate after");
    expect_bad("1 1\n-1\n1 1 0\n0\n\"A\"\n", "t.blt:3: every candidate is withdrawn");
    expect_bad("2 1\n0 1 0\n0\n\"A\"\n\"B\"\n", "t.blt:2: a ballot weight must be at least 1");
    expect_bad("2 1\n1 1 0\n0\n\"A\xff\"\n\"B\"\n", "t.blt:4: the name is not UTF-8");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_layout),
        cmocka_unit_test(test_strict_types),
        cmocka_unit_test(test_bad_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
