/*
 * mechkit/sim.h - populations of agents playing a mechanism repeatedly.
 *
 * A simulation prepares one instance of a mechanism and plays rounds. In
 * round r (0-based) it seeds a generator with mk_rng_seed_stream(seed, r),
 * draws every agent's type with the mechanism's sample(), lets each agent
 * choose its report according to its kind, runs the mechanism, and
 * measures revenue, welfare (the sum of the agents' utilities plus the
 * revenue: the value of the allocation, since payments are transfers) and
 * each agent's regret. It is written against the mechanism interface alone
 * (mechanism.h): it needs sample(), truthful() and utility(); deviations()
 * for best_response, fictitious and adversarial agents and for regret.
 * Rounds depend on the rounds before them (agents learn), so a simulation
 * runs on one thread; the same seed gives the same rounds whatever the
 * machine, except that mw agents draw with probabilities computed in
 * double precision with exp(), so a C library whose exp() rounds
 * differently could, rarely, change one of their draws.
 *
 * Agent kinds:
 *  - honest: reports truthfully (truthful()).
 *  - best_response: best response to the others' reports of the previous
 *    round (truthful in round 0): among its truthful report and the
 *    candidates of deviations() (computed with the others' rows set to
 *    their previous reports, so that the critical points are their
 *    bids), the one with the highest utility for its current type when
 *    the others repeat their previous reports. Ties: the truthful report,
 *    then the first candidate.
 *  - fictitious: fictitious play (Brown 1951, "Iterative solution of
 *    games by fictitious play"): best response to the empirical
 *    distribution of the others' past reports, i.e. the candidate (as for
 *    best_response) with the highest total utility for its current type
 *    over every earlier round's report profile of the others, each round
 *    equally likely (the others' reports are taken jointly, as they were
 *    played). Truthful in round 0. Its cost grows with the rounds played:
 *    round t costs t runs per candidate, and the history keeps every
 *    round's reports.
 *  - mw: multiplicative weights (Hedge; Freund and Schapire 1997, "A
 *    decision-theoretic generalization of on-line learning", JCSS 55)
 *    over a grid of G shading factors k/G, k = 1..G (G = 20: 0.05, 0.10,
 *    ..., 1.00). Playing factor f means bidding f times each marginal
 *    value (rounded down to the minor unit); a seller asks its cost times
 *    (2 - f), i.e. marks it up by 1 - f. Each round it draws a factor
 *    with probability proportional to exp(eta * S_k), where S_k is the
 *    utility factor k would have earned in every earlier round (full
 *    information: the others' reports fixed, in money units), and eta the
 *    learning rate. Needs the bid layout of bids.h: auction mechanisms
 *    (names "auction.*") only.
 *  - adversarial: a spoiler who minimises total welfare: among the same
 *    candidates as best_response, against the others' previous reports,
 *    the one that gives the lowest welfare for the current types (ties:
 *    truthful, then the first candidate). Truthful in round 0.
 *
 * Regret of an agent in a round: the best utility among its candidate
 * reports (its own report, its truthful report and the candidates of
 * deviations() computed with the others' rows set to their reports of
 * this round), the others' reports of this round fixed, minus its utility.
 * It is >= 0, and exact.
 */
#ifndef MECHKIT_SIM_H
#define MECHKIT_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "mechanism.h"
#include "params.h"
#include "profile.h"
#include "rational.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mk_sim_kind {
    MK_SIM_HONEST = 0,
    MK_SIM_BEST_RESPONSE = 1,
    MK_SIM_MW = 2,
    MK_SIM_ADVERSARIAL = 3,
    MK_SIM_FICTITIOUS = 4
} mk_sim_kind;

#define MK_SIM_KINDS 5

/** Most agents in one simulation. */
#define MK_SIM_AGENTS_MAX 10000

/** Largest mw grid. */
#define MK_SIM_GRID_MAX 1000

/** The name of a kind ("honest", "best_response", "mw", "adversarial",
 *  "fictitious"), or
 *  NULL for a value out of range. */
const char *mk_sim_kind_name(mk_sim_kind kind);

/** Most groups in one --agents spec. */
#define MK_SIM_GROUPS_MAX 64

