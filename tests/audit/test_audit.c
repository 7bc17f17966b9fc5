/*
 * mk_audit_run on the auction family: the textbook findings of issue 7
 * (second-price and VCG truthful, first-price refuted with shaded bids,
 * the EOS example for GSP, McAfee truthful with a surplus), the same
 * report whatever the number of threads, claims refuted with their
 * counterexample on a deliberately broken mechanism, and bad use.
 */
#include "support/auction_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/audit.h"
#include "mechkit/auction.h"

/* Audits m with "key=value" parameters at scale; types NULL samples. */
static int audit(const mk_mechanism *m, const char *const *kv, int scale, const mk_profile *types,
                 const mk_audit_options *o, mk_audit_report *r, mk_ctx *ctx)
{
    mk_params params = MK_PARAMS_INIT;
    int rc = 0;
    for (size_t i = 0; kv != NULL && kv[i] != NULL && rc == 0; i++)
        rc = mk_params_set_arg(&params, kv[i], ctx);
    mk_setting setting = {scale, types != NULL ? types->n : o->participants, 0, o->seed, NULL, 0};
    if (rc == 0)
        rc = mk_audit_run(m, &params, &setting, types, o, r, ctx);
    mk_params_free(&params);
    return rc;
}

static void audit_ok(const mk_mechanism *m, const char *const *kv, int scale,
                     const mk_profile *types, const mk_audit_options *o, mk_audit_report *r)
{
    mk_ctx ctx = MK_CTX_INIT;
    if (audit(m, kv, scale, types, o, r, &ctx) != 0)
        fail_msg("%s: %s", m->name, ctx.message);
}

static mk_rational q(int64_t num, int64_t den)
{
    mk_rational r;
    assert_int_equal(mk_rational_make(num, den, &r), 0);
    return r;
}

/* The verdict on claim in r, failing the test when it is not listed. */
static const mk_audit_claim *claim(const mk_audit_report *r, unsigned bit)
{
    for (size_t i = 0; i < r->n_claims; i++)
        if (r->claims[i].claim == bit)
            return &r->claims[i];
    fail_msg("claim %s is not in the report", mk_claim_name(bit));
    return NULL;
}

/* Vickrey (1961) and VCG for positions are DSIC: over 2,000 sampled
 * profiles no candidate misreport gains, and every claim holds. */
static void second_price_and_vcg_have_no_profitable_lie(void **state)
{
    (void)state;
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.budget = 2000;
    o.seed = 11;
    o.max_coalition = 0; /* pairs are tested below, on fewer profiles */
    const char *ctr[] = {"ctr=0.5,0.3,0.1", NULL};
    const struct {
        const mk_mechanism *m;
        const char *const *kv;
    } cases[] = {{&mk_auction_second_price, NULL}, {&mk_auction_vcg_positions, ctr}};
    for (size_t c = 0; c < 2; c++) {
        mk_audit_report r = MK_AUDIT_REPORT_INIT;
        audit_ok(cases[c].m, cases[c].kv, 0, NULL, &o, &r);
        assert_int_equal(r.profiles, 2000);
        assert_int_equal(r.participants, 2000 * 5);
        assert_true(r.unilateral_checked);
        assert_true(r.exhaustive);
        assert_int_equal(r.profitable, 0);
        assert_int_equal(r.max_gain.num, 0);
        assert_false(r.worst.present);
        /* "0", or "0.0" padded to VCG's payment scale. */
        assert_int_equal(strspn(r.mean_regret, "0."), strlen(r.mean_regret));
        assert_true(r.share_hi < 0.002); /* Wilson: 0 of 2000 */
        assert_int_equal(r.ir_violations, 0);
        for (size_t i = 0; i < r.n_claims; i++)
            assert_int_equal(r.claims[i].verdict, MK_AUDIT_HOLDS);
        assert_int_equal(claim(&r, MK_CLAIM_DSIC)->verdict, MK_AUDIT_HOLDS);
        assert_int_equal(claim(&r, MK_CLAIM_IR)->verdict, MK_AUDIT_HOLDS);
        assert_int_equal(claim(&r, MK_CLAIM_WEAK_BB)->verdict, MK_AUDIT_HOLDS);
        /* Both give the item (the positions) by value: no welfare lost. */
        assert_true(r.efficiency_checked);
        assert_int_equal(r.inefficient, 0);
        assert_string_equal(r.efficiency_mean, "1");
        if (cases[c].m == &mk_auction_vcg_positions)
            assert_int_equal(claim(&r, MK_CLAIM_EFFICIENT)->verdict, MK_AUDIT_HOLDS);
        assert_true(mk_rational_cmp(r.revenue_max, r.revenue_min) > 0);
        mk_audit_report_free(&r);
    }
}

