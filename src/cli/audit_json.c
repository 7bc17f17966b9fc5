/* The JSON record of an audit: the envelope of DESIGN.md and the findings,
 * in the shape issue 7's contract gives (result.unilateral, .coalition,
 * .sybil, .claims, .revenue). Exact numbers are strings. */
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "audit_cli.h"
#include "cli.h"
#include "mechkit/money.h"

const char *audit_label(const mk_audit_example *ex, size_t i, char *buf, size_t cap)
{
    if (ex->types.labels != NULL && ex->types.labels[i] != NULL)
        return ex->types.labels[i];
    snprintf(buf, cap, "%zu", i + 1);
    return buf;
}

const char *audit_row_label(const mk_audit_example *ex, size_t i, char *buf, size_t cap)
{
    if (i < ex->types.n)
        return audit_label(ex, i, buf, cap);
    char who[32];
    const char *own = audit_label(ex, ex->who, who, sizeof who);
    snprintf(buf, cap, "%s#%zu", own, i - ex->types.n + 2);
    return buf;
}

const char *audit_sybil_reason(const audit_view *v)
{
    return v->mech->split == NULL ? AUDIT_SYBIL_NO_SPLIT : AUDIT_SYBIL_DISABLED;
}

static json_t *decimal4(double x)
{
    char text[32];
    snprintf(text, sizeof text, "%.4f", x);
    return json_string(text);
}

static json_t *cells(const mk_profile *p, size_t i)
{
    json_t *row = json_array();
    const int64_t *c = mk_profile_row(p, i);
    for (size_t k = 0; k < p->width; k++)
        json_array_append_new(row, json_integer(c[k]));
    return row;
}

static json_t *report_json(const mk_profile *p, size_t i, const char *text)
{
    json_t *r = json_object();
    json_object_set_new(r, "cells", cells(p, i));
    if (text != NULL)
        json_object_set_new(r, "text", json_string(text));
    return r;
}

const char *audit_entry_name(const audit_view *v, size_t j, char *buf, size_t cap)
{
    if (v->items != NULL && j < v->n_items)
        return v->items[j];
    snprintf(buf, cap, "#%zu", j + 1);
    return buf;
}

/* An outcome keyed by participant, or by the outcome's entries (an
 * election's candidates) when its rows are items. */
static json_t *outcome_json(const audit_view *v, const mk_audit_example *ex, const mk_outcome *o,
                            mk_rational revenue)
{
    json_t *out = json_object(), *allocation = json_object(), *payments = json_object();
    char buf[64];
    int by_item = (v->mech->flags & MK_MECH_ITEM_OUTCOME) != 0;
    for (size_t i = 0; i < o->n; i++) {
        const char *who = by_item ? audit_entry_name(v, i, buf, sizeof buf)
                                  : audit_row_label(ex, i, buf, sizeof buf);
        json_object_set_new(allocation, who, json_integer(o->allocation[i]));
        json_object_set_new(payments, who, cli_json_amount(o->payment[i], o->payment_scale));
    }
    json_object_set_new(out, "allocation", allocation);
    json_object_set_new(out, "payments", payments);
    json_object_set_new(out, "revenue", cli_json_rational(revenue, o->payment_scale));
    return out;
}

/* A bloc: the item its members favour, the move, its size, and each
 * member's report after the move. */
static json_t *bloc_json(const audit_view *v, const mk_audit_example *ex)
{
    char buf[64], target[64];
    json_t *deviating = json_object();
    for (size_t i = 0; i < ex->types.n; i++)
        if (ex->bloc_member[i])
            json_object_set_new(deviating, audit_label(ex, i, buf, sizeof buf),
                                report_json(&ex->lie, i, NULL));
    return json_pack("{s:s, s:s, s:s, s:I, s:I, s:o}", "target",
                     audit_entry_name(v, ex->bloc_target, target, sizeof target), "against",
                     audit_entry_name(v, ex->bloc_against, buf, sizeof buf), "move",
                     mk_favour_name(ex->bloc_kind), "rows", (json_int_t)ex->bloc_rows, "voters",
                     (json_int_t)ex->bloc_voters, "deviating", deviating);
}

/* A monotonicity failure: how many voters of which row raised which
 * winner, and their ballot after the move; or how many voters of the
 * first ballot types of a first-choice group. */
