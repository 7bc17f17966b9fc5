/* Tests of src/mechanisms/auction/multi_unit*.c: uniform-price, pay-as-bid
 * and multi-unit Vickrey auctions, driven only through the mk_mechanism
 * interface. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "mechkit/auction.h"
#include "mechkit/bids.h"
#include "mechkit/mechanism.h"
#include "mechkit/rational.h"

#define UNIFORM (&mk_auction_uniform_price)
#define PAB (&mk_auction_pay_as_bid)
#define VICKREY (&mk_auction_multiunit_vickrey)

/* ---- helpers ------------------------------------------------------------ */

/* Prepares mech with space-separated KEY=VALUE args; returns the error
 * code, and the instance in *out on success. */
static int try_prepare(const mk_mechanism *mech, const char *args, int scale, uint64_t seed,
                       mk_instance **out, mk_ctx *ctx)
{
    mk_params params = MK_PARAMS_INIT;
    char buf[256];
    strncpy(buf, args, sizeof buf - 1);
    buf[sizeof buf - 1] = '\0';
    int rc = 0;
    for (char *tok = strtok(buf, " "); tok != NULL && rc == 0; tok = strtok(NULL, " "))
        rc = mk_params_set_arg(&params, tok, ctx);
    mk_setting setting = {scale, 4, MK_BID_FIRST + 3, seed, NULL, 0};
    if (rc == 0)
        rc = mk_mechanism_prepare(mech, &params, &setting, out, ctx);
    mk_params_free(&params);
    return rc;
}

static mk_instance *prepare_ok(const mk_mechanism *mech, const char *args, int scale, uint64_t seed)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_instance *inst = NULL;
    int rc = try_prepare(mech, args, scale, seed, &inst, &ctx);
    if (rc != 0)
        fail_msg("prepare %s %s: %s", mech->name, args, ctx.message);
    return inst;
}

/* Builds a profile from "10,8,2;9,5;7": bidders separated by ';', their
 * marginal bids (minor units) by ','; an empty bidder has no bids. Rows are
 * padded with MK_BID_NONE to `units` bids (at least the longest). */
static void build(mk_profile *p, const char *spec, size_t units)
{
    mk_ctx ctx = MK_CTX_INIT;
    size_t n = spec[0] != '\0', longest = 0, cur = 0;
    for (const char *s = spec; *s != '\0'; s++) {
        if (*s == ';') {
            n++;
            cur = 0;
        } else if (s == spec || s[-1] == ';' || s[-1] == ',') {
            cur++; /* the first character of a bid */
            longest = cur > longest ? cur : longest;
        }
    }
    size_t width = MK_BID_FIRST + (units > longest ? units : longest);
    assert_int_equal(mk_profile_resize(p, n, width, &ctx), 0);
    const char *s = spec;
    for (size_t i = 0; i < n; i++) {
        int64_t *row = mk_profile_row(p, i);
        row[MK_BID_SIDE] = MK_SIDE_BUY;
        row[MK_BID_QUALITY] = MK_QUALITY_ONE;
        for (size_t c = MK_BID_FIRST; c < width; c++)
            row[c] = MK_BID_NONE;
        size_t k = 0;
        while (*s != '\0' && *s != ';') {
            char *end;
            row[MK_BID_FIRST + k++] = strtoll(s, &end, 10);
            s = *end == ',' ? end + 1 : end;
        }
        if (*s == ';')
            s++;
    }
}

static void run_ok(const mk_mechanism *mech, mk_instance *inst, const mk_profile *reports,
                   mk_outcome *out)
{
    mk_ctx ctx = MK_CTX_INIT;
    int rc = mech->run(inst, reports, out, &ctx);
    if (rc != 0)
        fail_msg("run %s: %s", mech->name, ctx.message);
}

/* Runs mech (args) on spec and checks allocation and payment per bidder. */
static void expect(const mk_mechanism *mech, const char *args, const char *spec,
                   const int64_t *alloc, const int64_t *pay, size_t n)
{
    mk_instance *inst = prepare_ok(mech, args, 0, 0);
    mk_profile reports = MK_PROFILE_INIT;
    mk_outcome out = MK_OUTCOME_INIT;
    build(&reports, spec, 0);
    run_ok(mech, inst, &reports, &out);
    assert_int_equal(out.n, n);
    int64_t sold = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(out.allocation[i], alloc[i]);
        assert_int_equal(out.payment[i], pay[i]);
        sold += alloc[i];
    }
    const mk_fact *f = mk_outcome_fact(&out, "units_sold");
    assert_non_null(f);
    assert_int_equal(f->value, sold);
    assert_int_equal(f->scale, MK_FACT_COUNT);
    mk_outcome_free(&out);
    mk_profile_free(&reports);
    mech->free(inst);
}

static int64_t clearing_price(const char *args, const char *spec)
{
    mk_instance *inst = prepare_ok(UNIFORM, args, 0, 0);
    mk_profile reports = MK_PROFILE_INIT;
    mk_outcome out = MK_OUTCOME_INIT;
    build(&reports, spec, 0);
    run_ok(UNIFORM, inst, &reports, &out);
    const mk_fact *f = mk_outcome_fact(&out, "clearing_price");
    assert_non_null(f);
    int64_t price = f->value;
    mk_outcome_free(&out);
    mk_profile_free(&reports);
    UNIFORM->free(inst);
    return price;
}

static mk_rational utility_of(const mk_mechanism *mech, mk_instance *inst, const mk_profile *types,
                              size_t who, const mk_outcome *out)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_rational u = {0, 1};
    int rc = mech->utility(inst, types, who, out, &u, &ctx);
    if (rc != 0)
        fail_msg("utility %s: %s", mech->name, ctx.message);
    return u;
}

