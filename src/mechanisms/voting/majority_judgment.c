/*
 * Majority judgment (Balinski and Laraki, "A theory of measuring, electing,
 * and ranking", PNAS 104(21), 2007; "Majority Judgment", MIT Press 2011).
 *
 * Every voter grades every candidate (a blank is the worst grade, as
 * Balinski and Laraki count "no opinion" as "To Reject"). A candidate's
 * majority grade is the lower median of its N grades (position (N+1)/2 of
 * the grades in ascending order: the lower middlemost when N is even).
 * Candidates are ordered by their majority values: the sequence of grades
 * obtained by removing the majority grade, taking the majority grade of
 * what remains, and so on; the larger sequence in lexicographic order is
 * better, and only identical grade distributions tie.
 *
 * Removing lower medians one at a time takes, from the sorted grades, the
 * position p = (N+1)/2 first and then alternates outwards: below then
 * above when N is odd, above then below when N is even. Two candidates
 * have the same N, so they are compared position by position in that
 * order; the first position where they differ on the lower side and on
 * the upper side are found by jumping over runs of equal grades, so one
 * comparison costs O(G log G) for G grades, whatever N is.
 */
#include <stdlib.h>

#include "cardinal_internal.h"
#include "mechkit/money.h"

/* Grade index (0..G-1) at 1-based position x of candidate j's sorted
 * grades: the smallest g with cum[g + 1] >= x. */
static size_t grade_at(const int64_t *cum, size_t g_count, int64_t x)
{
    size_t lo = 0, hi = g_count - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cum[mid + 1] >= x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Distance from the median of the first position (going down when down is
 * 1, up otherwise) where a and b have different grades, its sign (a
 * better: > 0) in *sign; 0 when there is none. */
static int64_t first_difference(const int64_t *ca, const int64_t *cb, size_t g_count, int64_t n,
                                int down, int *sign)
{
    int64_t p = (n + 1) / 2, x = down ? p - 1 : p + 1;
    while (down ? x >= 1 : x <= n) {
        size_t ga = grade_at(ca, g_count, x), gb = grade_at(cb, g_count, x);
        if (ga != gb) {
            *sign = ga > gb ? 1 : -1;
            return down ? p - x : x - p;
        }
        if (down) /* both keep grade ga down to the later of their starts */
            x = (ca[ga] > cb[ga] ? ca[ga] : cb[ga]);
        else
            x = (ca[ga + 1] < cb[ga + 1] ? ca[ga + 1] : cb[ga + 1]) + 1;
    }
    return 0;
}

/* > 0 when a's majority value is above b's, < 0 below, 0 when equal. */
static int compare(const cardinal *c, size_t a, size_t b)
{
    size_t g_count = (size_t)(c->max - c->min) + 1;
    const int64_t *ca = c->cum + a * (g_count + 1), *cb = c->cum + b * (g_count + 1);
    int64_t n = c->voters;
    if (n == 0)
        return 0;
    size_t ma = grade_at(ca, g_count, (n + 1) / 2), mb = grade_at(cb, g_count, (n + 1) / 2);
    if (ma != mb)
        return ma > mb ? 1 : -1;
    int s_low = 0, s_up = 0;
    int64_t low = first_difference(ca, cb, g_count, n, 1, &s_low);
    int64_t up = first_difference(ca, cb, g_count, n, 0, &s_up);
    if (low == 0 && up == 0)
        return 0;
    /* Place in the removal order: odd n takes below first, even n above. */
    int64_t at_low = low == 0 ? INT64_MAX : 2 * low + (n % 2 == 0);
    int64_t at_up = up == 0 ? INT64_MAX : 2 * up + (n % 2 == 1);
    return at_low < at_up ? s_low : s_up;
}

/* Stable merge sort of ranking[lo, hi) by majority value, best first. */
static void sort(cardinal *c, size_t lo, size_t hi)
{
    if (hi - lo < 2)
        return;
    size_t mid = lo + (hi - lo) / 2, i = lo, j = mid, k = lo;
    sort(c, lo, mid);
    sort(c, mid, hi);
    while (i < mid || j < hi)
        if (j == hi || (i < mid && compare(c, c->ranking[i], c->ranking[j]) >= 0))
            c->scratch[k++] = c->ranking[i++];
        else
            c->scratch[k++] = c->ranking[j++];
    for (k = lo; k < hi; k++)
        c->ranking[k] = c->scratch[k];
}

/* Cumulative grade counts of every candidate. */
static int count_grades(cardinal *c, const mk_profile *p, mk_ctx *ctx)
{
    size_t m = c->m, g_count = (size_t)(c->max - c->min) + 1, cells;
    if (mk_checked_size_mul(g_count + 1, m, &cells) != 0 || cells > CARD_MJ_MAX_CELLS)
        return mk_error(ctx, MK_ELIMIT,
                        "majority judgment of %zu candidates on %zu grades: at most %zu "
                        "grade counts",
                        m, g_count, CARD_MJ_MAX_CELLS);
    if (cells > c->cap_cum) {
        int64_t *cum = realloc(c->cum, cells * sizeof *cum);
        if (cum == NULL)
            return mk_error(ctx, MK_ENOMEM, "out of memory for grade counts");
        c->cum = cum;
        c->cap_cum = cells;
    }
    for (size_t k = 0; k < cells; k++)
        c->cum[k] = 0;
    for (size_t i = 0; i < p->n; i++) {
        const int64_t *row = mk_profile_row(p, i);
        int64_t w = p->weight != NULL ? p->weight[i] : 1;
        for (size_t j = 0; j < m; j++) /* counts of grade g at index g + 1 */
            c->cum[j * (g_count + 1) + (size_t)(row[j] - c->min) + 1] += w;
    }
    for (size_t j = 0; j < m; j++)
        for (size_t g = 1; g <= g_count; g++)
            c->cum[j * (g_count + 1) + g] += c->cum[j * (g_count + 1) + g - 1];
    return MK_OK;
}

int card_majority_judgment(cardinal *c, const mk_profile *p, mk_ctx *ctx)
{
    size_t m = c->m, g_count = (size_t)(c->max - c->min) + 1, n = 0;
    int rc = count_grades(c, p, ctx);
    if (rc != 0)
        return rc;
    int64_t median = (c->voters + 1) / 2;
    for (size_t j = 0; j < m; j++) {
        const int64_t *cum = c->cum + j * (g_count + 1);
        size_t g = c->voters > 0 ? grade_at(cum, g_count, median) : 0;
        c->grade[j] = c->min + (int64_t)g;
        c->below[j] = cum[g];
        c->above[j] = c->voters - cum[g + 1];
        c->ranking[j] = j;
    }
    sort(c, 0, m);
    for (size_t j = 0; j < m; j++) {
        c->winner[j] = compare(c, j, c->ranking[0]) == 0;
        if (c->winner[j])
            c->scratch[n++] = j;
    }
    c->chosen = card_lot(c, c->scratch, n);
    return MK_OK;
}