static json_t *raised_json(const audit_view *v, const mk_audit_example *ex)
{
    char buf[64], item[64], rival[64];
    size_t row = ex->lie.n > ex->truth.n ? ex->lie.n - 1 : ex->who;
    if (ex->raised_group != SIZE_MAX)
        return json_pack("{s:I, s:s, s:I, s:s, s:s}", "voters", (json_int_t)ex->raised,
                         "first_choice", audit_entry_name(v, ex->raised_group, buf, sizeof buf),
                         "rows", (json_int_t)ex->raised_rows, "winner",
                         audit_entry_name(v, ex->raised_item, item, sizeof item), "rival",
                         audit_entry_name(v, ex->raised_rival, rival, sizeof rival));
    return json_pack("{s:I, s:s, s:s, s:o}", "voters", (json_int_t)ex->raised, "of",
                     audit_label(ex, ex->who, buf, sizeof buf), "winner",
                     audit_entry_name(v, ex->raised_item, item, sizeof item), "report",
                     report_json(&ex->lie, row, NULL));
}

/* {file, command} of one saved profile. */
static json_t *replay_file(const audit_view *v, const char *path)
{
    char *command = audit_replay_command(v, path);
    json_t *out = json_pack("{s:s, s:s?}", "file", path, "command", command);
    free(command);
    return out;
}

/* A counterexample: everything needed to replay it with `mechkit run`. */
static json_t *example_json(const audit_view *v, const mk_audit_example *ex)
{
    if (ex == NULL || !ex->present)
        return json_null();
    json_t *e = json_object(), *types = json_object(), *truth = json_object();
    char buf[32];
    for (size_t i = 0; i < ex->types.n; i++) {
        const char *who = audit_label(ex, i, buf, sizeof buf);
        json_object_set_new(types, who, cells(&ex->types, i));
        json_object_set_new(
            truth, who,
            report_json(&ex->truth, i, ex->truth_text != NULL ? ex->truth_text[i] : NULL));
    }
    int scale = ex->outcome.payment_scale;
    json_object_set_new(e, "unit", json_integer((json_int_t)ex->unit));
    json_object_set_new(e, "who",
                        json_pack("{s:I, s:s}", "index", (json_int_t)(ex->who + 1), "label",
                                  audit_label(ex, ex->who, buf, sizeof buf)));
    json_object_set_new(e, "types", types);
    json_object_set_new(e, "truthful", truth);
    json_object_set_new(e, "truthful_outcome", outcome_json(v, ex, &ex->outcome, ex->revenue));
    json_object_set_new(e, "truthful_utility", cli_json_rational(ex->utility, scale));
    if (ex->has_welfare) {
        json_object_set_new(e, "welfare", cli_json_rational(ex->welfare, scale));
        json_object_set_new(e, "best_welfare", cli_json_rational(ex->best_welfare, scale));
    }
    if (ex->identities >= 2) {
        json_t *split = json_object();
        char row[64];
        for (size_t j = 0; j < ex->identities; j++) {
            size_t i = j == 0 ? ex->who : ex->types.n + j - 1;
            json_object_set_new(split, audit_row_label(ex, i, row, sizeof row), cells(&ex->lie, i));
        }
        json_object_set_new(e, "identities", json_integer((json_int_t)ex->identities));
        json_object_set_new(e, "split", split);
        if (ex->lie_text != NULL)
            json_object_set_new(e, "split_text", json_string(ex->lie_text));
    } else if (ex->members >= 2) {
        char row[64];
        json_t *joint = json_object(), *utilities = json_object(), *members = json_array();
        for (size_t k = 0; k < ex->members; k++) {
            size_t who = ex->member[k];
            const char *label = audit_label(ex, who, row, sizeof row);
            json_array_append_new(
                members, json_pack("{s:I, s:s, s:I}", "index", (json_int_t)(who + 1), "label",
                                   label, "candidate", (json_int_t)ex->member_candidate[k]));
            json_object_set_new(
                joint, label,
                report_json(&ex->lie, who, ex->member_text != NULL ? ex->member_text[k] : NULL));
            json_object_set_new(
                utilities, label,
                json_pack("{s:o, s:o}", "truthful",
                          cli_json_rational(ex->member_truth_utility[k], ex->outcome.payment_scale),
                          "deviating",
                          cli_json_rational(ex->member_lie_utility_all[k],
                                            ex->lie_outcome.payment_scale)));
        }
        json_object_set_new(e, "size", json_integer((json_int_t)ex->members));
        json_object_set_new(e, "members", members);
        json_object_set_new(e, "partner",
                            json_pack("{s:I, s:s}", "index", (json_int_t)(ex->partner + 1), "label",
                                      audit_label(ex, ex->partner, row, sizeof row)));
        json_object_set_new(e, "deviating", joint);
        json_object_set_new(e, "member_utility", utilities);
    } else if (ex->bloc_rows > 0) {
        json_object_set_new(e, "bloc", bloc_json(v, ex));
    } else if (ex->raised > 0) {
        json_object_set_new(e, "raised", raised_json(v, ex));
    } else if (ex->has_lie) {
        json_object_set_new(e, "deviating", report_json(&ex->lie, ex->who, ex->lie_text));
        json_object_set_new(e, "candidate", json_integer((json_int_t)(ex->candidate + 1)));
    }
    if (ex->has_lie) {
        json_object_set_new(e, "deviating_outcome",
                            outcome_json(v, ex, &ex->lie_outcome, ex->lie_revenue));
        json_object_set_new(e, "deviating_utility",
                            cli_json_rational(ex->lie_utility, ex->lie_outcome.payment_scale));
        json_object_set_new(e, "gain", cli_json_rational(ex->gain, ex->lie_outcome.payment_scale));
    }
    const audit_saved *saved = audit_saved_find(v, ex);
    if (saved != NULL)
        json_object_set_new(
            e, "replay",
            json_pack("{s:o, s:o}", "truthful", replay_file(v, saved->truthful), "lie",
                      saved->lie != NULL ? replay_file(v, saved->lie) : json_null()));
    return e;
}