/* The largest gain over truth-telling that bidder who finds among
 * mech->deviations, the others reporting truthfully. */
static mk_rational best_gain(const mk_mechanism *mech, mk_instance *inst, const mk_profile *types,
                             size_t who)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_profile reports = MK_PROFILE_INIT;
    mk_outcome out = MK_OUTCOME_INIT;
    mk_rng rng;
    mk_rng_seed(&rng, 7);
    assert_int_equal(mech->truthful(inst, types, &reports, &ctx), 0);
    run_ok(mech, inst, &reports, &out);
    mk_rational truth = utility_of(mech, inst, types, who, &out);
    enum { MAX = 512 };
    int64_t *rows = calloc(MAX * types->width, sizeof *rows);
    assert_non_null(rows);
    mk_deviation_set set = {rows, types->width, MAX, 0, 0};
    assert_int_equal(mech->deviations(inst, types, who, &rng, &set, &ctx), 0);
    assert_true(set.n > 0);
    mk_rational best = {0, 1};
    for (size_t d = 0; d < set.n; d++) {
        memcpy(mk_profile_row(&reports, who), rows + d * types->width, types->width * sizeof *rows);
        run_ok(mech, inst, &reports, &out);
        mk_rational u = utility_of(mech, inst, types, who, &out), gain;
        assert_int_equal(mk_rational_sub(u, truth, &gain), 0);
        if (mk_rational_cmp(gain, best) > 0)
            best = gain;
    }
    free(rows);
    mk_outcome_free(&out);
    mk_profile_free(&reports);
    return best;
}

/* ---- worked examples ---------------------------------------------------- */

/* Worked by hand: 3 units; A bids 10,8,2, B 9,5, C 7. Ranked: A10 B9 A8 |
 * C7 B5 A2, so A wins 2 units and B 1 (units_sold 3). Uniform,
 * highest losing: price C's 7, A pays 2*7 = 14, B 7. Lowest winning: A's
 * 8, A pays 16, B 8. Pay-as-bid: A 10+8 = 18, B 9. Vickrey: A's 2 units
 * displace the others' 2nd and 3rd highest of {9,7,5}: 7+5 = 12; B's unit
 * displaces the others' 3rd highest of {10,8,7,2}: 7. */
static void test_example_three_units(void **state)
{
    (void)state;
    const char *spec = "10,8,2;9,5;7";
    const int64_t alloc[] = {2, 1, 0};
    expect(UNIFORM, "units=3", spec, alloc, (const int64_t[]){14, 7, 0}, 3);
    expect(UNIFORM, "units=3 price=lowest_winning", spec, alloc, (const int64_t[]){16, 8, 0}, 3);
    expect(PAB, "units=3", spec, alloc, (const int64_t[]){18, 9, 0}, 3);
    expect(VICKREY, "units=3", spec, alloc, (const int64_t[]){12, 7, 0}, 3);
    assert_int_equal(clearing_price("units=3", spec), 7);
    assert_int_equal(clearing_price("units=3 price=lowest_winning", spec), 8);
}

/* Worked by hand: 3 units; A bids 10,9,4, B 8,6, C 5. Ranked: A10 A9 B8 |
 * B6 C5 A4: A wins 2, B 1. Uniform highest losing: B's 6, A pays 12, B 6;
 * lowest winning 8: A 16, B 8. Pay-as-bid: A 19, B 8. Vickrey: A displaces
 * the others' 2nd and 3rd of {8,6,5}: 6+5 = 11; B displaces the others'
 * 3rd of {10,9,5,4}: 5 (its own losing 6 is not displaced by itself). */
static void test_example_own_losing_bid(void **state)
{
    (void)state;
    const char *spec = "10,9,4;8,6;5";
    const int64_t alloc[] = {2, 1, 0};
    expect(UNIFORM, "units=3", spec, alloc, (const int64_t[]){12, 6, 0}, 3);
    expect(UNIFORM, "units=3 price=lowest_winning", spec, alloc, (const int64_t[]){16, 8, 0}, 3);
    expect(PAB, "units=3", spec, alloc, (const int64_t[]){19, 8, 0}, 3);
    expect(VICKREY, "units=3", spec, alloc, (const int64_t[]){11, 5, 0}, 3);
}

/* Worked by hand: 2 units, reserve 6; A bids 10,5, B 8,7, C 6. A's 5 is
 * not accepted. Accepted, ranked: A10 B8 | B7 C6: A and B win one each.
 * Uniform highest losing: B's 7, each pays 7; lowest winning: 8 each.
 * Pay-as-bid: A 10, B 8. Vickrey: A displaces the others' 2nd of {8,7,6}:
 * 7; B displaces the others' 2nd of {10,6}: 6 (= the reserve). */
static void test_example_reserve(void **state)
{
    (void)state;
    const char *spec = "10,5;8,7;6";
    const int64_t alloc[] = {1, 1, 0};
    expect(UNIFORM, "units=2 reserve=6", spec, alloc, (const int64_t[]){7, 7, 0}, 3);
    expect(UNIFORM, "units=2 reserve=6 price=lowest_winning", spec, alloc,
           (const int64_t[]){8, 8, 0}, 3);
    expect(PAB, "units=2 reserve=6", spec, alloc, (const int64_t[]){10, 8, 0}, 3);
    expect(VICKREY, "units=2 reserve=6", spec, alloc, (const int64_t[]){7, 6, 0}, 3);
}

/* Worked by hand: 3 units, reserve 4; A bids 9,8, B 3 (not accepted). A
 * wins 2, one unit is unsold. Uniform highest losing: no losing bid, so
 * the reserve 4: A pays 8; lowest winning: 8, A pays 16. Pay-as-bid: 17.
 * Vickrey: the others have no accepted bid, so each displaced amount is
 * the reserve: 4+4 = 8. */
