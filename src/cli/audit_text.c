/* The readable audit report of `mechkit audit --format text`. */
#include <stdio.h>
#include <stdlib.h>

#include "audit_cli.h"
#include "mechkit/money.h"

static const char *fmt_rational(mk_rational v, int places, char *buf)
{
    return mk_rational_format(v, places, buf);
}

/* who's report: the mechanism's text, else the raw cells. */
static const char *report_text(const mk_profile *p, size_t i, const char *text, char *buf,
                               size_t cap)
{
    if (text != NULL)
        return text;
    size_t used = 0;
    buf[0] = '\0';
    const int64_t *c = mk_profile_row(p, i);
    for (size_t k = 0; k < p->width && used < cap; k++)
        used +=
            (size_t)snprintf(buf + used, cap - used, "%s%lld", k > 0 ? " " : "[", (long long)c[k]);
    if (used < cap)
        snprintf(buf + used, cap - used, "]");
    return buf;
}

/* The place of participant i in ex's coalition, or ex->members when it is
 * not a member. */
static size_t member_index(const mk_audit_example *ex, size_t i)
{
    size_t k = 0;
    while (k < ex->members && ex->member[k] != i)
        k++;
    return k;
}

/* The deviating report column of row i: who's lie (for a split, its
 * identities' reports joined), another identity of the split, or the
 * truthful report of someone else. */
static const char *lie_text(const mk_audit_example *ex, size_t i, char *buf, size_t cap)
{
    if (i >= ex->types.n) {
        snprintf(buf, cap, "(identity %zu)", i - ex->types.n + 2);
        return buf;
    }
    size_t k = member_index(ex, i);
    const char *text = k < ex->members && ex->member_text != NULL ? ex->member_text[k]
                       : i == ex->who                             ? ex->lie_text
                       : ex->truth_text != NULL                   ? ex->truth_text[i]
                                                                  : NULL;
    return report_text(&ex->lie, i, text, buf, cap);
}

/* One table: each participant's report, allocation and payment, truthful
 * and (for a misreport or a split) deviating side by side. */
static void outcome_table(const mk_audit_example *ex, FILE *out)
{
    char label[64], r1[256], r2[512], pay1[MK_MONEY_FORMAT_MAX], pay2[MK_MONEY_FORMAT_MAX];
    fprintf(out, "      %-12s %-18s %6s %12s", "participant", "truthful report", "alloc",
            "payment");
    if (ex->has_lie)
        fprintf(out, "   %-18s %6s %12s", ex->identities >= 2 ? "split" : "with the lie", "alloc",
                "payment");
    fputc('\n', out);
    size_t rows =
        ex->has_lie && ex->lie_outcome.n > ex->outcome.n ? ex->lie_outcome.n : ex->outcome.n;
    for (size_t i = 0; i < rows; i++) {
        if (i < ex->types.n && i < ex->outcome.n)
            fprintf(out, "    %s %-12s %-18s %6lld %12s",
                    i == ex->who || member_index(ex, i) < ex->members ? "*" : " ",
                    audit_label(ex, i, label, sizeof label),
                    report_text(&ex->truth, i, ex->truth_text != NULL ? ex->truth_text[i] : NULL,
                                r1, sizeof r1),
                    (long long)ex->outcome.allocation[i],
                    mk_money_format(ex->outcome.payment[i], ex->outcome.payment_scale, pay1));
        else
            fprintf(out, "    * %-12s %-18s %6s %12s", audit_row_label(ex, i, label, sizeof label),
                    "", "", "");
        if (ex->has_lie && i < ex->lie_outcome.n)
            fprintf(
                out, "   %-18s %6lld %12s", lie_text(ex, i, r2, sizeof r2),
                (long long)ex->lie_outcome.allocation[i],
                mk_money_format(ex->lie_outcome.payment[i], ex->lie_outcome.payment_scale, pay2));
        fputc('\n', out);
    }
}

/* The rows of a collective outcome with a nonzero allocation (the winners
 * of an election): "Bob Kiss=1", named by item when the rows are items. */
