/*
 * mk_sim on the auction family: the known behaviour of issue 7 (mw
 * learners shade towards the first-price equilibrium and stay truthful in
 * second-price; honest bidders in second-price have zero regret), best
 * responses and the welfare spoiler, determinism, and bad use.
 */
#include "support/auction_fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/auction.h"
#include "mechkit/sim.h"

/* A simulation of m with "key=value" parameters and the population spec. */
static mk_sim *sim_open(const mk_mechanism *m, const char *const *kv, const char *spec,
                        const mk_sim_options *o)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_params params = MK_PARAMS_INIT;
    mk_sim_kind *kinds = NULL;
    size_t n = 0;
    mk_sim *sim = NULL;
    int rc = 0;
    for (size_t i = 0; kv != NULL && kv[i] != NULL && rc == 0; i++)
        rc = mk_params_set_arg(&params, kv[i], &ctx);
    mk_setting setting = {0, 0, 0, o->seed, NULL, 0};
    if (rc == 0)
        rc = mk_sim_agents_parse(spec, 0, &kinds, &n, &ctx);
    if (rc == 0)
        rc = mk_sim_new(&sim, m, &params, &setting, kinds, n, o, &ctx);
    free(kinds);
    mk_params_free(&params);
    if (rc != 0)
        fail_msg("%s %s: %s", m->name, spec, ctx.message);
    return sim;
}

static void step(mk_sim *sim)
{
    mk_ctx ctx = MK_CTX_INIT;
    if (mk_sim_step(sim, &ctx) != 0)
        fail_msg("%s", ctx.message);
}

static double to_double(mk_rational r)
{
    return (double)r.num / (double)r.den;
}

static const char *const uniform100[] = {"values=uniform:0:100", NULL};

/* Means of the mw agents' factors over rounds [from, rounds), and the
 * probability each puts on factors within [lo, hi] after the last round. */
static void mw_run(const mk_mechanism *m, uint64_t seed, size_t rounds, size_t from, double lo,
                   double hi, double *mean, double *mass)
{
    mk_sim_options o = MK_SIM_OPTIONS_INIT;
    o.seed = seed;
    mk_sim *sim = sim_open(m, uniform100, "mw:2", &o);
    double sum = 0;
    size_t count = 0;
    for (size_t t = 0; t < rounds; t++) {
        step(sim);
        const mk_sim_round *r = mk_sim_last(sim);
        assert_int_equal(r->round, t);
        for (size_t i = 0; i < r->n && t >= from; i++, count++)
            sum += (double)r->factor[i] / (double)r->grid;
    }
    *mean = sum / (double)count;
    mk_ctx ctx = MK_CTX_INIT;
    double p[20];
    for (size_t who = 0; who < 2; who++) {
        assert_int_equal(mk_sim_mw_probabilities(sim, who, p, &ctx), 0);
        mass[who] = 0;
        for (size_t k = 1; k <= 20; k++)
            if ((double)k / 20 >= lo - 1e-9 && (double)k / 20 <= hi + 1e-9)
                mass[who] += p[k - 1];
    }
    mk_sim_free(sim);
}

/* Repeated first-price auctions, two bidders with values uniform on
 * [0, 100]: the Bayes-Nash equilibrium bid is v/2 (Krishna, "Auction
 * Theory", 2nd ed. 2010, sec. 2.3: b(v) = v (n-1)/n), and among linear
 * bids f v the best response to any opponent factor g >= 1/2 is f = 1/2.
 * Hedge learners over the 20-point grid must end well below truthful
 * bidding and near 1/2: the mean factor of the last 500 of 2,000 rounds
 * within 0.15 of 1/2, and each learner's distribution concentrated (at
 * least 90% of its mass on factors 0.35..0.65; a learner that did not
 * learn would have 35% there, a truthful one 0%). */
static void first_price_learners_shade_to_half(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 3; seed++) {
        double mean, mass[2];
        mw_run(&mk_auction_first_price, seed, 2000, 1500, 0.35, 0.65, &mean, mass);
        if (fabs(mean - 0.5) > 0.15 || mass[0] < 0.9 || mass[1] < 0.9)
            fail_msg("seed %llu: mean factor %.4f, mass near 1/2 %.3f %.3f",
                     (unsigned long long)seed, mean, mass[0], mass[1]);
    }
}