static json_t *unilateral_json(const audit_view *v)
{
    const mk_audit_report *r = v->report;
    json_t *u = json_object();
    json_object_set_new(u, "checked", json_boolean(r->unilateral_checked));
    if (!r->unilateral_checked)
        json_object_set_new(u, "reason",
                            json_string("the mechanism proposes no misreports (no deviations)"));
    json_object_set_new(u, "found", json_boolean(r->profitable > 0));
    json_object_set_new(u, "max_gain", cli_json_rational(r->max_gain, r->scale));
    json_object_set_new(u, "profiles", json_integer((json_int_t)r->profiles));
    json_object_set_new(u, "profitable", json_integer((json_int_t)r->profitable));
    json_object_set_new(u, "share", decimal4(r->share));
    json_object_set_new(u, "share_ci",
                        json_pack("[o, o]", decimal4(r->share_lo), decimal4(r->share_hi)));
    json_object_set_new(u, "mean_regret", json_string(r->mean_regret));
    json_object_set_new(u, "mean_regret_decimal", json_string(r->mean_regret_decimal));
    json_object_set_new(
        u, "search", json_string(r->exhaustive ? "exhaustive" : "sampled, then local improvement"));
    json_object_set_new(u, "worst", example_json(v, r->profitable > 0 ? &r->worst : NULL));
    return u;
}

static json_t *unchecked_json(const char *reason)
{
    return json_pack("{s:b, s:s, s:n, s:n, s:n}", "checked", 0, "reason", reason, "found",
                     "max_gain", "worst");
}

/* Blocs of everyone preferring an item to the winner (audit.h). */
static json_t *blocs_json(const audit_view *v)
{
    const mk_audit_report *r = v->report;
    if (!r->bloc_checked)
        return unchecked_json(AUDIT_BLOCS_UNCHECKED);
    return json_pack("{s:b, s:b, s:I, s:o, s:o}", "checked", 1, "found", r->bloc_profitable > 0,
                     "profitable", (json_int_t)r->bloc_profitable, "max_gain",
                     cli_json_rational(r->bloc_max_gain, r->scale), "worst",
                     example_json(v, r->bloc_profitable > 0 ? &r->bloc_worst : NULL));
}

/* The search of coalitions of `size`: pairs exhaustive over the
 * candidates (which may be sampled), larger groups a local search. */
static const char *coalition_search(const mk_audit_report *r, size_t size)
{
    if (size >= 3)
        return "local search";
    return r->exhaustive ? "exhaustive" : "sampled";
}

/* Per size: profiles where a group all gain and the largest total gain,
 * and the same with side payments. */
static json_t *by_size_json(const mk_audit_report *r)
{
    json_t *list = json_array();
    for (size_t s = 2; s <= r->coalition_size; s++)
        json_array_append_new(
            list,
            json_pack("{s:I, s:s, s:I, s:o, s:{s:I, s:o}}", "size", (json_int_t)s, "search",
                      coalition_search(r, s), "profitable",
                      (json_int_t)r->coalition_by_size[s].profitable, "max_gain",
                      cli_json_rational(r->coalition_by_size[s].max_gain, r->scale),
                      "with_side_payments", "profitable",
                      (json_int_t)r->coalition_by_size[s].collusion_profitable, "max_gain",
                      cli_json_rational(r->coalition_by_size[s].collusion_max_gain, r->scale)));
    return list;
}

