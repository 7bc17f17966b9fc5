/*
 * audit_internal.h - the parts of the auditor that its files share: the
 * per-thread worker and its accumulator, the search of one unit, the replay
 * of a unit into a counterexample, and exact number formatting.
 */
#ifndef MECHKIT_AUDIT_INTERNAL_H
#define MECHKIT_AUDIT_INTERNAL_H

#include <gmp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "mechkit/audit.h"

/* A candidate for one of the report's "worst" cases and where it was
 * found. Ties between equal values go to the lowest (unit, who,
 * candidate), so the choice does not depend on which thread saw it. */
typedef struct audit_pick {
    int set;
    mk_rational value;
    uint64_t unit;
    size_t who, candidate;
} audit_pick;

/* Offers (value, unit, who, candidate) to p; keeps the larger value when
 * sign > 0, the smaller when sign < 0. */
void audit_pick_offer(audit_pick *p, mk_rational value, int sign, uint64_t unit, size_t who,
                      size_t candidate);

/* A coalition for one of the report's worst cases: its members
 * (ascending) and their reports (0 truthful, c: candidate c - 1 of
 * deviations()). Ties between equal values go to the lowest (unit, size,
 * members, reports), lexicographically. */
typedef struct audit_group_pick {
    int set;
    mk_rational value;
    uint64_t unit;
    size_t size;
    size_t member[MK_AUDIT_COALITION_MAX];
    size_t report[MK_AUDIT_COALITION_MAX];
} audit_group_pick;

/* Offers a coalition to p; keeps the larger value. */
void audit_group_offer(audit_group_pick *p, mk_rational value, uint64_t unit, size_t size,
                       const size_t *member, const size_t *report);

/* What one thread has seen: counts, exact sums, and the worst cases. */
typedef struct audit_acc {
    size_t profiles, participants, profitable, ir_violations;
    size_t revenue_negative, revenue_nonzero;
    uint64_t runs;
    int exhaustive;                             /* 1 while every candidate set was exhaustive */
    int scale;                                  /* largest payment scale seen, -1 before any */
    mpq_t regret_sum, revenue_sum, term, ratio; /* term, ratio: scratch */
    audit_pick worst, ir, revenue_min, revenue_max;
    size_t sybil_profitable; /* profiles where some split gains */
    size_t sybil_profitable_k[MK_AUDIT_IDENTITIES_MAX + 1];
    audit_pick sybil_worst; /* candidate holds k */
    audit_pick sybil_k[MK_AUDIT_IDENTITIES_MAX + 1];
    size_t coalition_profitable, collusion_profitable, coalition_skipped, coalition_capped;
    audit_group_pick coalition_worst, collusion_worst;         /* over all sizes */
    size_t coalition_profitable_k[MK_AUDIT_COALITION_MAX + 1]; /* by size */
    size_t collusion_profitable_k[MK_AUDIT_COALITION_MAX + 1];
    audit_group_pick coalition_k[MK_AUDIT_COALITION_MAX + 1],
        collusion_k[MK_AUDIT_COALITION_MAX + 1];
    size_t bloc_profitable;
    audit_pick bloc_worst;       /* who = target item, candidate = the mk_favour move */
    size_t inefficient;          /* profiles whose truthful outcome loses welfare */
    size_t efficiency_profiles;  /* profiles with a positive best welfare */
    mpq_t efficiency_sum;        /* sum over those of welfare / best welfare */
    audit_pick efficiency_worst; /* value = the welfare lost */
    size_t monotonicity_failures;
    int monotonicity_sampled;      /* 1 once not every number of voters was tried */
    audit_pick monotonicity_worst; /* value = voters raising, who = row, candidate = voters */
} audit_acc;

void audit_acc_init(audit_acc *a);
void audit_acc_clear(audit_acc *a);
/* Adds src into dst (every statistic is exact and commutative). */
void audit_acc_merge(audit_acc *dst, const audit_acc *src);
/* *out += r, exactly. */
void audit_acc_add(audit_acc *a, mpq_t sum, mk_rational r);

/* What every worker shares; read-only during the search but for the
 * atomics. */