/* Second price (Vickrey 1961): bidding the value is weakly dominant, so
 * factor 1.0 earns at least as much as any other in every round and more
 * in some: the learners' weights concentrate on it (>= 90% of the mass
 * after 2,000 rounds) and the mean factor of the last 500 rounds is above
 * 0.95. */
static void second_price_learners_stay_truthful(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 3; seed++) {
        double mean, mass[2];
        mw_run(&mk_auction_second_price, seed, 2000, 1500, 1.0, 1.0, &mean, mass);
        if (mean < 0.95 || mass[0] < 0.9 || mass[1] < 0.9)
            fail_msg("seed %llu: mean factor %.4f, mass on 1.0 %.3f %.3f", (unsigned long long)seed,
                     mean, mass[0], mass[1]);
    }
}

/* Honest bidders in second-price never regret (DSIC): exactly zero in
 * every round, whoever else plays; in first-price the same honest bidders
 * do regret (a winner could have bid less), which shows the measure can
 * tell. */
static void honest_regret(void **state)
{
    (void)state;
    mk_sim_options o = MK_SIM_OPTIONS_INIT;
    o.seed = 7;
    mk_sim *vickrey = sim_open(&mk_auction_second_price, uniform100, "honest:3,mw,br,fp", &o);
    mk_sim *first = sim_open(&mk_auction_first_price, uniform100, "honest:3,mw,br,fp", &o);
    double first_regret = 0;
    for (size_t t = 0; t < 300; t++) {
        step(vickrey);
        step(first);
        const mk_sim_round *r = mk_sim_last(vickrey), *f = mk_sim_last(first);
        for (size_t i = 0; i < 3; i++) {
            assert_int_equal(r->kinds[i], MK_SIM_HONEST);
            assert_int_equal(r->regret[i].num, 0);
            first_regret += to_double(f->regret[i]);
        }
        for (size_t i = 0; i < r->n; i++)
            assert_true(r->regret[i].num >= 0 && f->regret[i].num >= 0);
    }
    assert_true(first_regret > 100);
    mk_sim_free(vickrey);
    mk_sim_free(first);
}

/* A best responder in first-price against an honest bidder never bids
 * above its value (an overbid that wins loses money; the truthful bid
 * earns 0) and shades below it in most rounds where it has a value: it
 * bids one unit above the other's previous bid when that pays. */
static void best_response_shades(void **state)
{
    (void)state;
    mk_sim_options o = MK_SIM_OPTIONS_INIT;
    o.seed = 3;
    mk_sim *sim = sim_open(&mk_auction_first_price, uniform100, "honest,best_response", &o);
    size_t shaded = 0, rounds = 400;
    for (size_t t = 0; t < rounds; t++) {
        step(sim);
        const mk_sim_round *r = mk_sim_last(sim);
        int64_t value = mk_profile_row(r->types, 1)[MK_BID_FIRST];
        int64_t bid = mk_profile_row(r->reports, 1)[MK_BID_FIRST];
        assert_true(bid <= value);
        shaded += bid < value;
        /* Round 1 has no history: truthful. */
        if (t == 0)
            assert_int_equal(bid, value);
    }
    assert_true(shaded > rounds / 2);
    mk_sim_free(sim);
}

/* Mean bid / value of agents [first, n) over rounds [from, rounds), where
 * the value is positive. */
static double mean_ratio(const char *spec, size_t first, uint64_t seed, size_t rounds, size_t from)
{
    mk_sim_options o = MK_SIM_OPTIONS_INIT;
    o.seed = seed;
    mk_sim *sim = sim_open(&mk_auction_first_price, uniform100, spec, &o);
    double sum = 0;
    size_t count = 0;
    for (size_t t = 0; t < rounds; t++) {
        step(sim);
        const mk_sim_round *r = mk_sim_last(sim);
        for (size_t i = first; i < r->n && t >= from; i++) {
            int64_t value = mk_profile_row(r->types, i)[MK_BID_FIRST];
            if (value > 0) {
                sum += (double)mk_profile_row(r->reports, i)[MK_BID_FIRST] / (double)value;
                count++;
            }
        }
    }
    mk_sim_free(sim);
    return sum / (double)count;
}