static void entries_line(const audit_view *v, const mk_audit_example *ex, const char *what,
                         const mk_outcome *o, FILE *out)
{
    char buf[64];
    int any = 0;
    fprintf(out, "      %s:", what);
    for (size_t j = 0; j < o->n; j++)
        if (o->allocation[j] != 0) {
            fprintf(out, " %s=%lld",
                    v->mech->flags & MK_MECH_ITEM_OUTCOME ? audit_entry_name(v, j, buf, sizeof buf)
                                                          : audit_row_label(ex, j, buf, sizeof buf),
                    (long long)o->allocation[j]);
            any = 1;
        }
    fprintf(out, "%s\n", any ? "" : " nothing");
}

/* For a collective mechanism the outcome is not per participant: the
 * reports side by side, then each outcome's entries. */
static void collective_table(const audit_view *v, const mk_audit_example *ex, FILE *out)
{
    char label[64], r1[256], r2[512];
    fprintf(out, "      %-12s %-18s", "participant", "truthful report");
    if (ex->has_lie)
        fprintf(out, "   %-18s", ex->identities >= 2 ? "split" : "with the lie");
    fputc('\n', out);
    size_t rows = ex->has_lie && ex->lie.n > ex->types.n ? ex->lie.n : ex->types.n;
    for (size_t i = 0; i < rows; i++) {
        int marked = i == ex->who || member_index(ex, i) < ex->members || i >= ex->types.n;
        fprintf(out, "    %s %-12s %-18s", marked ? "*" : " ",
                i < ex->types.n ? audit_label(ex, i, label, sizeof label)
                                : audit_row_label(ex, i, label, sizeof label),
                i < ex->truth.n
                    ? report_text(&ex->truth, i, ex->truth_text != NULL ? ex->truth_text[i] : NULL,
                                  r1, sizeof r1)
                    : "");
        if (ex->has_lie && i < ex->lie.n)
            fprintf(out, "   %-18s", lie_text(ex, i, r2, sizeof r2));
        fputc('\n', out);
    }
    entries_line(v, ex, "outcome, truthful", &ex->outcome, out);
    if (ex->has_lie)
        entries_line(v, ex, ex->identities >= 2 ? "outcome, split" : "outcome, with the lie",
                     &ex->lie_outcome, out);
}

/* The commands that replay a saved counterexample. */
static void replay_lines(const audit_view *v, const mk_audit_example *ex, FILE *out)
{
    const audit_saved *saved = audit_saved_find(v, ex);
    const char *paths[2] = {saved != NULL ? saved->truthful : NULL,
                            saved != NULL ? saved->lie : NULL};
    const char *what[2] = {"replay truthful", "replay the lie "};
    for (size_t k = 0; k < 2; k++) {
        char *command = paths[k] != NULL ? audit_replay_command(v, paths[k]) : NULL;
        if (command != NULL)
            fprintf(out, "    %s: %s\n", what[k], command);
        free(command);
    }
}

static void example_text(const audit_view *v, const char *title, const mk_audit_example *ex,
                         FILE *out)
{
    char label[32], a[MK_RATIONAL_FORMAT_MAX], b[MK_RATIONAL_FORMAT_MAX];
    int scale = ex->outcome.payment_scale;
    fprintf(out, "  %s: unit %llu, participant %zu (%s)", title, (unsigned long long)ex->unit,
            ex->who + 1, audit_label(ex, ex->who, label, sizeof label));
    for (size_t k = 1; k < ex->members; k++)
        fprintf(out, "%s participant %zu (%s)",
                k == 1                 ? " with"
                : k + 1 == ex->members ? " and"
                                       : ",",
                ex->member[k] + 1, audit_label(ex, ex->member[k], label, sizeof label));
    fputc('\n', out);
    if (ex->has_lie) {
        char c[MK_RATIONAL_FORMAT_MAX];
        char how[48] = "lying";
        if (ex->identities >= 2)
            snprintf(how, sizeof how, "as %zu identities", ex->identities);
        else if (ex->members >= 2)
            snprintf(how, sizeof how, "lying together");
        char whose[48] = "utility";
        if (ex->members == 2)
            snprintf(whose, sizeof whose, "utility of the two");
        else if (ex->members > 2)
            snprintf(whose, sizeof whose, "utility of the %zu", ex->members);
        fprintf(out, "    %s %s truthful, %s %s: gain %s\n", whose,
                fmt_rational(ex->utility, scale, a), fmt_rational(ex->lie_utility, scale, b), how,
                fmt_rational(ex->gain, scale, c));
    } else {
        fprintf(out, "    truthful utility %s, revenue %s\n", fmt_rational(ex->utility, scale, a),
                fmt_rational(ex->revenue, scale, b));
    }
    if (v->mech->flags & MK_MECH_COLLECTIVE)
        collective_table(v, ex, out);
    else
        outcome_table(ex, out);
    replay_lines(v, ex, out);
}

