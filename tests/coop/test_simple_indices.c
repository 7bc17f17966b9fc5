/*
 * Tests of the Deegan-Packel, Holler-Packel, Johnston and Coleman indices
 * (src/coop/indices.c): textbook and hand-worked answers, a cross-check
 * against an independent brute force written from the definitions (sets
 * as arrays of flags, mk_simple_game_wins, GMP), and limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers above, as cmocka requires */

#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/simple_indices.h"

static const char *const names[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i",
                                    "j", "k", "l", "m", "n", "o", "p", "q", "r",
                                    "s", "t", "u", "v", "w", "x", "y", "z"};

static mk_simple_game *game(size_t n, size_t k, const int64_t *w, const int64_t *q)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_simple_game *g = NULL;
    if (mk_simple_game_new(&g, n, k, names, w, q, &ctx) != 0)
        fail_msg("game: %s", ctx.message);
    return g;
}

static mk_simple_indices *indices(const mk_simple_game *g)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_simple_indices *r = NULL;
    if (mk_simple_indices_compute(g, MK_INDEX_ALL, 6, &r, &ctx) != 0)
        fail_msg("indices: %s", ctx.message);
    return r;
}

static void expect(const char *what, const mk_coop_vector *v, const char *const *want)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->fraction[i], want[i]) != 0)
            fail_msg("%s of player %zu: got %s, want %s", what, i + 1, v->fraction[i], want[i]);
}

/* Holler 1982 ("Forming coalitions and measuring voting power",
 * Political Studies 30): [51; 35, 20, 15, 15, 15], the public good index
 * (4/15, 2/15, 3/15, 3/15, 3/15) gives the player of weight 20 less than
 * those of weight 15. Minimal winning coalitions {a,b}, {a,c,d}, {a,c,e},
 * {a,d,e}, {b,c,d,e}; Deegan-Packel, Johnston and Coleman by hand from
 * them and the 13 winning coalitions (12 vulnerable; {a,b,c,d,e} has no
 * critical member). */
static void test_holler_paradox(void **state)
{
    (void)state;
    const int64_t w[] = {35, 20, 15, 15, 15}, q = 51;
    mk_simple_game *g = game(5, 1, w, &q);
    mk_simple_indices *r = indices(g);
    assert_int_equal(r->winning, 13);
    assert_int_equal(r->minimal_winning, 5);
    assert_int_equal(r->vulnerable, 12);
    expect("holler_packel", r->holler_packel,
           (const char *const[]){"4/15", "2/15", "1/5", "1/5", "1/5"});
    expect("deegan_packel", r->deegan_packel,
           (const char *const[]){"3/10", "3/20", "11/60", "11/60", "11/60"});
    expect("johnston", r->johnston,
           (const char *const[]){"7/12", "3/16", "11/144", "11/144", "11/144"});
    expect("coleman_prevent", r->coleman_prevent,
           (const char *const[]){"11/13", "5/13", "3/13", "3/13", "3/13"});
    expect("coleman_initiate", r->coleman_initiate,
           (const char *const[]){"11/19", "5/19", "3/19", "3/19", "3/19"});
    assert_string_equal(r->coleman_act, "13/32");
    assert_string_equal(r->coleman_act_decimal, "0.406250");
    mk_simple_indices_free(r);
    mk_simple_game_free(g);
}

/* The UN Security Council (5 permanent members of weight 7, 10 others of
 * weight 1, quota 39): 848 winning coalitions, the 5 and 4 or more of the
 * 10 (Straffin 1993, who gives the 848 swings of a permanent member). A
 * permanent member can prevent every action (Coleman power to prevent 1);
 * the collectivity's power to act is 848/2^15 = 53/2048. The 210 minimal
 * winning coalitions have 9 members: Deegan-Packel 1/9 for a permanent
 * member and 84/(210 * 9) = 2/45 for another. */
static void test_security_council(void **state)
{
    (void)state;
    int64_t w[15], q = 39;
    for (size_t i = 0; i < 15; i++)
        w[i] = i < 5 ? 7 : 1;
    mk_simple_game *g = game(15, 1, w, &q);
    mk_simple_indices *r = indices(g);
    assert_int_equal(r->winning, 848);
    assert_int_equal(r->minimal_winning, 210);
    assert_string_equal(r->coleman_act, "53/2048");
    assert_string_equal(r->coleman_prevent->fraction[0], "1");
    assert_string_equal(r->coleman_prevent->fraction[14], "21/212"); /* 84 / 848 */
    assert_string_equal(r->deegan_packel->fraction[4], "1/9");
    assert_string_equal(r->deegan_packel->fraction[5], "2/45");
    assert_string_equal(r->holler_packel->fraction[5], "2/45");
    mk_simple_indices_free(r);
    mk_simple_game_free(g);
}

/* ---- brute force from the definitions ---- */

static int wins_mask(const mk_simple_game *g, size_t m)
{
    unsigned char member[26];
    for (size_t i = 0; i < g->n; i++)
        member[i] = (unsigned char)((m >> i) & 1);
    return mk_simple_game_wins(g, member);
}

static int critical(const mk_simple_game *g, size_t m, size_t i)
{
    return ((m >> i) & 1) && wins_mask(g, m) && !wins_mask(g, m & ~((size_t)1 << i));
}

