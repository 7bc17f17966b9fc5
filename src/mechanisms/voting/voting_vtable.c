/* The voting mechanisms as values of the mechanism interface. */
#include "voting_internal.h"

#define VOTING_INPUT_HELP                                                                          \
    "a PrefLib file (.soc, .soi, .toc, .toi; preflib.org/format): '# KEY: value' metadata "        \
    "with NUMBER ALTERNATIVES, NUMBER VOTERS, NUMBER UNIQUE ORDERS and one "                       \
    "'# ALTERNATIVE NAME i: name' per candidate, then 'count: a,b,{c,d},...' lines "               \
    "(ties in braces; unranked candidates below ranked ones); or a cast-vote-record CSV "          \
    "(a .csv file, or --input-format cvr): a header row, one ballot a row, the rank columns "      \
    "('Rank 1', 'Rank 2', ... or rank_columns) holding candidates' names left to right, an "       \
    "optional Count column, other columns ignored; cells: empty or undervote_label = a skipped "   \
    "rank, overvote_label = an over-vote, writein_label = a write-in"

#define VOTING_COMMON_PARAMS                                                                       \
    {"ties", MK_PARAM_CHOICE, "lowest", "lowest|random",                                           \
     "tied winners: the lowest-numbered is chosen, or a lottery drawn from --seed"},               \
    {                                                                                              \
        "candidates", MK_PARAM_INT, "4", NULL,                                                     \
            "candidates of sampled (impartial culture) profiles in audits"                         \
    }

/* How a cast-vote-record CSV is read (mechkit/cvr.h; voting_read.c). */
/* clang-format off */
#define VOTING_CVR_PARAMS                                                                          \
    {"rank_columns", MK_PARAM_TEXT, "", NULL,                                                      \
     "CVR: header names of the rank columns, comma-separated (default: 'Rank 1', 'Rank 2', ...)"}, \
    {"count_column", MK_PARAM_TEXT, "auto", NULL,                                                  \
     "CVR: header of the count column; auto: 'Count' or 'Weight' if present; none"},               \
    {"candidate_names", MK_PARAM_TEXT, "", NULL,                                                   \
     "CVR: the candidates, comma-separated; a ballot naming another is an error"},                 \
    {"overvote_label", MK_PARAM_TEXT, "overvote", NULL, "CVR: a rank cell marking an over-vote"},  \
    {"undervote_label", MK_PARAM_TEXT, "undervote", NULL,                                          \
     "CVR: a rank cell marking a skipped rank (as an empty cell)"},                                \
    {"writein_label", MK_PARAM_TEXT, "Write-in", NULL, "CVR: a rank cell marking a write-in"},     \
    {"writeins", MK_PARAM_CHOICE, "candidate", "candidate|exclude|undeclared",                     \
     "CVR: a write-in is a candidate of that name; excluded (its rank passed over); or "           \
     "(IRV) RCTab's undeclared write-ins: counted, eliminated first, never winning"},              \
    {"overvote_delimiter", MK_PARAM_TEXT, "", NULL,                                                \
     "CVR: separates several names in one rank cell (an over-vote of known candidates)"},          \
    {"duplicates", MK_PARAM_CHOICE, "skip", "skip|exhaust|error",                                  \
     "CVR: a candidate ranked again: the repeat is passed over, ends the ballot, or is an error"}
/* clang-format on */

static const mk_param_spec common_params[] = {
    VOTING_COMMON_PARAMS,
    VOTING_CVR_PARAMS,
    {NULL, 0, NULL, NULL, NULL},
};

