/*
 * auction.myerson through the mechanism interface (prepare, run, utility,
 * sample, deviations). Worked answers are by hand from the rules in
 * Myerson (1981) and Hartline, "Mechanism Design and Approximation",
 * ch. 3: phi(v) = 2v - HI for uniform:0:HI, v - M for exponential:M, and
 * the ironed discrete values of test_myerson_public.c.
 */
#include "support/auction_fixture.h"

#include <string.h>

#include "mechkit/myerson.h"

typedef struct fixture {
    mk_profile bids;
    mk_outcome outcome;
    mk_instance *inst;
    mk_ctx ctx;
} fixture;

static fixture f;

static int setup(void **state)
{
    (void)state;
    f = (fixture){MK_PROFILE_INIT, MK_OUTCOME_INIT, NULL, MK_CTX_INIT};
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (f.inst != NULL)
        mk_auction_myerson.free(f.inst);
    mk_outcome_free(&f.outcome);
    mk_profile_free(&f.bids);
    return 0;
}

/* Prepares auction.myerson at scale 0 with kv (once per test). */
static void prepare(const char *const *kv)
{
    if (fixture_prepare(&mk_auction_myerson, 0, 0, 7, kv, &f.inst, &f.ctx) != 0)
        fail_msg("prepare: %s", f.ctx.message);
}

/* Runs on n bids and checks the one winner (SIZE_MAX: no sale) and price. */
static void expect(size_t n, const int64_t *bids, size_t winner, int64_t price)
{
    fixture_single_bids(&f.bids, n, bids);
    if (mk_auction_myerson.run(f.inst, &f.bids, &f.outcome, &f.ctx) != 0)
        fail_msg("run: %s", f.ctx.message);
    for (size_t i = 0; i < n; i++) {
        int wins = i == winner;
        if (f.outcome.allocation[i] != wins || f.outcome.payment[i] != (wins ? price : 0))
            fail_msg("bidder %zu: allocation %lld payment %lld; expected winner %zu at %lld", i,
                     (long long)f.outcome.allocation[i], (long long)f.outcome.payment[i], winner,
                     (long long)price);
    }
    const mk_fact *p = mk_outcome_fact(&f.outcome, "price");
    if (winner == SIZE_MAX)
        assert_null(p);
    else
        assert_int_equal(p->value, price);
}

/* Uniform on [0, 100]: phi(v) = 2v - 100, reserve 50. 60 and 70 have
 * virtual values 20 and 40; bidder 2 must beat 20 strictly (bidder 1 wins
 * ties), so its threshold is 61. */
static void test_uniform_symmetric(void **state)
{
    (void)state;
    const char *kv[] = {"dist=uniform:0:100", NULL};
    prepare(kv);
    expect(2, (int64_t[]){60, 70}, 1, 61);
    assert_int_equal(mk_outcome_fact(&f.outcome, "reserve")->value, 50);
    expect(2, (int64_t[]){70, 60}, 0, 60);
    expect(2, (int64_t[]){70, 70}, 0, 70);
    expect(1, (int64_t[]){50}, 0, 50);
    expect(1, (int64_t[]){49}, SIZE_MAX, 0);
    assert_int_equal(mk_outcome_fact(&f.outcome, "reserve")->value, 50);
    expect(3, (int64_t[]){30, 40, 49}, SIZE_MAX, 0);
    expect(3, (int64_t[]){30, 90, 55}, 1, 55);

    /* Utility with values equal to the bids: 70 - 61 for the winner. */
    expect(2, (int64_t[]){60, 70}, 1, 61);
    mk_rational u;
    assert_int_equal(mk_auction_myerson.utility(f.inst, &f.bids, 1, &f.outcome, &u, &f.ctx), 0);
    assert_int_equal(u.num, 9);
    assert_int_equal(u.den, 1);
    assert_int_equal(mk_auction_myerson.utility(f.inst, &f.bids, 0, &f.outcome, &u, &f.ctx), 0);
    assert_int_equal(u.num, 0);
}

/* uniform:0:101: the real reserve 50.5 is off the grid; rounded up, 51
 * wins alone and 50 (virtual value -1) does not. */
