/*
 * Tests of the voting rules (src/mechanisms/voting/) through the mechanism
 * interface: textbook profiles written inline, bad reports, the audit
 * interface, and the known answers of shared/data/elections/SOURCES.md
 * (skipped when MECHKIT_SHARED_DATA is absent).
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

#include <jansson.h>

#include "mechkit/voting.h"

/* ---- helpers ------------------------------------------------------------------------------- */

/* Sets p to ballots written "count:ORDER" with candidates as letters A..,
 * ties as "(BC)" and missing letters unranked, e.g. "3:A(BC)". */
static void ballots(mk_profile *p, size_t m, const char *const *spec)
{
    size_t n = 0;
    while (spec[n] != NULL)
        n++;
    assert_int_equal(mk_profile_resize(p, n, m, NULL), 0);
    if (p->weight == NULL) {
        p->weight = calloc(n, sizeof *p->weight);
        p->weight_capacity = n;
    }
    for (size_t i = 0; i < n; i++) {
        char *end;
        p->weight[i] = strtoll(spec[i], &end, 10);
        assert_int_equal(*end, ':');
        int64_t *row = mk_profile_row(p, i), rank = 0;
        int group = 0;
        for (const char *s = end + 1; *s; s++) {
            if (*s == '(') {
                group = 1;
                rank++;
            } else if (*s == ')') {
                group = 0;
            } else {
                if (!group)
                    rank++;
                row[*s - 'A'] = rank;
            }
        }
    }
}

typedef struct election {
    mk_instance *inst;
    mk_outcome out;
} election;

static int run_rule(const mk_mechanism *mech, const mk_profile *p, const char *const *kv,
                    uint64_t seed, election *e, mk_ctx *ctx)
{
    mk_params params = MK_PARAMS_INIT;
    int rc = 0;
    for (size_t i = 0; kv != NULL && kv[i] != NULL && rc == 0; i++)
        rc = mk_params_set_arg(&params, kv[i], ctx);
    mk_setting setting = {0, p->n, p->width, seed, NULL, 0};
    e->inst = NULL;
    e->out = (mk_outcome)MK_OUTCOME_INIT;
    if (rc == 0)
        rc = mk_mechanism_prepare(mech, &params, &setting, &e->inst, ctx);
    mk_params_free(&params);
    if (rc == 0)
        rc = mech->run(e->inst, p, &e->out, ctx);
    return rc;
}

static void done(const mk_mechanism *mech, election *e)
{
    if (e->inst != NULL)
        mech->free(e->inst);
    mk_outcome_free(&e->out);
}

/* The winners as letters, e.g. "E" or "ABC". */
static const char *winners(const election *e, char *buf)
{
    size_t k = 0;
    for (size_t j = 0; j < e->out.n; j++)
        if (e->out.allocation[j])
            buf[k++] = (char)('A' + j);
    buf[k] = '\0';
    return buf;
}

static void expect_winners(const mk_mechanism *mech, const mk_profile *p, const char *const *kv,
                           const char *want)
{
    election e;
    mk_ctx ctx = MK_CTX_INIT;
    char buf[64];
    if (run_rule(mech, p, kv, 0, &e, &ctx) != 0)
        fail_msg("%s: %s", mech->name, ctx.message);
    if (strcmp(winners(&e, buf), want) != 0)
        fail_msg("%s: winners %s, expected %s", mech->name, buf, want);
    done(mech, &e);
}

/* COMAP, "For All Practical Purposes" (social choice chapter): 55 voters,
 * five candidates; plurality elects A, Borda D, IRV (Hare) C and the
 * Condorcet winner is E. Recounted by hand for this test: plurality
 * 18/12/10/9/6; Borda 72/101/107/136/134; Hare rounds eliminate E, D, B;
 * E beats every other candidate pairwise. The same profile, with names,
 * is examples/rules_disagree.soc. */
static const char *const comap[] = {"18:ADECB", "12:BEDCA", "10:CBEDA", "9:DCEBA",
                                    "4:EBDCA",  "2:ECDBA",  NULL};

