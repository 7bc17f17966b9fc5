/*
 * mechkit/mechanism.h - the one interface every mechanism implements.
 *
 * A mechanism is a constant mk_mechanism: a name, its parameters, the
 * properties it claims, and functions that read its input, prepare an
 * instance, run it on a profile of reports, and tell the rest of mechkit
 * what a participant's type is worth (utility), what the truthful report
 * is, how to draw types and which other reports a participant could make.
 * The auditor, the simulator, the transcript writer and the CLI are written
 * against this interface only, so a mechanism registered from user code
 * gets all of them.
 *
 * Life cycle: prepare() once (parameters parsed, workspaces sized), then
 * run() any number of times without heap allocation once its workspace has
 * grown to the largest profile, then free(). An instance is used by one
 * thread at a time; the auditor prepares one per thread.
 */
#ifndef MECHKIT_MECHANISM_H
#define MECHKIT_MECHANISM_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "params.h"
#include "profile.h"
#include "rational.h"
#include "rng.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Properties a mechanism claims; the auditor tests each claim. */
enum mk_claim {
    MK_CLAIM_DSIC = 1u << 0,      /**< truthful reporting is a dominant strategy */
    MK_CLAIM_IR = 1u << 1,        /**< a truthful participant's utility is >= 0 */
    MK_CLAIM_WEAK_BB = 1u << 2,   /**< payments in minus payments out >= 0 */
    MK_CLAIM_STRONG_BB = 1u << 3, /**< payments in minus payments out == 0 */
    MK_CLAIM_EFFICIENT = 1u << 4  /**< maximises reported welfare */
};

/** The name of one claim bit ("dsic", "ir", ...), or NULL. */
const char *mk_claim_name(unsigned claim);

/** Flags of a mechanism. */
enum mk_mechanism_flag {
    /** Participants get no allocation or payment of their own (an election,
     *  a funding round's contributors): outputs leave out the per-participant
     *  allocation and payment tables and show result_json/result_text. */
    MK_MECH_COLLECTIVE = 1u << 0,
    /** The outcome's rows are the items (mk_setting.items, e.g. an
     *  election's candidates), not the participants: outputs name them by
     *  item. */
    MK_MECH_ITEM_OUTCOME = 1u << 1
};

/** How a participant's report can favour one outcome item (a candidate)
 *  over another (mk_mechanism.favour): the strategic-voting moves of a bloc. */
typedef enum mk_favour {
    MK_FAVOUR_COMPROMISE = 0, /**< the item to the top, the rest in their order */
    MK_FAVOUR_BURY = 1,       /**< the other item to the bottom */
    MK_FAVOUR_BOTH = 2,       /**< both at once */
    MK_FAVOUR_KINDS = 3
} mk_favour;

/** "compromise", "bury", "compromise_bury"; NULL past the last. */
const char *mk_favour_name(unsigned kind);

/** How randomness enters a run: ties broken by lowest index, or by a
 *  lottery seeded from mk_setting.seed. */
typedef enum mk_ties { MK_TIES_LOWEST_INDEX = 0, MK_TIES_RANDOM = 1 } mk_ties;

/** What prepare() knows besides parameters: facts of the input. */
typedef struct mk_setting {
    int scale;                /**< decimal places of every amount */
    size_t n;                 /**< participants (workspace size hint; run may see more) */
    size_t width;             /**< cells per report row */
    uint64_t seed;            /**< seed of every lottery the mechanism draws */
    const char *const *items; /**< names of the outcome's entries when they are not
                                   the participants (mk_dataset.items), borrowed:
                                   they outlive the instance; NULL: numbered */
    size_t n_items;
} mk_setting;

/* clang-format off */
#define MK_SETTING_INIT {0, 0, 0, 0, NULL, 0}
/* clang-format on */

/** A named number that a mechanism reports beside allocation and payments,
 *  e.g. the clearing price. */
typedef struct mk_fact {
    const char *name; /**< static string */
    int64_t value;
    int scale; /**< decimals of value; MK_FACT_COUNT for a plain count */
} mk_fact;

#define MK_FACT_COUNT (-1)
#define MK_OUTCOME_FACTS_MAX 8

/**
 * What a run decides: for each participant an allocation (units won, a
 * 1-based position, -1 for a seller who sells its unit, 0 for nothing) and
 * a payment (minor units at payment_scale; positive means the participant
 * pays, negative that it is paid). One optional extra amount per
 * participant (e.g. the price per click) and a few named facts. All arrays
 * are owned and reused across runs.
 */
