/* funding.cocm's per-run tables: contributions by project, memberships
 * by contributor, and what each variant needs beyond them (see cocm.c). */
#include <stdlib.h>
#include <string.h>

#include "cocm_internal.h"
#include "mechkit/money.h"

/* Grows *p to hold need elements of size bytes each. */
static int grow(void *p, size_t *cap, size_t need, size_t size, mk_ctx *ctx)
{
    void **ptr = (void **)p;
    if (need <= *cap && *ptr != NULL)
        return MK_OK;
    size_t bytes;
    if (mk_checked_size_mul(need > 0 ? need : 1, size, &bytes) != 0)
        return mk_error(ctx, MK_ELIMIT, "funding.cocm: round too large");
    void *q = realloc(*ptr, bytes);
    if (q == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for funding.cocm (%zu bytes)", bytes);
    *ptr = q;
    *cap = need;
    return MK_OK;
}

/* The counted contributions by project, and by contributor as
 * memberships of the groups (the projects it funds). */
int mk_cocm_build_tables(cocm *a, const mk_profile *r, mk_ctx *ctx)
{
    const mk_funding_base *f = &a->base;
    size_t p = f->n_projects, entries = 0;
    int rc = grow(&a->pstart, &a->cap_pstart, p + 2, sizeof *a->pstart, ctx);
    if (rc == 0)
        rc = grow(&a->mstart, &a->cap_mstart, r->n + 1, sizeof *a->mstart, ctx);
    if (rc != 0)
        return rc;
    memset(a->pstart, 0, (p + 2) * sizeof *a->pstart);
    size_t members = 0;
    for (size_t i = 0; i < r->n; i++) {
        const int64_t *row = mk_profile_row(r, i);
        a->mstart[i] = members;
        for (size_t j = 0; j < (size_t)row[MK_FUNDING_COUNT]; j++)
            if (mk_funding_counts(f, mk_funding_amount_at(row, j))) {
                a->pstart[mk_funding_project_at(row, j) + 2]++;
                entries++;
                members += !a->column_groups;
            }
        if (a->column_groups)
            members += (size_t)row[r->width - 1];
    }
    a->mstart[r->n] = members;
    for (size_t q = 0; q < p; q++)
        a->pstart[q + 2] += a->pstart[q + 1];
    rc = grow(&a->pwho, &a->cap_pwho, entries, sizeof *a->pwho, ctx);
    if (rc == 0)
        rc = grow(&a->pamount, &a->cap_pamount, entries, sizeof *a->pamount, ctx);
    if (rc == 0)
        rc = grow(&a->mgroup, &a->cap_mgroup, members, sizeof *a->mgroup, ctx);
    if (rc == 0)
        rc = grow(&a->mweight, &a->cap_mweight, members, sizeof *a->mweight, ctx);
    if (rc == 0)
        rc = grow(&a->mamount, &a->cap_mamount, members, sizeof *a->mamount, ctx);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < r->n; i++) {
        const int64_t *row = mk_profile_row(r, i);
        size_t m = a->mstart[i];
        double sum = 0;
        for (size_t j = 0; j < (size_t)row[MK_FUNDING_COUNT]; j++) {
            mk_u128 c = mk_funding_amount_at(row, j);
            if (!mk_funding_counts(f, c))
                continue;
            size_t q = mk_funding_project_at(row, j), at = a->pstart[q + 1]++;
            a->pwho[at] = i;
            a->pamount[at] = (double)c / a->money_unit;
            if (a->column_groups)
                continue;
            a->mgroup[m] = q;
            a->mamount[m++] = a->pamount[at];
            sum += a->pamount[at];
        }
        /* given groups are plain memberships: strength 1 each */
        for (int64_t t = a->column_groups ? row[r->width - 1] : 0, x = 0; x < t; x++) {
            a->mgroup[m] = (size_t)row[r->width - 1 - t + x];
            a->mamount[m++] = 1;
            sum += 1;
        }
        size_t t = m - a->mstart[i];
        for (size_t e = a->mstart[i]; e < m; e++)
            a->mweight[e] = a->variant == VARIANT_PAPER ? 1.0 / (double)t : a->mamount[e] / sum;
    }
    return MK_OK;
}

/* The number of groups: the projects, or one more than the largest group
 * index of the rows, whose group cells (see mechkit/funding.h) are
 * checked: at least one group, inside the width, strictly ascending. */