static void test_rules_disagree(void **state)
{
    (void)state;
    mk_profile p = MK_PROFILE_INIT;
    ballots(&p, 5, comap);
    expect_winners(&mk_voting_plurality, &p, NULL, "A");
    expect_winners(&mk_voting_borda, &p, NULL, "D");
    expect_winners(&mk_voting_irv, &p, NULL, "C");
    expect_winners(&mk_voting_condorcet, &p, NULL, "E");
    expect_winners(&mk_voting_schulze, &p, NULL, "E");
    expect_winners(&mk_voting_ranked_pairs, &p, NULL, "E");
    expect_winners(&mk_voting_copeland, &p, NULL, "E");
    expect_winners(&mk_voting_minimax, &p, NULL, "E");
    /* COMAP's "plurality with elimination"'s sibling, the top-two runoff,
     * elects B there (A 18 against B 37); Condorcet-consistent rules elect
     * E (Black, Baldwin, Nanson, Llull). */
    expect_winners(&mk_voting_two_round, &p, NULL, "B");
    expect_winners(&mk_voting_black, &p, NULL, "E");
    expect_winners(&mk_voting_baldwin, &p, NULL, "E");
    expect_winners(&mk_voting_nanson, &p, NULL, "E");
    expect_winners(&mk_voting_llull, &p, NULL, "E");
    int64_t pw[25];
    assert_int_equal(mk_voting_pairwise(&p, pw, NULL), 0);
    assert_int_equal(pw[4 * 5 + 0], 37); /* E over A: everyone but A's 18 */
    assert_int_equal(pw[0 * 5 + 4], 18);
    int64_t borda = 0; /* Borda of D = row sum of the matrix = 136 */
    for (size_t b = 0; b < 5; b++)
        borda += pw[3 * 5 + b];
    assert_int_equal(borda, 136);
    mk_profile_free(&p);
}

/* The Condorcet paradox (Condorcet 1785): A>B>C, B>C>A, C>A>B. No
 * Condorcet winner; the Smith set, Schulze and Copeland tie all three;
 * ranked pairs locks A>B and B>C (equal margins, broken by candidate
 * order) and skips C>A, so A wins. */
static void test_cycle(void **state)
{
    (void)state;
    mk_profile p = MK_PROFILE_INIT;
    static const char *const cycle[] = {"1:ABC", "1:BCA", "1:CAB", NULL};
    ballots(&p, 3, cycle);
    expect_winners(&mk_voting_condorcet, &p, NULL, "ABC");
    expect_winners(&mk_voting_schulze, &p, NULL, "ABC");
    expect_winners(&mk_voting_copeland, &p, NULL, "ABC");
    expect_winners(&mk_voting_minimax, &p, NULL, "ABC");
    expect_winners(&mk_voting_ranked_pairs, &p, NULL, "A");
    expect_winners(&mk_voting_borda, &p, NULL, "ABC");
    expect_winners(&mk_voting_black, &p, NULL, "ABC");
    expect_winners(&mk_voting_baldwin, &p, NULL, "ABC");
    expect_winners(&mk_voting_nanson, &p, NULL, "ABC");
    expect_winners(&mk_voting_llull, &p, NULL, "ABC");
    /* two-round: A and B (lowest numbers) meet; A beats B 2 to 1 */
    expect_winners(&mk_voting_two_round, &p, NULL, "A");
    /* IRV: all tie on 1 first preference; the lowest-numbered of those with
     * fewest first preferences (A) goes, its vote moves to B, and B wins. */
    expect_winners(&mk_voting_irv, &p, NULL, "B");
    mk_profile_free(&p);
}

/* Smith and Schwartz sets differ when majorities tie: A beats B 2-0,
 * B ties C and C ties A. Every candidate reaches every other by "beats or
 * ties", so the Smith set is all three; under strict majorities only A
 * beats anyone, and A and C are beaten by no one: Schwartz {A, C}. */
