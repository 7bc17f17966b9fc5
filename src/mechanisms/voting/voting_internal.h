/* Shared state and helpers of the voting mechanisms (see voting.h). */
#ifndef MECHKIT_VOTING_INTERNAL_H
#define MECHKIT_VOTING_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mechkit/voting.h"
#include "voting_columns.h"
#include "voting_grow.h"

/* Most candidates a sampled profile may have (parameter `candidates`). */
#define VOTING_SAMPLE_MAX_CANDIDATES 64

/* Most candidates whose every ranking deviations() may list (8! = 40,320
 * rows, within MK_AUDIT_DEVIATIONS_MAX). */
#define VOTING_EXHAUSTIVE_MAX 8

typedef enum vote_rule {
    RULE_PLURALITY,
    RULE_BORDA,
    RULE_COPELAND,
    RULE_MINIMAX,
    RULE_SCHULZE,
    RULE_RANKED_PAIRS,
    RULE_IRV,
    RULE_CONDORCET,
    RULE_SMITH,
    RULE_SCHWARTZ,
    RULE_KEMENY,
    RULE_ANTIPLURALITY,
    RULE_COOMBS,
    RULE_BUCKLIN,
    RULE_LLULL,
    RULE_BLACK,
    RULE_TWO_ROUND,
    RULE_BALDWIN,
    RULE_NANSON
} vote_rule;

typedef enum minimax_measure {
    MINIMAX_WINNING,
    MINIMAX_MARGINS,
    MINIMAX_OPPOSITION
} minimax_measure;

/* IRV's over-vote rules (RCTab's names; see irv.c). */
typedef enum irv_overvote {
    IRV_OVERVOTE_EXHAUST_IF_MULTIPLE, /* "exhaust": exhaust if several continue */
    IRV_OVERVOTE_RECOUNT,             /* wait while several continue */
    IRV_OVERVOTE_EXHAUST_IMMEDIATELY, /* exhaust on reaching any over-vote */
    IRV_OVERVOTE_SKIP                 /* always skip to the next rank */
} irv_overvote;

/* IRV's rules for a tie for last place (irv_rules.c). */
typedef enum irv_ties {
    IRV_TIES_LOWEST,   /* fewest first preferences, then lowest number */
    IRV_TIES_RANDOM,   /* a lottery seeded by --seed */
    IRV_TIES_PREVIOUS, /* fewest in the latest earlier round that differs, then a lottery */
    IRV_TIES_ORDER     /* the one latest in tie_order */
} irv_ties;

/* Why an IRV ballot is exhausted in a round (RCTab's categories). */
enum {
    IRV_BY_OVERVOTE,
    IRV_BY_SKIPPED,
    IRV_BY_CHOICES,  /* no continuing candidate left on it */
    IRV_BY_BLANK,    /* ranks no one (an undervote) */
    IRV_BY_REPEATED, /* ends at a candidate ranked again (duplicates=exhaust) */
    IRV_BY_KINDS
};

/* IRV's options (RCTab's tabulation settings), parsed by
 * voting_irv_options. */
typedef struct irv_options {
    irv_overvote overvote;
    int64_t max_skipped; /* < 0: unlimited */
    irv_ties ties;
    int batch;         /* batch elimination of the mathematically defeated */
    int until_two;     /* continue until two candidates remain */
    const char *order; /* tie_order as given (names), borrowed from params */
    long undeclared;   /* writeins=undeclared: the write-in candidate, else -1 */
    int repeat_ends;   /* duplicates=exhaust: empty ranks mark a repeat (cvr.h) */
} irv_options;

/* The ballots an IRV candidate holds (or that wait on an over-vote). */
typedef struct irv_pile {
    size_t *ballots; /* row numbers, owned */
    size_t n, cap;
} irv_pile;

/* The layout of a ballot in irv_ballots.ballot: a header of IRV_HEAD
 * cells, then the entries. */
#define IRV_HEAD 2
#define IRV_RANKS_APART 0x8000u

/* A ballot moved by IRV costs about as much as this many keys read in
 * order (irv.c). */
#define IRV_COLUMN_MOVE 128