int mk_cocm_count_groups(cocm *a, const mk_profile *r, mk_ctx *ctx)
{
    a->n_groups = a->base.n_projects;
    if (!a->column_groups)
        return MK_OK;
    a->n_groups = 0;
    for (size_t i = 0; i < r->n; i++) {
        const int64_t *row = mk_profile_row(r, i);
        int64_t t = row[r->width - 1];
        size_t room = r->width - mk_funding_pair(row, (size_t)row[MK_FUNDING_COUNT]);
        if (t < 1 || (size_t)t + 1 > room)
            return mk_error(ctx, MK_EINPUT,
                            "contributions: row %zu: %lld groups (read the input with -p "
                            "groups=column and a 'groups' column)",
                            i + 1, (long long)t);
        for (int64_t x = 0; x < t; x++) {
            int64_t g = row[r->width - 1 - t + x];
            if (g < 0 || g >= COCM_MAX_GROUPS || (x > 0 && g <= row[r->width - 2 - t + x]))
                return mk_error(ctx, MK_EINPUT,
                                "contributions: row %zu: group %lld out of range or order", i + 1,
                                (long long)g);
            if ((size_t)g + 1 > a->n_groups)
                a->n_groups = (size_t)g + 1;
        }
    }
    return MK_OK;
}

/* paper with given groups: together[g] has bit h when some contributor
 * is in both g and h (so i is connected to h when one of its groups has
 * bit h). */
int mk_cocm_build_together(cocm *a, size_t n, mk_ctx *ctx)
{
    size_t cells;
    if (mk_checked_size_mul(a->n_groups, a->words, &cells) != 0)
        return mk_error(ctx, MK_ELIMIT, "funding.cocm: too many groups");
    int rc = grow(&a->together, &a->cap_together, cells, sizeof *a->together, ctx);
    if (rc == 0)
        rc = grow(&a->conn, &a->cap_conn, a->words, sizeof *a->conn, ctx);
    if (rc != 0)
        return rc;
    memset(a->together, 0, cells * sizeof *a->together);
    for (size_t i = 0; i < n; i++)
        for (size_t e = a->mstart[i]; e < a->mstart[i + 1]; e++) {
            uint64_t *row = a->together + a->mgroup[e] * a->words;
            for (size_t d = a->mstart[i]; d < a->mstart[i + 1]; d++)
                row[a->mgroup[d] / 64] |= (uint64_t)1 << (a->mgroup[d] % 64);
        }
    return MK_OK;
}

/* gitcoin: PJP[g][h] = sum_j u_gj w_jh, the chance that a walk from group
 * g to a member j (by amount) and on to one of j's groups h ends in h. */
int mk_cocm_build_walk(cocm *a, size_t n, mk_ctx *ctx)
{
    size_t g = a->n_groups, cells;
    if (mk_checked_size_mul(g, g, &cells) != 0)
        return mk_error(ctx, MK_ELIMIT, "funding.cocm: too many groups");
    int rc = grow(&a->pjp, &a->cap_pjp, cells, sizeof *a->pjp, ctx);
    if (rc == 0)
        rc = grow(&a->colsum, &a->cap_colsum, g, sizeof *a->colsum, ctx);
    if (rc == 0)
        rc = grow(&a->member_of, &a->cap_member, g, sizeof *a->member_of, ctx);
    if (rc != 0)
        return rc;
    memset(a->pjp, 0, cells * sizeof *a->pjp);
    memset(a->member_of, 0, g * sizeof *a->member_of);
    for (size_t q = 0; q < g; q++)
        a->colsum[q] = 0;
    for (size_t e = 0; e < a->mstart[n]; e++)
        a->colsum[a->mgroup[e]] += a->mamount[e];
    for (size_t i = 0; i < n; i++)
        for (size_t e = a->mstart[i]; e < a->mstart[i + 1]; e++) {
            double u = a->mamount[e] / a->colsum[a->mgroup[e]];
            double *row = a->pjp + a->mgroup[e] * g;
            for (size_t d = a->mstart[i]; d < a->mstart[i + 1]; d++)
                row[a->mgroup[d]] += u * a->mweight[d];
        }
    return MK_OK;
}

int mk_cocm_reserve_scratch(cocm *a, mk_ctx *ctx)
{
    size_t g = a->n_groups, cells;
    if (g > COCM_MAX_GROUPS)
        return mk_error(ctx, MK_ELIMIT, "funding.cocm: %zu groups, at most %d", g, COCM_MAX_GROUPS);
    if (mk_checked_size_mul(g, g, &cells) != 0)
        return mk_error(ctx, MK_ELIMIT, "funding.cocm: too many groups");
    a->words = (g + 63) / 64;
    int rc = grow(&a->s, &a->cap_s, cells, sizeof *a->s, ctx);
    if (rc == 0 && a->variant == VARIANT_GITCOIN)
        rc = grow(&a->walk, &a->cap_walk, cells, sizeof *a->walk, ctx);
    if (rc == 0)
        rc = grow(&a->k, &a->cap_k, g, sizeof *a->k, ctx);
    if (rc == 0)
        rc = grow(&a->local, &a->cap_local, g, sizeof *a->local, ctx);
    if (rc == 0)
        rc = grow(&a->active, &a->cap_active, g, sizeof *a->active, ctx);
    for (size_t q = 0; rc == 0 && q < g; q++)
        a->local[q] = COCM_NONE;
    return rc;
}