static void test_uniform_rounds_up(void **state)
{
    (void)state;
    const char *kv[] = {"dist=uniform:0:101", NULL};
    prepare(kv);
    expect(1, (int64_t[]){51}, 0, 51);
    assert_int_equal(mk_outcome_fact(&f.outcome, "reserve")->value, 51);
    expect(1, (int64_t[]){50}, SIZE_MAX, 0);
    /* 60 has virtual value 19: bidder 1 needs 2x - 101 >= 19, x >= 60. */
    expect(2, (int64_t[]){70, 60}, 0, 60);
    /* Bidder 2 needs 2x - 101 > 19: x > 60, so 61. */
    expect(2, (int64_t[]){60, 70}, 1, 61);
}

/* uniform:60:100: HI/2 = 50 is below LO, so a lone bidder pays LO = 60;
 * a bid below LO has no virtual value and loses. */
static void test_uniform_low_end(void **state)
{
    (void)state;
    const char *kv[] = {"dist=uniform:60:100", NULL};
    prepare(kv);
    expect(1, (int64_t[]){70}, 0, 60);
    assert_int_equal(mk_outcome_fact(&f.outcome, "reserve")->value, 60);
    expect(1, (int64_t[]){55}, SIZE_MAX, 0);
    expect(2, (int64_t[]){70, 65}, 0, 65);
    expect(2, (int64_t[]){55, 65}, 1, 60);
}

/* Asymmetric: U[0,100] (phi = 2v - 100) and U[0,200] (phi = 2v - 200).
 * The weak bidder can win with the lower bid: 80 (phi 60) beats 115
 * (phi 30), paying 2x - 100 >= 30, x = 65. */
static void test_uniform_asymmetric(void **state)
{
    (void)state;
    const char *kv[] = {"dists=uniform:0:100;uniform:0:200", NULL};
    prepare(kv);
    expect(2, (int64_t[]){80, 115}, 0, 65);
    assert_null(mk_outcome_fact(&f.outcome, "reserve")); /* not symmetric */
    expect(2, (int64_t[]){60, 110}, 0, 60);              /* tie at 20: bidder 1 first */
    expect(2, (int64_t[]){60, 111}, 1, 111);             /* 22 > 20; 2x - 200 > 20 */
    expect(2, (int64_t[]){60, 150}, 1, 111);
    expect(2, (int64_t[]){40, 90}, SIZE_MAX, 0); /* -20 and -20 */
    expect(2, (int64_t[]){40, 100}, 1, 100);     /* reserve of U[0,200] */

    /* A profile of 3 bidders is bad input for 2 distributions. */
    fixture_single_bids(&f.bids, 3, (int64_t[]){1, 2, 3});
    assert_int_equal(mk_auction_myerson.run(f.inst, &f.bids, &f.outcome, &f.ctx), MK_EINPUT);
    assert_non_null(strstr(f.ctx.message, "2 distributions but there are 3 bidders"));
}

/* Exponential mean 10: phi(v) = v - 10, reserve 10. */
static void test_exponential(void **state)
{
    (void)state;
    const char *kv[] = {"dist=exponential:10", NULL};
    prepare(kv);
    expect(2, (int64_t[]){12, 15}, 1, 13);
    expect(1, (int64_t[]){10}, 0, 10);
    expect(1, (int64_t[]){9}, SIZE_MAX, 0);
    assert_int_equal(mk_outcome_fact(&f.outcome, "reserve")->value, 10);
}

/* Irregular discrete 4@1/2, 5@1/4, 10@1/4: ironed values 2, 2, 10 and
 * reserve 4. 4 and 5 tie, so the bidder listed first wins among them and
 * pays 4, the first support point that still wins. */
static void test_discrete_ironed(void **state)
{
    (void)state;
    const char *kv[] = {"dist=discrete:4@1/2,5@1/4,10@1/4", NULL};
    prepare(kv);
    expect(2, (int64_t[]){5, 4}, 0, 4);
    expect(2, (int64_t[]){4, 5}, 0, 4); /* the lower bid wins the ironed tie */
    expect(2, (int64_t[]){4, 10}, 1, 10);
    expect(2, (int64_t[]){10, 4}, 0, 4);
    expect(2, (int64_t[]){10, 10}, 0, 10);
    expect(1, (int64_t[]){5}, 0, 4);
    assert_int_equal(mk_outcome_fact(&f.outcome, "reserve")->value, 4);

    /* A bid off the support is bad input, naming the bidder and the bid. */
    fixture_single_bids(&f.bids, 2, (int64_t[]){4, 6});
    assert_int_equal(mk_auction_myerson.run(f.inst, &f.bids, &f.outcome, &f.ctx), MK_EINPUT);
    assert_non_null(strstr(f.ctx.message, "bidder 2: bid 6 is not a support point"));
    static const char *const labels[] = {"ann", "bob"};
    f.bids.labels = labels;
    assert_int_equal(mk_auction_myerson.run(f.inst, &f.bids, &f.outcome, &f.ctx), MK_EINPUT);
    assert_non_null(strstr(f.ctx.message, "bidder 'bob': bid 6"));
}

