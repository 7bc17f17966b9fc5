/*
 * Ranked pairs' winners over every order of equal margins
 * (rp_universes.c): a hand-checked cycle, and random small profiles with
 * many tied margins checked against brute force, which tries every order
 * of every group of equal margins and locks majorities as Tideman does.
 */
#include "voting_fixture.h"

#include <string.h>

#include "mechkit/rng.h"

/* Brute force: every order of the majorities in each group of equal
 * margin, each locked in turn unless it closes a cycle. */
typedef struct brute {
    size_t m, n;
    size_t a[64], b[64]; /* majorities, strongest first */
    int64_t margin[64];
    int locked[8][8];
    int any[8];
} brute;

static int reaches(const brute *s, size_t from, size_t to)
{
    int seen[8] = {0};
    size_t stack[8], top = 0;
    stack[top++] = from;
    seen[from] = 1;
    while (top > 0) {
        size_t x = stack[--top];
        if (x == to)
            return 1;
        for (size_t y = 0; y < s->m; y++)
            if (s->locked[x][y] && !seen[y]) {
                seen[y] = 1;
                stack[top++] = y;
            }
    }
    return 0;
}

/* Tries each unused majority of the group [lo, hi) next, then the rest. */
static void orders(brute *s, size_t lo, size_t hi, int *used)
{
    int any_left = 0;
    for (size_t i = lo; i < hi; i++) {
        if (used[i])
            continue;
        any_left = 1;
        used[i] = 1;
        int lock = !reaches(s, s->b[i], s->a[i]);
        if (lock)
            s->locked[s->a[i]][s->b[i]] = 1;
        orders(s, lo, hi, used);
        if (lock)
            s->locked[s->a[i]][s->b[i]] = 0;
        used[i] = 0;
    }
    if (any_left)
        return;
    if (hi == s->n) {
        for (size_t y = 0; y < s->m; y++) {
            int entered = 0;
            for (size_t x = 0; x < s->m; x++)
                entered |= s->locked[x][y];
            s->any[y] |= !entered;
        }
        return;
    }
    size_t next = hi;
    while (next < s->n && s->margin[next] == s->margin[hi])
        next++;
    orders(s, hi, next, used);
}

/* Fills s from the pairwise matrix; returns the number of orders. */
static double brute_setup(brute *s, const int64_t *pw, size_t m)
{
    memset(s, 0, sizeof *s);
    s->m = m;
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++)
            if (a != b && pw[a * m + b] > pw[b * m + a]) {
                size_t k = s->n++, at = k;
                int64_t d = pw[a * m + b] - pw[b * m + a];
                while (at > 0 && s->margin[at - 1] < d) { /* by margin, descending */
                    s->margin[at] = s->margin[at - 1];
                    s->a[at] = s->a[at - 1];
                    s->b[at] = s->b[at - 1];
                    at--;
                }
                s->margin[at] = d;
                s->a[at] = a;
                s->b[at] = b;
            }
    double count = 1;
    for (size_t i = 0, run = 1; i < s->n; i++, run++) {
        if (i > 0 && s->margin[i] != s->margin[i - 1])
            run = 1;
        count *= (double)run;
    }
    return count;
}

static void random_profile(mk_profile *p, mk_rng *rng, size_t m, size_t voters)
{
    size_t order[8 * 8];
    int64_t weight[8];
    for (size_t r = 0; r < voters; r++) {
        mk_rng_permutation(rng, order + r * m, m);
        weight[r] = 1;
    }
    mk_profile_free(p);
    voting_fixture_profile(p, voters, m, order, weight);
}

/* A Condorcet cycle of three voters: every majority has margin 1, so
 * whichever is considered last is skipped and each candidate wins under
 * some order, though one fixed order elects one of them. */