static void check_against_definitions(const mk_simple_game *g, const mk_simple_indices *r)
{
    size_t n = g->n, all = (size_t)1 << n;
    mpq_t dp[8], hp[8], jo[8], sw[8], t, one;
    mpq_inits(t, one, NULL);
    unsigned long winning = 0, minimal = 0, vulnerable = 0, memberships = 0;
    for (size_t i = 0; i < n; i++)
        mpq_inits(dp[i], hp[i], jo[i], sw[i], NULL);
    for (size_t m = 0; m < all; m++) {
        if (!wins_mask(g, m))
            continue;
        winning++;
        unsigned long size = 0, crit = 0;
        for (size_t i = 0; i < n; i++) {
            size += (m >> i) & 1;
            crit += (unsigned long)critical(g, m, i);
        }
        if (crit > 0)
            vulnerable++;
        for (size_t i = 0; i < n; i++) {
            if (!critical(g, m, i))
                continue;
            mpq_set_ui(t, 1, crit);
            mpq_add(jo[i], jo[i], t);
            mpq_set_ui(one, 1, 1);
            mpq_add(sw[i], sw[i], one);
        }
        if (crit != size)
            continue;
        minimal++;
        for (size_t i = 0; i < n; i++) {
            if (!((m >> i) & 1))
                continue;
            mpq_set_ui(t, 1, size);
            mpq_add(dp[i], dp[i], t);
            mpq_set_ui(one, 1, 1);
            mpq_add(hp[i], hp[i], one);
            memberships++;
        }
    }
    assert_int_equal(r->winning, winning);
    assert_int_equal(r->minimal_winning, minimal);
    assert_int_equal(r->vulnerable, vulnerable);
    for (size_t i = 0; i < n; i++) {
        const struct {
            mpq_ptr x;
            unsigned long den;
            const mk_coop_vector *v;
        } row[] = {{dp[i], minimal, r->deegan_packel},
                   {hp[i], memberships, r->holler_packel},
                   {jo[i], vulnerable, r->johnston},
                   {NULL, winning, r->coleman_prevent},
                   {NULL, all - winning, r->coleman_initiate}};
        for (size_t k = 0; k < 5; k++) {
            mpq_set(t, row[k].x != NULL ? row[k].x : sw[i]);
            mpq_set_ui(one, row[k].den, 1);
            mpq_div(t, t, one);
            char *s = mpq_get_str(NULL, 10, t);
            if (strcmp(s, row[k].v->fraction[i]) != 0)
                fail_msg("index %zu, player %zu: got %s, definition gives %s", k, i + 1,
                         row[k].v->fraction[i], s);
            free(s);
        }
    }
    for (size_t i = 0; i < n; i++)
        mpq_clears(dp[i], hp[i], jo[i], sw[i], NULL);
    mpq_clears(t, one, NULL);
}

/* Random weighted and double-majority games of 1 to 8 players, with
 * zero weights (null players) among them. */
static void test_against_definitions(void **state)
{
    (void)state;
    uint64_t seed = 2026;
    for (int round = 0; round < 120; round++) {
        size_t n = 1 + (size_t)round % 8, k = 1 + (size_t)(round / 8) % 2;
        int64_t w[16], q[2];
        for (size_t j = 0; j < k; j++) {
            int64_t total = 0;
            for (size_t i = 0; i < n; i++) {
                seed = seed * 6364136223846793005ull + 1442695040888963407ull;
                w[j * n + i] = (int64_t)((seed >> 33) % 6);
                total += w[j * n + i];
            }
            if (total == 0)
                w[j * n] = total = 1;
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            q[j] = 1 + (int64_t)((seed >> 33) % (uint64_t)total);
        }
        mk_simple_game *g = game(n, k, w, q);
        mk_simple_indices *r = indices(g);
        check_against_definitions(g, r);
        mk_simple_indices_free(r);
        mk_simple_game_free(g);
    }
}

static void test_limits_and_options(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    int64_t w[26], q = 14;
    for (size_t i = 0; i < 26; i++)
        w[i] = 1;
    mk_simple_game *g = game(26, 1, w, &q);
    mk_simple_indices *r = NULL;
    assert_int_equal(mk_simple_indices_compute(g, MK_INDEX_ALL, 6, &r, &ctx), MK_ELIMIT);
    assert_non_null(strstr(ctx.message, "at most 25"));
    mk_simple_game_free(g);
    const int64_t q2 = 2; /* majority of 3 */
    g = game(3, 1, w, &q2);
    assert_int_equal(mk_simple_indices_compute(g, 0, 6, &r, &ctx), MK_EPARAM);
    assert_int_equal(mk_simple_indices_compute(g, 16, 6, &r, &ctx), MK_EPARAM);
    assert_int_equal(mk_simple_indices_compute(g, MK_INDEX_JOHNSTON, 41, &r, &ctx), MK_EPARAM);
    assert_null(r);
    assert_int_equal(mk_simple_indices_compute(g, MK_INDEX_JOHNSTON, 2, &r, &ctx), 0);
    assert_null(r->deegan_packel);
    assert_null(r->coleman_act);
    assert_string_equal(r->johnston->fraction[0], "1/3");
    assert_string_equal(r->johnston->decimal[0], "0.33");
    mk_simple_indices_free(r);
    mk_simple_indices_free(NULL);
    mk_simple_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_holler_paradox),
        cmocka_unit_test(test_security_council),
        cmocka_unit_test(test_against_definitions),
        cmocka_unit_test(test_limits_and_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