/* A uniform bidder against the discrete one: thresholds off the grid are
 * rounded up, and one on the grid that loses the tie is one unit more. */
static void test_mixed_thresholds(void **state)
{
    (void)state;
    const char *kv[] = {"dists=uniform:0:9;discrete:4@1/2,5@1/4,10@1/4", NULL};
    prepare(kv);
    /* 6 has phi 3 > 2: 2x - 9 >= 2 means x >= 5.5, rounded up to 6. */
    expect(2, (int64_t[]){6, 5}, 0, 6);
    /* 9 has phi 9 < 10: the discrete bidder needs an ironed value > 9. */
    expect(2, (int64_t[]){9, 10}, 1, 10);
    /* Above HI the formula goes on: 10 has phi 11 > 10; 2x - 9 >= 10. */
    expect(2, (int64_t[]){10, 10}, 0, 10);
    mk_auction_myerson.free(f.inst);

    const char *kv2[] = {"dists=discrete:4@1/2,5@1/4,10@1/4;uniform:0:10", NULL};
    prepare(kv2);
    /* 8 has phi 6 > 2; bidder 2 must beat 2 strictly: 2x - 10 > 2, x > 6:
     * the real threshold 6 ties and loses, so the price is 7. */
    expect(2, (int64_t[]){4, 8}, 1, 7);
    mk_auction_myerson.free(f.inst);

    const char *kv3[] = {"dists=uniform:0:10;discrete:4@1/2,5@1/4,10@1/4", NULL};
    prepare(kv3);
    expect(2, (int64_t[]){8, 4}, 0, 6); /* ties go to bidder 1: x >= 6 */
}

/* Probability of each profile, times the payments run() charges, summed
 * over every profile of independent discrete bidders: the exact expected
 * revenue, which must equal mk_myerson_revenue (two independent
 * computations: thresholds per profile vs the integral of virtual values). */
static void expect_enumerated_revenue(const char *dists_param, const char *ties)
{
    const char *kv[] = {dists_param, ties, NULL};
    prepare(kv);
    /* Re-parse the distributions to enumerate them. */
    const char *list = strchr(dists_param, '=') + 1;
    mk_distribution d[4] = {MK_DISTRIBUTION_INIT, MK_DISTRIBUTION_INIT, MK_DISTRIBUTION_INIT,
                            MK_DISTRIBUTION_INIT};
    const mk_distribution *dp[4];
    size_t n = 0;
    char buf[256];
    strcpy(buf, list);
    for (char *item = strtok(buf, ";"); item != NULL; item = strtok(NULL, ";"), n++) {
        assert_int_equal(mk_distribution_parse(item, 0, &d[n], &f.ctx), 0);
        dp[n] = &d[n];
    }
    int symmetric = strncmp(dists_param, "dist=", 5) == 0;
    if (symmetric) {
        n = 2;
        dp[1] = &d[0];
    }
    size_t idx[4] = {0};
    int64_t bids[4] = {0};
    mk_rational total = {0, 1};
    for (;;) {
        mk_rational prob = {1, 1};
        for (size_t i = 0; i < n; i++) {
            bids[i] = dp[i]->points[idx[i]];
            assert_int_equal(mk_rational_mul(prob, dp[i]->prob[idx[i]], &prob), 0);
        }
        fixture_single_bids(&f.bids, n, bids);
        assert_int_equal(mk_auction_myerson.run(f.inst, &f.bids, &f.outcome, &f.ctx), 0);
        int64_t revenue;
        assert_int_equal(mk_outcome_revenue(&f.outcome, &revenue, &f.ctx), 0);
        mk_rational term;
        assert_int_equal(mk_rational_mul(prob, (mk_rational){revenue, 1}, &term), 0);
        assert_int_equal(mk_rational_add(total, term, &total), 0);
        size_t i = 0;
        while (i < n && ++idx[i] == dp[i]->k)
            idx[i++] = 0;
        if (i == n)
            break;
    }
    mk_rational exact;
    assert_int_equal(mk_myerson_revenue(dp, n, &exact, &f.ctx), 0);
    if (mk_rational_cmp(total, exact) != 0)
        fail_msg("%s %s: enumerated %lld/%lld, exact %lld/%lld", dists_param,
                 ties != NULL ? ties : "", (long long)total.num, (long long)total.den,
                 (long long)exact.num, (long long)exact.den);
    for (size_t i = 0; i < 4; i++)
        mk_distribution_free(&d[i]);
    mk_auction_myerson.free(f.inst);
    f.inst = NULL;
}