/* First-price: truthful bidding is refuted; the worst lie found bids less
 * than the value (a bidder who bids its value gains nothing). */
static void first_price_truth_is_refuted(void **state)
{
    (void)state;
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.budget = 500;
    o.max_coalition = 0;
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    audit_ok(&mk_auction_first_price, NULL, 0, NULL, &o, &r);
    assert_true(r.profitable > 450);
    assert_true(r.worst.present && r.worst.has_lie);
    assert_true(mk_rational_cmp(r.worst.gain, r.max_gain) == 0);
    assert_true(r.max_gain.num > 0);
    size_t who = r.worst.who;
    int64_t value = mk_profile_row(&r.worst.types, who)[MK_BID_FIRST];
    int64_t lie = mk_profile_row(&r.worst.lie, who)[MK_BID_FIRST];
    assert_true(lie < value);
    /* The gain is the replayed utilities' difference. */
    mk_rational diff;
    assert_int_equal(mk_rational_sub(r.worst.lie_utility, r.worst.utility, &diff), 0);
    assert_true(mk_rational_cmp(diff, r.worst.gain) == 0);
    /* First-price does not claim DSIC, so no claim fails. */
    for (size_t i = 0; i < r.n_claims; i++)
        assert_int_equal(r.claims[i].verdict, MK_AUDIT_HOLDS);
    assert_non_null(r.worst.truth_text);
    assert_non_null(r.worst.lie_text);
    mk_audit_report_free(&r);
}

/*
 * With n bidders of values uniform on [0, 100], the best reply of the
 * highest bidder to truthful others is to bid just above the highest other
 * value; the mean of that bid over the others' values, E[max of n-1
 * uniforms on [0, v]] = v (n-1)/n, is the symmetric equilibrium bid of
 * first-price (Vickrey 1961; Krishna, "Auction Theory", 2nd ed., 2.3). So
 * over profiles audited one at a time, the mean ratio of the worst lie's
 * bid to its value is near (n-1)/n. 300 profiles with amounts in cents:
 * the ratio has standard deviation below 0.3, so its mean is within 0.05
 * of (n-1)/n with a wide margin (over 2.8 standard errors); the seeds are
 * fixed, so the test is deterministic.
 */
static void first_price_best_lie_shades_to_equilibrium(void **state)
{
    (void)state;
    const char *kv[] = {"values=uniform:0:100", NULL};
    for (size_t n = 2; n <= 3; n++) {
        double sum = 0;
        size_t count = 0;
        for (uint64_t seed = 0; seed < 300; seed++) {
            mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
            o.budget = 1;
            o.participants = n;
            o.seed = seed;
            o.max_coalition = 0;
            mk_audit_report r = MK_AUDIT_REPORT_INIT;
            audit_ok(&mk_auction_first_price, kv, 2, NULL, &o, &r);
            if (r.worst.present) {
                double v = (double)mk_profile_row(&r.worst.types, r.worst.who)[MK_BID_FIRST];
                double b = (double)mk_profile_row(&r.worst.lie, r.worst.who)[MK_BID_FIRST];
                sum += b / v;
                count++;
            }
            mk_audit_report_free(&r);
        }
        double mean = sum / (double)count, target = (double)(n - 1) / (double)n;
        print_message("first-price, %zu bidders: mean bid/value of the best lie %.4f over %zu "
                      "profiles (equilibrium %.4f)\n",
                      n, mean, count, target);
        assert_true(count > 280);
        assert_true(mean > target - 0.05 && mean < target + 0.05);
    }
}

/*
 * Edelman, Ostrovsky and Schwarz (2007), AER 97(1): with 200 and 199
 * clicks and values 10, 4, 2, truth is not an equilibrium of GSP.
 * Truthful, advertiser 1 gets (10 - 4) * 200 = 1200; shading to 2 or 3 it
 * takes position 2 for (10 - 2) * 199 = 1592: a gain of exactly 392.
 */