static void test_example_reserve_floor(void **state)
{
    (void)state;
    const char *spec = "9,8;3";
    const int64_t alloc[] = {2, 0};
    expect(UNIFORM, "units=3 reserve=4", spec, alloc, (const int64_t[]){8, 0}, 2);
    expect(UNIFORM, "units=3 reserve=4 price=lowest_winning", spec, alloc, (const int64_t[]){16, 0},
           2);
    expect(PAB, "units=3 reserve=4", spec, alloc, (const int64_t[]){17, 0}, 2);
    expect(VICKREY, "units=3 reserve=4", spec, alloc, (const int64_t[]){8, 0}, 2);
    assert_int_equal(clearing_price("units=3 reserve=4", spec), 4);
}

/* Worked by hand: 5 units, no reserve; A bids 4,3, B 2: every bid wins
 * (3 units sold). No losing bid: uniform highest losing price 0 (the
 * reserve), lowest winning 2 (A 4, B 2); pay-as-bid A 7, B 2; Vickrey: no
 * one displaces anyone, so every winner pays 0. */
static void test_example_excess_supply(void **state)
{
    (void)state;
    const char *spec = "4,3;2";
    const int64_t alloc[] = {2, 1};
    expect(UNIFORM, "units=5", spec, alloc, (const int64_t[]){0, 0}, 2);
    expect(UNIFORM, "units=5 price=lowest_winning", spec, alloc, (const int64_t[]){4, 2}, 2);
    expect(PAB, "units=5", spec, alloc, (const int64_t[]){7, 2}, 2);
    expect(VICKREY, "units=5", spec, alloc, (const int64_t[]){0, 0}, 2);
}

/* Worked by hand, at scale 2 (cents), reserve 4.50: 2 units; A bids
 * 12.25,9.00, B 9.00,4.00 (4.00 not accepted), C 4.50. Ranked: A12.25,
 * then A9.00 and B9.00 tie: A is listed first and wins. Losing: B9.00,
 * C4.50. Uniform: price 9.00, A pays 18.00. Vickrey: A displaces the
 * others' 1st and 2nd of {9.00, 4.50}: 13.50. */
static void test_example_cents(void **state)
{
    (void)state;
    mk_instance *u = prepare_ok(UNIFORM, "units=2 reserve=4.50", 2, 0);
    mk_instance *v = prepare_ok(VICKREY, "units=2 reserve=4.5", 2, 0);
    mk_profile reports = MK_PROFILE_INIT;
    mk_outcome out = MK_OUTCOME_INIT;
    build(&reports, "1225,900;900,400;450", 0);
    run_ok(UNIFORM, u, &reports, &out);
    assert_int_equal(out.payment_scale, 2);
    assert_int_equal(out.allocation[0], 2);
    assert_int_equal(out.payment[0], 1800);
    assert_int_equal(out.allocation[1], 0);
    const mk_fact *f = mk_outcome_fact(&out, "clearing_price");
    assert_non_null(f);
    assert_int_equal(f->value, 900);
    assert_int_equal(f->scale, 2);
    run_ok(VICKREY, v, &reports, &out);
    assert_int_equal(out.payment[0], 1350);
    assert_null(mk_outcome_fact(&out, "clearing_price"));
    mk_outcome_free(&out);
    mk_profile_free(&reports);
    UNIFORM->free(u);
    VICKREY->free(v);
}

/* ---- incentives --------------------------------------------------------- */

/* Demand reduction (Ausubel and Cramton 2002), worked by hand: 2 units; A
 * values two units at 10 each, B one unit at 6. Truthful: A wins both at
 * the highest losing bid 6, utility 20 - 12 = 8. Bidding for one unit, A
 * and B both win and no bid loses: price 0, A's utility 10. Nothing does
 * better (two units cost at least 6 each), so the best gain is exactly 2. */
static void test_uniform_demand_reduction(void **state)
{
    (void)state;
    mk_instance *inst = prepare_ok(UNIFORM, "units=2", 0, 0);
    mk_profile types = MK_PROFILE_INIT;
    build(&types, "10,10;6", 2);
    mk_rational gain = best_gain(UNIFORM, inst, &types, 0);
    assert_int_equal(gain.num, 2);
    assert_int_equal(gain.den, 1);
    mk_profile_free(&types);
    UNIFORM->free(inst);
}

/* Pay-as-bid is not truthful even for one unit, worked by hand: 2 units, A
 * values 10,10, B 6. Truthful, A pays its bids: utility 0. Bidding 0 for
 * one unit, A wins it (B takes the other) and pays 0: utility 10, the
 * most A can get (two units cost at least 6 each: 8). Gain exactly 10. */
static void test_pay_as_bid_shading(void **state)
{
    (void)state;
    mk_instance *inst = prepare_ok(PAB, "units=2", 0, 0);
    mk_profile types = MK_PROFILE_INIT;
    build(&types, "10,10;6", 2);
    mk_rational gain = best_gain(PAB, inst, &types, 0);
    assert_int_equal(gain.num, 10);
    assert_int_equal(gain.den, 1);
    mk_profile_free(&types);
    PAB->free(inst);
}

/* Vickrey 1961 (Krishna ch. 12): truthful bidding is dominant; on the same
 * profile as above, no deviation helps A. */
static void test_vickrey_no_demand_reduction(void **state)
{
    (void)state;
    mk_instance *inst = prepare_ok(VICKREY, "units=2", 0, 0);
    mk_profile types = MK_PROFILE_INIT;
    build(&types, "10,10;6", 2);
    mk_rational gain = best_gain(VICKREY, inst, &types, 0);
    assert_int_equal(gain.num, 0);
    mk_profile_free(&types);
    VICKREY->free(inst);
}