static json_t *coalition_json(const audit_view *v)
{
    const mk_audit_report *r = v->report;
    if (!r->coalition_checked)
        return unchecked_json(v->mech->deviations == NULL ? AUDIT_NO_DEVIATIONS
                                                          : AUDIT_COALITION_DISABLED);
    json_t *c = json_object(), *side = json_object();
    json_object_set_new(c, "checked", json_true());
    json_object_set_new(c, "size", json_integer((json_int_t)r->coalition_size));
    json_object_set_new(c, "found",
                        json_boolean(r->coalition_profitable > 0 || r->bloc_profitable > 0));
    json_object_set_new(
        c, "max_gain",
        cli_json_rational(mk_rational_cmp(r->bloc_max_gain, r->coalition_max_gain) > 0
                              ? r->bloc_max_gain
                              : r->coalition_max_gain,
                          r->scale));
    json_object_set_new(c, "profiles",
                        json_integer((json_int_t)(r->profiles - r->coalition_skipped)));
    json_object_set_new(c, "skipped_profiles", json_integer((json_int_t)r->coalition_skipped));
    json_object_set_new(c, "profitable", json_integer((json_int_t)r->coalition_profitable));
    json_object_set_new(c, "search", json_string(coalition_search(r, r->coalition_size)));
    json_object_set_new(c, "capped_profiles", json_integer((json_int_t)r->coalition_capped));
    json_object_set_new(c, "by_size", by_size_json(r));
    json_object_set_new(c, "worst",
                        example_json(v, r->coalition_profitable > 0 ? &r->coalition_worst : NULL));
    json_object_set_new(side, "found", json_boolean(r->collusion_profitable > 0));
    json_object_set_new(side, "max_gain", cli_json_rational(r->collusion_max_gain, r->scale));
    json_object_set_new(side, "profitable", json_integer((json_int_t)r->collusion_profitable));
    json_object_set_new(side, "worst",
                        example_json(v, r->collusion_profitable > 0 ? &r->collusion_worst : NULL));
    json_object_set_new(c, "with_side_payments", side);
    json_object_set_new(c, "blocs", blocs_json(v));
    return c;
}

static json_t *sybil_json(const audit_view *v)
{
    const mk_audit_report *r = v->report;
    if (!r->sybil_checked)
        return unchecked_json(audit_sybil_reason(v));
    json_t *s = json_object(), *by_k = json_array();
    for (size_t k = 2; k <= v->opts->max_identities; k++)
        json_array_append_new(
            by_k, json_pack("{s:I, s:I, s:o}", "identities", (json_int_t)k, "profitable",
                            (json_int_t)r->sybil_by_k[k].profitable, "max_gain",
                            cli_json_rational(r->sybil_by_k[k].max_gain, r->scale)));
    json_object_set_new(s, "checked", json_true());
    json_object_set_new(s, "found", json_boolean(r->sybil_profitable > 0));
    json_object_set_new(s, "max_gain", cli_json_rational(r->sybil_max_gain, r->scale));
    json_object_set_new(s, "profiles", json_integer((json_int_t)r->profiles));
    json_object_set_new(s, "profitable", json_integer((json_int_t)r->sybil_profitable));
    json_object_set_new(s, "by_identities", by_k);
    json_object_set_new(s, "worst",
                        example_json(v, r->sybil_profitable > 0 ? &r->sybil_worst : NULL));
    return s;
}

static json_t *revenue_json(const mk_audit_report *r)
{
    json_t *v = json_object();
    json_object_set_new(v, "mean", json_string(r->revenue_mean));
    json_object_set_new(v, "mean_decimal", json_string(r->revenue_mean_decimal));
    json_object_set_new(v, "min", cli_json_rational(r->revenue_min, r->scale));
    json_object_set_new(v, "max", cli_json_rational(r->revenue_max, r->scale));
    json_object_set_new(v, "negative_profiles", json_integer((json_int_t)r->revenue_negative));
    json_object_set_new(v, "nonzero_profiles", json_integer((json_int_t)r->revenue_nonzero));
    return v;
}

static json_t *claims_json(const audit_view *v)
{
    const mk_audit_report *r = v->report;
    json_t *list = json_array();
    for (size_t i = 0; i < r->n_claims; i++) {
        const mk_audit_claim *c = &r->claims[i];
        const char *name = mk_claim_name(c->claim);
        json_t *item = json_object();
        json_object_set_new(item, "claim", json_string(name != NULL ? name : "unknown"));
        json_object_set_new(item, "checked", json_boolean(c->verdict != MK_AUDIT_NOT_CHECKED));
        json_object_set_new(item, "holds",
                            c->verdict == MK_AUDIT_NOT_CHECKED
                                ? json_null()
                                : json_boolean(c->verdict == MK_AUDIT_HOLDS));
        if (c->reason != NULL)
            json_object_set_new(item, "reason", json_string(c->reason));
        if (c->verdict == MK_AUDIT_FAILS)
            json_object_set_new(item, "counterexample", example_json(v, c->counterexample));
        json_array_append_new(list, item);
    }
    return list;
}

