/*
 * IRV's rounds against a count written the slow way: every round, every
 * ballot counts for its best-ranked continuing candidate. IRV moves only
 * the ballots of eliminated candidates, and late in a count of ballots
 * that rank 1, 2, ... in turn it reads the columns of ranks instead
 * (irv_columns.c, once a round would move enough of them): the seeded
 * elections here are small enough that every round is read from the
 * columns (rows < 128) or large enough that the first rounds move ballots
 * and the last read columns, with complete and truncated ballots, unit
 * and other weights, and many candidates; tallies, exhausted ballots,
 * eliminations and the winner must agree in every round.
 */
#include "voting_fixture.h"

/* xorshift64: the elections' own stream, independent of mechkit's. */
static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* rows ballots over m candidates, more voters liking low numbers (so that
 * tallies differ), truncated to a random length when `truncate`; weights
 * 1 when `unit`, else 1..5. */
static void election(mk_profile *p, size_t rows, size_t m, int truncate, int unit, uint64_t seed)
{
    size_t *order = malloc(rows * m * sizeof *order), *len = malloc(rows * sizeof *len);
    int64_t *weight = malloc(rows * sizeof *weight);
    assert_true(order != NULL && len != NULL && weight != NULL);
    uint64_t s = seed * 0x9e3779b97f4a7c15u + 1;
    for (size_t r = 0; r < rows; r++) {
        size_t *o = order + r * m;
        for (size_t k = 0; k < m; k++)
            o[k] = k;
        for (size_t k = 0; k < m; k++) { /* a biased shuffle: swap toward the front */
            size_t pick = k + next(&s) % (m - k);
            if (next(&s) % 3 == 0)
                pick = k + (pick - k) / 2;
            size_t t = o[k];
            o[k] = o[pick];
            o[pick] = t;
        }
        len[r] = truncate ? 1 + next(&s) % m : m;
        weight[r] = unit ? 1 : 1 + (int64_t)(next(&s) % 5);
    }
    mk_profile_free(p);
    voting_fixture_ballots(p, rows, m, order, len, weight);
    free(order);
    free(len);
    free(weight);
}

/* The count the slow way, checked round by round against IRV's JSON
 * rounds (ties for last: fewest first preferences, then the lowest
 * number, IRV's default). */
static void expect_same_rounds(const mk_profile *p, const json_t *rounds, const char *winner)
{
    size_t m = p->width, n = p->n;
    int64_t *tally = calloc(m, sizeof *tally), *first = calloc(m, sizeof *first), voters = 0;
    int *out = calloc(m, sizeof *out);
    assert_true(tally != NULL && first != NULL && out != NULL);
    for (size_t i = 0; i < n; i++)
        voters += p->weight[i];
    for (size_t r = 0;; r++) {
        int64_t counted = 0;
        memset(tally, 0, m * sizeof *tally);
        for (size_t i = 0; i < n; i++) {
            const int64_t *row = mk_profile_row(p, i);
            size_t best = m;
            for (size_t j = 0; j < m; j++)
                if (!out[j] && row[j] != 0 && (best == m || row[j] < row[best]))
                    best = j;
            if (best < m) {
                tally[best] += p->weight[i];
                counted += p->weight[i];
            }
        }
        if (r == 0)
            memcpy(first, tally, m * sizeof *first);
        const json_t *round = json_array_get(rounds, r);
        assert_non_null(round);
        const json_t *shown = json_object_get(round, "tally");
        size_t left = 0, lead = m, last = m;
        for (size_t j = 0; j < m; j++) {
            if (out[j])
                continue;
            char name[24];
            snprintf(name, sizeof name, "%zu", j + 1);
            assert_int_equal(json_integer_value(json_object_get(shown, name)), tally[j]);
            left++;
            if (lead == m || tally[j] > tally[lead])
                lead = j;
            if (last == m || tally[j] < tally[last] ||
                (tally[j] == tally[last] && first[j] < first[last]))
                last = j;
        }
        assert_int_equal(json_integer_value(json_object_get(round, "exhausted")), voters - counted);
        if (tally[lead] > counted - tally[lead] || left == 1) {
            assert_int_equal(json_array_size(rounds), r + 1);
            char name[24];
            snprintf(name, sizeof name, "%zu", lead + 1);
            assert_string_equal(winner, name);
            break;
        }
        char name[24];
        snprintf(name, sizeof name, "%zu", last + 1);
        assert_string_equal(json_string_value(json_object_get(round, "eliminated")), name);
        out[last] = 1;
        if (left == 2) { /* a tie of the last two: the other wins in this round */
            assert_int_equal(json_array_size(rounds), r + 1);
            for (size_t j = 0; j < m; j++)
                if (!out[j])
                    snprintf(name, sizeof name, "%zu", j + 1);
            assert_string_equal(winner, name);
            break;
        }
    }
    free(tally);
    free(first);
    free(out);
}

static void check(size_t rows, size_t m, int truncate, int unit, uint64_t seed)
{
    mk_profile p = MK_PROFILE_INIT;
    election(&p, rows, m, truncate, unit, seed);
    voting_run k;
    voting_fixture_run(&mk_voting_irv, &p, &k);
    const json_t *winners = json_object_get(k.result, "winners");
    assert_int_equal(json_array_size(winners), 1);
    expect_same_rounds(&p, json_object_get(k.result, "rounds"),
                       json_string_value(json_array_get(winners, 0)));
    voting_fixture_free(&mk_voting_irv, &k);
    mk_profile_free(&p);
}

static void test_small_elections(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 40; seed++)
        check(20 + seed * 2, 3 + seed % 9, seed % 2 == 0, seed % 3 == 0, seed);
}

static void test_large_elections(void **state)
{
    (void)state;
    check(20000, 20, 0, 1, 1);
    check(20000, 20, 1, 0, 2);
    check(6000, 40, 1, 1, 3);
    check(3000, 6, 0, 0, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_elections),
        cmocka_unit_test(test_large_elections),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