static void test_smith_schwartz(void **state)
{
    (void)state;
    mk_profile p = MK_PROFILE_INIT;
    static const char *const spec[] = {"1:ABC", "1:CAB", NULL};
    ballots(&p, 3, spec);
    expect_winners(&mk_voting_smith, &p, NULL, "ABC");
    expect_winners(&mk_voting_schwartz, &p, NULL, "AC");
    static const char *const cycle[] = {"1:ABC", "1:BCA", "1:CAB", NULL};
    ballots(&p, 3, cycle);
    expect_winners(&mk_voting_schwartz, &p, NULL, "ABC");
    ballots(&p, 5, comap);
    expect_winners(&mk_voting_smith, &p, NULL, "E");
    expect_winners(&mk_voting_schwartz, &p, NULL, "E");
    mk_profile_free(&p);
}

/* Copeland's tie weight: A and B tie pairwise and both beat C. */
static void test_copeland_alpha(void **state)
{
    (void)state;
    mk_profile p = MK_PROFILE_INIT;
    static const char *const tie[] = {"1:ABC", "1:BAC", NULL};
    ballots(&p, 3, tie);
    expect_winners(&mk_voting_copeland, &p, NULL, "AB");
    static const char *const zero[] = {"alpha=0", NULL};
    expect_winners(&mk_voting_copeland, &p, zero, "AB");
    election e;
    mk_ctx ctx = MK_CTX_INIT;
    static const char *const two[] = {"alpha=2", NULL};
    assert_int_equal(run_rule(&mk_voting_copeland, &p, two, 0, &e, &ctx), MK_EPARAM);
    assert_non_null(strstr(ctx.message, "alpha must be between 0 and 1"));
    done(&mk_voting_copeland, &e);
    static const char *const fine[] = {"alpha=0.1234567", NULL};
    assert_int_equal(run_rule(&mk_voting_copeland, &p, fine, 0, &e, &ctx), MK_EPARAM);
    done(&mk_voting_copeland, &e);
    mk_profile_free(&p);
}

/* Minimax on a weighted cycle (pairwise A>B 6-3, B>C 7-2, C>A 5-4): A's
 * worst defeat is the smallest under every measure. */
static void test_minimax_measures(void **state)
{
    (void)state;
    mk_profile p = MK_PROFILE_INIT;
    static const char *const cyc[] = {"4:ABC", "3:BCA", "2:CAB", NULL};
    ballots(&p, 3, cyc);
    static const char *const m1[] = {"measure=margins", NULL};
    static const char *const m2[] = {"measure=opposition", NULL};
    expect_winners(&mk_voting_minimax, &p, NULL, "A");
    expect_winners(&mk_voting_minimax, &p, m1, "A");
    expect_winners(&mk_voting_minimax, &p, m2, "A");
    expect_winners(&mk_voting_condorcet, &p, NULL, "ABC");
    /* Schulze: A's strongest path to C is A>B>C of strength min(6, 7) = 6,
     * above C's direct 5 over A, so A wins (Schulze 2011, section 2). */
    expect_winners(&mk_voting_schulze, &p, NULL, "A");
    /* Ranked pairs: lock B>C (margin 5), A>B (3), skip C>A (1): A. */
    expect_winners(&mk_voting_ranked_pairs, &p, NULL, "A");
    /* Borda A 10, B 10, C 7: Black (no Condorcet winner) ties A and B;
     * Baldwin drops C, then A beats B 6-3; Nanson drops C (below the
     * mean 9), then B (3 below 4.5); two-round: A 4, B 3 meet, A 6-3;
     * Llull: one win each, all tied. */
    expect_winners(&mk_voting_black, &p, NULL, "AB");
    expect_winners(&mk_voting_baldwin, &p, NULL, "A");
    expect_winners(&mk_voting_nanson, &p, NULL, "A");
    expect_winners(&mk_voting_two_round, &p, NULL, "A");
    expect_winners(&mk_voting_llull, &p, NULL, "ABC");
    mk_profile_free(&p);
}

/* Over-votes (a tie at the top of a ballot) under both IRV policies.
 * A 4, B 3, C 2, and 2 ballots "(AC)B": with overvote=exhaust they never
 * count; with overvote=recount they count for A once C is eliminated. */
