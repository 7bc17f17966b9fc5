/*
 * mechkit/audit.h - can anyone game this mechanism, by how much, and how?
 *
 * mk_audit_run searches, for every participant of every audited profile,
 * the misreports that the mechanism's deviations() proposes, and measures
 * what a liar gains over telling the truth (where the proposals are a
 * sample, not all that matter, it goes on from the best of them by local
 * improvement: deviations() around that lie, up to 4 rounds); then coalitions of 2 to
 * max_coalition participants misreporting together (with and without side
 * payments: every member gains, or the group gains in total) and,
 * where the mechanism can split a participant (split()), one participant
 * acting as 2..k identities (sybils). For mechanisms whose outcome is a
 * choice of items (elections) and that say how a report can favour one
 * item over another (favour()), blocs: for each item X that does not win,
 * everyone who prefers X to the winner changes its report by each of the
 * moves of mk_favour (compromise, bury, both) at once; a bloc is found
 * when the new winner makes every member better off. For the same
 * mechanisms, monotonicity: voters raising the winner to the top of their
 * ballots must not make it lose (IRV can fail this: Smith 1973, Doron and
 * Kronick 1977). Two searches: some voters of one ballot type; and, for
 * each item X, the ballot types ranking X first, whole, one after another
 * (the voters of a first-choice group, for failures that no single ballot
 * type is large enough to cause). On the same runs it
 * checks individual rationality and budget balance, collects revenue statistics and tests each
 * property the mechanism claims. It is written against the mechanism interface alone (mechanism.h),
 * so it works for every mechanism that defines types: truthful, utility and, to draw profiles,
 * sample.
 *
 * Work is cut into seeded units: unit u draws its profile (when sampling)
 * and every candidate misreport from the stream mk_rng_seed_stream(seed,
 * u). Threads prepare their own instance and take units; every statistic
 * is exact (GMP rationals) and every "worst" is chosen by a total order
 * (gain, then unit, participant, candidate), so the report is the same,
 * bit for bit, whatever the number of threads. A later MPI scale-out can
 * hand each rank a range of units the same way.
 *
 * Counterexamples are rebuilt after the search by replaying their unit, so
 * the search itself keeps only a few numbers per thread and allocates
 * nothing per profile or per deviation once warmed up (the mechanism's
 * own functions aside).
 */
#ifndef MECHKIT_AUDIT_H
#define MECHKIT_AUDIT_H

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

#define MK_AUDIT_OPTIONS_VERSION 1

/** Most threads one audit starts. */
#define MK_AUDIT_THREADS_MAX 256

/** Most candidate misreports per participant (max_deviations). */
#define MK_AUDIT_DEVIATIONS_MAX 65536

/** Most identities one participant may split into (max_identities). */
#define MK_AUDIT_IDENTITIES_MAX 16

/** Largest coalition searched (max_coalition). Pairs are searched
 *  exhaustively (every member's truthful report or one of its deviations()
 *  candidates, over the product); groups of 3 and more by a local search. */
#define MK_AUDIT_COALITION_MAX 4

/** Most groups of one size (3 and more) searched per profile, in the
 *  order of mk_audit_report's coalition fields; profiles with more are
 *  counted as capped. */
#define MK_AUDIT_COALITION_GROUPS 64

/** Starts of the local search of one group and objective: every member
 *  truthful, every member at its best unilateral candidate (truthful when
 *  none gains), then random candidates drawn from the unit's stream. */
#define MK_AUDIT_COALITION_STARTS 4

/** Most sweeps of the local search from one start. */
#define MK_AUDIT_COALITION_SWEEPS 8

/** Most participants of a profile searched for coalitions (pairs grow as
 *  n^2); larger profiles are counted as skipped. */
#define MK_AUDIT_COALITION_PARTICIPANTS_MAX 64

/** Voters of one ballot type tried one by one for monotonicity; also the
 *  most prefixes of one first-choice group tried. */
#define MK_AUDIT_RAISE_ALL 64

/** Most runs of the one-ballot-type monotonicity search per profile; the
 *  ballot types past it are not tried (the search is then "sampled"). */
#define MK_AUDIT_RAISE_RUNS 20000