static void cycle_every_candidate_wins(void **state)
{
    (void)state;
    mk_profile p = MK_PROFILE_INIT;
    size_t order[] = {0, 1, 2, 1, 2, 0, 2, 0, 1};
    int64_t weight[] = {1, 1, 1};
    voting_fixture_profile(&p, 3, 3, order, weight);
    voting_run k;
    voting_fixture_run(&mk_voting_ranked_pairs, &p, &k);
    json_t *all = json_object_get(k.result, "all_tie_order_winners");
    assert_int_equal(json_array_size(all), 3);
    assert_int_equal(json_array_size(json_object_get(k.result, "winners")), 1);
    voting_fixture_free(&mk_voting_ranked_pairs, &k);
    mk_profile_free(&p);
}

/* Random profiles of 3 to 6 candidates and 2 to 7 voters (so margins tie
 * often) against brute force; profiles with more than 50,000 orders are
 * skipped, and the test checks that enough were compared. */
static void matches_brute_force(void **state)
{
    (void)state;
    mk_rng rng;
    mk_rng_seed(&rng, 20190127);
    mk_profile p = MK_PROFILE_INIT;
    size_t compared = 0, several = 0;
    for (int trial = 0; trial < 1000; trial++) {
        size_t m = 3 + (size_t)mk_rng_below(&rng, 5), voters = 2 + (size_t)mk_rng_below(&rng, 6);
        random_profile(&p, &rng, m, voters);
        int64_t pw[64];
        assert_int_equal(mk_voting_pairwise(&p, pw, NULL), 0);
        brute s;
        if (brute_setup(&s, pw, m) > 50000)
            continue;
        int used[64] = {0};
        size_t first_end = 0;
        while (first_end < s.n && s.margin[first_end] == s.margin[0])
            first_end++;
        orders(&s, 0, first_end, used);
        voting_run k;
        voting_fixture_run(&mk_voting_ranked_pairs, &p, &k);
        json_t *all = json_object_get(k.result, "all_tie_order_winners");
        size_t n_any = 0;
        for (size_t j = 0; j < m; j++) {
            char name[24];
            snprintf(name, sizeof name, "%zu", j + 1);
            int listed = 0;
            for (size_t i = 0; i < json_array_size(all); i++)
                listed |= strcmp(json_string_value(json_array_get(all, i)), name) == 0;
            if (listed != s.any[j])
                fail_msg("trial %d: candidate %zu is %s by the search", trial, j + 1,
                         listed ? "listed" : "missed");
            n_any += (size_t)s.any[j];
            if (k.out.allocation[j]) /* the fixed order's winner is one of them */
                assert_true(s.any[j]);
        }
        several += n_any > 1;
        compared++;
        voting_fixture_free(&mk_voting_ranked_pairs, &k);
    }
    assert_true(compared >= 600);
    assert_true(several >= 20); /* enough profiles where the orders matter */
    mk_profile_free(&p);
}

/* A limit of one state stops the search on the cycle: no list, a reason. */
static void limit_is_reported(void **state)
{
    (void)state;
    mk_profile p = MK_PROFILE_INIT;
    size_t order[] = {0, 1, 2, 1, 2, 0, 2, 0, 1};
    int64_t weight[] = {1, 1, 1};
    voting_fixture_profile(&p, 3, 3, order, weight);
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    assert_int_equal(mk_params_set_arg(&params, "tie_orders_limit=1", &ctx), 0);
    mk_setting setting = {0, p.n, p.width, 0, NULL, 0};
    mk_instance *inst = NULL;
    mk_outcome out = MK_OUTCOME_INIT;
    assert_int_equal(mk_mechanism_prepare(&mk_voting_ranked_pairs, &params, &setting, &inst, &ctx),
                     0);
    assert_int_equal(mk_voting_ranked_pairs.run(inst, &p, &out, &ctx), 0);
    json_t *r = json_object();
    assert_int_equal(mk_voting_ranked_pairs.result_json(inst, &p, &out, r, &ctx), 0);
    assert_true(json_is_null(json_object_get(r, "all_tie_order_winners")));
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(r, "all_tie_order_search"), "status")),
        "stopped at tie_orders_limit");
    json_decref(r);
    mk_outcome_free(&out);
    mk_voting_ranked_pairs.free(inst);
    mk_params_free(&params);
    mk_profile_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cycle_every_candidate_wins),
        cmocka_unit_test(matches_brute_force),
        cmocka_unit_test(limit_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
