/*
 * The claims every auction makes, checked through the generic interface
 * alone (sample, truthful, run, utility, deviations), as the auditor will:
 * on seeded sampled profiles, a mechanism that claims DSIC has no
 * profitable deviation among its own candidates, IR gives truthful bidders
 * utility >= 0, and budget balance holds. A mechanism that does not claim
 * DSIC must show a profitable lie on some profile, so that the search is
 * known to find one when it exists.
 */
#include "support/auction_fixture.h"

#include <stdlib.h>
#include <string.h>

#include "mechkit/registry.h"

typedef struct case_ {
    const char *name;
    const char *params[4];
} case_;

static const case_ cases[] = {
    {"auction.first_price", {NULL}},
    {"auction.second_price", {"reserve=10", NULL}},
    {"auction.all_pay", {NULL}},
    {"auction.uniform_price", {"units=3", NULL}},
    {"auction.pay_as_bid", {"units=3", NULL}},
    {"auction.multiunit_vickrey", {"units=3", NULL}},
    {"auction.gsp", {"ctr=0.5,0.3,0.1", NULL}},
    {"auction.vcg_positions", {"ctr=0.5,0.3,0.1", NULL}},
    {"auction.myerson", {"dist=uniform:0:100", NULL}},
    {"auction.mcafee", {NULL}},
    {"auction.k_double", {"k=0.5", NULL}},
};

enum { PROFILES = 150, MAX_DEVIATIONS = 512 };

typedef struct tally {
    size_t profitable; /* profiles with a profitable deviation */
    size_t ir_failures, bb_failures;
} tally;

/* Is there a report for `who` that beats its truthful utility? */
static int has_profitable_lie(const mk_mechanism *m, mk_instance *inst, const mk_profile *types,
                              const mk_profile *truth, size_t who, mk_rational honest, mk_rng *rng,
                              mk_profile *lie, mk_outcome *outcome, mk_deviation_set *dev)
{
    mk_ctx ctx = MK_CTX_INIT;
    assert_int_equal(m->deviations(inst, types, who, rng, dev, &ctx), 0);
    for (size_t d = 0; d < dev->n; d++) {
        assert_int_equal(mk_profile_copy(lie, truth, &ctx), 0);
        memcpy(mk_profile_row(lie, who), dev->rows + d * dev->width, dev->width * sizeof(int64_t));
        assert_int_equal(m->run(inst, lie, outcome, &ctx), 0);
        mk_rational u;
        assert_int_equal(m->utility(inst, types, who, outcome, &u, &ctx), 0);
        if (mk_rational_cmp(u, honest) > 0)
            return 1;
    }
    return 0;
}

static void check_profile(const mk_mechanism *m, mk_instance *inst, const mk_profile *types,
                          mk_rng *rng, tally *t)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_profile truth = MK_PROFILE_INIT, lie = MK_PROFILE_INIT;
    mk_outcome outcome = MK_OUTCOME_INIT, scratch = MK_OUTCOME_INIT;
    mk_deviation_set dev = {NULL, types->width, MAX_DEVIATIONS, 0, 0};
    dev.rows = calloc(MAX_DEVIATIONS * types->width, sizeof *dev.rows);
    assert_non_null(dev.rows);
    assert_int_equal(m->truthful(inst, types, &truth, &ctx), 0);
    assert_int_equal(m->run(inst, &truth, &outcome, &ctx), 0);
    int64_t revenue;
    assert_int_equal(mk_outcome_revenue(&outcome, &revenue, &ctx), 0);
    t->bb_failures += (m->claims & MK_CLAIM_WEAK_BB) && revenue < 0;
    t->bb_failures += (m->claims & MK_CLAIM_STRONG_BB) && revenue != 0;
    int profitable = 0;
    for (size_t who = 0; who < types->n; who++) {
        mk_rational honest;
        assert_int_equal(m->utility(inst, types, who, &outcome, &honest, &ctx), 0);
        t->ir_failures += (m->claims & MK_CLAIM_IR) && honest.num < 0;
        if (!profitable)
            profitable =
                has_profitable_lie(m, inst, types, &truth, who, honest, rng, &lie, &scratch, &dev);
    }
    t->profitable += profitable;
    free(dev.rows);
    mk_outcome_free(&outcome);
    mk_outcome_free(&scratch);
    mk_profile_free(&truth);
    mk_profile_free(&lie);
}

static void check_case(const mk_registry *reg, const case_ *c)
{
    mk_ctx ctx = MK_CTX_INIT;
    const mk_mechanism *m;
    assert_int_equal(mk_registry_find(reg, c->name, &m, &ctx), 0);
    mk_instance *inst;
    if (fixture_prepare(m, 0, 6, 7, c->params, &inst, &ctx) != 0)
        fail_msg("%s: %s", c->name, ctx.message);
    mk_rng rng;
    mk_rng_seed(&rng, 20261123);
    mk_profile types = MK_PROFILE_INIT;
    tally t = {0, 0, 0};
    for (size_t p = 0; p < PROFILES; p++) {
        size_t n = 2 + p % 5;
        assert_int_equal(m->sample(inst, &rng, n, &types, &ctx), 0);
        check_profile(m, inst, &types, &rng, &t);
    }
    print_message("%-26s profiles with a profitable lie: %zu/%d\n", c->name, t.profitable,
                  PROFILES);
    if (m->claims & MK_CLAIM_DSIC)
        assert_int_equal(t.profitable, 0);
    else
        assert_true(t.profitable > 0);
    assert_int_equal(t.ir_failures, 0);
    assert_int_equal(t.bb_failures, 0);
    mk_profile_free(&types);
    m->free(inst);
}

static void every_auction_keeps_its_claims(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_registry *reg;
    assert_int_equal(mk_registry_new(&reg, &ctx), 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(reg, &cases[i]);
    /* Every registered auction is covered by a case above. */
    size_t auctions = 0;
    for (size_t i = 0; i < mk_registry_count(reg); i++)
        auctions += strncmp(mk_registry_at(reg, i)->name, "auction.", 8) == 0;
    assert_int_equal(auctions, sizeof cases / sizeof cases[0]);
    mk_registry_free(reg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_auction_keeps_its_claims),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