/* RCTab's tabulation options (irv.c, irv_rules.c). */
static const mk_param_spec irv_params[] = {
    {"ties", MK_PARAM_CHOICE, "lowest", "lowest|random|previous_round|order",
     "ties for last: fewest first preferences then lowest number; a lottery from --seed; "
     "fewest in the latest earlier round that differs, then a lottery (RCTab previous round "
     "counts); or latest in tie_order (RCTab candidate order)"},
    {"tie_order", MK_PARAM_TEXT, "", NULL,
     "with ties=order: every candidate, comma-separated; of tied candidates the one listed "
     "latest is eliminated"},
    {"candidates", MK_PARAM_INT, "4", NULL,
     "candidates of sampled (impartial culture) profiles in audits"},
    {"overvote", MK_PARAM_CHOICE, "exhaust",
     "exhaust|recount|exhaust_immediately|always_skip_to_next_rank|exhaust_if_multiple_continuing",
     "a rank shared by several candidates, once reached: exhausts the ballot if two or more of "
     "them continue (= exhaust_if_multiple_continuing), waits for a later round (recount), "
     "exhausts it whoever continues (exhaust_immediately), or is passed over "
     "(always_skip_to_next_rank); RCTab's overvote rule"},
    {"max_skipped_ranks", MK_PARAM_TEXT, "unlimited", NULL,
     "unlimited, or N: a ballot reaching a rank after more than N consecutive skipped ranks "
     "is exhausted (RCTab's maximum skipped ranks allowed)"},
    {"batch_elimination", MK_PARAM_CHOICE, "no", "no|yes",
     "eliminate at once every candidate whose votes, with all lower ones', cannot reach the "
     "next tally (RCTab's batch elimination)"},
    {"continue_until_two", MK_PARAM_CHOICE, "no", "no|yes",
     "after a majority winner, keep eliminating until two candidates remain"},
    VOTING_CVR_PARAMS,
    {NULL, 0, NULL, NULL, NULL},
};

static const mk_param_spec copeland_params[] = {
    VOTING_COMMON_PARAMS,
    VOTING_CVR_PARAMS,
    {"alpha", MK_PARAM_DECIMAL, "0.5", NULL,
     "points for a pairwise tie, 0 to 1 (0.5 classic Copeland, 1 Llull)"},
    {NULL, 0, NULL, NULL, NULL},
};

static const mk_param_spec nanson_params[] = {
    VOTING_COMMON_PARAMS,
    VOTING_CVR_PARAMS,
    {"variant", MK_PARAM_CHOICE, "strict", "strict|weak",
     "drop the Borda scores strictly below the average (strict), or at or below it (weak: "
     "Nanson's 1882 reading in Wikipedia and pref_voting's weak_nanson); all equal: all win"},
    {NULL, 0, NULL, NULL, NULL},
};

static const mk_param_spec minimax_params[] = {
    VOTING_COMMON_PARAMS,
    VOTING_CVR_PARAMS,
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
PREPARE(prepare_antiplurality, RULE_ANTIPLURALITY)
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
                              .truthful = mk_truthful_copy,                                        \
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
VOTING_MECHANISM(mk_voting_antiplurality, "voting.antiplurality",
                 "anti-plurality (veto): a veto against each ballot's last choice; fewest win",
                 common_params, prepare_antiplurality);
VOTING_MECHANISM(mk_voting_coombs, "voting.coombs",
                 "Coombs: a majority of first choices wins, else the most last places go "
                 "(ties: the lowest number goes; the last two tied: both win)",
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
                 "two-round runoff: top two in first preferences, then head to head (ties for "
                 "a runoff place: the lower number; a tied runoff: both win)",
                 common_params, prepare_two_round);
VOTING_MECHANISM(mk_voting_baldwin, "voting.baldwin",
                 "Baldwin: drop the lowest Borda score (ties: the lowest number goes), recount, "
                 "repeat; all equal: all win",
                 common_params, prepare_baldwin);
VOTING_MECHANISM(mk_voting_nanson, "voting.nanson",
                 "Nanson: drop every below-average Borda score (variant), recount, repeat",
                 nanson_params, prepare_nanson);
VOTING_MECHANISM(mk_voting_smith, "voting.smith",
                 "Smith set: the smallest set that beats every outsider (all tied winners)",
                 common_params, prepare_smith);
VOTING_MECHANISM(mk_voting_schwartz, "voting.schwartz",
                 "Schwartz set: the top cycles of strict majorities (all tied winners)",
                 common_params, prepare_schwartz);
