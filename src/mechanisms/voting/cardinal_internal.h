/* Shared state of the rules on approval and score ballots (cardinal.h). */
#ifndef MECHKIT_CARDINAL_INTERNAL_H
#define MECHKIT_CARDINAL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mechkit/cardinal.h"

typedef enum card_rule { CARD_APPROVAL, CARD_SCORE, CARD_STAR, CARD_MJ } card_rule;

/* Most candidates of sampled profiles (parameter `candidates`). */
#define CARD_SAMPLE_MAX_CANDIDATES 64

/* Most grade-count cells ((max - min + 1) * m) of a majority judgment. */
#define CARD_MJ_MAX_CELLS ((size_t)1 << 24)

/* How a STAR tie was broken (starvoting.org/ties, official protocol). */
typedef enum star_step {
    STAR_HEAD_TO_HEAD, /* scoring round: most head-to-head wins among the tied */
    STAR_HIGHER_SCORE, /* runoff: the higher total score */
    STAR_MOST_MAX,     /* most ballots giving the top score */
    STAR_LOT           /* no step broke it: the ties parameter chose */
} star_step;

typedef struct star_tiebreak {
    int runoff;     /* 0: a place in the runoff, 1: the runoff itself */
    star_step step; /* the step that left one candidate */
    size_t tied;    /* candidates tied when the tie-breaking began */
    size_t chosen;  /* the candidate it left */
} star_tiebreak;

typedef struct cardinal {
    card_rule rule;
    size_t m, cap_m;  /* candidates of the last run, and workspace size */
    size_t default_m; /* candidates of sampled profiles */
    int64_t min, max; /* the score range */
    int ties_random;
    uint64_t seed;
    const char *const *items; /* candidate names, borrowed */
    size_t n_items;

    int64_t voters;
    int64_t *score;    /* m: total score (approval: approvals) */
    int64_t *top;      /* m: ballots giving the candidate max */
    int64_t *pairwise; /* m * m: STAR: voters scoring a above b */
    int *winner;       /* m flags */
    size_t chosen;
    size_t *ranking; /* m: best first */
    size_t *scratch; /* m: sorting and tied sets */
    /* STAR */
    size_t finalist[2];
    size_t n_finalists;
    star_tiebreak tiebreak[3];
    size_t n_tiebreaks;
    /* majority judgment: cum[j * (G + 1) + g] = voters grading j below min + g */
    int64_t *cum;
    size_t cap_cum;
    int64_t *grade; /* m: majority grade (lower median) */
    int64_t *above; /* m: voters grading above it */
    int64_t *below; /* m: voters grading below it */
} cardinal;

/* Name of candidate j, or its 1-based number written into buf. */
const char *card_name(const cardinal *c, size_t j, char *buf, size_t cap);

/* Totals, top-score counts and (STAR) the pairwise matrix of p. */
int card_tally(cardinal *c, const mk_profile *p, int pairwise, mk_ctx *ctx);

/* Sorts c->ranking by score, best first, ties by candidate number; flags
 * the winners (best score) and picks chosen. */
void card_rank_by_score(cardinal *c);

/* Picks one of the n candidates in set by the ties rule (lowest number, or
 * a lottery seeded from the seed). */
size_t card_lot(const cardinal *c, const size_t *set, size_t n);

/* STAR voting (star.c): finalists, runoff, winners, ranking. */
void card_star(cardinal *c);

/* Majority judgment (majority_judgment.c) on p. */
int card_majority_judgment(cardinal *c, const mk_profile *p, mk_ctx *ctx);

int card_result_json(const mk_instance *inst, const mk_profile *reports, const mk_outcome *outcome,
                     void *result, mk_ctx *ctx);
int card_result_text(const mk_instance *inst, const mk_profile *reports, const mk_outcome *outcome,
                     char **text, mk_ctx *ctx);

int card_prepare(mk_instance **out, const mk_params *params, const mk_setting *setting,
                 card_rule rule, mk_ctx *ctx);
int card_run(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx);
void card_free(mk_instance *inst);
int card_utility(const mk_instance *inst, const mk_profile *types, size_t who,
                 const mk_outcome *outcome, mk_rational *u, mk_ctx *ctx);
int card_sample(const mk_instance *inst, mk_rng *rng, size_t n, mk_profile *types, mk_ctx *ctx);
int card_deviations(const mk_instance *inst, const mk_profile *types, size_t who, mk_rng *rng,
                    mk_deviation_set *out, mk_ctx *ctx);

#endif