static void gsp_eos_profitable_deviation(void **state)
{
    (void)state;
    static const char *const labels[] = {"a", "b", "c"};
    const int64_t values[] = {10, 4, 2};
    mk_profile types = MK_PROFILE_INIT;
    fixture_single_bids(&types, 3, values);
    types.labels = labels;
    const char *kv[] = {"ctr=200,199", NULL};
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    audit_ok(&mk_auction_gsp, kv, 0, &types, &o, &r);
    assert_int_equal(r.profiles, 1);
    assert_int_equal(r.profitable, 1);
    assert_true(r.exhaustive);
    assert_true(mk_rational_cmp(r.max_gain, q(392, 1)) == 0);
    assert_int_equal(r.worst.who, 0);
    assert_int_equal(r.worst.unit, 0);
    assert_ptr_equal(r.worst.types.labels, labels);
    assert_true(mk_rational_cmp(r.worst.utility, q(1200, 1)) == 0);
    assert_true(mk_rational_cmp(r.worst.lie_utility, q(1592, 1)) == 0);
    int64_t bid = mk_profile_row(&r.worst.lie, 0)[MK_BID_FIRST];
    assert_true(bid == 2 || bid == 3);
    assert_int_equal(r.worst.lie_outcome.allocation[0], 2);
    assert_int_equal(r.worst.lie_outcome.payment[0], 398);
    assert_string_equal(r.mean_regret, "392");
    /* The others' rows are their truthful reports. */
    assert_memory_equal(mk_profile_row(&r.worst.lie, 1), mk_profile_row(&r.worst.truth, 1),
                        types.width * sizeof(int64_t));
    mk_audit_report_free(&r);
    mk_profile_free(&types);
}

/* McAfee (1992), "A dominant strategy double auction", JET 56: truthful
 * and weakly budget balanced; the trade it reduces leaves a surplus. */
static void mcafee_truthful_with_surplus(void **state)
{
    (void)state;
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.budget = 1000;
    o.participants = 8;
    o.max_coalition = 0;
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    audit_ok(&mk_auction_mcafee, NULL, 0, NULL, &o, &r);
    assert_int_equal(r.profitable, 0);
    assert_int_equal(r.revenue_negative, 0);
    assert_true(r.revenue_min.num >= 0);
    assert_true(r.revenue_max.num > 0);
    assert_true(r.revenue_nonzero > 0);
    assert_true(r.revenue_high.present);
    assert_string_not_equal(r.revenue_mean, "0");
    assert_int_equal(claim(&r, MK_CLAIM_DSIC)->verdict, MK_AUDIT_HOLDS);
    assert_int_equal(claim(&r, MK_CLAIM_WEAK_BB)->verdict, MK_AUDIT_HOLDS);
    mk_audit_report_free(&r);
}

static void same_report(const mk_audit_report *a, const mk_audit_report *b)
{
    assert_int_equal(a->profiles, b->profiles);
    assert_int_equal(a->participants, b->participants);
    assert_int_equal(a->runs, b->runs);
    assert_int_equal(a->profitable, b->profitable);
    assert_int_equal(a->exhaustive, b->exhaustive);
    assert_true(mk_rational_cmp(a->max_gain, b->max_gain) == 0);
    assert_string_equal(a->mean_regret, b->mean_regret);
    assert_string_equal(a->revenue_mean, b->revenue_mean);
    assert_true(mk_rational_cmp(a->revenue_min, b->revenue_min) == 0);
    assert_true(mk_rational_cmp(a->revenue_max, b->revenue_max) == 0);
    assert_int_equal(a->worst.unit, b->worst.unit);
    assert_int_equal(a->worst.who, b->worst.who);
    assert_int_equal(a->worst.candidate, b->worst.candidate);
    assert_int_equal(a->revenue_low.unit, b->revenue_low.unit);
    assert_int_equal(a->revenue_high.unit, b->revenue_high.unit);
    assert_int_equal(a->coalition_profitable, b->coalition_profitable);
    assert_int_equal(a->collusion_profitable, b->collusion_profitable);
    assert_true(mk_rational_cmp(a->collusion_max_gain, b->collusion_max_gain) == 0);
    assert_int_equal(a->collusion_worst.unit, b->collusion_worst.unit);
    assert_int_equal(a->collusion_worst.who, b->collusion_worst.who);
    assert_int_equal(a->collusion_worst.partner, b->collusion_worst.partner);
    assert_int_equal(a->coalition_worst.unit, b->coalition_worst.unit);
    assert_int_equal(a->sybil_profitable, b->sybil_profitable);
    assert_true(mk_rational_cmp(a->sybil_max_gain, b->sybil_max_gain) == 0);
    assert_int_equal(a->sybil_worst.unit, b->sybil_worst.unit);
    assert_int_equal(a->worst.lie.n, b->worst.lie.n);
    assert_memory_equal(a->worst.lie.cells, b->worst.lie.cells,
                        a->worst.lie.n * a->worst.lie.width * sizeof(int64_t));
}