static void test_enumerated_revenue(void **state)
{
    (void)state;
    /* Two bidders, irregular: 11/2 (test_myerson_public.c). */
    expect_enumerated_revenue("dist=discrete:4@1/2,5@1/4,10@1/4", NULL);
    expect_enumerated_revenue("dist=discrete:4@1/2,5@1/4,10@1/4", "ties=random");
    /* Three different bidders, one irregular with an interval ironed
     * across the reserve, one with a point at 0. */
    const char *three = "dists=discrete:1@1/3,2@1/3,3@1/3;discrete:4@1/2,5@1/4,10@1/4;"
                        "discrete:0@1/4,3@3/4";
    expect_enumerated_revenue(three, NULL);
    expect_enumerated_revenue(three, "ties=random");
    expect_enumerated_revenue("dists=discrete:1@0.1,2@0.1,3@0.1,5@0.7;"
                              "discrete:1@0.1,2@0.6,3@0.1,4@0.2;discrete:2@1/2,7@1/2",
                              NULL);
}

/* Seeded Monte Carlo of run() on sampled values against the exact revenue:
 * n bidders uniform on [0, 1] at scale 6 (a grid of 10^6 + 1 values, so the
 * grid moves the mean by about 10^-6). 100,000 auctions; the revenue of one
 * auction has a standard deviation below 0.3, so the mean's is below 0.001,
 * and the tolerance 0.005 is over 5 of them. The seed is fixed, so the test
 * is deterministic. */
static double monte_carlo(const char *param, size_t n, uint64_t seed)
{
    const char *kv[] = {param, NULL};
    assert_int_equal(fixture_prepare(&mk_auction_myerson, 6, n, seed, kv, &f.inst, &f.ctx), 0);
    mk_rng rng;
    mk_rng_seed(&rng, seed);
    const int runs = 100000;
    int64_t sum = 0;
    for (int r = 0; r < runs; r++) {
        assert_int_equal(mk_auction_myerson.sample(f.inst, &rng, n, &f.bids, &f.ctx), 0);
        assert_int_equal(mk_auction_myerson.run(f.inst, &f.bids, &f.outcome, &f.ctx), 0);
        int64_t revenue;
        assert_int_equal(mk_outcome_revenue(&f.outcome, &revenue, &f.ctx), 0);
        sum += revenue;
    }
    mk_auction_myerson.free(f.inst);
    f.inst = NULL;
    return (double)sum / runs / 1e6;
}

static void test_monte_carlo(void **state)
{
    (void)state;
    /* (n-1)/(n+1) + 1/((n+1) 2^n): Krishna, "Auction Theory", ch. 5. */
    static const double exact[] = {0, 1.0 / 4, 5.0 / 12, 17.0 / 32};
    for (size_t n = 1; n <= 3; n++) {
        double mean = monte_carlo("dist=uniform:0:1", n, 1000 + n);
        if (mean < exact[n] - 0.005 || mean > exact[n] + 0.005)
            fail_msg("n = %zu: Monte Carlo %.5f, exact %.5f", n, mean, exact[n]);
    }
    /* Asymmetric U[0,1], U[0,2]: 31/48 (test_myerson_public.c). */
    double mean = monte_carlo("dists=uniform:0:1;uniform:0:2", 2, 77);
    if (mean < 31.0 / 48 - 0.005 || mean > 31.0 / 48 + 0.005)
        fail_msg("asymmetric: Monte Carlo %.5f, exact %.5f", mean, 31.0 / 48);
}

/* DSIC and IR on a small grid, by brute force: for sampled profiles, no
 * bid in 0..HI+5 beats the truth, and the truthful utility is >= 0. The
 * best bid found by brute force is also reached by one of the candidates
 * that deviations() lists as exhaustive. */