static json_t *efficiency_json(const audit_view *v)
{
    const mk_audit_report *r = v->report;
    if (!r->efficiency_checked)
        return json_pack("{s:b, s:s}", "checked", 0, "reason", AUDIT_EFFICIENCY_UNCHECKED);
    return json_pack("{s:b, s:I, s:o, s:s?, s:s?, s:o}", "checked", 1, "inefficient",
                     (json_int_t)r->inefficient, "max_loss",
                     cli_json_rational(r->efficiency_max_loss, r->scale), "mean",
                     r->efficiency_mean, "mean_decimal", r->efficiency_mean_decimal, "worst",
                     example_json(v, r->inefficient > 0 ? &r->efficiency_worst : NULL));
}

static json_t *monotonicity_json(const audit_view *v)
{
    const mk_audit_report *r = v->report;
    if (!r->monotonicity_checked)
        return json_pack("{s:b, s:s}", "checked", 0, "reason", AUDIT_MONOTONICITY_UNCHECKED);
    return json_pack("{s:b, s:b, s:s, s:I, s:o}", "checked", 1, "holds",
                     r->monotonicity_failures == 0, "search",
                     r->monotonicity_exhaustive ? "exhaustive" : "sampled", "failures",
                     (json_int_t)r->monotonicity_failures, "worst",
                     example_json(v, r->monotonicity_failures > 0 ? &r->monotonicity_worst : NULL));
}

static json_t *result_json(const audit_view *v)
{
    const mk_audit_report *r = v->report;
    json_t *result = json_object();
    json_object_set_new(result, "types", json_string(v->types_source));
    /* Report and type cells are raw: amounts in them are minor units at this scale. */
    json_object_set_new(result, "scale", json_integer(v->scale));
    json_object_set_new(result, "profiles", json_integer((json_int_t)r->profiles));
    json_object_set_new(result, "participants", json_integer((json_int_t)r->participants));
    json_object_set_new(result, "runs", json_integer((json_int_t)r->runs));
    json_object_set_new(result, "unilateral", unilateral_json(v));
    json_object_set_new(result, "coalition", coalition_json(v));
    json_object_set_new(result, "sybil", sybil_json(v));
    json_object_set_new(result, "individual_rationality",
                        json_pack("{s:I, s:o}", "violations", (json_int_t)r->ir_violations, "worst",
                                  example_json(v, r->ir_violations > 0 ? &r->ir_worst : NULL)));
    json_object_set_new(result, "efficiency", efficiency_json(v));
    json_object_set_new(result, "monotonicity", monotonicity_json(v));
    json_object_set_new(result, "revenue", revenue_json(r));
    json_object_set_new(result, "claims", claims_json(v));
    return result;
}

int audit_write_json(const audit_view *v, FILE *out)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "mechkit", json_string(MECHKIT_VERSION));
    json_object_set_new(doc, "command", json_string("audit"));
    json_object_set_new(doc, "mechanism", json_string(v->mech->name));
    json_object_set_new(doc, "params", cli_json_params(v->params));
    /* jansson integers are long long: larger seeds are written as strings. */
    json_object_set_new(doc, "seed",
                        v->seed <= (unsigned long long)LLONG_MAX ? json_integer((json_int_t)v->seed)
                                                                 : json_sprintf("%llu", v->seed));
    json_object_set_new(doc, "input",
                        v->input_name != NULL
                            ? json_pack("{s:s, s:s}", "name", v->input_name, "sha256", v->sha256)
                            : json_null());
    /* Threads are left out: they never change the result. */
    json_object_set_new(doc, "options",
                        json_pack("{s:I, s:I, s:I, s:I, s:I}", "budget",
                                  (json_int_t)v->opts->budget, "participants",
                                  (json_int_t)v->opts->participants, "max_deviations",
                                  (json_int_t)v->opts->max_deviations, "max_identities",
                                  (json_int_t)v->opts->max_identities, "max_coalition",
                                  (json_int_t)v->opts->max_coalition));
    json_object_set_new(doc, "result", result_json(v));
    int rc = json_dumpf(doc, out, JSON_INDENT(2));
    json_decref(doc);
    if (rc != 0 || fputc('\n', out) == EOF)
        return -1;
    return 0;
}