/* Seeded units and exact merging: 1, 2 and 3 threads agree. Many equal
 * gains (amounts in whole units) exercise the tie rule. */
static void threads_do_not_change_the_report(void **state)
{
    (void)state;
    const char *ctr[] = {"ctr=0.5,0.3,0.1", NULL};
    const struct {
        const mk_mechanism *m;
        const char *const *kv;
    } cases[] = {{&mk_auction_first_price, NULL}, {&mk_auction_gsp, ctr}};
    for (size_t c = 0; c < 2; c++) {
        mk_audit_report r[3] = {MK_AUDIT_REPORT_INIT, MK_AUDIT_REPORT_INIT, MK_AUDIT_REPORT_INIT};
        for (size_t t = 0; t < 3; t++) {
            mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
            o.budget = 101;
            o.seed = 5;
            o.threads = t + 1;
            audit_ok(cases[c].m, cases[c].kv, 0, NULL, &o, &r[t]);
        }
        assert_true(r[0].profitable > 0);
        same_report(&r[0], &r[1]);
        same_report(&r[0], &r[2]);
        for (size_t t = 0; t < 3; t++)
            mk_audit_report_free(&r[t]);
    }
}

/*
 * Coalitions of two. Second-price is DSIC but not collusion-proof: a
 * bidding ring (Graham and Marshall 1987, "Collusive bidder behavior at
 * single-object second-price and English auctions", JPE 95) has the
 * runner-up shade so the winner pays less; the winner gains, the
 * runner-up gains nothing, so the pair gains only with side payments.
 * In the all-pay auction two losers who both stop bidding both gain.
 */
static void coalitions_of_two(void **state)
{
    (void)state;
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.budget = 100;
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    audit_ok(&mk_auction_second_price, NULL, 0, NULL, &o, &r);
    assert_true(r.coalition_checked);
    assert_int_equal(r.coalition_profitable, 0);
    assert_false(r.coalition_worst.present);
    assert_true(r.collusion_profitable > 90);
    const mk_audit_example *e = &r.collusion_worst;
    assert_int_equal(e->members, 2);
    assert_true(e->who < e->partner);
    assert_true(mk_rational_cmp(e->gain, r.collusion_max_gain) == 0);
    /* One member wins either way and pays less; the other shades. */
    size_t winner = e->outcome.allocation[e->who] == 1 ? e->who : e->partner;
    size_t ring = winner == e->who ? e->partner : e->who;
    assert_int_equal(e->outcome.allocation[winner], 1);
    assert_int_equal(e->lie_outcome.allocation[winner], 1);
    assert_true(e->lie_outcome.payment[winner] < e->outcome.payment[winner]);
    assert_true(mk_profile_row(&e->lie, ring)[MK_BID_FIRST] <
                mk_profile_row(&e->truth, ring)[MK_BID_FIRST]);
    mk_rational saved;
    assert_int_equal(
        mk_rational_make(e->outcome.payment[winner] - e->lie_outcome.payment[winner], 1, &saved),
        0);
    assert_true(mk_rational_cmp(saved, e->gain) == 0);
    mk_rational sum;
    assert_int_equal(mk_rational_add(e->member_utility[0], e->member_utility[1], &sum), 0);
    assert_true(mk_rational_cmp(sum, e->utility) == 0);
    mk_audit_report_free(&r);

    audit_ok(&mk_auction_all_pay, NULL, 0, NULL, &o, &r);
    assert_int_equal(r.coalition_profitable, 100);
    e = &r.coalition_worst;
    assert_true(e->present && e->members == 2);
    for (size_t k = 0; k < 2; k++)
        assert_true(mk_rational_cmp(e->member_lie_utility[k], e->member_utility[k]) > 0);
    mk_audit_report_free(&r);

    /* Off, too large, and beyond the largest coalition searched. */
    o.max_coalition = 1;
    audit_ok(&mk_auction_second_price, NULL, 0, NULL, &o, &r);
    assert_false(r.coalition_checked);
    mk_audit_report_free(&r);
    o = (mk_audit_options)MK_AUDIT_OPTIONS_INIT;
    o.budget = 2;
    o.participants = MK_AUDIT_COALITION_PARTICIPANTS_MAX + 1;
    o.max_deviations = 2;
    audit_ok(&mk_auction_second_price, NULL, 0, NULL, &o, &r);
    assert_true(r.coalition_checked);
    assert_int_equal(r.coalition_skipped, 2);
    mk_audit_report_free(&r);
    mk_ctx ctx = MK_CTX_INIT;
    o.max_coalition = MK_AUDIT_COALITION_MAX + 1;
    assert_int_equal(audit(&mk_auction_second_price, NULL, 0, NULL, &o, &r, &ctx), MK_EPARAM);
    assert_non_null(strstr(ctx.message, "at most 4 participants"));
}

