/*
 * Tests of the CSV reader (src/io/csv.c). The expected records follow
 * RFC 4180, section 2; the UTF-8 cases follow the Unicode Standard, table
 * 3-7 (well-formed byte sequences) and Markus Kuhn's UTF-8 decoder stress
 * test (overlong forms, surrogates, truncated sequences).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/csv.h"

#define BOM "\xEF\xBB\xBF"

/* Expected content of one record: its line and up to 8 fields. */
typedef struct expected_record {
    size_t line;
    size_t n;
    const char *field[8];
} expected_record;

static void check_record(const mk_csv_record *rec, const expected_record *want)
{
    assert_int_equal(rec->line, want->line);
    assert_int_equal(rec->n, want->n);
    for (size_t i = 0; i < want->n; i++) {
        assert_string_equal(rec->field[i], want->field[i]);
        assert_int_equal(rec->len[i], strlen(want->field[i]));
    }
}

/* Reads data[0..len) and checks that it holds exactly the n expected
 * records, then that the end of input is reported, twice. */
static void expect_records(const char *data, size_t len, const expected_record *want, size_t n)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_csv *csv = NULL;
    assert_int_equal(mk_csv_open(&csv, data, len, "t.csv", &ctx), MK_OK);
    mk_csv_record rec;
    for (size_t i = 0; i < n; i++) {
        int rc = mk_csv_next(csv, &rec, &ctx);
        if (rc != 1)
            fail_msg("record %zu: rc %d, message '%s'", i, rc, ctx.message);
        check_record(&rec, &want[i]);
    }
    assert_int_equal(mk_csv_next(csv, &rec, &ctx), 0);
    assert_int_equal(mk_csv_next(csv, &rec, &ctx), 0);
    assert_int_equal(ctx.code, MK_OK);
    mk_csv_free(csv);
}

#define EXPECT(data, ...)                                                                          \
    do {                                                                                           \
        const expected_record want_[] = {__VA_ARGS__};                                             \
        expect_records(data, sizeof(data) - 1, want_, sizeof want_ / sizeof want_[0]);             \
    } while (0)

/* Reads data[0..len) until an error after `good` good records, and checks
 * the error code, the message, that rec is untouched, and that a further
 * call gives the same error. */
static void expect_error_n(const char *data, size_t len, size_t good, const char *message)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_csv *csv = NULL;
    assert_int_equal(mk_csv_open(&csv, data, len, "t.csv", &ctx), MK_OK);
    mk_csv_record rec;
    for (size_t i = 0; i < good; i++)
        assert_int_equal(mk_csv_next(csv, &rec, &ctx), 1);
    mk_csv_record before = {12345, NULL, NULL, 6789};
    rec = before;
    assert_int_equal(mk_csv_next(csv, &rec, &ctx), MK_EINPUT);
    assert_int_equal(ctx.code, MK_EINPUT);
    assert_string_equal(ctx.message, message);
    assert_memory_equal(&rec, &before, sizeof rec);
    mk_ctx again = MK_CTX_INIT;
    assert_int_equal(mk_csv_next(csv, &rec, &again), MK_EINPUT);
    assert_string_equal(again.message, message);
    mk_csv_free(csv);
}

#define EXPECT_ERROR(data, good, message) expect_error_n(data, sizeof(data) - 1, good, message)

/* ---- records ------------------------------------------------------------------------------- */

static void test_simple(void **state)
{
    (void)state;
    EXPECT("name,bid\nalice,10\nbob,7\n", {1, 2, {"name", "bid"}}, {2, 2, {"alice", "10"}},
           {3, 2, {"bob", "7"}});
}

static void test_last_record_without_newline(void **state)
{
    (void)state;
    EXPECT("a,b\nc,d", {1, 2, {"a", "b"}}, {2, 2, {"c", "d"}});
    EXPECT("a,b\r\nc,d\r", {1, 2, {"a", "b"}}, {2, 2, {"c", "d"}});
    EXPECT("\"a\"", {1, 1, {"a"}});
    EXPECT("x", {1, 1, {"x"}});
}

