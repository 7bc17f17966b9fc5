/* Tests of mk_sha256_hex against the known answers of FIPS 180-2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "mechkit/hash.h"

static void expect_digest(const void *data, size_t len, const char *want)
{
    mk_ctx ctx = MK_CTX_INIT;
    char hex[MK_SHA256_HEX_SIZE];
    memset(hex, 'x', sizeof hex);
    assert_int_equal(mk_sha256_hex(data, len, hex, &ctx), MK_OK);
    assert_string_equal(hex, want);
    assert_int_equal(ctx.code, MK_OK);
}

/* FIPS 180-2, appendix B.1: "abc". */
static void test_abc(void **state)
{
    (void)state;
    expect_digest("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* The empty message (FIPS 180-2 padding of a 0-bit message; the value is the
 * one published with the NIST SHAVS short-message vectors, Len = 0). */
static void test_empty(void **state)
{
    (void)state;
    const char *want = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    expect_digest("", 0, want);
    expect_digest(NULL, 0, want);
}

/* FIPS 180-2, appendix B.2: the 448-bit two-block message. */
static void test_two_blocks(void **state)
{
    (void)state;
    const char *msg = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    assert_int_equal(strlen(msg), 56);
    expect_digest(msg, 56, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* FIPS 180-2, appendix B.3: one million 'a'. */
static void test_million_a(void **state)
{
    (void)state;
    size_t n = 1000000;
    char *msg = malloc(n);
    assert_non_null(msg);
    memset(msg, 'a', n);
    expect_digest(msg, n, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(msg);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    char hex[MK_SHA256_HEX_SIZE];
    assert_int_equal(mk_sha256_hex(NULL, 3, hex, &ctx), MK_EINTERNAL);
    assert_int_equal(ctx.code, MK_EINTERNAL);
    assert_int_equal(mk_sha256_hex("abc", 3, NULL, NULL), MK_EINTERNAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abc),           cmocka_unit_test(test_empty),
        cmocka_unit_test(test_two_blocks),    cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