/* A deliberately broken "second-price" auction: it claims DSIC, IR and
 * weak budget balance but charges the winner its own bid plus one unit. */
static int broken_run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    int rc = mk_auction_second_price.run(inst, reports, out, ctx);
    for (size_t i = 0; rc == 0 && i < out->n; i++)
        if (out->allocation[i] > 0)
            out->payment[i] = mk_profile_row(reports, i)[MK_BID_FIRST] + 1;
    return rc;
}

static void broken_mechanism_fails_its_claims(void **state)
{
    (void)state;
    mk_mechanism broken = mk_auction_second_price;
    broken.name = "test.broken_second_price";
    broken.run = broken_run;
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.budget = 200;
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    audit_ok(&broken, NULL, 0, NULL, &o, &r);
    const mk_audit_claim *dsic = claim(&r, MK_CLAIM_DSIC), *ir = claim(&r, MK_CLAIM_IR);
    assert_int_equal(dsic->verdict, MK_AUDIT_FAILS);
    assert_ptr_equal(dsic->counterexample, &r.worst);
    assert_true(dsic->counterexample->has_lie);
    assert_true(dsic->counterexample->gain.num > 0);
    assert_int_equal(ir->verdict, MK_AUDIT_FAILS);
    assert_ptr_equal(ir->counterexample, &r.ir_worst);
    /* The truthful winner pays its value plus one: utility -1 exactly. */
    assert_true(mk_rational_cmp(ir->counterexample->utility, q(-1, 1)) == 0);
    assert_false(ir->counterexample->has_lie);
    assert_int_equal(claim(&r, MK_CLAIM_WEAK_BB)->verdict, MK_AUDIT_HOLDS);
    assert_true(r.ir_violations > 0);
    mk_audit_report_free(&r);
}

/* A "second-price" auction that pays every participant 1 unit for taking
 * part, with a split that lets a bidder add identities bidding zero: each
 * extra identity collects the subsidy, so splitting into k identities
 * gains exactly k - 1 (the false-name manipulation the sybil search must
 * find, as in quadratic funding's matching). */
static int subsidy_run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    int rc = mk_auction_second_price.run(inst, reports, out, ctx);
    for (size_t i = 0; rc == 0 && i < out->n; i++)
        out->payment[i] -= 1;
    return rc;
}

static int zero_split(const mk_instance *inst, const mk_profile *reports, size_t who, size_t k,
                      mk_profile *out, mk_ctx *ctx)
{
    (void)inst;
    (void)who;
    size_t n = reports->n, width = reports->width;
    int rc = mk_profile_resize(out, n + k - 1, width, ctx);
    if (rc != 0)
        return rc;
    memcpy(out->cells, reports->cells, n * width * sizeof *out->cells);
    for (size_t i = n; i < n + k - 1; i++) {
        int64_t *row = mk_profile_row(out, i);
        row[MK_BID_SIDE] = MK_SIDE_BUY;
        row[MK_BID_QUALITY] = MK_QUALITY_ONE;
        row[MK_BID_FIRST] = 0;
    }
    return MK_OK;
}

