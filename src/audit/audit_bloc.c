/*
 * Blocs of voters: for a mechanism whose outcome is a choice of items (an
 * election) and that says how a report can favour one item over another
 * (favour()), the strategic-voting question "which bloc could have
 * elected a candidate they all prefer to the winner?". For each item X
 * that does not win, the bloc is everyone whose utility with X chosen
 * alone is above their truthful utility; all of them move at once by one
 * mk_favour kind (compromise: X first; bury: the winner unranked; both).
 * A bloc is found when the new outcome makes every member gain. Gains are
 * summed over voters: a row's utility change times its weight (a row of
 * identical ballots is that many voters). Linear in the participants per
 * try, so real elections of thousands of ballot types are searched whole;
 * no allocation once the worker has grown.
 */
#include <stdlib.h>
#include <string.h>

#include "audit_internal.h"

int audit_blocs_reserve(audit_worker *w, size_t n, mk_ctx *ctx)
{
    if (n <= w->bloc_capacity)
        return MK_OK;
    unsigned char *member = realloc(w->bloc_member, n);
    if (member != NULL)
        w->bloc_member = member;
    mk_rational *honest =
        n <= SIZE_MAX / sizeof *honest ? realloc(w->bloc_honest, n * sizeof *honest) : NULL;
    if (honest != NULL)
        w->bloc_honest = honest;
    if (member == NULL || honest == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for a bloc search of %zu participants", n);
    w->bloc_capacity = n;
    return MK_OK;
}

void audit_blocs_free(audit_worker *w)
{
    free(w->bloc_member);
    free(w->bloc_honest);
    w->bloc_member = NULL;
    w->bloc_honest = NULL;
    w->bloc_capacity = 0;
}

/* The item a bloc moves against: the first the truthful outcome chooses;
 * SIZE_MAX when it chooses none. */
static size_t first_chosen(const mk_outcome *o)
{
    for (size_t j = 0; j < o->n; j++)
        if (o->allocation[j] != 0)
            return j;
    return SIZE_MAX;
}

static int64_t weight_of(const mk_profile *p, size_t i)
{
    return p->weight != NULL ? p->weight[i] : 1;
}

/* Marks the participants who prefer target chosen alone to the truthful
 * outcome (w->bloc_honest); *rows gets their count. Uses w->lie_out. */
static int find_members(audit_worker *w, const mk_profile *types, size_t target, size_t *rows,
                        mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    mk_outcome *alone = &w->lie_out;
    int rc = mk_outcome_reset(alone, w->truth_out.n, w->truth_out.payment_scale, ctx);
    if (rc != 0)
        return rc;
    alone->allocation[target] = 1;
    *rows = 0;
    for (size_t i = 0; i < types->n; i++) {
        mk_rational u;
        if ((rc = m->utility(w->inst, types, i, alone, &u, ctx)) != 0)
            return rc;
        w->bloc_member[i] = mk_rational_cmp(u, w->bloc_honest[i]) > 0;
        *rows += w->bloc_member[i];
    }
    return MK_OK;
}

/* Every member's truthful report moved by kind, into out (a copy of the
 * truthful reports). */
static int move_bloc(audit_worker *w, const unsigned char *member, size_t target, size_t against,
                     unsigned kind, mk_profile *out, mk_ctx *ctx)
{
    int rc = mk_profile_copy(out, &w->truth, ctx);
    for (size_t i = 0; i < out->n && rc == 0; i++)
        if (member[i])
            rc = w->job->mech->favour(w->inst, mk_profile_row(&w->truth, i), out->width, target,
                                      against, kind, mk_profile_row(out, i), ctx);
    return rc;
}

/* The members' utilities under o, each times its weight, summed into
 * *total (truthful ones into *honest when not NULL); *all = 1 when every
 * member gains. */
static int member_sums(audit_worker *w, const mk_profile *types, const unsigned char *member,
                       const mk_outcome *o, mk_rational *total, mk_rational *honest, int *all,
                       mk_ctx *ctx)
{
    *total = (mk_rational){0, 1};
    if (honest != NULL)
        *honest = (mk_rational){0, 1};
    *all = 1;
    for (size_t i = 0; i < types->n; i++) {
        if (!member[i])
            continue;
        mk_rational u, weighted, weight = {weight_of(types, i), 1};
        int rc = w->job->mech->utility(w->inst, types, i, o, &u, ctx);
        if (rc != 0)
            return rc;
        *all &= mk_rational_cmp(u, w->bloc_honest[i]) > 0;
        if (mk_rational_mul(u, weight, &weighted) != 0 ||
            mk_rational_add(*total, weighted, total) != 0 ||
            (honest != NULL && (mk_rational_mul(w->bloc_honest[i], weight, &weighted) != 0 ||
                                mk_rational_add(*honest, weighted, honest) != 0)))
            return mk_error(ctx, MK_ERANGE, "the utility of a bloc overflows");
    }
    return MK_OK;
}

/* The truthful utility of every participant into w->bloc_honest. */
static int honest_utilities(audit_worker *w, const mk_profile *types, mk_ctx *ctx)
{
    int rc = audit_blocs_reserve(w, types->n, ctx);
    for (size_t i = 0; i < types->n && rc == 0; i++)
        rc = w->job->mech->utility(w->inst, types, i, &w->truth_out, &w->bloc_honest[i], ctx);
    return rc;
}

/* One bloc: members favour target by kind; offers its gain when every
 * member gains. */
static int try_bloc(audit_worker *w, const mk_profile *types, uint64_t unit, size_t target,
                    size_t against, unsigned kind, int *found)
{
    mk_ctx *ctx = &w->ctx;
    const mk_mechanism *m = w->job->mech;
    mk_rational total, honest, gain;
    int all;
    int rc = move_bloc(w, w->bloc_member, target, against, kind, &w->scratch, ctx);
    if (rc == 0)
        rc = m->run(w->inst, &w->scratch, &w->lie_out, ctx);
    w->acc.runs++;
    if (rc == 0)
        rc = member_sums(w, types, w->bloc_member, &w->lie_out, &total, &honest, &all, ctx);
    if (rc == 0 && mk_rational_sub(total, honest, &gain) != 0)
        rc = mk_error(ctx, MK_ERANGE, "the gain of a bloc overflows");
    if (rc != 0)
        return mk_error_prefix(ctx, "the bloc for item %zu (%s)", target + 1, mk_favour_name(kind));
    if (all) {
        *found = 1;
        audit_pick_offer(&w->acc.bloc_worst, gain, 1, unit, target, kind);
    }
    return MK_OK;
}

int audit_blocs_search(audit_worker *w, const mk_profile *types, uint64_t unit)
{
    size_t against = first_chosen(&w->truth_out), items = w->truth_out.n;
    if (against == SIZE_MAX || types->n == 0)
        return MK_OK;
    int rc = MK_OK, found = 0; /* w->bloc_honest: kept by the participants' pass */
    for (size_t target = 0; target < items && rc == 0; target++) {
        if (w->truth_out.allocation[target] != 0)
            continue;
        size_t rows;
        rc = find_members(w, types, target, &rows, &w->ctx);
        for (unsigned kind = 0; rc == 0 && rows > 0 && kind < MK_FAVOUR_KINDS; kind++)
            rc = try_bloc(w, types, unit, target, against, kind, &found);
    }
    w->acc.bloc_profitable += found;
    return rc;
}

int audit_replay_bloc(audit_worker *w, const mk_profile *types, size_t target, unsigned kind,
                      mk_audit_example *ex, mk_ctx *ctx)
{
    const mk_mechanism *m = w->job->mech;
    size_t rows, against = first_chosen(&ex->outcome);
    int rc = honest_utilities(w, types, ctx);
    if (rc == 0)
        rc = find_members(w, types, target, &rows, ctx);
    if (rc == 0 && (rows == 0 || against == SIZE_MAX))
        rc = mk_error(ctx, MK_EINTERNAL, "replaying the bloc for item %zu found no bloc",
                      target + 1);
    if (rc == 0 && (ex->bloc_member = malloc(types->n)) == NULL)
        rc = mk_error(ctx, MK_ENOMEM, "out of memory for a bloc");
    if (rc != 0)
        return rc;
    memcpy(ex->bloc_member, w->bloc_member, types->n);
    ex->has_lie = 1;
    ex->bloc_rows = rows;
    ex->bloc_target = target;
    ex->bloc_against = against;
    ex->bloc_kind = kind;
    ex->bloc_voters = 0;
    for (size_t i = 0; i < types->n; i++) {
        if (!ex->bloc_member[i])
            continue;
        if (ex->bloc_voters == 0)
            ex->who = i;
        ex->bloc_voters += weight_of(types, i);
    }
    rc = move_bloc(w, ex->bloc_member, target, against, kind, &ex->lie, ctx);
    if (rc == 0)
        rc = m->run(w->inst, &ex->lie, &ex->lie_outcome, ctx);
    int all;
    if (rc == 0)
        rc = member_sums(w, types, ex->bloc_member, &ex->lie_outcome, &ex->lie_utility,
                         &ex->utility, &all, ctx);
    if (rc == 0 && mk_rational_sub(ex->lie_utility, ex->utility, &ex->gain) != 0)
        rc = mk_error(ctx, MK_ERANGE, "the gain of a bloc overflows");
    if (rc == 0)
        rc = mk_outcome_revenue_rational(&ex->lie_outcome, &ex->lie_revenue, ctx);
    return rc;
}
