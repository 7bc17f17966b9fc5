/* The voting mechanisms as values of the mechanism interface. */
#include "voting_internal.h"

#define VOTING_INPUT_HELP                                                                          \
    "a PrefLib file (.soc, .soi, .toc, .toi; preflib.org/format): '# KEY: value' metadata "        \
    "with NUMBER ALTERNATIVES, NUMBER VOTERS, NUMBER UNIQUE ORDERS and one "                       \
    "'# ALTERNATIVE NAME i: name' per candidate, then 'count: a,b,{c,d},...' lines "               \
    "(ties in braces; unranked candidates below ranked ones)"

#define VOTING_COMMON_PARAMS                                                                       \
    {"ties", MK_PARAM_CHOICE, "lowest", "lowest|random",                                           \
     "tied winners: the lowest-numbered is chosen, or a lottery drawn from --seed"},               \
    {                                                                                              \
        "candidates", MK_PARAM_INT, "4", NULL,                                                     \
            "candidates of sampled (impartial culture) profiles in audits"                         \
    }

static const mk_param_spec common_params[] = {
    VOTING_COMMON_PARAMS,
    {NULL, 0, NULL, NULL, NULL},
};

static const mk_param_spec irv_params[] = {
    {"ties", MK_PARAM_CHOICE, "lowest", "lowest|random",
     "ties for last: fewest first preferences then lowest number, or a lottery from --seed"},
    {"candidates", MK_PARAM_INT, "4", NULL,
     "candidates of sampled (impartial culture) profiles in audits"},
    {"overvote", MK_PARAM_CHOICE, "exhaust", "exhaust|recount",
     "a tie at the highest continuing rank: exhausts the ballot, or waits for a later round"},
    {NULL, 0, NULL, NULL, NULL},
};

static const mk_param_spec copeland_params[] = {
    VOTING_COMMON_PARAMS,
    {"alpha", MK_PARAM_DECIMAL, "0.5", NULL,
     "points for a pairwise tie, 0 to 1 (0.5 classic Copeland, 1 Llull)"},
    {NULL, 0, NULL, NULL, NULL},
};

static const mk_param_spec minimax_params[] = {
    VOTING_COMMON_PARAMS,
    {"measure", MK_PARAM_CHOICE, "winning_votes", "winning_votes|margins|opposition",
     "how a pairwise defeat is measured"},
    {NULL, 0, NULL, NULL, NULL},
};

static const mk_param_spec ranked_pairs_params[] = {
    VOTING_COMMON_PARAMS,
    {"tie_orders_limit", MK_PARAM_INT, "100000", NULL,
     "most search states for the winners over every order of equal margins "
     "(about 8 * (candidates + 1) bytes each)"},
    {NULL, 0, NULL, NULL, NULL},
};

#define PREPARE(fn, rule)                                                                          \
    static int fn(mk_instance **out, const mk_params *params, const mk_setting *setting,           \
                  mk_ctx *ctx)                                                                     \
    {                                                                                              \
        return voting_prepare(out, params, setting, rule, ctx);                                    \
    }

PREPARE(prepare_plurality, RULE_PLURALITY)
PREPARE(prepare_borda, RULE_BORDA)
PREPARE(prepare_copeland, RULE_COPELAND)
PREPARE(prepare_minimax, RULE_MINIMAX)
PREPARE(prepare_schulze, RULE_SCHULZE)
PREPARE(prepare_ranked_pairs, RULE_RANKED_PAIRS)
PREPARE(prepare_irv, RULE_IRV)
PREPARE(prepare_condorcet, RULE_CONDORCET)
PREPARE(prepare_smith, RULE_SMITH)
PREPARE(prepare_schwartz, RULE_SCHWARTZ)
PREPARE(prepare_kemeny, RULE_KEMENY)
PREPARE(prepare_anti_plurality, RULE_ANTI_PLURALITY)
PREPARE(prepare_coombs, RULE_COOMBS)
PREPARE(prepare_bucklin, RULE_BUCKLIN)
PREPARE(prepare_llull, RULE_LLULL)
PREPARE(prepare_black, RULE_BLACK)
PREPARE(prepare_two_round, RULE_TWO_ROUND)
PREPARE(prepare_baldwin, RULE_BALDWIN)
PREPARE(prepare_nanson, RULE_NANSON)