/**
 * Parses a population: SPEC = GROUP ("," GROUP)*, GROUP = KIND [":" COUNT]
 * or KIND ":" SHARE "%", KIND one of honest, best_response (or br),
 * fictitious (or fp), mw, adversarial, COUNT a decimal from 1 (the
 * default) to MK_SIM_AGENTS_MAX, SHARE a percentage with at most 6
 * decimals. Either every group has a count, with population 0, or every
 * group a share, with population the number of agents (1 to
 * MK_SIM_AGENTS_MAX): the shares, which must add up to exactly 100%, are
 * turned into counts by largest remainder (ties to the earlier group), so
 * "honest:40%,mw:60%" of 7 is 3 honest and 4 mw. Agents are numbered in
 * the order of the groups: "honest:2,mw:3" is agents 1-2 honest and 3-5
 * mw. On success *kinds is an array of *n kinds that the caller frees with
 * free(). Errors: MK_EPARAM naming the group (empty, unknown kind with a
 * suggestion, bad count or share, more than MK_SIM_AGENTS_MAX agents or
 * MK_SIM_GROUPS_MAX groups, shares that do not add up to 100%, counts and
 * shares mixed, shares without a population or a population without
 * shares, no agents at all), MK_ENOMEM.
 */
int mk_sim_agents_parse(const char *spec, size_t population, mk_sim_kind **kinds, size_t *n,
                        mk_ctx *ctx);

#define MK_SIM_OPTIONS_VERSION 1

typedef struct mk_sim_options {
    unsigned version;      /**< MK_SIM_OPTIONS_VERSION */
    uint64_t seed;         /**< seed of every round's stream */
    size_t grid;           /**< mw: factors k/grid, k = 1..grid (1..MK_SIM_GRID_MAX) */
    double learning_rate;  /**< mw: eta, per money unit of utility (> 0, finite) */
    size_t max_deviations; /**< candidates taken from deviations() (>= 1) */
} mk_sim_options;

/* clang-format off */
#define MK_SIM_OPTIONS_INIT {MK_SIM_OPTIONS_VERSION, 0, 20, 0.05, 256}
/* clang-format on */

typedef struct mk_sim mk_sim;

/**
 * Binds params to mech's specs, prepares an instance with setting
 * (setting->n is set to n) and the agents of kinds (n of them, copied).
 * Errors: MK_EPARAM when the options are out of range, n is 0 or above
 * MK_SIM_AGENTS_MAX, mech has no sample(), truthful() or utility() (the
 * message says the mechanism cannot be simulated), best_response,
 * fictitious or adversarial agents meet a mechanism without deviations(),
 * or mw agents a mechanism that is not an auction; the mechanism's own
 * errors; MK_ENOMEM.
 * Free with mk_sim_free.
 */
int mk_sim_new(mk_sim **out, const mk_mechanism *mech, mk_params *params, const mk_setting *setting,
               const mk_sim_kind *kinds, size_t n, const mk_sim_options *opts, mk_ctx *ctx);

/**
 * Plays the next round. Errors: those of the mechanism's functions (with
 * the round and agent in the message), MK_ERANGE when a utility, welfare
 * or shaded bid overflows. After an error the simulation may only be freed.
 * Cost per round t (0-based): 1 + n * (1 + C) runs, plus (C + 1) per
 * best_response or adversarial agent, t (C + 1) per fictitious agent and G
 * per mw agent, where C is the number of deviations() candidates. Once warmed up nothing is
 * allocated beyond what the mechanism's functions do, except that with fictitious agents the
 * history grows by one report profile per round (amortised doubling).
 */
int mk_sim_step(mk_sim *sim, mk_ctx *ctx);

/** What the last round played; everything is owned by the simulation and
 *  valid until the next mk_sim_step or mk_sim_free. */
typedef struct mk_sim_round {
    uint64_t round;             /**< 0-based */
    size_t n;                   /**< agents */
    const mk_sim_kind *kinds;   /**< n */
    const mk_profile *types;    /**< the agents' types */
    const mk_profile *reports;  /**< their reports */
    const mk_outcome *outcome;  /**< the mechanism's outcome for reports */
    mk_rational revenue;        /**< sum of payments, money units */
    mk_rational welfare;        /**< sum of utilities + revenue */
    const mk_rational *utility; /**< n utilities (money units) */
    const mk_rational *regret;  /**< n regrets (>= 0) */
    const size_t *factor;       /**< n: an mw agent's k (factor k/grid), 0 for others */
    size_t grid;                /**< the grid's G */
} mk_sim_round;

/** The last round played; NULL before the first mk_sim_step. */
const mk_sim_round *mk_sim_last(const mk_sim *sim);

/** The prepared instance (e.g. for mech->format_report). */
const mk_instance *mk_sim_instance(const mk_sim *sim);

/**
 * The probabilities with which mw agent `who` will draw each factor in the
 * next round: grid doubles written into out (out[k - 1] for factor
 * k/grid). MK_EPARAM when who is out of range or not an mw agent.
 */
int mk_sim_mw_probabilities(const mk_sim *sim, size_t who, double *out, mk_ctx *ctx);

/** Frees the simulation and its instance; NULL is a no-op. */
void mk_sim_free(mk_sim *sim);

#ifdef __cplusplus
}
#endif
#endif