static void unilateral_text(const audit_view *v, FILE *out)
{
    const mk_audit_report *r = v->report;
    char a[MK_RATIONAL_FORMAT_MAX];
    if (!r->unilateral_checked) {
        fprintf(out, "unilateral misreports: not checked (the mechanism proposes none)\n\n");
        return;
    }
    fprintf(out, "unilateral misreports (%s search)\n",
            r->exhaustive ? "exhaustive"
                          : "sampled, then local improvement: not every report was tried");
    fprintf(out,
            "  profiles with a profitable lie  %zu of %zu (share %.4f, 95%% CI %.4f to %.4f)\n",
            r->profitable, r->profiles, r->share, r->share_lo, r->share_hi);
    fprintf(out, "  mean regret of truth-telling    %s (%s)\n", r->mean_regret_decimal,
            r->mean_regret);
    fprintf(out, "  largest gain from lying         %s\n", fmt_rational(r->max_gain, r->scale, a));
    if (r->profitable > 0)
        example_text(v, "worst", &r->worst, out);
    fputc('\n', out);
}

/* Efficiency: the mean share of the best welfare and the largest loss. */
static void efficiency_text(const audit_view *v, FILE *out)
{
    const mk_audit_report *r = v->report;
    char a[MK_RATIONAL_FORMAT_MAX], b[MK_RATIONAL_FORMAT_MAX];
    if (!r->efficiency_checked) {
        fprintf(out, "efficiency: not checked (%s)\n\n", AUDIT_EFFICIENCY_UNCHECKED);
        return;
    }
    fprintf(out,
            "efficiency: mean share of the best welfare %s (%s); welfare lost in %zu of %zu "
            "profile(s), at most %s\n",
            r->efficiency_mean_decimal != NULL ? r->efficiency_mean_decimal : "-",
            r->efficiency_mean != NULL ? r->efficiency_mean : "no profile with positive welfare",
            r->inefficient, r->profiles, fmt_rational(r->efficiency_max_loss, r->scale, a));
    if (r->inefficient > 0) {
        const mk_audit_example *ex = &r->efficiency_worst;
        fprintf(out, "  worst: unit %llu, welfare %s of a best %s\n", (unsigned long long)ex->unit,
                fmt_rational(ex->welfare, r->scale, a),
                fmt_rational(ex->best_welfare, r->scale, b));
        if (v->mech->flags & MK_MECH_COLLECTIVE)
            collective_table(v, ex, out);
        else
            outcome_table(ex, out);
        replay_lines(v, ex, out);
    }
    fputc('\n', out);
}

/* Monotonicity: the fewest voters whose raising the winner defeats it. */
static void monotonicity_text(const audit_view *v, FILE *out)
{
    const mk_audit_report *r = v->report;
    if (!r->monotonicity_checked) {
        fprintf(out, "monotonicity: not checked (%s)\n\n", AUDIT_MONOTONICITY_UNCHECKED);
        return;
    }
    fprintf(
        out, "monotonicity (%s): %s in %zu of %zu profile(s)\n",
        r->monotonicity_exhaustive ? "every number of voters tried" : "sampled numbers of voters",
        r->monotonicity_failures > 0 ? "fails" : "holds", r->monotonicity_failures, r->profiles);
    if (r->monotonicity_failures > 0) {
        const mk_audit_example *ex = &r->monotonicity_worst;
        char label[64], item[64], r1[256], r2[256];
        size_t row = ex->lie.n > ex->truth.n ? ex->lie.n - 1 : ex->who;
        fprintf(out, "  worst: unit %llu, %lld voter(s) ", (unsigned long long)ex->unit,
                (long long)ex->raised);
        if (ex->raised_group != SIZE_MAX)
            fprintf(out, "ranking %s first (%zu ballot type(s), those sparing %s first)",
                    audit_entry_name(v, ex->raised_group, label, sizeof label), ex->raised_rows,
                    audit_entry_name(v, ex->raised_rival, r1, sizeof r1));
        else
            fprintf(out, "of participant %zu (%s)", ex->who + 1,
                    audit_label(ex, ex->who, label, sizeof label));
        fprintf(out, " raise %s to the top\n",
                audit_entry_name(v, ex->raised_item, item, sizeof item));
        if (ex->raised_group == SIZE_MAX)
            fprintf(out, "    ballot %s becomes %s\n",
                    report_text(&ex->truth, ex->who, NULL, r1, sizeof r1),
                    report_text(&ex->lie, row, NULL, r2, sizeof r2));
        entries_line(v, ex, "outcome, truthful", &ex->outcome, out);
        entries_line(v, ex, "outcome, the winner raised", &ex->lie_outcome, out);
        replay_lines(v, ex, out);
    }
    fputc('\n', out);
}