typedef struct mk_outcome {
    size_t n;
    size_t capacity;
    int64_t *allocation;
    int64_t *payment;
    int payment_scale;
    const char *column_name; /**< static string, NULL when unused */
    int64_t *column;         /**< n extra amounts at column_scale */
    int column_scale;
    size_t n_facts;
    mk_fact facts[MK_OUTCOME_FACTS_MAX];
    /** NULL, or n high limbs of payments past int64 (a funding round in
     *  wei): then payment i is payment_high[i] * 10^18 + payment[i], with
     *  0 <= payment[i] < 10^18. Set by mk_outcome_wide_payments; every
     *  reset drops it. */
    int64_t *payment_high;
} mk_outcome;

/* clang-format off */
#define MK_OUTCOME_INIT {0, 0, NULL, NULL, 0, NULL, NULL, 0, 0, {{NULL, 0, 0}}, NULL}
/* clang-format on */

/** Sets o to n participants with zero allocation and payment, no column and
 *  no facts; allocates only when n exceeds its capacity. */
int mk_outcome_reset(mk_outcome *o, size_t n, int payment_scale, mk_ctx *ctx);

/** Gives o zeroed payment_high limbs (see mk_outcome) for its n
 *  participants; MK_ENOMEM. */
int mk_outcome_wide_payments(mk_outcome *o, mk_ctx *ctx);

/** Appends a fact; MK_EINTERNAL past MK_OUTCOME_FACTS_MAX. */
int mk_outcome_add_fact(mk_outcome *o, const char *name, int64_t value, int scale, mk_ctx *ctx);

/** The fact called name, or NULL. */
const mk_fact *mk_outcome_fact(const mk_outcome *o, const char *name);

/** Sum of payments (the mechanism's revenue; negative when it pays out);
 *  MK_ERANGE on overflow or when payments have high limbs. */
int mk_outcome_revenue(const mk_outcome *o, int64_t *out, mk_ctx *ctx);

/** The revenue as an exact rational in money units (payment_scale taken
 *  into account); MK_ERANGE on overflow. */
int mk_outcome_revenue_rational(const mk_outcome *o, mk_rational *out, mk_ctx *ctx);

/** Frees what o owns and resets it. */
void mk_outcome_free(mk_outcome *o);

/** Candidate reports for one participant, written by deviations() into
 *  caller-owned memory: `max` rows of `width` cells. */
typedef struct mk_deviation_set {
    int64_t *rows;
    size_t width;
    size_t max;
    size_t n;       /**< rows written */
    int exhaustive; /**< 1 when these are all the reports that matter */
} mk_deviation_set;

/** A mechanism's prepared state; its layout is private to the mechanism. */
typedef struct mk_instance mk_instance;

/** What a reader is given: the bytes of one input and how to read them. */
typedef struct mk_input {
    const char *name; /**< for messages, e.g. the file name or "<stdin>" */
    const char *data; /**< the bytes (need not be NUL-terminated) */
    size_t len;
    const char *format; /**< "csv", "json", ...; NULL to guess from name */
} mk_input;