typedef struct audit_job {
    const mk_mechanism *mech;
    const mk_profile *types; /* NULL: every unit samples */
    uint64_t seed;
    size_t units, participants, max_deviations;
    size_t max_identities;        /* 0: no sybil search */
    size_t max_coalition;         /* coalitions of 2..this many; < 2: none */
    int blocs;                    /* 1: search blocs (favour() and item outcomes) */
    int monotonicity;             /* 1: check monotonicity (favour() and item outcomes) */
    atomic_size_t next;           /* the next unit to hand out */
    _Atomic uint64_t failed_unit; /* lowest unit that failed, UINT64_MAX if none */
} audit_job;

/* A row of a first-choice group and how much raising the winner helps it
 * against a rival, for the monotonicity search's order. */
typedef struct audit_raise_key {
    int harm; /* the row's preference for the winner over the rival (-1, 0, 1), after the
                 raise minus before */
    size_t row;
} audit_raise_key;

/* One thread's instance and preallocated scratch. */
typedef struct audit_worker {
    audit_job *job;
    mk_instance *inst;
    mk_profile types, truth, scratch;
    mk_profile split_reports, split_types; /* sybil: who as k identities */
    mk_outcome truth_out, lie_out;
    mk_deviation_set dev;
    size_t dev_capacity;        /* cells allocated in dev.rows */
    mk_deviation_set local_dev; /* local improvement's candidates (audit_local.c) */
    size_t local_capacity;      /* cells allocated in local_dev.rows */
    int64_t *local_best;        /* its current start */
    size_t local_width;         /* cells allocated in local_best */
    mk_profile local_types;     /* the types with who's row replaced by the start */
    int64_t *pair_rows;     /* coalitions: participant p's candidates at p * max_deviations rows */
    size_t pair_capacity;   /* cells allocated in pair_rows */
    size_t *pair_n;         /* candidates of each participant */
    size_t *best_report;    /* each participant's best unilateral report (0: truthful) */
    mk_rational *pair_best; /* each participant's largest total gain in a pair (0: none) */
    mk_rational *honest;    /* truthful utility of each participant */
    size_t n_capacity;      /* entries allocated in pair_n, best_report, pair_best, honest */
    unsigned char *bloc_member;  /* blocs: 1 for a member, per participant */
    mk_rational *bloc_honest;    /* blocs: truthful utility of each participant */
    size_t bloc_capacity;        /* entries allocated in both */
    audit_raise_key *raise_keys; /* monotonicity: one first-choice group's rows */
    size_t raise_capacity;
    audit_acc acc;
    mk_ctx ctx;
    int rc;
    uint64_t failed_unit;
} audit_worker;

/* Prepares w's instance (serially: preparing binds the shared params). */
int audit_worker_init(audit_worker *w, audit_job *job, mk_params *params, const mk_setting *setting,
                      mk_ctx *ctx);
void audit_worker_free(audit_worker *w);

/* Takes units from job->next until none is left or a lower unit failed;
 * a pthread start routine taking an audit_worker. */
void *audit_worker_main(void *arg);

/* Searches unit `unit` into w->acc. */
int audit_unit(audit_worker *w, uint64_t unit);

/* Which counterexample audit_replay rebuilds besides the truthful half. */
typedef struct audit_case {
    size_t candidate;              /* SIZE_MAX, or who's candidate misreport */
    size_t identities;             /* >= 2: who split into that many identities */
    const audit_group_pick *group; /* NULL, or a coalition (who is its first member) */
    size_t bloc_target;            /* SIZE_MAX, or the bloc favouring this item */
    unsigned bloc_kind;            /* its mk_favour move */
    int64_t raised;                /* > 0: that many voters of who's row raise the winner */
} audit_case;

/* The truthful half alone. */
#define AUDIT_CASE_TRUTH ((audit_case){SIZE_MAX, 0, NULL, SIZE_MAX, 0, 0})

/* Replays unit into ex: its profile, the truthful outcome and who's
 * utility, and the case c. */
int audit_replay(audit_worker *w, uint64_t unit, size_t who, audit_case c, mk_audit_example *ex,
                 mk_ctx *ctx);

void audit_example_free(mk_audit_example *ex);

/* Coalitions (audit_coalition.c). audit_pairs_reserve sizes the worker
 * for n participants' candidates; audit_pairs_keep stores who's candidates
 * (w->dev), truthful utility and best unilateral report; audit_pairs_search
 * searches every pair of the unit, then the groups of 3..max_coalition
 * (audit_group.c, drawing the local search's random starts from rng), into
 * w->acc. */