/** Most participants per sampled profile. */
#define MK_AUDIT_PARTICIPANTS_MAX 100000

typedef struct mk_audit_options {
    unsigned version;      /**< MK_AUDIT_OPTIONS_VERSION */
    uint64_t seed;         /**< seed of every unit's stream */
    size_t budget;         /**< profiles sampled when no types are given (>= 1) */
    size_t participants;   /**< participants per sampled profile (>= 1) */
    size_t threads;        /**< worker threads; 0 = the online CPUs */
    size_t max_deviations; /**< candidate misreports per participant (>= 1) */
    size_t max_identities; /**< sybil splits into 2..this many identities, with the
                                mechanism's split(); 0 or 1: no sybil search */
    size_t max_coalition;  /**< coalitions of 2..this many participants, jointly
                                misreporting from their deviations(); 0 or 1: none;
                                at most MK_AUDIT_COALITION_MAX */
} mk_audit_options;

/* clang-format off */
#define MK_AUDIT_OPTIONS_INIT {MK_AUDIT_OPTIONS_VERSION, 0, 1000, 5, 1, 256, 3, 2}
/* clang-format on */

/**
 * One counterexample, replayable with `mechkit run`: a types profile, the
 * truthful reports and their outcome, and, for a misreport, the reports
 * with participant `who`'s row replaced and their outcome; for a sybil
 * split, the reports after mech->split (who's row and identities 2..k as
 * rows n..n+k-2), their outcome and the group's utility; for a coalition,
 * the reports with the rows of every member replaced (who and partner are
 * the first two members; all of them are in member), and the sums of the
 * members' utilities (each member's in member_truth_utility and
 * member_lie_utility; the first two also in member_utility); for a
 * bloc, the reports with every member's row changed by favour() and the
 * sums over members of utility times row weight. Everything is
 * owned by the example except the participant labels, which are borrowed
 * from the types given to mk_audit_run (NULL for sampled profiles).
 */
typedef struct mk_audit_example {
    int present;         /**< 0: no counterexample (the other fields are empty) */
    uint64_t unit;       /**< the seeded unit that produced it */
    size_t who;          /**< the participant concerned, 0-based */
    mk_profile types;    /**< everyone's types */
    mk_profile truth;    /**< truthful reports */
    mk_outcome outcome;  /**< outcome of the truthful reports */
    mk_rational utility; /**< who's utility under outcome */
    mk_rational revenue; /**< sum of payments of outcome, in money units */
    char **truth_text;   /**< truth.n texts of format_report, or NULL */

    int has_lie;             /**< 1 when the fields below describe a misreport or a split */
    size_t candidate;        /**< index of the misreport among deviations()' rows */
    size_t identities;       /**< sybil: the split's k (lie has n + k - 1 rows); else 0 */
    mk_profile lie;          /**< truth with who's row replaced, or split */
    mk_outcome lie_outcome;  /**< outcome of lie */
    mk_rational lie_utility; /**< who's utility (its true type; for a split, the sum over
                                  its identities) under lie_outcome */
    mk_rational lie_revenue;
    char *lie_text;   /**< format_report of who's row in lie, or NULL */
    mk_rational gain; /**< lie_utility - utility (> 0) */

    size_t bloc_rows;           /**< bloc: participants (rows) in it; else 0 */
    int64_t bloc_voters;        /**< bloc: their total weight (voters) */
    size_t bloc_target;         /**< bloc: the item its members favour */
    size_t bloc_against;        /**< bloc: the winner they move against */
    unsigned bloc_kind;         /**< bloc: the mk_favour move */
    unsigned char *bloc_member; /**< bloc: per participant, 1 for a member (owned) */

    int has_welfare;          /**< 1 when the mechanism gives best_welfare() */
    mk_rational welfare;      /**< the truthful outcome's welfare (utilities + revenue) */
    mk_rational best_welfare; /**< the best welfare over outcomes, for these types */

    int64_t raised;      /**< monotonicity: voters raising the winner, of who's row (when
                              fewer than the row's weight, the lie keeps the rest in who's row
                              and adds the raised ones as its last row) or of a first-choice
                              group; else 0 */
    size_t raised_item;  /**< monotonicity: the winner they raise, who then loses */
    size_t raised_group; /**< monotonicity by first choice: the item those voters rank first;
                              SIZE_MAX when they are of who's row */
    size_t raised_rival; /**< monotonicity by first choice: the rival whose contest with the
                              winner the order of the group's rows spared */
    size_t raised_rows;  /**< monotonicity: ballot types (rows) touched */

    size_t partner;                    /**< coalition: the second member (who < partner); else 0 */
    size_t partner_candidate;          /**< its report: 0 truthful, c its candidate c - 1 */
    size_t members;                    /**< coalition: its size (2..); else 0 */
    char *partner_text;                /**< format_report of partner's row in lie, or NULL */
    mk_rational member_utility[2];     /**< truthful utilities of who and partner */
    mk_rational member_lie_utility[2]; /**< their utilities under lie_outcome */
    size_t *member;                    /**< coalition: its members, ascending (owned, members
                                            entries; member[0] == who, member[1] == partner) */
    size_t *member_candidate;          /**< each member's report: 0 truthful, c its candidate
                                            c - 1 (owned) */
    char **member_text;                /**< format_report of each member's row in lie, or NULL
                                            (owned) */
    mk_rational *member_truth_utility; /**< each member's truthful utility (owned) */
    mk_rational *member_lie_utility_all; /**< each member's utility under lie_outcome (owned) */
} mk_audit_example;