static void test_empty_fields(void **state)
{
    (void)state;
    EXPECT(",,\n", {1, 3, {"", "", ""}});
    EXPECT("a,\n", {1, 2, {"a", ""}});
    EXPECT("a,", {1, 2, {"a", ""}});
    EXPECT(",a", {1, 2, {"", "a"}});
    EXPECT("\"\"\n", {1, 1, {""}});
    EXPECT("\"\",\"\"", {1, 2, {"", ""}});
    /* Spaces are data (RFC 4180 section 2.4), not blank lines. */
    EXPECT(" \n", {1, 1, {" "}});
}

static void test_any_number_of_fields(void **state)
{
    (void)state;
    EXPECT("a\nb,c,d\ne,f\n", {1, 1, {"a"}}, {2, 3, {"b", "c", "d"}}, {3, 2, {"e", "f"}});
}

static void test_quoted_comma_and_quotes(void **state)
{
    (void)state;
    EXPECT("\"a,b\",c\n", {1, 2, {"a,b", "c"}});
    EXPECT("\"he said \"\"hi\"\"\",x\n", {1, 2, {"he said \"hi\"", "x"}});
    EXPECT("\"\"\"\"\n", {1, 1, {"\""}});
    EXPECT("\"\"\"\"\"\"\n", {1, 1, {"\"\""}});
    EXPECT("\"a\"\"\",\"\"\"b\"\n", {1, 2, {"a\"", "\"b"}});
}

/* A line end inside quotes is data and counts for the line of later
 * records. */
static void test_quoted_newlines(void **state)
{
    (void)state;
    EXPECT("id,note\n1,\"two\nlines\"\n2,\"three\n\nlines\"\n3,end\n", {1, 2, {"id", "note"}},
           {2, 2, {"1", "two\nlines"}}, {4, 2, {"2", "three\n\nlines"}}, {7, 2, {"3", "end"}});
    EXPECT("1,\"a\r\nb\"\r\n2,c\r\n", {1, 2, {"1", "a\r\nb"}}, {3, 2, {"2", "c"}});
    /* A lone CR inside quotes is data too (RFC 4180 allows CR in quotes). */
    EXPECT("\"a\rb\"\n", {1, 1, {"a\rb"}});
}

static void test_crlf_file(void **state)
{
    (void)state;
    EXPECT("name,bid\r\nalice,10\r\n\"bob, jr\",7\r\n\r\ncarol,3\r\n", {1, 2, {"name", "bid"}},
           {2, 2, {"alice", "10"}}, {3, 2, {"bob, jr", "7"}}, {5, 2, {"carol", "3"}});
}

static void test_bom(void **state)
{
    (void)state;
    EXPECT(BOM "name,bid\n1,2\n", {1, 2, {"name", "bid"}}, {2, 2, {"1", "2"}});
    EXPECT(BOM "\"q\"\n", {1, 1, {"q"}});
    /* Only at the start: elsewhere it is U+FEFF, kept as data. */
    EXPECT("a\n" BOM "b\n", {1, 1, {"a"}}, {2, 1, {BOM "b"}});
    /* Columns on line 1 are counted after the mark. */
    EXPECT_ERROR(BOM "ab\"c\n", 0,
                 "t.csv:1:3: quote inside an unquoted field (quote the "
                 "whole field and write a quote in it as \"\")");
}

static void test_blank_lines_skipped(void **state)
{
    (void)state;
    EXPECT("\n\na\n\r\n\nb\n\n", {3, 1, {"a"}}, {6, 1, {"b"}});
    EXPECT("a\r\n\r\n\r", {1, 1, {"a"}});
    EXPECT(BOM "\nx\n", {2, 1, {"x"}});
}