/* Seeded sampled profiles: under Vickrey no candidate of deviations beats
 * the truth (DSIC); under all three rules a truthful bidder's utility is
 * >= 0 (IR). */
static void test_sampled_dsic_and_ir(void **state)
{
    (void)state;
    static const char *const args[] = {"units=1", "units=2", "units=3", "units=3 reserve=40",
                                       "units=5 ties=random"};
    const mk_mechanism *mechs[] = {UNIFORM, PAB, VICKREY};
    mk_ctx ctx = MK_CTX_INIT;
    mk_profile types = MK_PROFILE_INIT, reports = MK_PROFILE_INIT;
    mk_outcome out = MK_OUTCOME_INIT;
    const mk_rational zero = {0, 1};
    for (size_t a = 0; a < sizeof args / sizeof args[0]; a++) {
        for (size_t m = 0; m < 3; m++) {
            mk_instance *inst = prepare_ok(mechs[m], args[a], 0, 99);
            for (uint64_t seed = 1; seed <= 12; seed++) {
                mk_rng rng;
                mk_rng_seed(&rng, seed);
                size_t n = 1 + (size_t)(seed % 5);
                assert_int_equal(mechs[m]->sample(inst, &rng, n, &types, &ctx), 0);
                assert_int_equal(mechs[m]->truthful(inst, &types, &reports, &ctx), 0);
                run_ok(mechs[m], inst, &reports, &out);
                for (size_t i = 0; i < n; i++) {
                    mk_rational u = utility_of(mechs[m], inst, &types, i, &out);
                    assert_true(mk_rational_cmp(u, zero) >= 0);
                    if (mechs[m] == VICKREY) {
                        mk_rational gain = best_gain(VICKREY, inst, &types, i);
                        assert_int_equal(mk_rational_cmp(gain, zero), 0);
                    }
                }
            }
            mechs[m]->free(inst);
        }
    }
    mk_outcome_free(&out);
    mk_profile_free(&types);
    mk_profile_free(&reports);
}

/* sample() draws multi-unit demands: min(units, 3) non-increasing bids. */
static void test_sample_units(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_profile types = MK_PROFILE_INIT;
    mk_rng rng;
    mk_rng_seed(&rng, 5);
    mk_instance *inst = prepare_ok(VICKREY, "units=7", 0, 0);
    assert_int_equal(VICKREY->sample(inst, &rng, 4, &types, &ctx), 0);
    assert_int_equal(types.n, 4);
    assert_int_equal(types.width, MK_BID_FIRST + 3);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(mk_bids_count(mk_profile_row(&types, i), types.width), 3);
    VICKREY->free(inst);
    inst = prepare_ok(VICKREY, "units=2", 0, 0);
    assert_int_equal(VICKREY->sample(inst, &rng, 2, &types, &ctx), 0);
    assert_int_equal(types.width, MK_BID_FIRST + 2);
    VICKREY->free(inst);
    mk_profile_free(&types);
}

/* ---- false-name bids ---------------------------------------------------- */

/* The sum over the k identities of who (rows who, n..n+k-2 of split) of
 * their utilities when everyone reports truthfully, with the types split
 * the same way. */
static mk_rational group_utility(const mk_mechanism *mech, mk_instance *inst,
                                 const mk_profile *types, size_t who, size_t k)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_profile split_types = MK_PROFILE_INIT;
    mk_outcome out = MK_OUTCOME_INIT;
    assert_int_equal(mech->split(inst, types, who, k, &split_types, &ctx), 0);
    assert_int_equal(split_types.n, types->n + k - 1);
    run_ok(mech, inst, &split_types, &out);
    mk_rational sum = utility_of(mech, inst, &split_types, who, &out);
    for (size_t j = 1; j < k; j++) {
        mk_rational u = utility_of(mech, inst, &split_types, types->n + j - 1, &out);
        assert_int_equal(mk_rational_add(sum, u, &sum), 0);
    }
    mk_outcome_free(&out);
    mk_profile_free(&split_types);
    return sum;
}

static mk_rational truthful_utility(const mk_mechanism *mech, mk_instance *inst,
                                    const mk_profile *types, size_t who)
{
    mk_outcome out = MK_OUTCOME_INIT;
    run_ok(mech, inst, types, &out);
    mk_rational u = utility_of(mech, inst, types, who, &out);
    mk_outcome_free(&out);
    return u;
}

/* split deals the bids round-robin (worked by hand): A 10,8,2 in 2
 * identities is A 10,2 and A' 8; in 3 it is 10 | 8 | 2; in 4 the last
 * identity has no bid. Other rows are unchanged. */