/* Blocs: the largest, with its members' moved ballots. */
static void blocs_text(const audit_view *v, FILE *out)
{
    const mk_audit_report *r = v->report;
    char a[MK_RATIONAL_FORMAT_MAX], b[MK_RATIONAL_FORMAT_MAX], c[MK_RATIONAL_FORMAT_MAX];
    if (!r->bloc_checked) {
        fprintf(out, "blocs: not checked (%s)\n\n", AUDIT_BLOCS_UNCHECKED);
        return;
    }
    fprintf(out, "blocs (everyone preferring a loser to the winner moves at once)\n");
    fprintf(out, "  profiles where a bloc gains   %zu of %zu, largest total gain %s\n",
            r->bloc_profitable, r->profiles, mk_rational_format(r->bloc_max_gain, r->scale, a));
    if (r->bloc_profitable > 0) {
        const mk_audit_example *ex = &r->bloc_worst;
        char target[64], against[64], label[64], r1[256], r2[256];
        fprintf(out,
                "  worst: unit %llu, %zu participant(s) (%lld voters) preferring %s to %s, "
                "move %s\n",
                (unsigned long long)ex->unit, ex->bloc_rows, (long long)ex->bloc_voters,
                audit_entry_name(v, ex->bloc_target, target, sizeof target),
                audit_entry_name(v, ex->bloc_against, against, sizeof against),
                mk_favour_name(ex->bloc_kind));
        fprintf(out, "    utility of the bloc %s truthful, %s moving: gain %s\n",
                mk_rational_format(ex->utility, r->scale, a),
                mk_rational_format(ex->lie_utility, r->scale, b),
                mk_rational_format(ex->gain, r->scale, c));
        fprintf(out, "      participant  truthful report     moved report\n");
        for (size_t i = 0; i < ex->types.n; i++)
            if (ex->bloc_member[i])
                fprintf(out, "      %-12s %-18s  %s\n", audit_label(ex, i, label, sizeof label),
                        report_text(&ex->truth, i, NULL, r1, sizeof r1),
                        report_text(&ex->lie, i, NULL, r2, sizeof r2));
        entries_line(v, ex, "outcome, truthful", &ex->outcome, out);
        entries_line(v, ex, "outcome, the bloc moving", &ex->lie_outcome, out);
        replay_lines(v, ex, out);
    }
    fputc('\n', out);
}

static void coalition_text(const audit_view *v, FILE *out)
{
    const mk_audit_report *r = v->report;
    char a[MK_RATIONAL_FORMAT_MAX];
    if (!r->coalition_checked) {
        fprintf(out, "coalitions: not checked (%s)\n\n",
                v->mech->deviations == NULL ? AUDIT_NO_DEVIATIONS : AUDIT_COALITION_DISABLED);
        return;
    }
    if (r->coalition_size == 2)
        fprintf(out, "coalitions of two (both members misreport at once)\n");
    else
        fprintf(out,
                "coalitions of 2 to %zu (members misreport at once; pairs exhaustive, larger "
                "groups by local search)\n",
                r->coalition_size);
    if (r->coalition_skipped > 0)
        fprintf(out, "  profiles skipped (over %d participants) %zu\n",
                MK_AUDIT_COALITION_PARTICIPANTS_MAX, r->coalition_skipped);
    if (r->coalition_capped > 0)
        fprintf(out, "  profiles with groups past the first %d of a size  %zu\n",
                MK_AUDIT_COALITION_GROUPS, r->coalition_capped);
    size_t searched = r->profiles - r->coalition_skipped;
    if (r->coalition_size == 2) {
        fprintf(out, "  profiles where both members gain  %zu of %zu, largest total gain %s\n",
                r->coalition_profitable, searched,
                mk_rational_format(r->coalition_max_gain, r->scale, a));
        fprintf(out, "  with side payments (total gain)   %zu of %zu, largest total gain %s\n",
                r->collusion_profitable, searched,
                mk_rational_format(r->collusion_max_gain, r->scale, a));
    } else {
        for (size_t s = 2; s <= r->coalition_size; s++) {
            fprintf(out, "  size %zu: every member gains in %zu of %zu, largest total gain %s;\n",
                    s, r->coalition_by_size[s].profitable, searched,
                    mk_rational_format(r->coalition_by_size[s].max_gain, r->scale, a));
            fprintf(out, "          with side payments in %zu of %zu, largest total gain %s\n",
                    r->coalition_by_size[s].collusion_profitable, searched,
                    mk_rational_format(r->coalition_by_size[s].collusion_max_gain, r->scale, a));
        }
    }
    if (r->coalition_profitable > 0)
        example_text(v, "worst", &r->coalition_worst, out);
    else if (r->collusion_profitable > 0)
        example_text(v, "worst with side payments", &r->collusion_worst, out);
    fputc('\n', out);
    blocs_text(v, out);
}