static void test_empty_inputs(void **state)
{
    (void)state;
    const char *inputs[] = {"", BOM, "\n", "\r\n\n\r\n", "\r", BOM "\r\n"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
        expect_records(inputs[i], strlen(inputs[i]), NULL, 0);
    expect_records(NULL, 0, NULL, 0);
}

static void test_utf8_accepted(void **state)
{
    (void)state;
    /* The first and last code points of each row of table 3-7, each read
     * as a one-field record. */
    static const char *const valid[] = {
        "\xC2\x80",         "\xDF\xBF",         "\xE0\xA0\x80",     "\xE0\xBF\xBF",
        "\xE1\x80\x80",     "\xEC\xBF\xBF",     "\xED\x80\x80",     "\xED\x9F\xBF",
        "\xEE\x80\x80",     "\xEF\xBF\xBF",     "\xF0\x90\x80\x80", "\xF0\xBF\xBF\xBF",
        "\xF1\x80\x80\x80", "\xF3\xBF\xBF\xBF", "\xF4\x80\x80\x80", "\xF4\x8F\xBF\xBF",
    };
    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        const expected_record want = {1, 1, {valid[i]}};
        expect_records(valid[i], strlen(valid[i]), &want, 1);
    }
    EXPECT("caf\xC3\xA9,\"\xE6\x97\xA5\xE6\x9C\xAC, \xF0\x9F\x98\x80\"\n",
           {1, 2, {"caf\xC3\xA9", "\xE6\x97\xA5\xE6\x9C\xAC, \xF0\x9F\x98\x80"}});
}

/* A field longer than any initial buffer and a record with many fields. */
static void test_growth(void **state)
{
    (void)state;
    size_t big = 1 << 20, nf = 10000;
    char *data = malloc(big + 2 * nf + 16);
    assert_non_null(data);
    size_t len = 0;
    data[len++] = '"';
    for (size_t i = 0; i < big; i++)
        data[len++] = (char)('a' + i % 26);
    data[len++] = '"';
    data[len++] = '\n';
    for (size_t i = 0; i < nf; i++) {
        data[len++] = (char)('0' + i % 10);
        data[len++] = i + 1 < nf ? ',' : '\n';
    }
    mk_ctx ctx = MK_CTX_INIT;
    mk_csv *csv = NULL;
    mk_csv_record rec;
    assert_int_equal(mk_csv_open(&csv, data, len, "big", &ctx), MK_OK);
    assert_int_equal(mk_csv_next(csv, &rec, &ctx), 1);
    assert_int_equal(rec.n, 1);
    assert_int_equal(rec.len[0], big);
    assert_memory_equal(rec.field[0], data + 1, big);
    assert_int_equal(rec.field[0][big], '\0');
    assert_int_equal(mk_csv_next(csv, &rec, &ctx), 1);
    assert_int_equal(rec.line, 2);
    assert_int_equal(rec.n, nf);
    for (size_t i = 0; i < nf; i++) {
        assert_int_equal(rec.len[i], 1);
        assert_int_equal(rec.field[i][0], '0' + (int)(i % 10));
        assert_int_equal(rec.field[i][1], '\0');
    }
    assert_int_equal(mk_csv_next(csv, &rec, &ctx), 0);
    mk_csv_free(csv);
    free(data);
}

/* 100 000 generated bid rows; every 7th name is quoted with a comma and a
 * doubled quote, every 1000th spans two lines, CRLF on odd rows. */
static void test_large_input(void **state)
{
    (void)state;
    size_t rows = 100000, cap = rows * 64 + 64, len = 0;
    char *data = malloc(cap);
    assert_non_null(data);
    len += (size_t)snprintf(data + len, cap - len, "bidder,item,amount\n");
    for (size_t i = 0; i < rows; i++) {
        const char *end = i % 2 ? "\r\n" : "\n";
        if (i % 1000 == 0)
            len += (size_t)snprintf(data + len, cap - len, "\"p%zu\nx\",i%zu,%zu%s", i, i % 13,
                                    i * 3, end);
        else if (i % 7 == 0)
            len += (size_t)snprintf(data + len, cap - len, "\"p%zu, \"\"q\"\"\",i%zu,%zu%s", i,
                                    i % 13, i * 3, end);
        else
            len +=
                (size_t)snprintf(data + len, cap - len, "p%zu,i%zu,%zu%s", i, i % 13, i * 3, end);
    }
    mk_ctx ctx = MK_CTX_INIT;
    mk_csv *csv = NULL;
    mk_csv_record rec;
    assert_int_equal(mk_csv_open(&csv, data, len, "bids.csv", &ctx), MK_OK);
    assert_int_equal(mk_csv_next(csv, &rec, &ctx), 1);
    assert_int_equal(mk_csv_find(&rec, "amount"), 2);
    size_t line = 2;
    char want[64];
    for (size_t i = 0; i < rows; i++) {
        assert_int_equal(mk_csv_next(csv, &rec, &ctx), 1);
        assert_int_equal(rec.line, line);
        assert_int_equal(rec.n, 3);
        if (i % 1000 == 0)
            snprintf(want, sizeof want, "p%zu\nx", i);
        else if (i % 7 == 0)
            snprintf(want, sizeof want, "p%zu, \"q\"", i);
        else
            snprintf(want, sizeof want, "p%zu", i);
        assert_string_equal(rec.field[0], want);
        snprintf(want, sizeof want, "i%zu", i % 13);
        assert_string_equal(rec.field[1], want);
        snprintf(want, sizeof want, "%zu", i * 3);
        assert_string_equal(rec.field[2], want);
        line += i % 1000 == 0 ? 2 : 1;
    }
    assert_int_equal(mk_csv_next(csv, &rec, &ctx), 0);
    mk_csv_free(csv);
    free(data);
}