static void test_split_layout(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_instance *inst = prepare_ok(VICKREY, "units=3", 0, 0);
    mk_profile reports = MK_PROFILE_INIT, out = MK_PROFILE_INIT;
    build(&reports, "9;10,8,2", 3);
    assert_int_equal(VICKREY->split(inst, &reports, 1, 2, &out, &ctx), 0);
    assert_int_equal(out.n, 3);
    assert_int_equal(out.width, reports.width);
    assert_memory_equal(mk_profile_row(&out, 0), mk_profile_row(&reports, 0),
                        reports.width * sizeof(int64_t));
    const int64_t a2[] = {MK_SIDE_BUY, MK_QUALITY_ONE, 10, 2, MK_BID_NONE};
    const int64_t b2[] = {MK_SIDE_BUY, MK_QUALITY_ONE, 8, MK_BID_NONE, MK_BID_NONE};
    assert_memory_equal(mk_profile_row(&out, 1), a2, sizeof a2);
    assert_memory_equal(mk_profile_row(&out, 2), b2, sizeof b2);
    assert_int_equal(VICKREY->split(inst, &reports, 1, 4, &out, &ctx), 0);
    assert_int_equal(out.n, 5);
    assert_int_equal(mk_bids_count(mk_profile_row(&out, 1), out.width), 1);
    assert_int_equal(mk_profile_row(&out, 1)[MK_BID_FIRST], 10);
    assert_int_equal(mk_profile_row(&out, 2)[MK_BID_FIRST], 8);
    assert_int_equal(mk_profile_row(&out, 3)[MK_BID_FIRST], 2);
    assert_int_equal(mk_bids_count(mk_profile_row(&out, 4), out.width), 0);
    /* k = 1 is the profile itself; bad calls are errors, not crashes. */
    assert_int_equal(VICKREY->split(inst, &reports, 0, 1, &out, &ctx), 0);
    assert_int_equal(out.n, 2);
    assert_memory_equal(out.cells, reports.cells, 2 * reports.width * sizeof(int64_t));
    assert_int_not_equal(VICKREY->split(inst, &reports, 2, 2, &out, &ctx), 0);
    assert_int_not_equal(VICKREY->split(inst, &reports, 0, 0, &out, &ctx), 0);
    mk_profile_free(&out);
    mk_profile_free(&reports);
    VICKREY->free(inst);
}

/*
 * False-name bids in the multi-unit Vickrey auction. The known failure of
 * VCG under false names (Yokoo, Sakurai and Matsubara 2004) needs
 * complementary values; with non-increasing marginal values (the only ones
 * bids.h can express) the surplus function, a weighted rank function of a
 * uniform matroid, is submodular ("concave" in their terms), and their
 * theorem makes VCG false-name-proof. So a split never helps here: worked
 * by hand, 2 units, A values 10,10, C 6. Truthful: A wins both and pays the
 * displaced 6 and 0 (no second other bid): utility 20 - 6 = 14. As A 10
 * and A' 10, each identity displaces the others' 2nd highest, which is 6
 * ({10,6} for either): group utility 20 - 12 = 8 < 14. The sweep below
 * checks the same on sampled profiles.
 */
static void test_vickrey_false_name(void **state)
{
    (void)state;
    mk_instance *inst = prepare_ok(VICKREY, "units=2", 0, 0);
    mk_profile types = MK_PROFILE_INIT;
    build(&types, "10,10;6", 2);
    mk_rational truth = truthful_utility(VICKREY, inst, &types, 0);
    mk_rational group = group_utility(VICKREY, inst, &types, 0, 2);
    assert_int_equal(truth.num, 14);
    assert_int_equal(group.num, 8);
    VICKREY->free(inst);

    mk_ctx ctx = MK_CTX_INIT;
    inst = prepare_ok(VICKREY, "units=3", 0, 3);
    for (uint64_t seed = 1; seed <= 30; seed++) {
        mk_rng rng;
        mk_rng_seed(&rng, seed);
        size_t n = 2 + (size_t)(seed % 3);
        assert_int_equal(VICKREY->sample(inst, &rng, n, &types, &ctx), 0);
        for (size_t who = 0; who < n; who++) {
            mk_rational t = truthful_utility(VICKREY, inst, &types, who);
            for (size_t k = 2; k <= 3; k++) {
                mk_rational g = group_utility(VICKREY, inst, &types, who, k);
                assert_true(mk_rational_cmp(g, t) <= 0);
            }
        }
    }
    mk_profile_free(&types);
    VICKREY->free(inst);
}

/* A uniform price depends only on the bids, not on who makes them: a split
 * leaves the group's utility unchanged (worked by hand on the profile
 * above: 2 units at 6 each, 20 - 12 = 8 either way). */
static void test_uniform_split_neutral(void **state)
{
    (void)state;
    mk_instance *inst = prepare_ok(UNIFORM, "units=2", 0, 0);
    mk_profile types = MK_PROFILE_INIT;
    build(&types, "10,10;6", 2);
    mk_rational truth = truthful_utility(UNIFORM, inst, &types, 0);
    mk_rational group = group_utility(UNIFORM, inst, &types, 0, 2);
    assert_int_equal(truth.num, 8);
    assert_int_equal(group.num, 8);
    mk_profile_free(&types);
    UNIFORM->free(inst);
}

/* ---- parameters and bad input ------------------------------------------ */

static void expect_prepare_error(const mk_mechanism *mech, const char *args, int code,
                                 const char *needle)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_instance *inst = NULL;
    assert_int_equal(try_prepare(mech, args, 0, 0, &inst, &ctx), code);
    assert_null(inst);
    if (strstr(ctx.message, needle) == NULL)
        fail_msg("message '%s' lacks '%s'", ctx.message, needle);
}

static void test_parameter_errors(void **state)
{
    (void)state;
    expect_prepare_error(UNIFORM, "", MK_EPARAM, "'units' is required");
    expect_prepare_error(VICKREY, "reserve=3", MK_EPARAM, "'units' is required");
    expect_prepare_error(PAB, "units=0", MK_EPARAM, "units");
    expect_prepare_error(PAB, "units=-2", MK_EPARAM, "units");
    expect_prepare_error(UNIFORM, "units=two", MK_EPARAM, "units");
    expect_prepare_error(UNIFORM, "units=1.5", MK_EPARAM, "units");
    expect_prepare_error(UNIFORM, "units=2000000000", MK_EPARAM, "units");
    expect_prepare_error(UNIFORM, "units=2 price=median", MK_EPARAM, "price");
    expect_prepare_error(UNIFORM, "units=2 reserve=-1", MK_EPARAM, "reserve");
    expect_prepare_error(UNIFORM, "units=2 reserve=1.5", MK_EPARAM, "reserve");
    expect_prepare_error(UNIFORM, "units=2 reserv=1", MK_EPARAM, "did you mean 'reserve'");
    /* Only the uniform price has a clearing-price rule. */
    expect_prepare_error(PAB, "units=2 price=lowest_winning", MK_EPARAM, "price");
    expect_prepare_error(VICKREY, "units=2 ties=coin", MK_EPARAM, "ties");
    /* The spec the CLI describes: units is required, with no default. */
    const mk_param_spec *s = UNIFORM->params;
    while (s->name != NULL && strcmp(s->name, "units") != 0)
        s++;
    assert_non_null(s->name);
    assert_int_equal(s->kind, MK_PARAM_INT);
    assert_null(s->default_value);
}

