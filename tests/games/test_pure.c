/*
 * Tests of pure Nash equilibria (src/games/pure.c): classic games written
 * here (Osborne and Rubinstein, "A Course in Game Theory", 1994, ch. 2),
 * every pure equilibrium of ../shared/data/games/known_answers.json, and
 * random games checked against the definition profile by profile.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka.h needs the four headers above first. */
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/nash.h"
#include "mechkit/nfg.h"
#include "mechkit/rng.h"

static mk_game *read_game(const char *text)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    if (mk_game_read_nfg(text, strlen(text), "t.nfg", &g, &ctx) != 0)
        fail_msg("read failed: %s", ctx.message);
    return g;
}

/* The equilibria of g, each as 1-based strategies ("2 2"), joined by ";". */
static void expect_equilibria(const mk_game *g, const char *want)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_pure_equilibria e = MK_PURE_EQUILIBRIA_INIT;
    assert_int_equal(mk_game_solve_pure(g, &e, &ctx), MK_OK);
    char got[1024] = "";
    size_t strategy[16];
    for (size_t j = 0; j < e.n; j++) {
        mk_game_profile_strategies(g, e.profile[j], strategy);
        for (size_t i = 0; i < g->n_players; i++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%zu", i ? " " : "",
                     strategy[i] + 1);
        if (j + 1 < e.n)
            strcat(got, ";");
        assert_false(mk_game_profile_has_deviation(g, e.profile[j]));
    }
    if (strcmp(got, want) != 0)
        fail_msg("equilibria '%s', expected '%s'", got, want);
    mk_pure_equilibria_free(&e);
}

static void check_text(const char *text, const char *want)
{
    mk_game *g = read_game(text);
    expect_equilibria(g, want);
    mk_game_free(g);
}

/* ---- classic games -------------------------------------------------------------------------- */

static void test_prisoners_dilemma(void **state)
{
    (void)state;
    /* T=5, R=3, P=1, S=0: unique equilibrium (Defect, Defect). */
    check_text("NFG 1 R \"PD\" { \"1\" \"2\" } { { \"C\" \"D\" } { \"C\" \"D\" } }\n"
               "3 3 5 0 0 5 1 1",
               "2 2");
}

static void test_battle_of_the_sexes(void **state)
{
    (void)state;
    /* Two pure equilibria: both at the opera, both at football. */
    check_text("NFG 1 R \"BoS\" { \"1\" \"2\" } { 2 2 }\n2 1 0 0 0 0 1 2", "1 1;2 2");
}

static void test_matching_pennies(void **state)
{
    (void)state;
    check_text("NFG 1 R \"MP\" { \"1\" \"2\" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1", "");
}

static void test_three_players(void **state)
{
    (void)state;
    /* Each player gets 1 when all three match, else 0: (A,A,A), (B,B,B). */
    check_text("NFG 1 R \"c3\" { \"1\" \"2\" \"3\" } { 2 2 2 }\n"
               "1 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 1",
               "1 1 1;2 2 2");
    /* Three-player majority with a twist: player 3 has 3 strategies and
     * strictly prefers its third whenever players 1 and 2 disagree. Payoffs
     * are fractions and decimals, so comparisons must be exact. */
    check_text("NFG 1 R \"m\" { \"1\" \"2\" \"3\" } { 2 2 3 }\n"
               "1/3 1/3 0   0 0 1   0 0 1   2/3 2/3 0\n"
               "0 0 0.5   0 0 1/2   0 0 1/2   0 0 0.5\n"
               "0 0 0.1   1 0 2   0 1 2   0 0 1/10\n",
               "1 1 2;2 2 2;2 1 3;1 2 3");
}

static void test_ties_are_best_replies(void **state)
{
    (void)state;
    /* Every profile of an all-equal game is an equilibrium. */
    check_text("NFG 1 R \"z\" { \"1\" \"2\" } { 3 2 }\n"
               "7/2 1 3.5 1 35/10 1 3.5 1 7/2 1 3.50 1",
               "1 1;2 1;3 1;1 2;2 2;3 2");
    /* One player: the maxima of its payoffs. */
    check_text("NFG 1 R \"one\" { \"1\" } { 4 }\n2 5 5 -1", "2;3");
}

/* ---- known answers -------------------------------------------------------------------------- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 4096 + 1 > cap) {
            cap = 2 * cap + 8192;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
    } while (got > 0);
    fclose(f);
    buf[len] = '\0';
    return buf;
}

/* 1 when equilibrium eq (from known_answers.json) is pure; its profile
 * index then goes into *k. */
static int pure_index(const mk_game *g, json_t *eq, size_t *k)
{
    json_t *strategies = json_object_get(eq, "strategies");
    size_t strategy[16];
    for (size_t i = 0; i < g->n_players; i++) {
        json_t *p = json_array_get(strategies, i);
        size_t ones = 0;
        for (size_t s = 0; s < json_array_size(p); s++) {
            const char *v = json_string_value(json_array_get(p, s));
            if (strcmp(v, "1") == 0) {
                strategy[i] = s;
                ones++;
            } else if (strcmp(v, "0") != 0) {
                return 0;
            }
        }
        if (ones != 1)
            return 0;
    }
    *k = mk_game_profile_index(g, strategy);
    return 1;
}