/* ---- errors -------------------------------------------------------------------------------- */

#define QUOTE_INSIDE                                                                               \
    "quote inside an unquoted field (quote the whole field and write a quote "                     \
    "in it as \"\")"
#define NOT_CLOSED "quoted field is not closed (its opening quote is here)"

static void test_unterminated_quote(void **state)
{
    (void)state;
    EXPECT_ERROR("\"abc", 0, "t.csv:1:1: " NOT_CLOSED);
    EXPECT_ERROR("a,b\nc,\"d\ne\nf,g\n", 1, "t.csv:2:3: " NOT_CLOSED);
    EXPECT_ERROR("x\n\"a\"\"", 1, "t.csv:2:1: " NOT_CLOSED);
    /* The line of the opening quote counts line ends inside earlier
     * quoted fields. */
    EXPECT_ERROR("\"a\nb\",1\n\xC3\xA9,\"oops\n", 1, "t.csv:3:3: " NOT_CLOSED);
}

static void test_quote_in_unquoted_field(void **state)
{
    (void)state;
    EXPECT_ERROR("ab\"c\n", 0, "t.csv:1:3: " QUOTE_INSIDE);
    EXPECT_ERROR("a,b\nc, \"d\"\n", 1, "t.csv:2:4: " QUOTE_INSIDE);
    /* The column counts characters, not bytes. */
    EXPECT_ERROR("\xE6\x97\xA5\xE6\x9C\xAC\"\n", 0, "t.csv:1:3: " QUOTE_INSIDE);
}

static void test_text_after_closing_quote(void **state)
{
    (void)state;
    EXPECT_ERROR("\"a\"b,c\n", 0,
                 "t.csv:1:4: 'b' after the closing quote of a field (expected ',' or a line end)");
    EXPECT_ERROR("x,\"a\n b\" ,c\n", 0,
                 "t.csv:2:4: ' ' after the closing quote of a field (expected ',' or a line end)");
    EXPECT_ERROR("\"a\"\xC3\xA9\n", 0,
                 "t.csv:1:4: byte 0xC3 after the closing quote of a field (expected ',' or a "
                 "line end)");
    EXPECT_ERROR("\"a\"\t\n", 0,
                 "t.csv:1:4: byte 0x09 after the closing quote of a field (expected ',' or a "
                 "line end)");
}

static void test_nul_byte(void **state)
{
    (void)state;
    EXPECT_ERROR("ab\0c\n", 0, "t.csv:1:3: NUL byte");
    EXPECT_ERROR("a\n\"b\nc\0\"\n", 1, "t.csv:3:2: NUL byte");
    EXPECT_ERROR("\"b\"\0\n", 0, "t.csv:1:4: NUL byte");
    EXPECT_ERROR("\0", 0, "t.csv:1:1: NUL byte");
}