static void expect_run_error(const mk_profile *reports, const char *needle)
{
    const mk_mechanism *mechs[] = {UNIFORM, PAB, VICKREY};
    for (size_t m = 0; m < 3; m++) {
        mk_ctx ctx = MK_CTX_INIT;
        mk_instance *inst = prepare_ok(mechs[m], "units=2", 0, 0);
        mk_outcome out = MK_OUTCOME_INIT;
        assert_int_equal(mechs[m]->run(inst, reports, &out, &ctx), MK_EINPUT);
        if (strstr(ctx.message, needle) == NULL)
            fail_msg("message '%s' lacks '%s'", ctx.message, needle);
        mk_outcome_free(&out);
        mechs[m]->free(inst);
    }
}

static void test_bad_reports(void **state)
{
    (void)state;
    mk_profile p = MK_PROFILE_INIT;
    build(&p, "5;3,4", 2);
    expect_run_error(&p, "bidder 2: marginal bid 2 (4) exceeds bid 1 (3)");
    build(&p, "5;-3", 2);
    expect_run_error(&p, "bidder 2: bid 1 is negative");
    build(&p, "5,4,3;1", 3);
    expect_run_error(&p, "bidder 1 makes 3 bids; from 0 to 2");
    build(&p, "5;1", 2);
    mk_profile_row(&p, 1)[MK_BID_SIDE] = MK_SIDE_SELL;
    expect_run_error(&p, "bidder 2: side 1 is not allowed here (buyers only)");
    const char *const labels[] = {"ann", "bob"};
    p.labels = labels;
    expect_run_error(&p, "bidder 'bob': side 1");
    build(&p, "5;1", 2);
    p.weight = calloc(2, sizeof *p.weight);
    assert_non_null(p.weight);
    p.weight[0] = 1;
    p.weight[1] = 3;
    expect_run_error(&p, "multiplicity 3");
    mk_profile_free(&p);
}

/* Payments that do not fit int64 are MK_ERANGE, not a wrapped number.
 * 2 units; A bids 2^62 twice and wins both. Uniform (B bids 2^62): A pays
 * 2 * 2^62; pay-as-bid: 2^62 + 2^62; Vickrey (B bids 2^62 twice): A
 * displaces both of B's bids, 2^62 + 2^62. */
static void test_overflow(void **state)
{
    (void)state;
    const char *spec[] = {"4611686018427387904,4611686018427387904;4611686018427387904",
                          "4611686018427387904,4611686018427387904;4611686018427387904,"
                          "4611686018427387904"};
    const mk_mechanism *mechs[] = {UNIFORM, PAB, VICKREY};
    mk_profile p = MK_PROFILE_INIT;
    mk_outcome out = MK_OUTCOME_INIT;
    for (size_t m = 0; m < 3; m++) {
        mk_ctx ctx = MK_CTX_INIT;
        mk_instance *inst = prepare_ok(mechs[m], "units=2", 0, 0);
        build(&p, spec[mechs[m] == VICKREY], 2);
        assert_int_equal(mechs[m]->run(inst, &p, &out, &ctx), MK_ERANGE);
        assert_non_null(strstr(ctx.message, "overflows"));
        mechs[m]->free(inst);
    }
    mk_outcome_free(&out);
    mk_profile_free(&p);
}

/* ---- degenerate inputs and ties ----------------------------------------- */

static void test_degenerate(void **state)
{
    (void)state;
    /* No bidders: nothing sold; the uniform price is the reserve. */
    expect(UNIFORM, "units=2 reserve=3", "", NULL, NULL, 0);
    assert_int_equal(clearing_price("units=2 reserve=3", ""), 3);
    /* No bid clears the reserve. */
    expect(VICKREY, "units=2 reserve=10", "9,8;7", (const int64_t[]){0, 0}, (const int64_t[]){0, 0},
           2);
    expect(PAB, "units=2 reserve=10", "9,8;7", (const int64_t[]){0, 0}, (const int64_t[]){0, 0}, 2);
    assert_int_equal(clearing_price("units=2 reserve=10 price=lowest_winning", "9,8;7"), 10);
    /* One bidder, one unit wanted of three: it pays the reserve (worked by
     * hand: nothing loses and nothing is displaced). */
    expect(UNIFORM, "units=3 reserve=2", "5", (const int64_t[]){1}, (const int64_t[]){2}, 1);
    expect(VICKREY, "units=3 reserve=2", "5", (const int64_t[]){1}, (const int64_t[]){2}, 1);
    expect(PAB, "units=3 reserve=2", "5", (const int64_t[]){1}, (const int64_t[]){5}, 1);
    /* A bidder with no bids, and a bid equal to the reserve (accepted). */
    expect(VICKREY, "units=1 reserve=4", ";4", (const int64_t[]){0, 1}, (const int64_t[]){0, 4}, 2);
}

