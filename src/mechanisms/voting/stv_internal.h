/* Shared state of the STV counts (see mechkit/stv.h). */
#ifndef MECHKIT_STV_INTERNAL_H
#define MECHKIT_STV_INTERNAL_H

#include <gmp.h>
#include <stddef.h>
#include <stdint.h>

#include "mechkit/rng.h"
#include "mechkit/stv.h"
#include "voting_grow.h"

typedef enum stv_rule { STV_SCOTTISH, STV_GREGORY, STV_MEEK } stv_rule;

typedef enum stv_state { STV_HOPEFUL, STV_ELECTED, STV_EXCLUDED } stv_state;

/* What a stage did: the first count, the transfer of a surplus (Meek:
 * the redistribution after an election), or the exclusion of a candidate. */
typedef enum stv_action { STV_FIRST, STV_SURPLUS, STV_EXCLUSION } stv_action;

/* How a choice among candidates with equal votes was made (rules 49, 51). */
typedef enum stv_tie { STV_TIE_NONE, STV_TIE_EARLIER, STV_TIE_LOT } stv_tie;

/* One stage of the count, as reported. */
typedef struct stv_stage {
    stv_action action;
    long from;         /* the candidate transferred or excluded, -1 for none */
    stv_tie tie;       /* how `from` was chosen */
    size_t iterations; /* Meek: distributions of the votes in this stage */
    mpq_t *value;      /* 2 * m + 2: the tallies (m), the keep values (m, Meek),
                        * the non-transferable votes, the quota */
} stv_stage;

typedef struct stv {
    stv_rule rule;
    int64_t seats;
    uint64_t seed;
    const char *const *items; /* candidate names, borrowed */
    size_t n_items;
    size_t sample_m; /* candidates of sampled profiles (audits) */

    size_t m;
    /* The ballots as preference lists: row r ranks pref[start[r]] first,
     * up to pref[start[r + 1] - 1]; weight[r] voters cast it. */
    size_t rows;
    int64_t *weight;
    size_t *start;
    int32_t *pref;
    int64_t valid;   /* voters with a first preference */
    int64_t invalid; /* voters whose first rank is empty or a tie */

    stv_state *state;     /* m */
    long *stage_elected;  /* m: the stage at whose end it was elected, -1 */
    long *stage_excluded; /* m: the stage that excluded it, -1 */
    int *by_rule_52;      /* m: elected as a last continuing candidate */
    size_t *order;        /* the candidates elected, in order */
    size_t n_elected;
    stv_stage *stage;
    size_t n_stages, cap_stages;
    mk_rng lot; /* lots drawn for ties, seeded by --seed */

    /* Kept between runs (an audit counts thousands of small elections):
     * the arrays above and the scratch below, sized for cap_rows rows,
     * cap_cells preferences and cap_m candidates; the first n_ready stages
     * hold initialised values for ready_m candidates. */
    size_t cap_rows, cap_cells, cap_m, n_ready, ready_m;
    int64_t *slot;     /* m + 1: building the preference lists */
    int *rank_count;   /* m + 1: the same */
    struct wigm *wigm; /* the weighted inclusive Gregory count's workspace */
    struct meek *meek; /* Meek's count's workspace */
} stv;

/* Most candidates an STV count takes (the report keeps every stage). */
#define STV_MAX_CANDIDATES 256

/* Weighted inclusive Gregory: Scottish (5 decimals, truncated) or exact. */
int stv_count_wigm(stv *s, mk_ctx *ctx);

/* Meek's method (stv_meek.c). */
int stv_count_meek(stv *s, mk_ctx *ctx);

/* Free the counts' workspaces kept in s (NULL ones too). */
void stv_wigm_free(stv *s);
void stv_meek_free(stv *s);

/* Appends a stage with the given action; its values are zero (the values
 * of an earlier run's stage are reused). */
int stv_stage_push(stv *s, stv_action action, long from, stv_tie tie, mk_ctx *ctx);

/* The last stage. */
static inline stv_stage *stv_stage_last(stv *s)
{
    return &s->stage[s->n_stages - 1];
}

/* Among the k candidates in cand, the one to prefer when their votes are
 * equal: with high = 1 the one with the most votes, else the fewest, at
 * the most recent stage at which they were unequal (narrowing to those
 * best there and going further back), then by a lot drawn from s->lot
 * (rules 49 and 51 of the Scottish Local Government Elections Order 2007).
 * *how says which decided. */
size_t stv_break_tie(stv *s, const size_t *cand, size_t k, int high, stv_tie *how);

/* Elects candidate c at the end of the last stage. */
void stv_elect(stv *s, size_t c, int rule_52);

/* Orders the k candidates in cand by the values in `votes` (highest
 * first), ties as stv_break_tie with high = 1, and elects them in that
 * order. */
void stv_elect_in_order(stv *s, size_t *cand, size_t k, mpq_t *votes, int rule_52);

/* Counts of the candidates in each state. */
size_t stv_count_state(const stv *s, stv_state st);

/* Name of candidate j (its name from the input, else its number). */
const char *stv_name(const stv *s, size_t j, char *buf, size_t cap);

/* x as a decimal with `places` places when it is one exactly (places >=
 * 0), else as a fraction "p/q" (or an integer); the caller frees it. */
char *stv_format(const mpq_t x, int places);

/* Decimal places of the rule's numbers (5 Scottish, 9 Meek, -1 exact). */
int stv_places(const stv *s);

int stv_result_json(const mk_instance *inst, const mk_profile *reports, const mk_outcome *outcome,
                    void *result, mk_ctx *ctx);
int stv_result_text(const mk_instance *inst, const mk_profile *reports, const mk_outcome *outcome,
                    char **text, mk_ctx *ctx);

#endif