int audit_pairs_reserve(audit_worker *w, size_t n, size_t width, mk_ctx *ctx);
void audit_pairs_keep(audit_worker *w, size_t who, mk_rational honest, size_t best);
int audit_pairs_search(audit_worker *w, const mk_profile *types, mk_rng *rng, uint64_t unit);
void audit_pairs_free(audit_worker *w);

/* Report a of participant p: 0 its truthful row, c its kept candidate c - 1. */
const int64_t *audit_member_report(const audit_worker *w, size_t p, size_t a);

/* Runs the scratch profile and measures each member's gain over its
 * truthful utility, and their total. */
int audit_group_measure(audit_worker *w, const mk_profile *types, size_t size, const size_t *member,
                        mk_rational *gain, mk_rational *total);

/* The local search of groups of 3..max_coalition members of the unit
 * (audit_group.c): participants ranked by pair_best (then index), the
 * groups in lexicographic order of ranks, the first
 * MK_AUDIT_COALITION_GROUPS of each size; found[s] |= 1 when a group of size s all gain, |= 2
 * when one gains in total. *capped = 1 when some size had more groups than
 * MK_AUDIT_COALITION_GROUPS. */
int audit_groups_search(audit_worker *w, const mk_profile *types, mk_rng *rng, uint64_t unit,
                        unsigned *found, int *capped);

/* Replays the coalition g of a unit whose types and truthful reports are
 * in ex, drawing candidates from rng as the search did. */
int audit_replay_group(audit_worker *w, const mk_profile *types, mk_rng *rng,
                       const audit_group_pick *g, mk_audit_example *ex, mk_ctx *ctx);

/* Local improvement (audit_local.c): at most this many rounds around the
 * best sampled lie of a participant. */
#define AUDIT_LOCAL_ROUNDS 4

/* Sizes the local search for types (after reserve of w->dev) and copies
 * them into w->local_types. */
int audit_local_reserve(audit_worker *w, const mk_profile *types, mk_ctx *ctx);
void audit_local_free(audit_worker *w);

/* Rounds of local improvement of who's lie from `start` (gaining
 * start_gain): raises *regret (may be NULL) and offers gains to
 * w->acc.worst; with stop_at != SIZE_MAX (a replay) instead copies the
 * candidate numbered stop_at into found and stops there. */
int audit_local_search(audit_worker *w, const mk_profile *types, size_t who, mk_rational honest,
                       uint64_t unit, const int64_t *start, mk_rational start_gain,
                       mk_rational *regret, size_t stop_at, int64_t *found, mk_ctx *ctx);

/* Blocs (audit_bloc.c): for each item that does not win, everyone who
 * prefers it to the winner moves by each mk_favour kind; counts a unit
 * where some bloc makes every member gain and offers the largest total
 * gain (over voters) to w->acc.bloc_worst. audit_replay_bloc rebuilds one
 * bloc into ex, whose types, truth and outcome are set. */
int audit_blocs_search(audit_worker *w, const mk_profile *types, uint64_t unit);
/* Sizes w->bloc_member and w->bloc_honest for n participants; the
 * participants' pass of a unit keeps each truthful utility in
 * w->bloc_honest for audit_blocs_search. */
int audit_blocs_reserve(audit_worker *w, size_t n, mk_ctx *ctx);
int audit_replay_bloc(audit_worker *w, const mk_profile *types, size_t target, unsigned kind,
                      mk_audit_example *ex, mk_ctx *ctx);
void audit_blocs_free(audit_worker *w);

/* Monotonicity (audit_monotonicity.c): for every ballot type not ranking
 * the winner first alone, some of its voters raise the winner to the top
 * (favour() compromise); counts a unit where the winner then loses and
 * offers the fewest voters to w->acc.monotonicity_worst.
 * audit_replay_raise rebuilds one such case into ex. */
int audit_monotonicity_search(audit_worker *w, const mk_profile *types, uint64_t unit);
int audit_replay_raise(audit_worker *w, const mk_profile *types, size_t who, int64_t raised,
                       mk_audit_example *ex, mk_ctx *ctx);
void audit_monotonicity_free(audit_worker *w);

/* q as text, allocated: exact ("7/3", or a decimal padded to min_places
 * when the denominator is 2^a 5^b) when places < 0, else rounded half away
 * from zero to `places` decimals. NULL when out of memory. */
char *audit_mpq_format(const mpq_t q, int min_places, int places);

#endif