/* Fictitious play in first-price, values uniform on [0, 100]. Against an
 * honest bidder (bids uniform on [0, 100]) the best bid maximises
 * (v - b) b / 100: b = v/2, and v/2 is among the candidates. Three
 * fictitious players approach the symmetric equilibrium b = 2v/3 (Krishna
 * 2010, sec. 2.3: (n-1)/n). Tolerances: 0.08 and 0.1; truthful bidding
 * (ratio 1) fails both. */
static void fictitious_play_first_price(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 2; seed++) {
        double one = mean_ratio("honest,fictitious", 1, seed, 300, 100);
        double three = mean_ratio("fp:3", 0, seed, 300, 150);
        if (fabs(one - 0.5) > 0.08 || fabs(three - 2.0 / 3) > 0.1)
            fail_msg("seed %llu: against honest %.4f (1/2), three players %.4f (2/3)",
                     (unsigned long long)seed, one, three);
    }
}

/* The welfare spoiler: with the same seed the types are the same (they are
 * drawn first from each round's stream), and replacing one honest bidder
 * by an adversarial one lowers total welfare in second-price. */
static void adversary_lowers_welfare(void **state)
{
    (void)state;
    mk_sim_options o = MK_SIM_OPTIONS_INIT;
    o.seed = 11;
    mk_sim *honest = sim_open(&mk_auction_second_price, uniform100, "honest:3", &o);
    mk_sim *spoiled = sim_open(&mk_auction_second_price, uniform100, "honest:2,adversarial", &o);
    double w_honest = 0, w_spoiled = 0;
    for (size_t t = 0; t < 300; t++) {
        step(honest);
        step(spoiled);
        const mk_sim_round *a = mk_sim_last(honest), *b = mk_sim_last(spoiled);
        for (size_t i = 0; i < 3; i++)
            assert_int_equal(mk_profile_row(a->types, i)[MK_BID_FIRST],
                             mk_profile_row(b->types, i)[MK_BID_FIRST]);
        w_honest += to_double(a->welfare);
        w_spoiled += to_double(b->welfare);
    }
    assert_true(w_spoiled < 0.9 * w_honest);
    mk_sim_free(honest);
    mk_sim_free(spoiled);
}

/* Revenue is the sum of payments and welfare the sum of utilities plus
 * revenue (in a single-item auction: the winner's value). */
static void revenue_and_welfare(void **state)
{
    (void)state;
    mk_sim_options o = MK_SIM_OPTIONS_INIT;
    mk_sim *sim = sim_open(&mk_auction_first_price, uniform100, "honest:2,mw:2", &o);
    for (size_t t = 0; t < 50; t++) {
        step(sim);
        const mk_sim_round *r = mk_sim_last(sim);
        int64_t paid = 0, value = 0;
        for (size_t i = 0; i < r->n; i++) {
            paid += r->outcome->payment[i];
            if (r->outcome->allocation[i] == 1)
                value = mk_profile_row(r->types, i)[MK_BID_FIRST];
        }
        assert_true(r->revenue.num == paid && r->revenue.den == 1);
        assert_true(r->welfare.num == value && r->welfare.den == 1);
    }
    mk_sim_free(sim);
}