static void test_irv_overvote(void **state)
{
    (void)state;
    mk_profile p = MK_PROFILE_INIT;
    static const char *const spec[] = {"4:A", "3:B", "2:CB", "2:(AC)B", NULL};
    ballots(&p, 3, spec);
    /* exhaust: round 1 A 4, B 3, C 2 (2 exhausted); C goes, its 2 go to B:
     * B 5 beats A 4. */
    expect_winners(&mk_voting_irv, &p, NULL, "B");
    /* recount: after C goes, "(AC)B" counts for A: A 6, B 5. */
    static const char *const re[] = {"overvote=recount", NULL};
    expect_winners(&mk_voting_irv, &p, re, "A");
    /* plurality ignores the over-votes: A 4. */
    expect_winners(&mk_voting_plurality, &p, NULL, "A");
    mk_profile_free(&p);
}

/* Ties for last place: A 3, B 2, C 2, D 2 with second choices that tell
 * them apart. Default: fewest first preferences (all 2) then the lowest
 * number, so B goes first. With ties=random the seed picks, and the same
 * seed always gives the same result. */
static void test_irv_ties(void **state)
{
    (void)state;
    mk_profile p = MK_PROFILE_INIT;
    static const char *const spec[] = {"3:A", "2:BC", "2:CD", "2:DB", NULL};
    ballots(&p, 4, spec);
    /* B goes: C 4; then D (2) goes: its DB ballots exhaust (B is out):
     * A 3, C 4 -> C has 4 of 7. */
    expect_winners(&mk_voting_irv, &p, NULL, "C");
    static const char *const rnd[] = {"ties=random", NULL};
    char first[8], again[8];
    int won[4] = {0};
    election e;
    mk_ctx ctx = MK_CTX_INIT;
    for (uint64_t seed = 0; seed < 8; seed++) {
        assert_int_equal(run_rule(&mk_voting_irv, &p, rnd, seed, &e, &ctx), 0);
        winners(&e, first);
        done(&mk_voting_irv, &e);
        assert_int_equal(run_rule(&mk_voting_irv, &p, rnd, seed, &e, &ctx), 0);
        assert_string_equal(winners(&e, again), first);
        done(&mk_voting_irv, &e);
        assert_int_equal(strlen(first), 1);
        won[first[0] - 'A'] = 1;
    }
    /* B, C or D can win depending on who goes first; A never does. */
    assert_false(won[0]);
    assert_true(won[1] + won[2] + won[3] >= 2);
    mk_profile_free(&p);
}

static void test_bad_reports(void **state)
{
    (void)state;
    mk_profile p = MK_PROFILE_INIT;
    static const char *const spec[] = {"1:AB", NULL};
    ballots(&p, 2, spec);
    mk_profile_row(&p, 0)[1] = 3; /* rank 3 of 2 candidates */
    election e;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(run_rule(&mk_voting_borda, &p, NULL, 0, &e, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "ballot 1 gives candidate 2 rank 3"));
    done(&mk_voting_borda, &e);
    /* IRV checks each ballot as it reads it: the same messages */
    assert_int_equal(run_rule(&mk_voting_irv, &p, NULL, 0, &e, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "ballot 1 gives candidate 2 rank 3"));
    done(&mk_voting_irv, &e);
    mk_profile_row(&p, 0)[1] = 2;
    p.weight[0] = -1;
    assert_int_equal(run_rule(&mk_voting_irv, &p, NULL, 0, &e, &ctx), MK_EINPUT);
    assert_non_null(strstr(ctx.message, "ballot 1 has weight -1"));
    done(&mk_voting_irv, &e);
    mk_profile_free(&p);
}

/* IRV with more candidates than fit one word of ranks (its ballots are
 * then sorted, not placed straight): 70 candidates; candidate k < 69
 * has k + 2 first preferences, each ranking Z (the 70th) second, and Z
 * has 60. Counted by hand: Z only gains, so the smallest k goes each
 * round; after k = 0..47 are out Z holds 60 + (48 x 51) / 2 = 1284 of
 * 2544, a majority, in round 49. Plurality elects k = 68 (70 votes). */
