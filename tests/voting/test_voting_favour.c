/*
 * The bloc moves of the voting rules (mk_mechanism.favour): compromise
 * puts the favoured candidate strictly first, bury leaves the winner
 * unranked, both do both; the other candidates keep their order and ties,
 * and dense ranks stay dense.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include "mechkit/voting.h"

static void moved(const int64_t *truth, size_t m, size_t target, size_t against, unsigned kind,
                  const int64_t *want)
{
    mk_ctx ctx = MK_CTX_INIT;
    int64_t out[8];
    if (mk_voting_irv.favour(NULL, truth, m, target, against, kind, out, &ctx) != 0)
        fail_msg("%s", ctx.message);
    assert_memory_equal(out, want, m * sizeof *out);
}

static void compromise_moves_target_first(void **state)
{
    (void)state;
    /* A > B > C > D; favour C: C > A > B > D. */
    moved((int64_t[]){1, 2, 3, 4}, 4, 2, 0, MK_FAVOUR_COMPROMISE, (int64_t[]){2, 3, 1, 4});
    /* Already first: unchanged. */
    moved((int64_t[]){1, 2, 3, 4}, 4, 0, 1, MK_FAVOUR_COMPROMISE, (int64_t[]){1, 2, 3, 4});
    /* Tied with another: target alone on top, its tie-mate just below. */
    moved((int64_t[]){1, 2, 2, 3}, 4, 2, 0, MK_FAVOUR_COMPROMISE, (int64_t[]){2, 3, 1, 4});
    /* Unranked on a truncated ballot: on top of the ranked ones. */
    moved((int64_t[]){1, 0, 2, 0}, 4, 3, 0, MK_FAVOUR_COMPROMISE, (int64_t[]){2, 0, 3, 1});
}

static void bury_leaves_against_unranked(void **state)
{
    (void)state;
    moved((int64_t[]){1, 2, 3, 4}, 4, 3, 0, MK_FAVOUR_BURY, (int64_t[]){0, 1, 2, 3});
    /* Tied: the tie-mate keeps its rank. */
    moved((int64_t[]){1, 1, 2, 3}, 4, 3, 0, MK_FAVOUR_BURY, (int64_t[]){0, 1, 2, 3});
    /* Already unranked: unchanged. */
    moved((int64_t[]){1, 0, 2, 0}, 4, 2, 1, MK_FAVOUR_BURY, (int64_t[]){1, 0, 2, 0});
}

static void both_moves(void **state)
{
    (void)state;
    /* B > A > C; favour C against B: C > A, B unranked. */
    moved((int64_t[]){2, 1, 3}, 3, 2, 1, MK_FAVOUR_BOTH, (int64_t[]){2, 0, 1});
}

static void bad_moves_are_refused(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    int64_t truth[3] = {1, 2, 3}, out[3];
    assert_int_equal(mk_voting_irv.favour(NULL, truth, 3, 1, 1, 0, out, &ctx), MK_EINTERNAL);
    assert_int_equal(mk_voting_irv.favour(NULL, truth, 3, 3, 1, 0, out, &ctx), MK_EINTERNAL);
    assert_int_equal(mk_voting_irv.favour(NULL, truth, 3, 0, 1, MK_FAVOUR_KINDS, out, &ctx),
                     MK_EINTERNAL);
    assert_string_equal(mk_favour_name(MK_FAVOUR_BOTH), "compromise_bury");
    assert_null(mk_favour_name(MK_FAVOUR_KINDS));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compromise_moves_target_first),
        cmocka_unit_test(bury_leaves_against_unranked),
        cmocka_unit_test(both_moves),
        cmocka_unit_test(bad_moves_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