/** Whether and how a claim was tested. */
typedef enum mk_audit_verdict {
    MK_AUDIT_HOLDS = 1,       /**< no counterexample found */
    MK_AUDIT_FAILS = 0,       /**< refuted: see the counterexample */
    MK_AUDIT_NOT_CHECKED = -1 /**< the interface gives no way to test it; see reason */
} mk_audit_verdict;

/** One claimed property (a bit of mk_mechanism.claims) and its verdict. */
typedef struct mk_audit_claim {
    unsigned claim; /**< one MK_CLAIM_* bit */
    mk_audit_verdict verdict;
    const char *reason;                     /**< static text when NOT_CHECKED, else NULL */
    const mk_audit_example *counterexample; /**< into the report when FAILS, else NULL */
} mk_audit_claim;

#define MK_AUDIT_CLAIMS_MAX 32

/**
 * What an audit found. Exact quantities that fit 64 bits are mk_rational
 * (money amounts in money units, i.e. minor units / 10^scale); means, whose
 * parts may not, are strings: an exact "num/den" or decimal (as
 * mk_rational_format writes) and a decimal rounded half away from zero to
 * MK_AUDIT_DECIMAL_PLACES places. Free with mk_audit_report_free.
 *
 * The claims' counterexamples point at examples inside the same report
 * (worst, ir_worst, revenue_low, revenue_high), so a report is used where
 * mk_audit_run wrote it and never copied by value. The share and its
 * interval are doubles: statistics, never compared as money.
 */