static void sybil_split_gains_the_subsidy(void **state)
{
    (void)state;
    mk_mechanism subsidy = mk_auction_second_price;
    subsidy.name = "test.subsidy";
    subsidy.run = subsidy_run;
    subsidy.split = zero_split;
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.budget = 50;
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    audit_ok(&subsidy, NULL, 0, NULL, &o, &r);
    assert_true(r.sybil_checked);
    assert_int_equal(r.sybil_profitable, 50);
    assert_int_equal(r.sybil_by_k[2].profitable, 50);
    assert_int_equal(r.sybil_by_k[3].profitable, 50);
    assert_true(mk_rational_cmp(r.sybil_by_k[2].max_gain, q(1, 1)) == 0);
    assert_true(mk_rational_cmp(r.sybil_by_k[3].max_gain, q(2, 1)) == 0);
    assert_true(mk_rational_cmp(r.sybil_max_gain, q(2, 1)) == 0);
    /* Every participant gains 2 as 3 identities: the tie goes to the
     * lowest unit and participant. */
    const mk_audit_example *e = &r.sybil_worst;
    assert_true(e->present && e->has_lie);
    assert_int_equal(e->identities, 3);
    assert_int_equal(e->unit, 0);
    assert_int_equal(e->who, 0);
    assert_int_equal(e->lie.n, e->types.n + 2);
    assert_int_equal(e->lie_outcome.n, e->types.n + 2);
    assert_true(mk_rational_cmp(e->gain, q(2, 1)) == 0);
    assert_non_null(e->lie_text);
    assert_non_null(strstr(e->lie_text, " + 0"));
    /* The unilateral search finds nothing: the subsidy does not depend on
     * the bid. */
    assert_int_equal(r.profitable, 0);
    /* The same with two threads. */
    mk_audit_report r2 = MK_AUDIT_REPORT_INIT;
    o.threads = 2;
    audit_ok(&subsidy, NULL, 0, NULL, &o, &r2);
    same_report(&r, &r2);
    mk_audit_report_free(&r2);
    mk_audit_report_free(&r);

    /* max_identities below 2 turns the search off. */
    o.max_identities = 1;
    audit_ok(&subsidy, NULL, 0, NULL, &o, &r);
    assert_false(r.sybil_checked);
    assert_int_equal(r.sybil_profitable, 0);
    mk_audit_report_free(&r);
}

/* Multi-unit auctions split a bidder's marginal bids over identities
 * (mechkit's split, after Yokoo, Sakurai and Matsubara 2004); since all
 * bids still compete in one ranking, a truthful split wins the same units
 * at the same prices: no gain under uniform pricing, pay-as-bid or the
 * multi-unit Vickrey auction. */
static void multi_unit_truthful_splits_do_not_pay(void **state)
{
    (void)state;
    const char *kv[] = {"units=3", NULL};
    const mk_mechanism *ms[] = {&mk_auction_uniform_price, &mk_auction_pay_as_bid,
                                &mk_auction_multiunit_vickrey};
    for (size_t i = 0; i < 3; i++) {
        mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
        o.budget = 200;
        o.max_identities = 4;
        o.max_coalition = 0;
        mk_audit_report r = MK_AUDIT_REPORT_INIT;
        audit_ok(ms[i], kv, 0, NULL, &o, &r);
        assert_true(r.sybil_checked);
        assert_int_equal(r.sybil_profitable, 0);
        assert_false(r.sybil_worst.present);
        mk_audit_report_free(&r);
    }
    /* Single-item auctions define no split. */
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.budget = 5;
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    audit_ok(&mk_auction_second_price, NULL, 0, NULL, &o, &r);
    assert_false(r.sybil_checked);
    mk_audit_report_free(&r);
}

/* Fails on any profile whose highest bid is at least 90, as a buggy
 * mechanism might: the error reported is the lowest failing unit's. */
static int failing_run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx)
{
    for (size_t i = 0; i < reports->n; i++)
        if (mk_profile_row(reports, i)[MK_BID_FIRST] >= 90)
            return mk_error(ctx, MK_EINPUT, "bid %lld is too high",
                            (long long)mk_profile_row(reports, i)[MK_BID_FIRST]);
    return mk_auction_second_price.run(inst, reports, out, ctx);
}