/* IRV's ballots in compact form (irv_ballots.c), kept between runs. */
typedef struct irv_ballots {
    size_t cap_ballot, cap_cells, cap_m; /* what the arrays are sized for */
    uint16_t *ballot;                    /* rows * (m + IRV_HEAD): per ballot the candidates
                                          * it ranks (| IRV_RANKS_APART when their ranks are
                                          * not 1, 2, ... in turn), the entry of the rank it
                                          * stands at, then its ranked candidates, best first */
    uint16_t *rank;                      /* rows * m: the rank of each entry, written only for
                                          * the ballots flagged IRV_RANKS_APART */
    uint16_t *keys;                      /* m * rows: the ballots' keys (voting_columns.h) */
    irv_pile *piles;                     /* m + 2: each candidate's, the waiting, a spare */
    size_t *count;                       /* m + 2: scratch of the sort by rank */
    int unit;                            /* every ballot has weight 1 (PrefLib files of
                                          * distinct ballots): weights are not read */
    size_t apart;                        /* ballots flagged IRV_RANKS_APART */
    int columns;                         /* the rounds are counted from the keys
                                          * (irv_columns.c), the piles no longer kept */
} irv_ballots;

/* A majority as ranked pairs orders them. */
typedef struct rp_pair {
    int64_t margin, votes;
    size_t a, b;
} rp_pair;

/* One prepared election rule and the detail of its last run, which
 * result_json and result_text read. */
typedef struct voting {
    vote_rule rule;
    size_t m;         /* candidates of the last run (workspaces hold cap_m) */
    size_t cap_m;     /* candidates the workspaces are sized for */
    size_t default_m; /* candidates of sampled profiles */
    int ties_random;  /* 1: ties broken by a lottery seeded with seed */
    uint64_t seed;
    int64_t alpha; /* Copeland tie weight, at alpha_scale decimals */
    int alpha_scale;
    minimax_measure measure;
    int nanson_weak; /* Nanson: drop scores at or below the average, not only below */
    irv_options irv; /* IRV: the RCTab options */

    int64_t voters;           /* total weight of the last run */
    const char *const *items; /* candidate names (mk_setting.items), borrowed */
    size_t n_items;
    int64_t *pairwise; /* m * m */
    int64_t *score;    /* m: the rule's score (scaled for Copeland) */
    int64_t *path;     /* m * m: Schulze strongest paths; ranked pairs: locked edges */
    int *winner;       /* m flags */
    size_t chosen;     /* the winner picked by the ties rule */
    int uses_pairwise;
    long condorcet;      /* the Condorcet winner (-1 none) of a rule that builds no matrix */
    int64_t *lock_order; /* ranked pairs: up to m*(m-1)/2 pairs (a * m + b), locked or not */
    size_t n_locks;
    int *locked; /* per entry of lock_order: 1 locked, 0 skipped */
    /* IRV: up to m rounds */
    size_t rounds;
    int64_t *tally;       /* rounds * m; -1 for an eliminated candidate */
    int64_t *exhausted;   /* per round */
    int64_t *eliminated;  /* IRV: per round, the candidate eliminated after it
                           * (-1 none, -2 several: see out_round); Baldwin,
                           * Nanson: per candidate, the round after which it
                           * was eliminated (-1 none) */
    size_t finalist[2];   /* two-round: the two candidates of the runoff */
    int64_t *keys;        /* m: scratch (Baldwin, Nanson: who continues) */
    void *columns;        /* the ballots' keys for the matrix (voting_columns.h) */
    size_t cap_columns;   /* bytes columns holds */
    rp_pair *pairs;       /* m * m: ranked pairs' majorities */
    int *stack;           /* m: scratch for searches */
    int64_t *kemeny_best; /* Kemeny: best agreement of each subset (2^m) */
    size_t kemeny_cap;
    size_t *kemeny_rank;  /* Kemeny: the reported optimal ranking (m) */
    int64_t kemeny_score; /* Kemeny: its agreement with the voters */
    /* ranked pairs under every order of equal margins (rp_universes.c) */
    int *rp_any;        /* m flags: a winner under some order */
    int rp_status;      /* RP_ANY_* */
    int64_t rp_limit;   /* most memoised states of the search */
    uint64_t rp_states; /* states the search memoised */
    /* IRV's RCTab detail (irv.c, irv_rules.c) */
    int64_t *exhausted_by; /* rounds * IRV_BY_KINDS: why ballots are exhausted */
    int64_t *out_round;    /* per candidate, the round after which it was
                            * eliminated (-1 none) */
    int64_t *tie_rank;     /* ties=order: each candidate's place in tie_order */
    size_t n_tie_rank;     /* candidates tie_rank covers */
    irv_ballots ballots;   /* IRV: the ballots as the count walks them */
} voting;