/* ties=lowest, worked by hand: 2 units, A 5, B 5, C 5: the two listed
 * first win at 5 (highest losing: C's 5). A 5,5 and B 5: A wins both. */
static void test_ties_lowest(void **state)
{
    (void)state;
    expect(UNIFORM, "units=2", "5;5;5", (const int64_t[]){1, 1, 0}, (const int64_t[]){5, 5, 0}, 3);
    expect(VICKREY, "units=2", "5;5;5", (const int64_t[]){1, 1, 0}, (const int64_t[]){5, 5, 0}, 3);
    expect(UNIFORM, "units=2", "5,5;5", (const int64_t[]){2, 0}, (const int64_t[]){10, 0}, 2);
    expect(PAB, "units=2", "5;5,5", (const int64_t[]){1, 1}, (const int64_t[]){5, 5}, 2);
}

/* ties=random: 2 units among three bids of 5. For each seed, two winners
 * pay 5 each; the outcome is the same on every run and for a fresh
 * instance with that seed; and the loser is not always the same bidder. */
static void test_ties_random(void **state)
{
    (void)state;
    mk_profile reports = MK_PROFILE_INIT;
    mk_outcome out = MK_OUTCOME_INIT, again = MK_OUTCOME_INIT;
    build(&reports, "5;5;5", 1);
    int lost[3] = {0, 0, 0};
    for (uint64_t seed = 1; seed <= 30; seed++) {
        mk_instance *a = prepare_ok(UNIFORM, "units=2 ties=random", 0, seed);
        mk_instance *b = prepare_ok(UNIFORM, "units=2 ties=random", 0, seed);
        run_ok(UNIFORM, a, &reports, &out);
        int64_t winners = 0;
        for (size_t i = 0; i < 3; i++) {
            assert_int_equal(out.payment[i], 5 * out.allocation[i]);
            winners += out.allocation[i];
            if (out.allocation[i] == 0)
                lost[i]++;
        }
        assert_int_equal(winners, 2);
        run_ok(UNIFORM, b, &reports, &again);
        assert_memory_equal(out.allocation, again.allocation, 3 * sizeof(int64_t));
        run_ok(UNIFORM, a, &reports, &again);
        assert_memory_equal(out.allocation, again.allocation, 3 * sizeof(int64_t));
        UNIFORM->free(a);
        UNIFORM->free(b);
    }
    assert_true(lost[0] > 0 && lost[1] > 0 && lost[2] > 0);
    mk_outcome_free(&out);
    mk_outcome_free(&again);
    mk_profile_free(&reports);
}

/* ---- a reference implementation on random profiles ---------------------- */

typedef struct ref_bid {
    int64_t amount;
    size_t who;
} ref_bid;

static int ref_cmp(const void *x, const void *y)
{
    const ref_bid *a = x, *b = y;
    if (a->amount != b->amount)
        return a->amount > b->amount ? -1 : 1;
    return (a->who > b->who) - (a->who < b->who);
}

/* Straight from the definitions, by full sorting (ties=lowest): the
 * allocation, and the payment of each rule (0 uniform highest losing, 1
 * lowest winning, 2 pay-as-bid, 3 Vickrey). */
static void reference(const mk_profile *p, size_t units, int64_t reserve, int64_t *alloc,
                      int64_t pay[4][64])
{
    ref_bid bids[64 * 8] = {{0, 0}};
    size_t m = 0;
    for (size_t i = 0; i < p->n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        for (size_t k = 0; k < mk_bids_count(row, p->width); k++)
            if (row[MK_BID_FIRST + k] >= reserve)
                bids[m++] = (ref_bid){row[MK_BID_FIRST + k], i};
    }
    qsort(bids, m, sizeof *bids, ref_cmp);
    size_t sold = m < units ? m : units;
    int64_t high_lose = m > units ? bids[units].amount : reserve;
    int64_t low_win = sold > 0 ? bids[sold - 1].amount : reserve;
    for (size_t i = 0; i < p->n; i++) {
        alloc[i] = 0;
        for (size_t r = 0; r < 4; r++)
            pay[r][i] = 0;
    }
    for (size_t q = 0; q < sold; q++) {
        alloc[bids[q].who]++;
        pay[2][bids[q].who] += bids[q].amount;
    }
    for (size_t i = 0; i < p->n; i++) {
        pay[0][i] = alloc[i] * high_lose;
        pay[1][i] = alloc[i] * low_win;
        int64_t others[64 * 8] = {0};
        size_t o = 0;
        for (size_t q = 0; q < m; q++)
            if (bids[q].who != i)
                others[o++] = bids[q].amount;
        for (int64_t j = 1; j <= alloc[i]; j++) {
            size_t r = units - (size_t)alloc[i] + (size_t)j; /* 1-based rank */
            pay[3][i] += r <= o ? others[r - 1] : reserve;
        }
    }
}