static void brute_force(const char *const *kv, int64_t max_bid, size_t n)
{
    prepare(kv);
    mk_rng rng;
    mk_rng_seed(&rng, 11);
    mk_profile types = MK_PROFILE_INIT, lie = MK_PROFILE_INIT;
    int64_t rows[64 * (MK_BID_FIRST + 1)] = {0};
    for (int trial = 0; trial < 40; trial++) {
        assert_int_equal(mk_auction_myerson.sample(f.inst, &rng, n, &types, &f.ctx), 0);
        for (size_t who = 0; who < n; who++) {
            mk_rational honest, u, best_listed;
            assert_int_equal(mk_auction_myerson.run(f.inst, &types, &f.outcome, &f.ctx), 0);
            assert_int_equal(
                mk_auction_myerson.utility(f.inst, &types, who, &f.outcome, &honest, &f.ctx), 0);
            assert_true(honest.num >= 0);
            mk_deviation_set dev = {rows, types.width, 64, 0, 0};
            assert_int_equal(mk_auction_myerson.deviations(f.inst, &types, who, &rng, &dev, &f.ctx),
                             0);
            assert_true(dev.exhaustive);
            best_listed = honest;
            for (size_t d = 0; d < dev.n; d++) {
                assert_int_equal(mk_profile_copy(&lie, &types, &f.ctx), 0);
                mk_profile_row(&lie, who)[MK_BID_FIRST] = rows[d * types.width + MK_BID_FIRST];
                assert_int_equal(mk_auction_myerson.run(f.inst, &lie, &f.outcome, &f.ctx), 0);
                assert_int_equal(
                    mk_auction_myerson.utility(f.inst, &types, who, &f.outcome, &u, &f.ctx), 0);
                if (mk_rational_cmp(u, best_listed) > 0)
                    best_listed = u;
            }
            for (int64_t bid = 0; bid <= max_bid; bid++) {
                assert_int_equal(mk_profile_copy(&lie, &types, &f.ctx), 0);
                mk_profile_row(&lie, who)[MK_BID_FIRST] = bid;
                if (mk_auction_myerson.run(f.inst, &lie, &f.outcome, &f.ctx) != 0)
                    continue; /* off a discrete support */
                assert_int_equal(
                    mk_auction_myerson.utility(f.inst, &types, who, &f.outcome, &u, &f.ctx), 0);
                if (mk_rational_cmp(u, honest) > 0)
                    fail_msg("bidder %zu gains by bidding %lld", who, (long long)bid);
                /* Every utility reachable by brute force is also reached by
                 * a listed candidate: the list is exhaustive. */
                int found = mk_rational_cmp(u, honest) == 0;
                for (size_t d = 0; !found && d < dev.n; d++) {
                    mk_profile_row(&lie, who)[MK_BID_FIRST] = rows[d * types.width + MK_BID_FIRST];
                    mk_rational v;
                    assert_int_equal(mk_auction_myerson.run(f.inst, &lie, &f.outcome, &f.ctx), 0);
                    assert_int_equal(
                        mk_auction_myerson.utility(f.inst, &types, who, &f.outcome, &v, &f.ctx), 0);
                    found = mk_rational_cmp(u, v) == 0;
                }
                if (!found)
                    fail_msg("bidder %zu: bid %lld reaches an outcome no candidate reaches", who,
                             (long long)bid);
            }
        }
    }
    mk_profile_free(&types);
    mk_profile_free(&lie);
    mk_auction_myerson.free(f.inst);
    f.inst = NULL;
}

static void test_dsic_ir_brute_force(void **state)
{
    (void)state;
    const char *uniform[] = {"dist=uniform:0:21", NULL};
    brute_force(uniform, 26, 3);
    const char *asym[] = {"dists=uniform:0:10;uniform:4:30;exponential:6", NULL};
    brute_force(asym, 35, 3);
    const char *discrete[] = {"dists=discrete:4@1/2,5@1/4,10@1/4;uniform:0:9;"
                              "discrete:1@0.1,2@0.1,3@0.1,5@0.7",
                              "ties=random", NULL};
    brute_force(discrete, 14, 3);
}

