/* The rules on approval and score ballots as values of the mechanism
 * interface (see cardinal.h). */
#include "cardinal_internal.h"

#define CARD_INPUT_HELP                                                                            \
    "a ballot CSV: a header naming the candidates (optional columns 'count', the voters "          \
    "casting the line's ballot, and 'voter', an id), then one ballot a line with an integer "      \
    "score per candidate in min..max (approval: 0 or 1); a blank cell is min unless blank=error"

#define CARD_COMMON_PARAMS                                                                         \
    {"ties", MK_PARAM_CHOICE, "lowest", "lowest|random",                                           \
     "a tie the rule leaves: the lowest-numbered is chosen, or a lottery drawn from --seed"},      \
        {"blank", MK_PARAM_CHOICE, "min", "min|error",                                             \
         "a blank cell: the lowest score, or an error"},                                           \
    {                                                                                              \
        "candidates", MK_PARAM_INT, "4", NULL,                                                     \
            "candidates of sampled (uniform scores) profiles in audits"                            \
    }

static const mk_param_spec approval_params[] = {
    CARD_COMMON_PARAMS,
    {NULL, 0, NULL, NULL, NULL},
};

static const mk_param_spec score_params[] = {
    CARD_COMMON_PARAMS,
    {"min", MK_PARAM_INT, "0", NULL, "the lowest score"},
    {"max", MK_PARAM_INT, "5", NULL, "the highest score"},
    {NULL, 0, NULL, NULL, NULL},
};

static const mk_param_spec grade_params[] = {
    CARD_COMMON_PARAMS,
    {"min", MK_PARAM_INT, "0", NULL, "the worst grade (To Reject)"},
    {"max", MK_PARAM_INT, "5", NULL, "the best grade (Excellent)"},
    {NULL, 0, NULL, NULL, NULL},
};

#define PREPARE(fn, rule)                                                                          \
    static int fn(mk_instance **out, const mk_params *params, const mk_setting *setting,           \
                  mk_ctx *ctx)                                                                     \
    {                                                                                              \
        return card_prepare(out, params, setting, rule, ctx);                                      \
    }

PREPARE(prepare_approval, CARD_APPROVAL)
PREPARE(prepare_score, CARD_SCORE)
PREPARE(prepare_star, CARD_STAR)
PREPARE(prepare_mj, CARD_MJ)

#define CARD_MECHANISM(var, mech_name, mech_summary, mech_params, prep)                            \
    const mk_mechanism var = {.name = mech_name,                                                   \
                              .summary = mech_summary,                                             \
                              .input_help = CARD_INPUT_HELP,                                       \
                              .params = mech_params,                                               \
                              .claims = 0,                                                         \
                              .flags = MK_MECH_COLLECTIVE | MK_MECH_ITEM_OUTCOME,                  \
                              .read = mk_cardinal_read,                                            \
                              .prepare = prep,                                                     \
                              .run = card_run,                                                     \
                              .utility = card_utility,                                             \
                              .truthful = mk_truthful_copy,                                        \
                              .sample = card_sample,                                               \
                              .deviations = card_deviations,                                       \
                              .result_json = card_result_json,                                     \
                              .result_text = card_result_text,                                     \
                              .free = card_free}

CARD_MECHANISM(mk_voting_approval, "voting.approval",
               "approval voting: the most approvals win (0/1 ballots)", approval_params,
               prepare_approval);
CARD_MECHANISM(mk_voting_score, "voting.score",
               "score (range) voting: the highest total score wins (blank = min)", score_params,
               prepare_score);
CARD_MECHANISM(mk_voting_star, "voting.star",
               "STAR: score, then an automatic runoff of the top two (official tie protocol)",
               score_params, prepare_star);
CARD_MECHANISM(mk_voting_majority_judgment, "voting.majority_judgment",
               "majority judgment (Balinski-Laraki): highest median grade, ties by removing "
               "medians",
               grade_params, prepare_mj);