/* The same seed gives the same rounds; another seed other rounds. */
static void deterministic(void **state)
{
    (void)state;
    mk_sim_options o = MK_SIM_OPTIONS_INIT;
    o.seed = 5;
    const char *spec = "honest,mw:2,br,adversarial,fp";
    mk_sim *a = sim_open(&mk_auction_first_price, uniform100, spec, &o);
    mk_sim *b = sim_open(&mk_auction_first_price, uniform100, spec, &o);
    o.seed = 6;
    mk_sim *c = sim_open(&mk_auction_first_price, uniform100, spec, &o);
    size_t differ = 0;
    for (size_t t = 0; t < 100; t++) {
        step(a);
        step(b);
        step(c);
        const mk_sim_round *ra = mk_sim_last(a), *rb = mk_sim_last(b), *rc = mk_sim_last(c);
        size_t cells = ra->reports->n * ra->reports->width;
        assert_memory_equal(ra->reports->cells, rb->reports->cells, cells * sizeof(int64_t));
        assert_memory_equal(ra->factor, rb->factor, ra->n * sizeof *ra->factor);
        assert_true(mk_rational_cmp(ra->welfare, rb->welfare) == 0);
        differ += memcmp(ra->reports->cells, rc->reports->cells, cells * sizeof(int64_t)) != 0;
    }
    assert_true(differ > 90);
    mk_sim_free(a);
    mk_sim_free(b);
    mk_sim_free(c);
}

/* Every auction can be simulated with every kind (multi-unit, positions
 * and double auctions included), and regrets are never negative. */
static void every_auction(void **state)
{
    (void)state;
    static const struct {
        const mk_mechanism *m;
        const char *kv[4];
    } cases[] = {
        {&mk_auction_all_pay, {"values=uniform:0:100", NULL}},
        {&mk_auction_uniform_price, {"values=uniform:0:100", "units=3", NULL}},
        {&mk_auction_pay_as_bid, {"values=uniform:0:100", "units=3", NULL}},
        {&mk_auction_multiunit_vickrey, {"values=uniform:0:100", "units=3", NULL}},
        {&mk_auction_gsp, {"values=uniform:0:100", "ctr=200,100", NULL}},
        {&mk_auction_vcg_positions, {"values=uniform:0:100", "ctr=200,100", NULL}},
        {&mk_auction_myerson, {"values=uniform:0:100", NULL}},
        {&mk_auction_mcafee, {"values=uniform:0:100", NULL}},
        {&mk_auction_k_double, {"values=uniform:0:100", NULL}},
    };
    mk_sim_options o = MK_SIM_OPTIONS_INIT;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        mk_sim *sim =
            sim_open(cases[c].m, cases[c].kv, "honest,br,mw:2,adversarial,fictitious", &o);
        for (size_t t = 0; t < 20; t++) {
            step(sim);
            const mk_sim_round *r = mk_sim_last(sim);
            for (size_t i = 0; i < r->n; i++)
                if (r->regret[i].num < 0)
                    fail_msg("%s: negative regret", cases[c].m->name);
        }
        mk_sim_free(sim);
    }
}

static int try_new(const mk_mechanism *m, const char *spec, const mk_sim_options *o, mk_ctx *ctx)
{
    mk_params params = MK_PARAMS_INIT;
    mk_sim_kind *kinds = NULL;
    size_t n = 0;
    mk_sim *sim = NULL;
    mk_setting setting = MK_SETTING_INIT;
    int rc = mk_params_set_arg(&params, "values=uniform:0:100", ctx);
    if (rc == 0)
        rc = mk_sim_agents_parse(spec, 0, &kinds, &n, ctx);
    if (rc == 0)
        rc = mk_sim_new(&sim, m, &params, &setting, kinds, n, o, ctx);
    if (rc == 0)
        assert_null(mk_sim_last(sim));
    mk_sim_free(sim);
    free(kinds);
    mk_params_free(&params);
    return rc;
}

static void expect_error(const mk_mechanism *m, const char *spec, const mk_sim_options *o, int code,
                         const char *words)
{
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(try_new(m, spec, o, &ctx), code);
    if (strstr(ctx.message, words) == NULL)
        fail_msg("'%s' does not say '%s'", ctx.message, words);
}

/* A mechanism without types, mw agents where reports cannot be shaded, best
 * responses without deviations, bad options: each a clear error. */
