/* Rules that combine or repeat simpler counts: Black, two-round runoff,
 * Baldwin and Nanson. All read the pairwise matrix; two-round also counts
 * first preferences. */
#include "core/money_wide.h"
#include "voting_internal.h"

/* Black (1958, "The Theory of Committees and Elections"): the Condorcet
 * winner when there is one, else the Borda winner(s). */
static int black(voting *v, mk_ctx *ctx)
{
    int rc = voting_borda_scores(v, NULL, v->score, ctx);
    if (rc != 0)
        return rc;
    long c = voting_condorcet(v->pairwise, v->m, 0);
    if (c < 0) {
        voting_mark_best(v, v->score, 1);
        return MK_OK;
    }
    for (size_t j = 0; j < v->m; j++)
        v->winner[j] = j == (size_t)c;
    voting_choose(v);
    return MK_OK;
}

/* Two-round runoff (the French presidential rule, with the second round
 * read from the same ballots): the two candidates with most first
 * preferences meet; the one more ballots rank higher wins (ballots that
 * rank neither, or tie them, count for no one). Ties for a place in the
 * runoff: the lower-numbered candidate. A tied runoff elects both, and
 * the ties rule chooses. */
static void two_round(voting *v, const mk_profile *p)
{
    size_t m = v->m, a = 0, b = m;
    voting_plurality_scores(v, p);
    for (size_t j = 1; j < m; j++)
        if (v->score[j] > v->score[a])
            a = j;
    for (size_t j = 0; j < m; j++)
        if (j != a && (b == m || v->score[j] > v->score[b]))
            b = j;
    for (size_t j = 0; j < m; j++)
        v->winner[j] = 0;
    if (b == m) { /* one candidate */
        v->winner[a] = 1;
        v->finalist[0] = v->finalist[1] = a;
        voting_choose(v);
        return;
    }
    v->finalist[0] = a < b ? a : b;
    v->finalist[1] = a < b ? b : a;
    int64_t ab = v->pairwise[a * m + b], ba = v->pairwise[b * m + a];
    v->winner[a] = ab >= ba;
    v->winner[b] = ba >= ab;
    voting_choose(v);
}

/* Baldwin (1926, "The technique of the Nanson preferential majority
 * system"): eliminate the candidate with the lowest Borda score among the
 * continuing ones, one at a time (ties: the lowest-numbered goes).
 * Nanson (1882, "Methods of election"): eliminate every candidate whose
 * Borda score is below the continuing candidates' average (variant=strict,
 * pref_voting's strict_nanson), or at or below it (variant=weak, its
 * weak_nanson: never all, since not all are equal). Both stop when
 * one candidate is left or all left have equal scores (tied winners).
 * Round k's scores are in v->tally + k * m (-1 once eliminated). */
static int borda_elimination(voting *v, int nanson, mk_ctx *ctx)
{
    size_t m = v->m;
    for (size_t j = 0; j < m; j++)
        v->eliminated[j] = -1;
    for (size_t r = 0;; r++) {
        int64_t *t = v->tally + r * m;
        for (size_t j = 0; j < m; j++) /* keys: >= 0 for a continuing candidate */
            v->keys[j] = v->eliminated[j] < 0 ? 0 : -1;
        int rc = voting_borda_scores(v, v->keys, t, ctx);
        if (rc != 0)
            return rc;
        int64_t low = -1, high = -1, left = 0;
        mk_u128 sum = 0; /* up to m (m - 1) voters / 2, past int64 for huge weights */
        for (size_t j = 0; j < m; j++) {
            if (v->eliminated[j] >= 0) {
                t[j] = -1;
                continue;
            }
            low = low < 0 || t[j] < low ? t[j] : low;
            high = t[j] > high ? t[j] : high;
            sum += (mk_u128)t[j];
            left++;
        }
        v->rounds = r + 1;
        if (left == 1 || low == high) {
            for (size_t j = 0; j < m; j++)
                v->winner[j] = v->eliminated[j] < 0;
            voting_choose(v);
            return MK_OK;
        }
        for (size_t j = 0; j < m; j++) {
            if (v->eliminated[j] >= 0)
                continue;
            /* below the average sum / left, exactly: t * left < sum */
            mk_u128 scaled = (mk_u128)t[j] * (mk_u128)left;
            if (nanson ? scaled < sum || (v->nanson_weak && scaled == sum) : t[j] == low) {
                v->eliminated[j] = (int64_t)r;
                if (!nanson)
                    break;
            }
        }
    }
}

int voting_run_runoff_rule(voting *v, const mk_profile *p, mk_ctx *ctx)
{
    switch (v->rule) {
    case RULE_BLACK: return black(v, ctx);
    case RULE_TWO_ROUND: two_round(v, p); return MK_OK;
    case RULE_BALDWIN:
    case RULE_NANSON:
        /* The sum of scores and t * left are below m^2 * voters. */
        if (v->voters > 0 && (int64_t)(v->m * v->m) > INT64_MAX / v->voters)
            return mk_error(ctx, MK_ERANGE, "Borda scores overflow");
        return borda_elimination(v, v->rule == RULE_NANSON, ctx);
    default: return mk_error(ctx, MK_EINTERNAL, "rule %d is not a runoff rule", (int)v->rule);
    }
}