static void check_known_game(const char *dir, const char *file, json_t *answer)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/games/%s", dir, file);
    char *text = slurp(path);
    if (text == NULL)
        fail_msg("cannot read %s", path);
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    if (mk_game_read_nfg(text, strlen(text), file, &g, &ctx) != 0)
        fail_msg("%s", ctx.message);
    mk_pure_equilibria e = MK_PURE_EQUILIBRIA_INIT;
    assert_int_equal(mk_game_solve_pure(g, &e, &ctx), MK_OK);
    json_t *eqs = json_object_get(answer, "equilibria"), *eq;
    size_t index, found = 0, k;
    json_array_foreach(eqs, index, eq)
    {
        if (!pure_index(g, eq, &k))
            continue;
        int listed = 0;
        for (size_t j = 0; j < e.n; j++)
            listed |= e.profile[j] == k;
        if (!listed)
            fail_msg("%s: known pure equilibrium %zu missing", file, k);
        json_t *payoffs = json_object_get(eq, "payoffs");
        for (size_t i = 0; i < g->n_players; i++) {
            mk_rational v = mk_game_payoff(g, k, i);
            char got[64];
            snprintf(got, sizeof got, v.den == 1 ? "%lld" : "%lld/%lld", (long long)v.num,
                     (long long)v.den);
            assert_string_equal(got, json_string_value(json_array_get(payoffs, i)));
        }
        found++;
    }
    if (found != e.n)
        fail_msg("%s: %zu pure equilibria found, %zu known", file, e.n, found);
    mk_pure_equilibria_free(&e);
    mk_game_free(g);
    free(text);
}

static void test_known_answers(void **state)
{
    (void)state;
    const char *dir = getenv("MECHKIT_SHARED_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/games/known_answers.json", dir != NULL ? dir : "");
    json_error_t err;
    json_t *doc = dir != NULL ? json_load_file(path, 0, &err) : NULL;
    if (doc == NULL) {
        skip(); /* the shared data is not here */
        return;
    }
    const char *file;
    json_t *answer;
    size_t games = 0;
    json_object_foreach(json_object_get(doc, "games"), file, answer)
    {
        check_known_game(dir, file, answer);
        games++;
    }
    assert_true(games >= 10);
    json_decref(doc);
}

/* ---- random games against the definition ---------------------------------------------------- */

static void test_random_against_definition(void **state)
{
    (void)state;
    mk_rng rng;
    mk_rng_seed(&rng, 20261123);
    for (int round = 0; round < 300; round++) {
        size_t n = (size_t)mk_rng_range(&rng, 1, 4), counts[4];
        for (size_t i = 0; i < n; i++)
            counts[i] = (size_t)mk_rng_range(&rng, 1, round % 2 ? 3 : 300 / 40 + 1);
        mk_ctx ctx = MK_CTX_INIT;
        mk_game *g = NULL;
        assert_int_equal(mk_game_new(&g, n, counts, &ctx), MK_OK);
        /* Few distinct values, so that ties are common; some fractions. */
        for (size_t c = 0; c < g->n_profiles * n; c++)
            assert_int_equal(
                mk_rational_make(mk_rng_range(&rng, 0, 3), mk_rng_range(&rng, 1, 2), &g->payoff[c]),
                MK_OK);
        mk_pure_equilibria e = MK_PURE_EQUILIBRIA_INIT;
        assert_int_equal(mk_game_solve_pure(g, &e, &ctx), MK_OK);
        size_t j = 0;
        for (size_t k = 0; k < g->n_profiles; k++) {
            int is_eq = !mk_game_profile_has_deviation(g, k);
            int listed = j < e.n && e.profile[j] == k;
            assert_int_equal(is_eq, listed);
            j += (size_t)listed;
        }
        assert_int_equal(j, e.n);
        mk_pure_equilibria_free(&e);
        mk_game_free(g);
    }
}

/* Strides beyond one chunk of lines (256) take the chunked path. */
static void test_wide_strides(void **state)
{
    (void)state;
    size_t counts[] = {300, 2, 3};
    mk_ctx ctx = MK_CTX_INIT;
    mk_game *g = NULL;
    assert_int_equal(mk_game_new(&g, 3, counts, &ctx), MK_OK);
    mk_rng rng;
    mk_rng_seed(&rng, 7);
    for (size_t c = 0; c < g->n_profiles * 3; c++)
        g->payoff[c] = (mk_rational){mk_rng_range(&rng, 0, 9), 1};
    mk_pure_equilibria e = MK_PURE_EQUILIBRIA_INIT;
    assert_int_equal(mk_game_solve_pure(g, &e, &ctx), MK_OK);
    size_t j = 0;
    for (size_t k = 0; k < g->n_profiles; k++)
        if (!mk_game_profile_has_deviation(g, k))
            assert_int_equal(e.profile[j++], k);
    assert_int_equal(j, e.n);
    mk_pure_equilibria_free(&e);
    mk_pure_equilibria_free(NULL);
    mk_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prisoners_dilemma),
        cmocka_unit_test(test_battle_of_the_sexes),
        cmocka_unit_test(test_matching_pennies),
        cmocka_unit_test(test_three_players),
        cmocka_unit_test(test_ties_are_best_replies),
        cmocka_unit_test(test_known_answers),
        cmocka_unit_test(test_random_against_definition),
        cmocka_unit_test(test_wide_strides),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