static void errors_are_deterministic(void **state)
{
    (void)state;
    mk_mechanism failing = mk_auction_second_price;
    failing.name = "test.failing";
    failing.run = failing_run;
    char first[MK_ERROR_MESSAGE_MAX] = "";
    for (size_t t = 1; t <= 3; t++) {
        mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
        o.budget = 400;
        o.threads = t;
        mk_audit_report r = MK_AUDIT_REPORT_INIT;
        mk_ctx ctx = MK_CTX_INIT;
        assert_int_equal(audit(&failing, NULL, 0, NULL, &o, &r, &ctx), MK_EINPUT);
        assert_non_null(strstr(ctx.message, "audit unit"));
        assert_non_null(strstr(ctx.message, "is too high"));
        assert_int_equal(r.profiles, 0); /* untouched on failure */
        if (t == 1)
            strcpy(first, ctx.message);
        else
            assert_string_equal(ctx.message, first);
    }
}

/* The `threads` a mechanism with threads of its own was prepared with
 * (instances are prepared on the calling thread, one after another). */
static char prepared_threads[8];

static int prepare_recording_threads(mk_instance **out, const mk_params *params,
                                     const mk_setting *setting, mk_ctx *ctx)
{
    const char *t = mk_params_get(params, "threads");
    snprintf(prepared_threads, sizeof prepared_threads, "%s", t != NULL ? t : "");
    return mk_auction_second_price.prepare(out, params, setting, ctx);
}

/* Several audit workers running a mechanism that starts threads of its own
 * prepare it with threads=1 unless the user said how many; one worker
 * leaves the mechanism's default (0: its own choice). */
static void workers_do_not_multiply_threads(void **state)
{
    (void)state;
    static mk_param_spec specs[MK_PARAMS_MAX]; /* second price's, and threads */
    size_t n = 0;
    for (const mk_param_spec *p = mk_auction_second_price.params; p->name != NULL; p++)
        specs[n++] = *p;
    specs[n++] = (mk_param_spec){"threads", MK_PARAM_INT, "0", NULL, "threads of its own"};
    specs[n] = (mk_param_spec){NULL, 0, NULL, NULL, NULL};
    mk_mechanism threaded = mk_auction_second_price;
    threaded.name = "test.threaded";
    threaded.params = specs;
    threaded.prepare = prepare_recording_threads;
    static const struct {
        size_t workers;
        const char *given, *want;
    } cases[] = {{2, NULL, "1"}, {1, NULL, "0"}, {2, "threads=3", "3"}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
        o.budget = 20;
        o.threads = cases[k].workers;
        const char *kv[] = {cases[k].given, NULL};
        mk_audit_report r = MK_AUDIT_REPORT_INIT;
        audit_ok(&threaded, kv, 0, NULL, &o, &r);
        assert_string_equal(prepared_threads, cases[k].want);
        mk_audit_report_free(&r);
    }
}