static void test_bare_carriage_return(void **state)
{
    (void)state;
    EXPECT_ERROR("a,b\rc,d\r", 0, "t.csv:1:4: carriage return not followed by a line feed");
    EXPECT_ERROR("x\n\"a\"\rb\n", 1, "t.csv:2:4: carriage return not followed by a line feed");
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    /* Overlong forms of '/' and of U+07FF, U+FFFF (Kuhn, section 4). */
    EXPECT_ERROR("a\xC0\xAF\n", 0, "t.csv:1:2: invalid UTF-8: overlong encoding (byte 0xC0)");
    EXPECT_ERROR("a\xC1\xBF\n", 0, "t.csv:1:2: invalid UTF-8: overlong encoding (byte 0xC1)");
    EXPECT_ERROR("ok\n\xE0\x80\xAF\n", 1,
                 "t.csv:2:1: invalid UTF-8: overlong encoding (byte 0xE0)");
    EXPECT_ERROR("\xE0\x9F\xBF", 0, "t.csv:1:1: invalid UTF-8: overlong encoding (byte 0xE0)");
    EXPECT_ERROR("\xF0\x8F\xBF\xBF", 0, "t.csv:1:1: invalid UTF-8: overlong encoding (byte 0xF0)");
    /* Surrogates U+D800 and U+DFFF, also inside quotes on a later line. */
    EXPECT_ERROR("\xED\xA0\x80", 0, "t.csv:1:1: invalid UTF-8: surrogate code point (byte 0xED)");
    EXPECT_ERROR("\"a\nb\xED\xBF\xBF\"", 0,
                 "t.csv:2:2: invalid UTF-8: surrogate code point (byte 0xED)");
    /* Above U+10FFFF: U+110000 and lead bytes F5..F7. */
    EXPECT_ERROR("\xF4\x90\x80\x80", 0,
                 "t.csv:1:1: invalid UTF-8: code point above U+10FFFF (byte 0xF4)");
    EXPECT_ERROR("\xF5\x80\x80\x80", 0,
                 "t.csv:1:1: invalid UTF-8: code point above U+10FFFF (byte 0xF5)");
    EXPECT_ERROR("\xF8\x88\x80\x80\x80", 0,
                 "t.csv:1:1: invalid UTF-8: byte that never appears in UTF-8 (byte 0xF8)");
    EXPECT_ERROR("a,\xFF", 0,
                 "t.csv:1:3: invalid UTF-8: byte that never appears in UTF-8 (byte 0xFF)");
    /* A continuation byte alone, after a complete sequence. */
    EXPECT_ERROR("\xC3\xA9\xA9", 0,
                 "t.csv:1:2: invalid UTF-8: continuation byte without a lead byte (byte 0xA9)");
    EXPECT_ERROR("\x80", 0,
                 "t.csv:1:1: invalid UTF-8: continuation byte without a lead byte (byte 0x80)");
    /* Truncated: at the end of input, before ASCII, before a delimiter,
     * before a new lead byte, and inside quotes. */
    EXPECT_ERROR("ab\xE2\x82", 0, "t.csv:1:3: invalid UTF-8: truncated sequence (byte 0xE2)");
    EXPECT_ERROR("\xC3", 0, "t.csv:1:1: invalid UTF-8: truncated sequence (byte 0xC3)");
    EXPECT_ERROR("\xF0\x9F\x98z", 0, "t.csv:1:1: invalid UTF-8: truncated sequence (byte 0xF0)");
    EXPECT_ERROR("\xE2\x82,x", 0, "t.csv:1:1: invalid UTF-8: truncated sequence (byte 0xE2)");
    EXPECT_ERROR("\xE2\xC3\xA9", 0, "t.csv:1:1: invalid UTF-8: truncated sequence (byte 0xE2)");
    EXPECT_ERROR("\"\xE2\x82\"", 0, "t.csv:1:2: invalid UTF-8: truncated sequence (byte 0xE2)");
    EXPECT_ERROR("\"\xF4\"", 0, "t.csv:1:2: invalid UTF-8: truncated sequence (byte 0xF4)");
}