/* A discrete bidder's candidates are its support points. */
static void test_deviations_discrete(void **state)
{
    (void)state;
    const char *kv[] = {"dist=discrete:4@1/2,5@1/4,10@1/4", NULL};
    prepare(kv);
    fixture_single_bids(&f.bids, 2, (int64_t[]){5, 10});
    int64_t rows[8 * (MK_BID_FIRST + 1)] = {0};
    mk_deviation_set dev = {rows, MK_BID_FIRST + 1, 8, 0, 0};
    assert_int_equal(mk_auction_myerson.deviations(f.inst, &f.bids, 0, NULL, &dev, &f.ctx), 0);
    assert_int_equal(dev.n, 3);
    assert_true(dev.exhaustive);
    static const int64_t support[] = {4, 5, 10};
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(rows[i * (MK_BID_FIRST + 1) + MK_BID_FIRST], support[i]);
    /* Room for only 1: the thresholds do not fit either; marked as cut. */
    mk_deviation_set small = {rows, MK_BID_FIRST + 1, 1, 0, 0};
    assert_int_equal(mk_auction_myerson.deviations(f.inst, &f.bids, 0, NULL, &small, &f.ctx), 0);
    assert_int_equal(small.n, 1);
    assert_false(small.exhaustive);
}

/* sample() draws each bidder from its own distribution, or from `values`
 * when that is given. */
static void test_sample(void **state)
{
    (void)state;
    const char *kv[] = {"dists=uniform:0:10;discrete:4@1/2,5@1/4,10@1/4", NULL};
    prepare(kv);
    mk_rng rng;
    mk_rng_seed(&rng, 5);
    for (int i = 0; i < 200; i++) {
        assert_int_equal(mk_auction_myerson.sample(f.inst, &rng, 2, &f.bids, &f.ctx), 0);
        int64_t a = mk_profile_row(&f.bids, 0)[MK_BID_FIRST];
        int64_t b = mk_profile_row(&f.bids, 1)[MK_BID_FIRST];
        assert_in_range(a, 0, 10);
        assert_true(b == 4 || b == 5 || b == 10);
    }
    assert_int_equal(mk_auction_myerson.sample(f.inst, &rng, 3, &f.bids, &f.ctx), MK_EINPUT);
    mk_auction_myerson.free(f.inst);

    const char *kv2[] = {"dist=uniform:0:10", "values=discrete:7@1", NULL};
    prepare(kv2);
    assert_int_equal(mk_auction_myerson.sample(f.inst, &rng, 4, &f.bids, &f.ctx), 0);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(mk_profile_row(&f.bids, i)[MK_BID_FIRST], 7);
}

/* Bad parameters name the parameter and, in dists, the bidder. */
static void expect_bad(const char *const *kv, size_t n, int code, const char *fragment)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_instance *inst = NULL;
    int rc = fixture_prepare(&mk_auction_myerson, 0, n, 0, kv, &inst, &ctx);
    if (rc != code || strstr(ctx.message, fragment) == NULL)
        fail_msg("%s: rc %d '%s', expected %d '%s'", kv[0], rc, ctx.message, code, fragment);
    assert_null(inst);
}

static void test_bad_params(void **state)
{
    (void)state;
    expect_bad((const char *[]){"dist=normal:0:1", NULL}, 0, MK_EPARAM,
               "parameter 'dist': distribution 'normal:0:1': unknown kind");
    expect_bad((const char *[]){"dist=uniform:0:1.5", NULL}, 0, MK_EPARAM,
               "more decimals than the scale 0");
    expect_bad((const char *[]){"dists=uniform:0:1;discrete:1@0.5", NULL}, 0, MK_EPARAM,
               "parameter 'dists', bidder 2: distribution 'discrete:1@0.5'");
    expect_bad((const char *[]){"dists=uniform:0:1;", NULL}, 0, MK_EPARAM,
               "bidder 2: distribution ''");
    expect_bad((const char *[]){"dists=uniform:0:1;uniform:0:2", NULL}, 3, MK_EINPUT,
               "2 distributions but there are 3 bidders");
    expect_bad((const char *[]){"distt=uniform:0:1", NULL}, 0, MK_EPARAM, "dist");
    /* A list of one is one bidder's distribution, not everyone's. */
    expect_bad((const char *[]){"dists=uniform:0:1", NULL}, 2, MK_EINPUT,
               "1 distributions but there are 2 bidders");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_uniform_symmetric, setup, teardown),
        cmocka_unit_test_setup_teardown(test_uniform_rounds_up, setup, teardown),
        cmocka_unit_test_setup_teardown(test_uniform_low_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_uniform_asymmetric, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exponential, setup, teardown),
        cmocka_unit_test_setup_teardown(test_discrete_ironed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mixed_thresholds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enumerated_revenue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_monte_carlo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dsic_ir_brute_force, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deviations_discrete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sample, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_params, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