/* What became of ranked pairs' search over tie-breaking orders. */
enum { RP_ANY_DONE, RP_ANY_LIMIT, RP_ANY_TOO_MANY };

/* Ranked pairs' winners over every order of the majorities of equal
 * margin (v->pairs[0..n_pairs), sorted by margin) into v->rp_any, or
 * v->rp_status saying why not; MK_ENOMEM. */
int voting_rp_all_orders(voting *v, size_t n_pairs, mk_ctx *ctx);

/* Most candidates of an exact Kemeny-Young count (2^m table entries). */
#define VOTING_KEMENY_MAX 20

/* Parses IRV's options (irv_rules.c) once the candidates are known
 * (tie_order names them); MK_EPARAM for a bad value. */
int voting_irv_options(voting *v, const mk_params *params, mk_ctx *ctx);

/* The candidates to eliminate after IRV round r (irv_rules.c): sets
 * out_round and eliminated[r]; rng for lotteries. */
int voting_irv_eliminate(voting *v, size_t r, mk_rng *rng, mk_ctx *ctx);

/* Coombs (coombs.c): rounds as IRV keeps them. */
int voting_run_coombs(voting *v, const mk_profile *p, mk_ctx *ctx);

/* Bucklin (bucklin.c): rounds as IRV keeps them. */
int voting_run_bucklin(voting *v, const mk_profile *p, mk_ctx *ctx);

/* Kemeny-Young on v->pairwise (kemeny.c): winners, the ranking, its score. */
int voting_kemeny(voting *v, mk_ctx *ctx);

/* Sizes the workspaces for m candidates (grows only). */
int voting_reserve(voting *v, size_t m, mk_ctx *ctx);

/* Marks winners with scores best by `better` (1: higher is better, 0:
 * lower), picks `chosen` by the ties rule. */
void voting_mark_best(voting *v, const int64_t *score, int higher);

/* Picks v->chosen among v->winner by the ties rule. */
void voting_choose(voting *v);

/* Index of a Condorcet winner (beats every other strictly) or -1; with
 * loser = 1 the Condorcet loser. */
long voting_condorcet(const int64_t *pairwise, size_t m, int loser);
/* Checks that every cell of row i of p is a rank (0..m; PrefLib-read
 * rows always are) and its weight is not negative, and adds the weight to
 * v->voters. MK_EINPUT naming the ballot and candidate, MK_ERANGE. */
int voting_check_ballot(voting *v, const mk_profile *p, size_t i, mk_ctx *ctx);

/* 1 when every cell of row (m cells) is a rank, 0..m: voting_check_ballot's
 * test of the ranks, inline for the loops over ballots. The top bit of
 * row[j] or of m - row[j] (mod 2^64) is set exactly when row[j] is not in
 * 0..m: a branch-free test of the whole row, which the compiler
 * vectorises. */
static inline int voting_ranks_ok(const int64_t *row, size_t m)
{
    uint64_t outside = 0;
    for (size_t j = 0; j < m; j++)
        outside |= (uint64_t)row[j] | ((uint64_t)m - (uint64_t)row[j]);
    return outside >> 63 == 0;
}

/* Adds ballot i's weight (1 when p has none) to *voters: MK_EINPUT for a
 * negative weight, MK_ERANGE when the total overflows. */
int voting_add_weight(const mk_profile *p, size_t i, int64_t *voters, mk_ctx *ctx);

/* MK_EINPUT naming ballot i's first rank outside 0..m (row has one). */
int voting_bad_rank(const int64_t *row, size_t m, size_t i, mk_ctx *ctx);

/* Checks p (voting_check_ballot, totalling v->voters) and fills
 * v->ballots from it, with every pile empty: O(n m). MK_EINPUT, MK_ENOMEM,
 * MK_ERANGE. */
int voting_irv_ballots(voting *v, const mk_profile *p, mk_ctx *ctx);

/* Frees the arrays of b. */
void voting_irv_ballots_free(irv_ballots *b);