/* Records before an error are returned; the name appears in the message. */
static void test_error_names_input(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_csv *csv = NULL;
    mk_csv_record rec;
    const char *data = "a\nb\"\n";
    assert_int_equal(mk_csv_open(&csv, data, strlen(data), "bids.csv", &ctx), MK_OK);
    assert_int_equal(mk_csv_next(csv, &rec, &ctx), 1);
    assert_string_equal(rec.field[0], "a");
    assert_int_equal(mk_csv_next(csv, &rec, &ctx), MK_EINPUT);
    assert_string_equal(ctx.message, "bids.csv:2:2: " QUOTE_INSIDE);
    mk_csv_free(csv);

    assert_int_equal(mk_csv_open(&csv, data, strlen(data), NULL, &ctx), MK_OK);
    assert_int_equal(mk_csv_next(csv, &rec, &ctx), 1);
    assert_int_equal(mk_csv_next(csv, &rec, NULL), MK_EINPUT);
    assert_int_equal(mk_csv_next(csv, &rec, &ctx), MK_EINPUT);
    assert_string_equal(ctx.message, "<input>:2:2: " QUOTE_INSIDE);
    mk_csv_free(csv);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_csv *csv = NULL;
    mk_csv_record rec;
    assert_int_equal(mk_csv_open(NULL, "a", 1, "x", &ctx), MK_EINTERNAL);
    assert_int_equal(mk_csv_open(&csv, NULL, 1, "x", &ctx), MK_EINTERNAL);
    assert_null(csv);
    assert_int_equal(mk_csv_next(NULL, &rec, &ctx), MK_EINTERNAL);
    assert_int_equal(mk_csv_open(&csv, "a", 1, "x", &ctx), MK_OK);
    assert_int_equal(mk_csv_next(csv, NULL, &ctx), MK_EINTERNAL);
    mk_csv_free(csv);
    mk_csv_free(NULL);
}

/* ---- mk_csv_find --------------------------------------------------------------------------- */

static void test_find(void **state)
{
    (void)state;
    const char *data = " name ,bid,  max bid,name,\"  quoted \",,Bid\n";
    mk_ctx ctx = MK_CTX_INIT;
    mk_csv *csv = NULL;
    mk_csv_record rec;
    assert_int_equal(mk_csv_open(&csv, data, strlen(data), "h.csv", &ctx), MK_OK);
    assert_int_equal(mk_csv_next(csv, &rec, &ctx), 1);
    assert_int_equal(mk_csv_find(&rec, "name"), 0); /* the first of two */
    assert_int_equal(mk_csv_find(&rec, "bid"), 1);
    assert_int_equal(mk_csv_find(&rec, "Bid"), 6); /* case-sensitive */
    assert_int_equal(mk_csv_find(&rec, "max bid"), 2);
    assert_int_equal(mk_csv_find(&rec, "quoted"), 4);
    assert_int_equal(mk_csv_find(&rec, ""), 5);
    assert_int_equal(mk_csv_find(&rec, " name "), -1); /* the name is not trimmed */
    assert_int_equal(mk_csv_find(&rec, "nam"), -1);
    assert_int_equal(mk_csv_find(&rec, "max"), -1);
    assert_int_equal(mk_csv_find(&rec, NULL), -1);
    assert_int_equal(mk_csv_find(NULL, "bid"), -1);
    mk_csv_free(csv);
}

/* ---- properties ---------------------------------------------------------------------------- */

/* xorshift64 (Marsaglia 2003): a local, seeded generator for repeatable
 * random inputs. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Random records written out with RFC 4180 quoting read back unchanged. */