static void sybil_text(const audit_view *v, FILE *out)
{
    const mk_audit_report *r = v->report;
    char a[MK_RATIONAL_FORMAT_MAX];
    if (!r->sybil_checked) {
        fprintf(out, "sybil splits: not checked (%s)\n\n", audit_sybil_reason(v));
        return;
    }
    fprintf(out, "sybil splits (each participant, truthful, as 2 to %zu identities)\n",
            v->opts->max_identities);
    fprintf(out, "  profiles where a split pays     %zu of %zu\n", r->sybil_profitable,
            r->profiles);
    for (size_t k = 2; k <= v->opts->max_identities; k++)
        fprintf(out, "  as %2zu identities                profitable in %zu, largest gain %s\n", k,
                r->sybil_by_k[k].profitable,
                mk_rational_format(r->sybil_by_k[k].max_gain, r->scale, a));
    if (r->sybil_profitable > 0)
        example_text(v, "worst", &r->sybil_worst, out);
    fputc('\n', out);
}

static void claims_text(const audit_view *v, FILE *out)
{
    const mk_audit_report *r = v->report;
    fprintf(out, "claims\n");
    if (r->n_claims == 0)
        fprintf(out, "  (the mechanism claims no properties)\n");
    for (size_t i = 0; i < r->n_claims; i++) {
        const mk_audit_claim *c = &r->claims[i];
        const char *name = mk_claim_name(c->claim);
        const char *verdict = c->verdict == MK_AUDIT_HOLDS   ? "holds (no counterexample found)"
                              : c->verdict == MK_AUDIT_FAILS ? "FAILS"
                                                             : "not checked";
        fprintf(out, "  %-22s %s", name != NULL ? name : "unknown", verdict);
        if (c->reason != NULL)
            fprintf(out, ": %s", c->reason);
        fputc('\n', out);
        if (c->verdict == MK_AUDIT_FAILS && c->counterexample != NULL)
            example_text(v, "counterexample", c->counterexample, out);
    }
}

int audit_write_text(const audit_view *v, FILE *out)
{
    const mk_audit_report *r = v->report;
    char a[MK_RATIONAL_FORMAT_MAX], b[MK_RATIONAL_FORMAT_MAX];
    fprintf(out, "mechkit audit %s, seed %llu: ", v->mech->name, v->seed);
    if (v->input_name != NULL)
        fprintf(out, "the profile in %s (types %s)\n\n", v->input_name, v->types_source);
    else
        fprintf(out, "%zu sampled profiles of %zu participants\n\n", r->profiles,
                v->opts->participants);
    unilateral_text(v, out);
    coalition_text(v, out);
    sybil_text(v, out);
    fprintf(out, "revenue over profiles: mean %s, min %s, max %s", r->revenue_mean_decimal,
            fmt_rational(r->revenue_min, r->scale, a), fmt_rational(r->revenue_max, r->scale, b));
    fprintf(out, "; paid out in %zu, non-zero in %zu\n", r->revenue_negative, r->revenue_nonzero);
    fprintf(out, "individual rationality: %zu truthful participant(s) with negative utility\n\n",
            r->ir_violations);
    efficiency_text(v, out);
    monotonicity_text(v, out);
    claims_text(v, out);
    return ferror(out) ? -1 : 0;
}