/* Designated initialisers: fields added to mk_mechanism stay NULL. */
#define VOTING_MECHANISM(var, mech_name, mech_summary, mech_params, prep)                          \
    const mk_mechanism var = {.name = mech_name,                                                   \
                              .summary = mech_summary,                                             \
                              .input_help = VOTING_INPUT_HELP,                                     \
                              .params = mech_params,                                               \
                              .claims = 0,                                                         \
                              .flags = MK_MECH_COLLECTIVE | MK_MECH_ITEM_OUTCOME,                  \
                              .read = mk_voting_read,                                              \
                              .prepare = prep,                                                     \
                              .run = voting_run,                                                   \
                              .utility = voting_utility,                                           \
                              .truthful = voting_truthful,                                         \
                              .sample = voting_sample,                                             \
                              .deviations = voting_deviations,                                     \
                              .result_json = voting_result_json,                                   \
                              .result_text = voting_result_text,                                   \
                              .format_report = voting_format_report,                               \
                              .favour = voting_favour,                                             \
                              .write_input = voting_write_input,                                   \
                              .free = voting_free}

VOTING_MECHANISM(mk_voting_plurality, "voting.plurality",
                 "plurality: most first preferences (over-votes count for no one)", common_params,
                 prepare_plurality);
VOTING_MECHANISM(mk_voting_borda, "voting.borda",
                 "Borda count: a point per candidate ranked below (unranked tied last)",
                 common_params, prepare_borda);
VOTING_MECHANISM(mk_voting_copeland, "voting.copeland",
                 "Copeland: pairwise wins plus alpha per pairwise tie", copeland_params,
                 prepare_copeland);
VOTING_MECHANISM(mk_voting_minimax, "voting.minimax",
                 "minimax (Simpson-Kramer): smallest worst pairwise defeat", minimax_params,
                 prepare_minimax);
VOTING_MECHANISM(mk_voting_schulze, "voting.schulze", "Schulze beatpath method (winning votes)",
                 common_params, prepare_schulze);
VOTING_MECHANISM(mk_voting_ranked_pairs, "voting.ranked_pairs",
                 "ranked pairs (Tideman): lock majorities by margin, skip cycles; also the "
                 "winners over every order of equal margins",
                 ranked_pairs_params, prepare_ranked_pairs);
VOTING_MECHANISM(mk_voting_irv, "voting.irv",
                 "instant-runoff (Hare/RCV): eliminate the last, transfer, round by round",
                 irv_params, prepare_irv);
VOTING_MECHANISM(mk_voting_condorcet, "voting.condorcet",
                 "Condorcet report: Condorcet winner and loser, Smith set", common_params,
                 prepare_condorcet);
VOTING_MECHANISM(mk_voting_anti_plurality, "voting.anti_plurality",
                 "anti-plurality (veto): a veto against each ballot's last choice; fewest win",
                 common_params, prepare_anti_plurality);
VOTING_MECHANISM(mk_voting_coombs, "voting.coombs",
                 "Coombs: a majority of first choices wins, else the most last places go",
                 common_params, prepare_coombs);
VOTING_MECHANISM(mk_voting_bucklin, "voting.bucklin",
                 "Bucklin: widen each ballot's support a place at a time until a majority",
                 common_params, prepare_bucklin);
VOTING_MECHANISM(mk_voting_kemeny, "voting.kemeny",
                 "Kemeny-Young: the ranking agreeing with the most pairwise preferences "
                 "(exact, up to 20 candidates)",
                 common_params, prepare_kemeny);
VOTING_MECHANISM(mk_voting_llull, "voting.llull",
                 "Llull: pairwise wins plus one per pairwise tie (Copeland, alpha 1)",
                 common_params, prepare_llull);
VOTING_MECHANISM(mk_voting_black, "voting.black",
                 "Black: the Condorcet winner if any, else the Borda winner", common_params,
                 prepare_black);
VOTING_MECHANISM(mk_voting_two_round, "voting.two_round",
                 "two-round runoff: top two in first preferences, then head to head", common_params,
                 prepare_two_round);
VOTING_MECHANISM(mk_voting_baldwin, "voting.baldwin",
                 "Baldwin: drop the lowest Borda score, recount, repeat", common_params,
                 prepare_baldwin);
VOTING_MECHANISM(mk_voting_nanson, "voting.nanson",
                 "Nanson: drop every below-average Borda score, recount, repeat", common_params,
                 prepare_nanson);
VOTING_MECHANISM(mk_voting_smith, "voting.smith",
                 "Smith set: the smallest set that beats every outsider (all tied winners)",
                 common_params, prepare_smith);
VOTING_MECHANISM(mk_voting_schwartz, "voting.schwartz",
                 "Schwartz set: the top cycles of strict majorities (all tied winners)",
                 common_params, prepare_schwartz);