static void test_round_trip(void **state)
{
    (void)state;
    static const char alphabet[] = "ab ,\"\n\r\t";
    enum { RECORDS = 2000, FIELDS = 6, FIELD_MAX = 8 };
    uint64_t seed = 0x9E3779B97F4A7C15u;
    char want[RECORDS][FIELDS][FIELD_MAX + 1];
    size_t nfields[RECORDS];
    size_t line_of[RECORDS];
    size_t cap = (size_t)RECORDS * FIELDS * (2 * FIELD_MAX + 3) + 16, len = 0, line = 1;
    char *data = malloc(cap);
    assert_non_null(data);
    for (size_t r = 0; r < RECORDS; r++) {
        nfields[r] = 1 + next_random(&seed) % FIELDS;
        line_of[r] = line;
        for (size_t f = 0; f < nfields[r]; f++) {
            size_t n = next_random(&seed) % (FIELD_MAX + 1);
            for (size_t k = 0; k < n; k++)
                want[r][f][k] = alphabet[next_random(&seed) % (sizeof alphabet - 1)];
            want[r][f][n] = '\0';
            /* A record of one empty field would be a blank line: quote it. */
            int quote = strpbrk(want[r][f], ",\"\n\r") != NULL || (nfields[r] == 1 && n == 0) ||
                        next_random(&seed) % 4 == 0;
            if (quote)
                data[len++] = '"';
            for (size_t k = 0; k < n; k++) {
                if (want[r][f][k] == '"')
                    data[len++] = '"';
                line += want[r][f][k] == '\n';
                data[len++] = want[r][f][k];
            }
            if (quote)
                data[len++] = '"';
            if (f + 1 < nfields[r])
                data[len++] = ',';
        }
        if (r % 3 == 0)
            data[len++] = '\r';
        data[len++] = '\n';
        line++;
    }
    mk_ctx ctx = MK_CTX_INIT;
    mk_csv *csv = NULL;
    mk_csv_record rec;
    assert_int_equal(mk_csv_open(&csv, data, len, "r.csv", &ctx), MK_OK);
    for (size_t r = 0; r < RECORDS; r++) {
        assert_int_equal(mk_csv_next(csv, &rec, &ctx), 1);
        assert_int_equal(rec.line, line_of[r]);
        assert_int_equal(rec.n, nfields[r]);
        for (size_t f = 0; f < nfields[r]; f++) {
            assert_string_equal(rec.field[f], want[r][f]);
            assert_int_equal(rec.len[f], strlen(want[r][f]));
        }
    }
    assert_int_equal(mk_csv_next(csv, &rec, &ctx), 0);
    mk_csv_free(csv);
    free(data);
}

/* Random bytes from a CSV-heavy alphabet: the reader ends (sanitizers watch
 * its memory), returns only 1, 0 or MK_EINPUT, and its fields hold no NUL
 * and only bytes of the input. */
static void test_random_bytes(void **state)
{
    (void)state;
    static const unsigned char alphabet[] = {'a',  ',',  '"',  '\n', '\r', '\0', 0xC3, 0xA9,
                                             0xED, 0xA0, 0xF4, 0x90, 0x80, 0xEF, 0xBB, 0xBF};
    uint64_t seed = 12345;
    unsigned char data[64];
    for (int round = 0; round < 20000; round++) {
        size_t len = next_random(&seed) % sizeof data;
        for (size_t i = 0; i < len; i++)
            data[i] = alphabet[next_random(&seed) % sizeof alphabet];
        mk_ctx ctx = MK_CTX_INIT;
        mk_csv *csv = NULL;
        mk_csv_record rec;
        assert_int_equal(mk_csv_open(&csv, (const char *)data, len, "f", &ctx), MK_OK);
        size_t total = 0;
        int rc;
        while ((rc = mk_csv_next(csv, &rec, &ctx)) == 1) {
            for (size_t f = 0; f < rec.n; f++) {
                assert_int_equal(strlen(rec.field[f]), rec.len[f]);
                total += rec.len[f];
            }
            assert_true(rec.line >= 1 && rec.line <= len + 1);
        }
        assert_true(total <= len);
        if (rc == MK_EINPUT)
            assert_memory_equal(ctx.message, "f:", 2);
        else
            assert_int_equal(rc, 0);
        mk_csv_free(csv);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple),
        cmocka_unit_test(test_last_record_without_newline),
        cmocka_unit_test(test_empty_fields),
        cmocka_unit_test(test_any_number_of_fields),
        cmocka_unit_test(test_quoted_comma_and_quotes),
        cmocka_unit_test(test_quoted_newlines),
        cmocka_unit_test(test_crlf_file),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_blank_lines_skipped),
        cmocka_unit_test(test_empty_inputs),
        cmocka_unit_test(test_utf8_accepted),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_large_input),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_quote_in_unquoted_field),
        cmocka_unit_test(test_text_after_closing_quote),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_bare_carriage_return),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_error_names_input),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_random_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