static void test_irv_many_candidates(void **state)
{
    (void)state;
    enum { M = 70, Z = 69 };
    mk_profile p = MK_PROFILE_INIT;
    assert_int_equal(mk_profile_resize(&p, M, M, NULL), 0);
    p.weight = calloc(M, sizeof *p.weight);
    p.weight_capacity = M;
    for (size_t k = 0; k < Z; k++) {
        mk_profile_row(&p, k)[k] = 1;
        mk_profile_row(&p, k)[Z] = 2;
        p.weight[k] = (int64_t)k + 2;
    }
    mk_profile_row(&p, Z)[Z] = 1;
    p.weight[Z] = 60;
    election e;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(run_rule(&mk_voting_irv, &p, NULL, 0, &e, &ctx), 0);
    for (size_t j = 0; j < M; j++)
        assert_int_equal(e.out.allocation[j], j == Z);
    json_t *result = json_object();
    assert_int_equal(mk_voting_irv.result_json(e.inst, &p, &e.out, result, &ctx), 0);
    assert_int_equal(json_array_size(json_object_get(result, "rounds")), 49);
    json_decref(result);
    done(&mk_voting_irv, &e);
    assert_int_equal(run_rule(&mk_voting_plurality, &p, NULL, 0, &e, &ctx), 0);
    assert_int_equal(e.out.allocation[68], 1);
    done(&mk_voting_plurality, &e);
    mk_profile_free(&p);
}

/* IRV's reported Condorcet winner (counted without the matrix) on p. */
static void expect_irv_condorcet(const mk_profile *p, const char *want)
{
    election e;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(run_rule(&mk_voting_irv, p, NULL, 0, &e, &ctx), 0);
    json_t *result = json_object();
    assert_int_equal(mk_voting_irv.result_json(e.inst, p, &e.out, result, &ctx), 0);
    json_t *cw = json_object_get(result, "condorcet_winner");
    if (want == NULL)
        assert_true(json_is_null(cw));
    else
        assert_string_equal(json_string_value(cw), want);
    json_decref(result);
    done(&mk_voting_irv, &e);
}

/* COMAP's Condorcet winner is E, the 5th (see comap). With C>B>A>D and B>C>D>A,
 * B and C tie 1-1 and each beats A and D 2-0: no Condorcet winner (the
 * knockout's survivor B is then checked against C, which it only tied). */
static void test_irv_condorcet_winner(void **state)
{
    (void)state;
    mk_profile p = MK_PROFILE_INIT;
    ballots(&p, 5, comap);
    expect_irv_condorcet(&p, "5"); /* unnamed candidates go by number */
    static const char *const tie[] = {"1:CBAD", "1:BCDA", NULL};
    ballots(&p, 4, tie);
    expect_irv_condorcet(&p, NULL);
    /* 300 candidates (16-bit keys beyond 255): the 300th first on both
     * ballots wins every head-to-head; a ranking and its reverse tie
     * every pair. */
    enum { M = 300 };
    assert_int_equal(mk_profile_resize(&p, 2, M, NULL), 0);
    for (size_t j = 0; j + 1 < M; j++) {
        mk_profile_row(&p, 0)[j] = (int64_t)j + 2;
        mk_profile_row(&p, 1)[j] = (int64_t)(M - j);
    }
    mk_profile_row(&p, 0)[M - 1] = mk_profile_row(&p, 1)[M - 1] = 1;
    expect_irv_condorcet(&p, "300");
    for (size_t j = 0; j < M; j++) {
        mk_profile_row(&p, 0)[j] = (int64_t)j + 1;
        mk_profile_row(&p, 1)[j] = (int64_t)(M - j);
    }
    expect_irv_condorcet(&p, NULL);
    mk_profile_free(&p);
}

/* One IRV instance counts elections of different shapes in turn (as an
 * audit does): its kept workspaces must fit each, and each count must
 * be the one a fresh instance gives (COMAP: C; 4 ABC, 3 BCA, 2 CAB: C
 * goes and its ballots give A 6 of 9). */