/* The tally of IRV's continuing candidates (out_round < 0) into tally,
 * each ballot counting for the best-ranked of them, from the columns of
 * v->ballots.keys (filled for p, at most VOTING_NARROW_MAX candidates, no
 * ballot flagged IRV_RANKS_APART); returns the weight counted. O(n m). */
int64_t voting_irv_column_round(const voting *v, const mk_profile *p, int64_t *tally);

/* The Condorcet winner of p (-1 when there is none) from v->ballots
 * (filled for p) without the pairwise matrix: a knockout in candidate
 * order (the winner of each head-to-head meets the next; a Condorcet
 * winner, once met, stays), then the survivor checked against every
 * other it has not beaten as survivor. At most 2 (m - 1) passes over two
 * columns of n keys instead of the matrix's O(n m^2), for the rules that
 * report the Condorcet winner but count without the matrix (IRV); uses
 * v->stack. */
long voting_irv_condorcet_winner(const voting *v, const mk_profile *p);

/* mk_voting_pairwise of a profile already checked (voting_check_ballot:
 * ranks 0..m, weights >= 0 whose total fits int64), with caller scratch
 * for the keys (voting_columns.h: voting_columns_size bytes). */
void voting_pairwise(const mk_profile *p, int64_t *out, void *columns);

/* Flags the Smith set in out (m ints): the candidates that reach every
 * other through "beats or ties" (Smith 1973); reach is m*m scratch. */
void voting_smith(const int64_t *pairwise, size_t m, int *reach, int *out);

/* Flags the Schwartz set in out: the candidates of the top components of
 * the strict "beats" digraph (Schwartz 1986); reach is m*m scratch. */
void voting_schwartz(const int64_t *pairwise, size_t m, int *reach, int *out);

/* The rules; each fills the pairwise matrix when it uses one, the scores
 * or rounds, and the winner flags. */
int voting_run_positional(voting *v, const mk_profile *p, mk_ctx *ctx);
int voting_run_pairwise_rule(voting *v, mk_ctx *ctx);
int voting_run_irv(voting *v, const mk_profile *p, mk_ctx *ctx);
int voting_run_runoff_rule(voting *v, const mk_profile *p, mk_ctx *ctx);

/* First preferences into v->score (over-votes count for no one). */
void voting_plurality_scores(voting *v, const mk_profile *p);

/* Borda scores (positional.c) within the candidates flagged in `in`
 * (NULL: all) into out; MK_ERANGE when they could overflow. */
int voting_borda_scores(const voting *v, const int64_t *in, int64_t *out, mk_ctx *ctx);

/* Name of candidate j: its name from the input (mk_setting.items), else
 * its 1-based number written into buf. */
const char *voting_name(const voting *v, size_t j, char *buf, size_t cap);

int voting_result_json(const mk_instance *inst, const mk_profile *reports,
                       const mk_outcome *outcome, void *result, mk_ctx *ctx);
int voting_result_text(const mk_instance *inst, const mk_profile *reports,
                       const mk_outcome *outcome, char **text, mk_ctx *ctx);

/* The interface functions shared by every rule (voting_base.c). */
int voting_prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   vote_rule rule, mk_ctx *ctx);
int voting_run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx);
void voting_free(mk_instance *inst);
int voting_utility(const mk_instance *inst, const mk_profile *types, size_t who,
                   const mk_outcome *outcome, mk_rational *u, mk_ctx *ctx);
int voting_sample(const mk_instance *inst, mk_rng *rng, size_t n, mk_profile *types, mk_ctx *ctx);
int voting_deviations(const mk_instance *inst, const mk_profile *types, size_t who, mk_rng *rng,
                      mk_deviation_set *out, mk_ctx *ctx);
void voting_format_report(const mk_instance *inst, const mk_profile *reports, size_t i, char *buf,
                          size_t cap);
/* A bloc's move (mk_mechanism.favour): target to the top, against
 * unranked, or both (voting_audit.c). */
int voting_favour(const mk_instance *inst, const int64_t *truth, size_t width, size_t target,
                  size_t against, unsigned kind, int64_t *out, mk_ctx *ctx);
/* A PrefLib file of the ballots (voting_write.c); candidates unnamed in
 * the input are named by number. */
int voting_write_input(const mk_instance *inst, const mk_profile *reports, const mk_profile *types,
                       const char *const *labels, size_t n_labels, char **text,
                       const char **extension, mk_ctx *ctx);

#endif
