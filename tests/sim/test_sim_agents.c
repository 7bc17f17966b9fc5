/* mk_sim_agents_parse: the population grammar of --agents, and its bad
 * inputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "mechkit/sim.h"

static void parses_groups(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_sim_kind *k = NULL;
    size_t n = 0;
    assert_int_equal(
        mk_sim_agents_parse("honest:2,mw:3,br,adversarial:1,best_response,fp:2,fictitious", 0, &k,
                            &n, &ctx),
        0);
    static const mk_sim_kind want[] = {
        MK_SIM_HONEST,     MK_SIM_HONEST,        MK_SIM_MW,          MK_SIM_MW,
        MK_SIM_MW,         MK_SIM_BEST_RESPONSE, MK_SIM_ADVERSARIAL, MK_SIM_BEST_RESPONSE,
        MK_SIM_FICTITIOUS, MK_SIM_FICTITIOUS,    MK_SIM_FICTITIOUS};
    assert_int_equal(n, 11);
    assert_memory_equal(k, want, sizeof want);
    free(k);
    assert_int_equal(mk_sim_agents_parse("mw:10000", 0, &k, &n, &ctx), 0);
    assert_int_equal(n, MK_SIM_AGENTS_MAX);
    free(k);
    assert_string_equal(mk_sim_kind_name(MK_SIM_BEST_RESPONSE), "best_response");
    assert_string_equal(mk_sim_kind_name(MK_SIM_FICTITIOUS), "fictitious");
    assert_null(mk_sim_kind_name((mk_sim_kind)MK_SIM_KINDS));
}

static void rejects_with(const char *spec, size_t population, const char *words)
{
    mk_ctx ctx = MK_CTX_INIT;
    mk_sim_kind *k = (mk_sim_kind *)&ctx; /* must stay untouched */
    size_t n = 12345;
    assert_int_equal(mk_sim_agents_parse(spec, population, &k, &n, &ctx), MK_EPARAM);
    assert_ptr_equal(k, (mk_sim_kind *)&ctx);
    assert_int_equal(n, 12345);
    if (strstr(ctx.message, words) == NULL)
        fail_msg("'%s': '%s' does not say '%s'", spec, ctx.message, words);
}

static void rejects(const char *spec, const char *words)
{
    rejects_with(spec, 0, words);
}

/* Shares of a population: counts by largest remainder, ties to the
 * earlier group; 40% and 60% of 7 are 2.8 and 4.2: 3 and 4. */
static void parses_shares(void **state)
{
    (void)state;
    mk_ctx ctx = MK_CTX_INIT;
    mk_sim_kind *k = NULL;
    size_t n = 0;
    assert_int_equal(mk_sim_agents_parse("honest:40%,mw:60%", 7, &k, &n, &ctx), 0);
    assert_int_equal(n, 7);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(k[i], i < 3 ? MK_SIM_HONEST : MK_SIM_MW);
    free(k);
    /* Thirds of 10: 3.3333333, 3.3333333 and 3.3333334; the one left over
     * goes to the largest remainder, the last group's. */
    assert_int_equal(
        mk_sim_agents_parse("br:33.333333%,fp:33.333333%,mw:33.333334%", 10, &k, &n, &ctx), 0);
    assert_int_equal(n, 10);
    assert_int_equal(k[2], MK_SIM_BEST_RESPONSE);
    assert_int_equal(k[3], MK_SIM_FICTITIOUS);
    assert_int_equal(k[5], MK_SIM_FICTITIOUS);
    assert_int_equal(k[6], MK_SIM_MW);
    free(k);
    /* Equal remainders: the earlier group gets the agent left over. */
    assert_int_equal(mk_sim_agents_parse("honest:50%,mw:50%", 3, &k, &n, &ctx), 0);
    assert_int_equal(k[1], MK_SIM_HONEST);
    assert_int_equal(k[2], MK_SIM_MW);
    free(k);
    /* A share that rounds to nobody leaves its kind out. */
    assert_int_equal(mk_sim_agents_parse("honest:99%,adversarial:1%", 20, &k, &n, &ctx), 0);
    assert_int_equal(n, 20);
    assert_int_equal(k[19], MK_SIM_HONEST);
    free(k);
    rejects_with("honest:40%,mw:50%", 10, "add up to 90.000000%");
    rejects_with("honest:40%,mw:3", 10, "not both");
    rejects_with("honest:40%,mw:60%", 0, "need the population");
    rejects_with("honest:2,mw:3", 10, "--population applies to shares");
    rejects_with("honest:101%", 10, "share '101%'");
    rejects_with("honest:1.0000001%,mw:98.9999999%", 10, "at most 6 decimals");
    rejects_with("honest:%,mw:100%", 10, "share '%'");
    rejects_with("honest:100%", 10001, "need the population");
}

static void bad_specs(void **state)
{
    (void)state;
    rejects("", "group 1 is empty");
    rejects("honest,", "group 2 is empty");
    rejects(",mw", "group 1 is empty");
    rejects(":3", "group 1 has no kind");
    rejects("honets:2", "did you mean 'honest'");
    rejects("mw,bestresponse", "did you mean 'best_response'");
    rejects("fictitous", "did you mean 'fictitious'");
    rejects("zzzzzzzzzz", "unknown kind 'zzzzzzzzzz' (honest");
    rejects("mw:0", "count '0'");
    rejects("mw:", "count ''");
    rejects("mw:x", "count 'x'");
    rejects("mw:-1", "count '-1'");
    rejects("mw:10001", "count '10001'");
    rejects("mw:99999999999999999999999", "is not an integer");
    rejects("honest:5000,mw:5001", "more than 10000 agents");
    rejects("mw:2:3", "count '2:3'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_groups),
        cmocka_unit_test(bad_specs),
        cmocka_unit_test(parses_shares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