static void test_irv_reused_instance(void **state)
{
    (void)state;
    static const char *const three[] = {"4:ABC", "3:BCA", "2:CAB", NULL};
    mk_profile big = MK_PROFILE_INIT, small = MK_PROFILE_INIT;
    ballots(&big, 5, comap);
    ballots(&small, 3, three);
    mk_params params = MK_PARAMS_INIT;
    mk_setting setting = {0, small.n, small.width, 0, NULL, 0};
    mk_instance *inst = NULL;
    mk_outcome out = MK_OUTCOME_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_mechanism_prepare(&mk_voting_irv, &params, &setting, &inst, &ctx), 0);
    const mk_profile *order[] = {&small, &big, &small, &big};
    const size_t want[] = {0, 2, 0, 2};
    for (size_t k = 0; k < 4; k++) {
        assert_int_equal(mk_voting_irv.run(inst, order[k], &out, &ctx), 0);
        for (size_t j = 0; j < order[k]->width; j++)
            assert_int_equal(out.allocation[j], j == want[k]);
    }
    mk_voting_irv.free(inst);
    mk_outcome_free(&out);
    mk_profile_free(&big);
    mk_profile_free(&small);
}

/* The audit interface: impartial culture, truthful copy, Borda utility,
 * exhaustive deviations for m <= 5 and sampled swaps beyond. */
static void test_audit_interface(void **state)
{
    (void)state;
    const mk_mechanism *m = &mk_voting_irv;
    mk_params params = MK_PARAMS_INIT;
    mk_setting setting = MK_SETTING_INIT;
    mk_instance *inst = NULL;
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(mk_mechanism_prepare(m, &params, &setting, &inst, &ctx), 0);
    mk_rng rng;
    mk_rng_seed(&rng, 7);
    mk_profile types = MK_PROFILE_INIT, reports = MK_PROFILE_INIT;
    assert_int_equal(m->sample(inst, &rng, 10, &types, &ctx), 0);
    assert_int_equal(types.n, 10);
    assert_int_equal(types.width, 4);
    for (size_t i = 0; i < types.n; i++) {
        int seen[5] = {0};
        for (size_t j = 0; j < 4; j++) {
            int64_t r = mk_profile_row(&types, i)[j];
            assert_true(r >= 1 && r <= 4);
            assert_false(seen[r]);
            seen[r] = 1;
        }
    }
    assert_int_equal(m->truthful(inst, &types, &reports, &ctx), 0);
    assert_memory_equal(reports.cells, types.cells, 40 * sizeof(int64_t));
    /* Borda utility: voter 0 ranks the winner at r, so it ranks 4 - r
     * candidates below it. */
    mk_outcome o = MK_OUTCOME_INIT;
    assert_int_equal(mk_outcome_reset(&o, 4, 0, &ctx), 0);
    o.allocation[2] = 1;
    mk_rational u;
    assert_int_equal(m->utility(inst, &types, 0, &o, &u, &ctx), 0);
    assert_int_equal(u.num, 4 - mk_profile_row(&types, 0)[2]);
    assert_int_equal(u.den, 1);
    o.allocation[3] = 1; /* two winners: the average */
    assert_int_equal(m->utility(inst, &types, 0, &o, &u, &ctx), 0);
    mk_rational want;
    assert_int_equal(
        mk_rational_make(8 - mk_profile_row(&types, 0)[2] - mk_profile_row(&types, 0)[3], 2, &want),
        0);
    assert_int_equal(mk_rational_cmp(u, want), 0);
    int64_t rows[200 * 6] = {0};
    mk_deviation_set dev = {rows, 4, 200, 0, 0};
    assert_int_equal(m->deviations(inst, &types, 0, &rng, &dev, &ctx), 0);
    assert_int_equal(dev.n, 24);
    assert_true(dev.exhaustive);
    dev.max = 10;
    assert_int_equal(m->deviations(inst, &types, 0, &rng, &dev, &ctx), 0);
    assert_int_equal(dev.n, 10);
    assert_false(dev.exhaustive);
    m->free(inst);
    /* six candidates: sampled swaps of the sincere ranking */
    assert_int_equal(mk_params_set_arg(&params, "candidates=6", &ctx), 0);
    assert_int_equal(mk_mechanism_prepare(m, &params, &setting, &inst, &ctx), 0);
    assert_int_equal(m->sample(inst, &rng, 3, &types, &ctx), 0);
    mk_deviation_set dev6 = {rows, 6, 50, 0, 0};
    assert_int_equal(m->deviations(inst, &types, 1, &rng, &dev6, &ctx), 0);
    assert_int_equal(dev6.n, 50);
    assert_false(dev6.exhaustive);
    for (size_t k = 0; k < dev6.n; k++) {
        size_t differ = 0;
        for (size_t j = 0; j < 6; j++)
            differ += rows[k * 6 + j] != mk_profile_row(&types, 1)[j];
        assert_int_equal(differ, 2);
    }
    m->free(inst);
    mk_params_free(&params);
    mk_outcome_free(&o);
    mk_profile_free(&types);
    mk_profile_free(&reports);
}