typedef struct mk_audit_report {
    size_t profiles;     /**< profiles audited */
    size_t participants; /**< participant audits (sum of n over profiles) */
    uint64_t runs;       /**< runs of the mechanism, truthful and deviating */
    int scale;           /**< decimal places to print money with: the largest payment scale seen */

    /* Unilateral misreports. */
    int unilateral_checked;    /**< 0 when the mechanism has no deviations() */
    int exhaustive;            /**< 1 when every candidate set was exhaustive */
    size_t profitable;         /**< profiles where someone gains by lying */
    double share;              /**< profitable / profiles */
    double share_lo, share_hi; /**< 95% Wilson score interval of share */
    mk_rational max_gain;      /**< largest gain found (0 when none) */
    char *mean_regret;         /**< mean over profiles of the largest gain (>= 0) */
    char *mean_regret_decimal;
    mk_audit_example worst; /**< the largest gain; ties: lowest unit, participant, candidate */

    /* Sybil splits: who reporting truthfully as k identities, k = 2..max. */
    int sybil_checked;          /**< 0 without mech->split or max_identities < 2 */
    size_t sybil_profitable;    /**< profiles where some split gains */
    mk_rational sybil_max_gain; /**< largest gain of a split (0 when none) */
    struct {
        size_t profitable;    /**< profiles where a split into k identities gains */
        mk_rational max_gain; /**< the largest such gain (0 when none) */
    } sybil_by_k[MK_AUDIT_IDENTITIES_MAX + 1]; /**< indexed by k, 2..max_identities */
    mk_audit_example sybil_worst;              /**< the largest gain; ties: lowest unit, who, k */

    /* Coalitions of 2..coalition_size: the members change their reports at
     * once, each to its truthful report or one of its deviations()
     * candidates. Pairs: every pair, exhaustively over the product of their
     * reports. Groups of 3 and more: the first MK_AUDIT_COALITION_GROUPS
     * groups of each size (see below), each
     * searched from MK_AUDIT_COALITION_STARTS starts by block coordinate
     * ascent: each pair of members in turn switches jointly to the two
     * reports that most raise the group's objective (every member gains:
     * the smallest member gain, then the total; with side payments: the
     * total), until a sweep changes nothing (at most
     * MK_AUDIT_COALITION_SWEEPS sweeps). Pairs of members, not single
     * members, move: a ring where losers drop out only pays once the
     * winner lowers its bid too (first price). Every joint report met is
     * a candidate for the worst cases below. A member may keep its
     * truthful report (a ring's winner bids its value), so a group of s
     * counts whoever gains in it, including members who only profit from
     * the others' lies. Groups of 3 and more: participants ranked by the
     * largest total gain of a pair they are in (then index), groups taken
     * in lexicographic order of ranks. */
    int coalition_checked;            /**< 0 without deviations() or max_coalition < 2 */
    size_t coalition_size;            /**< the largest size searched (max_coalition) */
    size_t coalition_skipped;         /**< profiles too large for the coalition search */
    size_t coalition_capped;          /**< profiles where some size had more groups than
                                           MK_AUDIT_COALITION_GROUPS */
    size_t coalition_profitable;      /**< profiles where a joint lie makes every member gain */
    mk_rational coalition_max_gain;   /**< the largest total gain of such a coalition */
    mk_audit_example coalition_worst; /**< over all sizes; ties: lowest unit, size, members,
                                           reports */
    size_t collusion_profitable;      /**< profiles where a group gains in total (side
                                           payments; includes one member lying alone) */
    mk_rational collusion_max_gain;
    mk_audit_example collusion_worst;
    struct {
        size_t profitable;              /**< profiles where a group of this size all gain */
        mk_rational max_gain;           /**< the largest total gain of such a group */
        size_t collusion_profitable;    /**< profiles where one gains in total */
        mk_rational collusion_max_gain; /**< the largest such total gain */
    } coalition_by_size[MK_AUDIT_COALITION_MAX + 1]; /**< indexed by size, 2..coalition_size */

    /* Blocs (see above): every participant preferring an item to the
     * winner, moving together. Gains are summed over voters (utilities
     * times row weights). */
    int bloc_checked;            /**< 0 without favour(), item outcomes or max_coalition >= 2 */
    size_t bloc_profitable;      /**< profiles where some bloc makes all its members gain */
    mk_rational bloc_max_gain;   /**< the largest total gain of such a bloc */
    mk_audit_example bloc_worst; /**< ties: lowest unit, target item, move */

    /* Efficiency, for mechanisms with best_welfare(): the truthful outcome's
     * welfare against the best, per profile. */
    int efficiency_checked;
    size_t inefficient;              /**< profiles where the truthful outcome loses welfare */
    mk_rational efficiency_max_loss; /**< the largest loss (money units) */
    char *efficiency_mean;           /**< mean of welfare / best over profiles whose best
                                          is positive, exact; NULL when there are none */
    char *efficiency_mean_decimal;
    mk_audit_example efficiency_worst; /**< the largest loss */

    /* Monotonicity (see above), for the same mechanisms as blocs. Every
     * ballot type is tried with each number of its voters raising the
     * winner when it has at most MK_AUDIT_RAISE_ALL voters, else with
     * MK_AUDIT_RAISE_ALL numbers spread evenly up to all of them, until
     * MK_AUDIT_RAISE_RUNS runs; every first-choice group, against every
     * rival, with prefixes of its ballot types ordered so that those whose
     * preference between the winner and the rival the raise changes least
     * come first (then profile order): each prefix when the group has at
     * most MK_AUDIT_RAISE_ALL types, else that many evenly spread, within
     * MK_AUDIT_RAISE_RUNS / MK_AUDIT_RAISE_ALL (group, rival) pairs. */
    int monotonicity_checked;
    int monotonicity_exhaustive;         /**< 1 when every number of voters was tried */
    size_t monotonicity_failures;        /**< profiles where raising the winner defeats it */
    mk_audit_example monotonicity_worst; /**< the fewest voters raising; ties: lowest unit,
                                              participant */

    /* Properties on truthful reports. */
    size_t ir_violations;                 /**< participant audits with negative truthful utility */
    mk_audit_example ir_worst;            /**< the most negative utility */
    mk_rational revenue_min, revenue_max; /**< over profiles, money units */
    char *revenue_mean;
    char *revenue_mean_decimal;
    size_t revenue_negative;       /**< profiles where the mechanism pays out (weak BB fails) */
    size_t revenue_nonzero;        /**< profiles with revenue != 0 (strong BB fails) */
    mk_audit_example revenue_low;  /**< the profile of revenue_min */
    mk_audit_example revenue_high; /**< the profile of revenue_max */

    /* The mechanism's claims, in bit order. */
    size_t n_claims;
    mk_audit_claim claims[MK_AUDIT_CLAIMS_MAX];
} mk_audit_report;

