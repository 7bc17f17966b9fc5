/* Positional rules: plurality, anti-plurality and Borda. */
#include "voting_internal.h"

/* Plurality: each ballot counts one vote for its first choice. A ballot
 * whose first rank is shared by several candidates (an over-vote on a
 * paper ballot; PrefLib's Burlington, Aspen and San Francisco files record
 * them so) counts for no one, as in US ranked-choice counts; a ballot
 * ranking no one counts for no one. */
void voting_plurality_scores(voting *v, const mk_profile *p)
{
    size_t m = v->m;
    for (size_t j = 0; j < m; j++)
        v->score[j] = 0;
    for (size_t i = 0; i < p->n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        int64_t best = 0;
        size_t who = 0, count = 0;
        for (size_t j = 0; j < m; j++) {
            if (row[j] == MK_RANK_UNRANKED)
                continue;
            if (count == 0 || row[j] < best) {
                best = row[j];
                who = j;
                count = 1;
            } else if (row[j] == best) {
                count++;
            }
        }
        if (count == 1) /* weights are checked: the sum cannot overflow */
            v->score[who] += p->weight != NULL ? p->weight[i] : 1;
    }
}

/* Anti-plurality (the veto rule): each ballot counts one veto against its
 * last choice, and the fewest vetoes win. Candidates a truncated ballot
 * leaves unranked are tied last; a ballot whose last place is shared by
 * several candidates (so also a truncated ballot leaving two or more
 * unranked) vetoes no one, as plurality ignores an over-vote. */
static void antiplurality_scores(voting *v, const mk_profile *p)
{
    size_t m = v->m;
    for (size_t j = 0; j < m; j++)
        v->score[j] = 0;
    for (size_t i = 0; i < p->n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        /* Unranked (0) is below every rank: map it past the largest. */
        int64_t worst = -1;
        size_t who = 0, count = 0;
        for (size_t j = 0; j < m; j++) {
            int64_t r = row[j] == MK_RANK_UNRANKED ? INT64_MAX : row[j];
            if (count == 0 || r > worst) {
                worst = r;
                who = j;
                count = 1;
            } else if (r == worst) {
                count++;
            }
        }
        if (count == 1)
            v->score[who] += p->weight != NULL ? p->weight[i] : 1;
    }
}

/* Borda (1781): a candidate scores one point for every candidate a ballot
 * ranks strictly below it. Truncated ballots: unranked candidates are tied
 * below every ranked one, so each ranked candidate also scores a point per
 * unranked candidate and unranked candidates score nothing from that
 * ballot; tied candidates score nothing against each other. This is the
 * sum of the candidate's row of the pairwise matrix, so that on complete
 * strict ballots it is the classic m-1, m-2, ..., 0 count. Restricted to
 * the continuing candidates `in` (in[j] >= 0), it is the Borda count of
 * the ballots with the others deleted, as Baldwin and Nanson need. */
int voting_borda_scores(const voting *v, const int64_t *in, int64_t *out, mk_ctx *ctx)
{
    size_t m = v->m;
    /* Each score is at most (m - 1) * voters. */
    if (v->voters > 0 && (int64_t)(m - 1) > INT64_MAX / v->voters)
        return mk_error(ctx, MK_ERANGE, "Borda scores overflow");
    for (size_t a = 0; a < m; a++) {
        int64_t s = 0;
        for (size_t b = 0; b < m; b++)
            if (in == NULL || in[b] >= 0)
                s += v->pairwise[a * m + b];
        out[a] = s;
    }
    return MK_OK;
}

int voting_run_positional(voting *v, const mk_profile *p, mk_ctx *ctx)
{
    if (v->rule == RULE_PLURALITY) {
        voting_plurality_scores(v, p);
    } else if (v->rule == RULE_ANTIPLURALITY) {
        antiplurality_scores(v, p);
        voting_mark_best(v, v->score, 0);
        return MK_OK;
    } else {
        int rc = voting_borda_scores(v, NULL, v->score, ctx);
        if (rc != 0)
            return rc;
    }
    voting_mark_best(v, v->score, 1);
    return MK_OK;
}