static void test_against_reference(void **state)
{
    (void)state;
    static const char *const args[][4] = {
        {"units=1", "units=1 price=lowest_winning", "units=1", "units=1"},
        {"units=3", "units=3 price=lowest_winning", "units=3", "units=3"},
        {"units=4 reserve=30", "units=4 reserve=30 price=lowest_winning", "units=4 reserve=30",
         "units=4 reserve=30"},
        {"units=8 reserve=5", "units=8 reserve=5 price=lowest_winning", "units=8 reserve=5",
         "units=8 reserve=5"},
    };
    const size_t units[] = {1, 3, 4, 8};
    const int64_t reserve[] = {0, 0, 30, 5};
    const mk_mechanism *mechs[] = {UNIFORM, UNIFORM, PAB, VICKREY};
    mk_profile p = MK_PROFILE_INIT;
    mk_outcome out = MK_OUTCOME_INIT;
    int64_t alloc[64], pay[4][64];
    for (size_t c = 0; c < 4; c++) {
        mk_instance *inst[4];
        for (size_t r = 0; r < 4; r++)
            inst[r] = prepare_ok(mechs[r], args[c][r], 0, 0);
        mk_rng rng;
        mk_rng_seed(&rng, 1000 + c);
        for (int trial = 0; trial < 300; trial++) {
            size_t n = (size_t)mk_rng_below(&rng, 40);
            mk_ctx ctx = MK_CTX_INIT;
            assert_int_equal(mk_profile_resize(&p, n, MK_BID_FIRST + units[c], &ctx), 0);
            for (size_t i = 0; i < n; i++) {
                int64_t *row = mk_profile_row(&p, i);
                row[MK_BID_SIDE] = MK_SIDE_BUY;
                row[MK_BID_QUALITY] = MK_QUALITY_ONE;
                size_t count = (size_t)mk_rng_below(&rng, units[c] + 1);
                int64_t bid = mk_rng_range(&rng, 0, 60);
                for (size_t k = 0; k < units[c]; k++) {
                    row[MK_BID_FIRST + k] = k < count ? bid : MK_BID_NONE;
                    bid -= mk_rng_range(&rng, 0, 3) * (bid >= 3);
                }
            }
            reference(&p, units[c], reserve[c], alloc, pay);
            for (size_t r = 0; r < 4; r++) {
                run_ok(mechs[r], inst[r], &p, &out);
                for (size_t i = 0; i < n; i++) {
                    assert_int_equal(out.allocation[i], alloc[i]);
                    assert_int_equal(out.payment[i], pay[r][i]);
                }
            }
        }
        for (size_t r = 0; r < 4; r++)
            mechs[r]->free(inst[r]);
    }
    mk_outcome_free(&out);
    mk_profile_free(&p);
}

/* A large run (10^5 single bids, 10 units) after small ones, then a small
 * one again: the workspace grows and is reused. Worked by hand: bids
 * 0..99999 in order, so the winners are the ten highest (99990..99999)
 * and the highest losing bid is 99989. */
static void test_large_then_small(void **state)
{
    (void)state;
    enum { N = 100000 };
    mk_ctx ctx = MK_CTX_INIT;
    mk_instance *inst = prepare_ok(UNIFORM, "units=10", 0, 0);
    mk_profile p = MK_PROFILE_INIT;
    mk_outcome out = MK_OUTCOME_INIT;
    build(&p, "4;3", 0);
    run_ok(UNIFORM, inst, &p, &out);
    assert_int_equal(mk_profile_resize(&p, N, MK_BID_FIRST + 1, &ctx), 0);
    for (size_t i = 0; i < N; i++) {
        int64_t *row = mk_profile_row(&p, i);
        row[MK_BID_SIDE] = MK_SIDE_BUY;
        row[MK_BID_QUALITY] = MK_QUALITY_ONE;
        row[MK_BID_FIRST] = (int64_t)i;
    }
    run_ok(UNIFORM, inst, &p, &out);
    for (size_t i = 0; i < N; i++)
        assert_int_equal(out.allocation[i], i >= N - 10);
    assert_int_equal(mk_outcome_fact(&out, "clearing_price")->value, N - 11);
    build(&p, "4;3", 0);
    run_ok(UNIFORM, inst, &p, &out);
    assert_int_equal(out.n, 2);
    assert_int_equal(out.payment[0], 0);
    mk_outcome_free(&out);
    mk_profile_free(&p);
    UNIFORM->free(inst);
}

static void test_interface(void **state)
{
    (void)state;
    assert_string_equal(UNIFORM->name, "auction.uniform_price");
    assert_string_equal(PAB->name, "auction.pay_as_bid");
    assert_string_equal(VICKREY->name, "auction.multiunit_vickrey");
    assert_int_equal(UNIFORM->claims, MK_CLAIM_IR);
    assert_int_equal(PAB->claims, MK_CLAIM_IR);
    assert_int_equal(VICKREY->claims, MK_CLAIM_DSIC | MK_CLAIM_IR | MK_CLAIM_WEAK_BB);
    assert_non_null(VICKREY->split);
    mk_instance *inst = prepare_ok(PAB, "units=3", 2, 0);
    mk_profile p = MK_PROFILE_INIT;
    build(&p, "1000,800,200", 0);
    char buf[64];
    PAB->format_report(inst, &p, 0, buf, sizeof buf);
    assert_string_equal(buf, "10.00/8.00/2.00");
    mk_profile_free(&p);
    PAB->free(inst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_three_units),
        cmocka_unit_test(test_example_own_losing_bid),
        cmocka_unit_test(test_example_reserve),
        cmocka_unit_test(test_example_reserve_floor),
        cmocka_unit_test(test_example_excess_supply),
        cmocka_unit_test(test_example_cents),
        cmocka_unit_test(test_uniform_demand_reduction),
        cmocka_unit_test(test_pay_as_bid_shading),
        cmocka_unit_test(test_vickrey_no_demand_reduction),
        cmocka_unit_test(test_sampled_dsic_and_ir),
        cmocka_unit_test(test_sample_units),
        cmocka_unit_test(test_split_layout),
        cmocka_unit_test(test_vickrey_false_name),
        cmocka_unit_test(test_uniform_split_neutral),
        cmocka_unit_test(test_parameter_errors),
        cmocka_unit_test(test_bad_reports),
        cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_degenerate),
        cmocka_unit_test(test_ties_lowest),
        cmocka_unit_test(test_ties_random),
        cmocka_unit_test(test_against_reference),
        cmocka_unit_test(test_large_then_small),
        cmocka_unit_test(test_interface),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