static void bad_options_and_mechanisms(void **state)
{
    (void)state;
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    mk_ctx ctx = MK_CTX_INIT;
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.version = 0;
    assert_int_equal(audit(&mk_auction_second_price, NULL, 0, NULL, &o, &r, &ctx), MK_EPARAM);
    o = (mk_audit_options)MK_AUDIT_OPTIONS_INIT;
    o.budget = 0;
    assert_int_equal(audit(&mk_auction_second_price, NULL, 0, NULL, &o, &r, &ctx), MK_EPARAM);
    o = (mk_audit_options)MK_AUDIT_OPTIONS_INIT;
    o.participants = 0;
    assert_int_equal(audit(&mk_auction_second_price, NULL, 0, NULL, &o, &r, &ctx), MK_EPARAM);
    o = (mk_audit_options)MK_AUDIT_OPTIONS_INIT;
    o.max_deviations = 0;
    assert_int_equal(audit(&mk_auction_second_price, NULL, 0, NULL, &o, &r, &ctx), MK_EPARAM);
    o = (mk_audit_options)MK_AUDIT_OPTIONS_INIT;
    o.max_identities = MK_AUDIT_IDENTITIES_MAX + 1;
    assert_int_equal(audit(&mk_auction_second_price, NULL, 0, NULL, &o, &r, &ctx), MK_EPARAM);
    o = (mk_audit_options)MK_AUDIT_OPTIONS_INIT;
    o.threads = MK_AUDIT_THREADS_MAX + 1;
    assert_int_equal(audit(&mk_auction_second_price, NULL, 0, NULL, &o, &r, &ctx), MK_EPARAM);

    /* A mechanism without types says so. */
    o = (mk_audit_options)MK_AUDIT_OPTIONS_INIT;
    mk_mechanism typeless = mk_auction_second_price;
    typeless.utility = NULL;
    assert_int_equal(audit(&typeless, NULL, 0, NULL, &o, &r, &ctx), MK_EPARAM);
    assert_non_null(strstr(ctx.message, "defines no types"));
    mk_mechanism unsampled = mk_auction_second_price;
    unsampled.sample = NULL;
    assert_int_equal(audit(&unsampled, NULL, 0, NULL, &o, &r, &ctx), MK_EPARAM);
    assert_non_null(strstr(ctx.message, "give a profile"));
    /* A bad parameter of the mechanism is its usual error. */
    const char *kv[] = {"reserv=3", NULL};
    assert_int_equal(audit(&mk_auction_second_price, kv, 0, NULL, &o, &r, &ctx), MK_EPARAM);
    assert_non_null(strstr(ctx.message, "did you mean"));
    assert_int_equal(r.profiles, 0);

    /* Without deviations the unilateral search is skipped, DSIC unchecked. */
    mk_mechanism silent = mk_auction_second_price;
    silent.deviations = NULL;
    o.budget = 20;
    audit_ok(&silent, NULL, 0, NULL, &o, &r);
    assert_false(r.unilateral_checked);
    assert_int_equal(claim(&r, MK_CLAIM_DSIC)->verdict, MK_AUDIT_NOT_CHECKED);
    mk_audit_report_free(&r);
    mk_audit_report_free(NULL);
}

/* Few candidates: the search says it was not exhaustive. */
static void truncated_search_is_sampled(void **state)
{
    (void)state;
    mk_audit_options o = MK_AUDIT_OPTIONS_INIT;
    o.budget = 10;
    o.max_deviations = 2;
    mk_audit_report r = MK_AUDIT_REPORT_INIT;
    audit_ok(&mk_auction_second_price, NULL, 0, NULL, &o, &r);
    assert_false(r.exhaustive);
    mk_audit_report_free(&r);
}

/* Wilson (1927) score interval at 95%: 0 of 10 gives [0, 0.2775] and 5 of
 * 10 gives [0.2366, 0.7634] (as in Agresti and Coull 1998, table 1's
 * method; worked by hand with z = 1.96). */
static void wilson_interval(void **state)
{
    (void)state;
    double lo, hi;
    mk_audit_wilson(0, 10, &lo, &hi);
    assert_true(lo == 0.0 && hi > 0.27749 && hi < 0.27755);
    mk_audit_wilson(5, 10, &lo, &hi);
    assert_true(lo > 0.23655 && lo < 0.23665 && hi > 0.76335 && hi < 0.76345);
    mk_audit_wilson(10, 10, &lo, &hi);
    assert_true(hi == 1.0 && lo > 0.7224 && lo < 0.7226);
    mk_audit_wilson(0, 0, &lo, &hi);
    assert_true(lo == 0.0 && hi == 1.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(second_price_and_vcg_have_no_profitable_lie),
        cmocka_unit_test(first_price_truth_is_refuted),
        cmocka_unit_test(first_price_best_lie_shades_to_equilibrium),
        cmocka_unit_test(gsp_eos_profitable_deviation),
        cmocka_unit_test(mcafee_truthful_with_surplus),
        cmocka_unit_test(threads_do_not_change_the_report),
        cmocka_unit_test(coalitions_of_two),
        cmocka_unit_test(broken_mechanism_fails_its_claims),
        cmocka_unit_test(sybil_split_gains_the_subsidy),
        cmocka_unit_test(multi_unit_truthful_splits_do_not_pay),
        cmocka_unit_test(errors_are_deterministic),
        cmocka_unit_test(workers_do_not_multiply_threads),
        cmocka_unit_test(bad_options_and_mechanisms),
        cmocka_unit_test(truncated_search_is_sampled),
        cmocka_unit_test(wilson_interval),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