/* ---- shared/data/elections (SOURCES.md) ---------------------------------------------------- */

static int read_shared(const char *file, mk_dataset *d)
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
    if (mk_voting_read(&in, NULL, d, &ctx) != 0)
        fail_msg("%s", ctx.message);
    return 0;
}

/* The single winner's name (the file's ALTERNATIVE NAME). */
static void expect_named(const mk_mechanism *mech, const mk_dataset *d, const char *const *kv,
                         const char *want)
{
    election e;
    mk_ctx ctx = MK_CTX_INIT;
    if (run_rule(mech, &d->reports, kv, 0, &e, &ctx) != 0)
        fail_msg("%s", ctx.message);
    size_t m = d->reports.width, count = 0;
    const char *got = NULL;
    assert_int_equal(d->n_items, m);
    for (size_t j = 0; j < m; j++)
        if (e.out.allocation[j]) {
            count++;
            got = d->items[j];
        }
    assert_int_equal(count, 1);
    assert_non_null(got);
    if (strcmp(got, want) != 0)
        fail_msg("%s: %s, expected %s", mech->name, got, want);
    done(mech, &e);
}

/* Burlington 2009 (SOURCES.md): Kiss wins IRV, Montroll is the Condorcet
 * and Schulze winner, Wright leads first preferences. */
static void test_burlington(void **state)
{
    (void)state;
    mk_dataset d = MK_DATASET_INIT;
    if (read_shared("00005-00000002.toi", &d) != 0)
        skip();
    assert_int_equal(d.reports.width, 6);
    assert_int_equal(d.reports.n, 384); /* distinct ballots */
    assert_int_equal(d.n_items, 6);
    expect_named(&mk_voting_irv, &d, NULL, "Bob Kiss");
    expect_named(&mk_voting_condorcet, &d, NULL, "Andy Montroll");
    expect_named(&mk_voting_schulze, &d, NULL, "Andy Montroll");
    expect_named(&mk_voting_ranked_pairs, &d, NULL, "Andy Montroll");
    expect_named(&mk_voting_plurality, &d, NULL, "Kurt Wright");
    int64_t pw[36];
    assert_int_equal(mk_voting_pairwise(&d.reports, pw, NULL), 0);
    assert_int_equal(pw[1 * 6 + 0], 4067); /* Montroll over Kiss */
    assert_int_equal(pw[0 * 6 + 1], 3477);
    assert_int_equal(pw[1 * 6 + 4], 4597); /* Montroll over Wright */
    assert_int_equal(pw[1 * 6 + 3], 4573); /* Montroll over Smith */
    assert_int_equal(pw[0 * 6 + 4], 4314); /* Kiss over Wright */
    assert_int_equal(pw[4 * 6 + 0], 4064);
    mk_dataset_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_disagree),
        cmocka_unit_test(test_cycle),
        cmocka_unit_test(test_copeland_alpha),
        cmocka_unit_test(test_smith_schwartz),
        cmocka_unit_test(test_minimax_measures),
        cmocka_unit_test(test_irv_overvote),
        cmocka_unit_test(test_irv_ties),
        cmocka_unit_test(test_bad_reports),
        cmocka_unit_test(test_irv_many_candidates),
        cmocka_unit_test(test_irv_reused_instance),
        cmocka_unit_test(test_irv_condorcet_winner),
        cmocka_unit_test(test_audit_interface),
        cmocka_unit_test(test_burlington),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