static void bad_use(void **state)
{
    (void)state;
    mk_sim_options o = MK_SIM_OPTIONS_INIT;
    mk_mechanism no_types = mk_auction_second_price;
    no_types.name = "test.no_types";
    no_types.sample = NULL;
    expect_error(&no_types, "honest", &o, MK_EPARAM, "cannot be simulated");
    no_types = mk_auction_second_price;
    no_types.utility = NULL;
    expect_error(&no_types, "honest", &o, MK_EPARAM, "defines no types");

    mk_mechanism unshaded = mk_auction_second_price;
    unshaded.name = "test.unshaded";
    unshaded.shade = NULL;
    expect_error(&unshaded, "honest,mw", &o, MK_EPARAM, "defines no shading");
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(try_new(&unshaded, "honest:2,br", &o, &ctx), 0);

    mk_mechanism blind = mk_auction_second_price;
    blind.deviations = NULL;
    expect_error(&blind, "honest,br", &o, MK_EPARAM, "deviations");
    expect_error(&blind, "adversarial", &o, MK_EPARAM, "deviations");
    expect_error(&blind, "fp", &o, MK_EPARAM, "fictitious agents choose");
    assert_int_equal(try_new(&blind, "honest:2,mw", &o, &ctx), 0);

    mk_sim_options bad = o;
    bad.grid = 0;
    expect_error(&mk_auction_first_price, "mw", &bad, MK_EPARAM, "grid");
    bad = o;
    bad.learning_rate = 0;
    expect_error(&mk_auction_first_price, "mw", &bad, MK_EPARAM, "learning rate");
    bad = o;
    bad.learning_rate = INFINITY;
    expect_error(&mk_auction_first_price, "mw", &bad, MK_EPARAM, "learning rate");
    bad = o;
    bad.version = 99;
    expect_error(&mk_auction_first_price, "mw", &bad, MK_EPARAM, "version");
    bad = o;
    bad.max_deviations = 0;
    expect_error(&mk_auction_first_price, "mw", &bad, MK_EPARAM, "max_deviations");
    expect_error(&mk_auction_first_price, "honest", &o, 0, "");

    mk_sim *sim = sim_open(&mk_auction_first_price, uniform100, "honest,mw", &o);
    double p[20];
    assert_int_equal(mk_sim_mw_probabilities(sim, 0, p, &ctx), MK_EPARAM);
    assert_int_equal(mk_sim_mw_probabilities(sim, 2, p, &ctx), MK_EPARAM);
    assert_int_equal(mk_sim_mw_probabilities(sim, 1, p, &ctx), 0);
    /* Before any round every factor is equally likely. */
    for (size_t k = 0; k < 20; k++)
        assert_true(fabs(p[k] - 0.05) < 1e-12);
    mk_sim_free(sim);
    mk_sim_free(NULL);
}

/* Without deviations, regret is measured against the truthful report
 * alone: an honest bidder's is zero, and in second-price an mw bidder's is
 * what truthful bidding would have added (positive when shading lost a
 * profitable win). */
static void regret_without_deviations(void **state)
{
    (void)state;
    mk_mechanism blind = mk_auction_second_price;
    blind.deviations = NULL;
    mk_sim_options o = MK_SIM_OPTIONS_INIT;
    mk_sim *sim = sim_open(&blind, uniform100, "honest:2,mw", &o);
    size_t positive = 0;
    for (size_t t = 0; t < 50; t++) {
        step(sim);
        const mk_sim_round *r = mk_sim_last(sim);
        assert_int_equal(r->regret[0].num, 0);
        assert_int_equal(r->regret[1].num, 0);
        assert_true(r->regret[2].num >= 0);
        positive += r->regret[2].num > 0;
    }
    assert_true(positive > 0);
    mk_sim_free(sim);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(first_price_learners_shade_to_half),
        cmocka_unit_test(second_price_learners_stay_truthful),
        cmocka_unit_test(honest_regret),
        cmocka_unit_test(best_response_shades),
        cmocka_unit_test(fictitious_play_first_price),
        cmocka_unit_test(adversary_lowers_welfare),
        cmocka_unit_test(revenue_and_welfare),
        cmocka_unit_test(deterministic),
        cmocka_unit_test(every_auction),
        cmocka_unit_test(bad_use),
        cmocka_unit_test(regret_without_deviations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