typedef struct mk_mechanism {
    const char *name;       /**< "family.rule", e.g. "auction.second_price" */
    const char *summary;    /**< one line */
    const char *input_help; /**< the input format, for `mechkit describe` */
    const mk_param_spec *params;
    unsigned claims; /**< MK_CLAIM_* bits */
    unsigned flags;  /**< MK_MECH_* bits */

    /** Reads one input into reports (and types when given). Readers live in
     *  io/; the mechanism only names the one that fits its reports. */
    int (*read)(const mk_input *in, const mk_params *params, mk_dataset *out, mk_ctx *ctx);

    /** Parses parameters (bound to `params` above) and sizes workspaces. */
    int (*prepare)(mk_instance **out, const mk_params *params, const mk_setting *setting,
                   mk_ctx *ctx);

    /** Decides the outcome for reports. No heap allocation once warmed up. */
    int (*run)(mk_instance *inst, const mk_profile *reports, mk_outcome *out, mk_ctx *ctx);

    /** Utility of participant `who` with the types in `types` for outcome,
     *  as an exact rational (quasi-linear: value minus payment). */
    int (*utility)(const mk_instance *inst, const mk_profile *types, size_t who,
                   const mk_outcome *outcome, mk_rational *u, mk_ctx *ctx);

    /** The truthful report of every participant; reports is resized. */
    int (*truthful)(const mk_instance *inst, const mk_profile *types, mk_profile *reports,
                    mk_ctx *ctx);

    /** Draws a profile of n types from the mechanism's distribution. */
    int (*sample)(const mk_instance *inst, mk_rng *rng, size_t n, mk_profile *types, mk_ctx *ctx);

    /** Writes candidate misreports of participant who (given everyone's
     *  types, the others reporting truthfully) into out; exhaustive where
     *  the report space that matters is small, sampled with rng otherwise. */
    int (*deviations)(const mk_instance *inst, const mk_profile *types, size_t who, mk_rng *rng,
                      mk_deviation_set *out, mk_ctx *ctx);

    /** Optional (NULL): participant who acting as k identities. Writes into
     *  out a profile of reports in which who keeps its row and identities
     *  2..k are rows n..n+k-2; the group's utility is the sum over them. */
    int (*split)(const mk_instance *inst, const mk_profile *reports, size_t who, size_t k,
                 mk_profile *out, mk_ctx *ctx);

    /** Optional (NULL): the truthful report `truth` (width cells) shaded
     *  by the factor k/grid (0 < k <= grid; grid gives the truth) into
     *  out: a one-dimensional family of misreports for learners that
     *  search a grid (the simulator's mw agents). In auctions each bid
     *  is its value times k/grid, rounded down, and a seller's ask its
     *  cost times (2 - k/grid). MK_ERANGE on overflow. */
    int (*shade)(const mk_instance *inst, const int64_t *truth, size_t width, size_t k, size_t grid,
                 int64_t *out, mk_ctx *ctx);

    /** Optional (NULL): what an outcome means beyond allocations and
     *  payments (an election's rounds, each project's match), added as
     *  members of `result`, a jansson object (json_t *) owned by the
     *  caller. Called once per reported outcome, never in a hot loop. */
    int (*result_json)(const mk_instance *inst, const mk_profile *reports,
                       const mk_outcome *outcome, void *result, mk_ctx *ctx);

    /** Optional (NULL): the same for people, as text the caller frees
     *  (e.g. a round-by-round table), printed after the participants. */
    int (*result_text)(const mk_instance *inst, const mk_profile *reports,
                       const mk_outcome *outcome, char **text, mk_ctx *ctx);

    /** Optional (NULL): writes a short text of participant i's report into
     *  buf (cap bytes, NUL-terminated), e.g. "12.50" or "10.00/8.00", for
     *  readable tables. */
    void (*format_report)(const mk_instance *inst, const mk_profile *reports, size_t i, char *buf,
                          size_t cap);

    /** Optional (NULL), for mechanisms whose outcome rows are items
     *  (MK_MECH_ITEM_OUTCOME): the report `truth` (width cells) changed to
     *  favour item `target` over item `against` in the way `kind` says,
     *  written into out (width cells). The auditor's bloc search: everyone
     *  who prefers target to the winner changes its report this way.
     *  MK_EINTERNAL for a kind past MK_FAVOUR_KINDS or an item out of range. */
    int (*favour)(const mk_instance *inst, const int64_t *truth, size_t width, size_t target,
                  size_t against, unsigned kind, int64_t *out, mk_ctx *ctx);

    /** Optional (NULL): the largest welfare (the sum of utilities plus
     *  revenue) that any outcome of this mechanism could give participants
     *  with these types, in money units: the value of the efficient
     *  allocation. The auditor measures each outcome's efficiency against
     *  it and so tests MK_CLAIM_EFFICIENT. */
    int (*best_welfare)(const mk_instance *inst, const mk_profile *types, mk_rational *out,
                        mk_ctx *ctx);

    /** Optional (NULL): writes reports (and, where the input format can
     *  carry them and they have as many rows, the types) as a text in the
     *  mechanism's own input format, which `read` takes back with the
     *  same parameters and yields the same outcome: how the auditor's
     *  counterexamples are replayed with `mechkit run`. Rows i >=
     *  n_labels, or all rows when labels is NULL, are named by number
     *  ("#4" for row 3). The text is NUL-terminated; the caller frees it;
     *  *extension gets the file-name extension that the reader recognises
     *  (a static string such as "csv"). */
    int (*write_input)(const mk_instance *inst, const mk_profile *reports, const mk_profile *types,
                       const char *const *labels, size_t n_labels, char **text,
                       const char **extension, mk_ctx *ctx);

    void (*free)(mk_instance *inst);
} mk_mechanism;

/** A truthful() for mechanisms whose reports have the layout of their
 *  types: the reports are a copy of the types (bids equal to values,
 *  sincere ballots, contributions as made). */
int mk_truthful_copy(const mk_instance *inst, const mk_profile *types, mk_profile *reports,
                     mk_ctx *ctx);

/**
 * Binds params to mech's specs (unknown keys are errors) and prepares an
 * instance. The caller frees it with mech->free.
 */
int mk_mechanism_prepare(const mk_mechanism *mech, mk_params *params, const mk_setting *setting,
                         mk_instance **out, mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