#define MK_AUDIT_DECIMAL_PLACES 6

/* clang-format off */
#define MK_AUDIT_REPORT_INIT {0}
/* clang-format on */

/**
 * Audits mech. params are bound to mech's specs and every thread prepares
 * its own instance with them and setting (setting->n may be 0; setting->scale
 * is the scale of every amount). With types (a profile of types, e.g. read
 * from a file) the audit covers that one profile (unit 0); with types ==
 * NULL it samples opts->budget profiles of opts->participants with
 * mech->sample. The report is written to *out (initialise it with
 * MK_AUDIT_REPORT_INIT or zero it; it is overwritten) only on success.
 *
 * Errors: MK_EPARAM for bad options (version, budget, participants,
 * max_deviations, max_identities, max_coalition out of range) or a mechanism without types (no
 * truthful or utility; no sample and no types given); any error of the mechanism's own functions
 * (e.g. MK_ERANGE when a utility overflows), with its message; MK_ENOMEM; MK_EINTERNAL when a
 * thread cannot be started or a replayed unit gives other candidates than the search did
 * (deviations() must depend only on its rng). When several units fail, the error of the lowest unit
 * is returned, whatever the number of threads.
 *
 * Parameters are bound and instances prepared on the calling thread, one
 * after another, before any worker starts; the mechanism's functions are
 * then called concurrently on distinct instances only. A mechanism with a
 * `threads` parameter of its own (funding.qf_pairwise) that params leave
 * unset is prepared with threads=1 when more than one worker runs, so
 * that its threads do not multiply the workers'.
 *
 * Cost: units * (1 + sum over participants of candidates + max_identities
 * - 1, plus for pairs the sum over pairs of the product of (1 + candidates),
 * plus for each searched group of 3 and more, per objective and start, per
 * sweep, the sum over its pairs of members of that product) runs of the
 * mechanism, spread over the threads.
 */
int mk_audit_run(const mk_mechanism *mech, mk_params *params, const mk_setting *setting,
                 const mk_profile *types, const mk_audit_options *opts, mk_audit_report *out,
                 mk_ctx *ctx);

/** Frees what report owns and zeroes it. mk_audit_report_free(NULL) is a no-op. */
void mk_audit_report_free(mk_audit_report *report);

/**
 * The 95% Wilson score interval (Wilson 1927, "Probable inference, the law
 * of succession, and statistical inference", JASA 22) for k successes in n
 * trials, z = 1.959964: centre (k + z^2/2)/(n + z^2), half-width
 * z sqrt(k(n-k)/n + z^2/4)/(n + z^2). [0, 1] when n == 0. Double precision;
 * meant to be printed to a few places.
 */
void mk_audit_wilson(size_t k, size_t n, double *lo, double *hi);

#ifdef __cplusplus
}
#endif
#endif
