/*
 * audit_cli.h - what `mechkit audit` prints, computed before printing, and
 * its two writers (audit_json.c, audit_text.c).
 */
#ifndef MECHKIT_AUDIT_CLI_H
#define MECHKIT_AUDIT_CLI_H

#include <stdio.h>

#include "mechkit/audit.h"

/* Why a search is absent from a report. */
#define AUDIT_NO_DEVIATIONS "the mechanism proposes no misreports (it has no deviations function)"
#define AUDIT_COALITION_DISABLED "coalition search turned off (--max-coalition below 2)"
#define AUDIT_SYBIL_NO_SPLIT                                                                       \
    "the mechanism defines no split operation (one participant acting as several identities)"
#define AUDIT_BLOCS_UNCHECKED                                                                      \
    "blocs are searched for mechanisms whose outcome is a choice of items and that define "        \
    "favour() (elections), with --max-coalition 2 or more"
#define AUDIT_EFFICIENCY_UNCHECKED                                                                 \
    "the mechanism gives no best welfare to compare with (it has no best_welfare function)"
#define AUDIT_MONOTONICITY_UNCHECKED                                                               \
    "monotonicity is checked for mechanisms whose outcome is a choice of items and that define "   \
    "favour() (elections)"
#define AUDIT_SYBIL_DISABLED "sybil search turned off (--max-identities below 2)"

/* The files of one counterexample written by --save-counterexamples. */
typedef struct audit_saved {
    const mk_audit_example *example; /* into the report */
    char *truthful, *lie;            /* paths; lie NULL for a truthful-only example */
} audit_saved;

/* Examples a report can hold: unilateral, coalition, collusion, sybil,
 * bloc, monotonicity, ir, efficiency, revenue low and high. */
#define AUDIT_SAVED_MAX 10

typedef struct audit_view {
    const mk_mechanism *mech;
    const mk_params *params; /* bound: defaults are known */
    const mk_audit_options *opts;
    const mk_audit_report *report;
    const char *input_name; /* NULL when profiles were sampled */
    const char *sha256;
    const char *types_source; /* "sampled", "given" or "from reports" */
    unsigned long long seed;
    int scale;                /* decimal places of report cells that are money */
    const char *const *items; /* names of a collective outcome's entries, or NULL */
    size_t n_items;
    audit_saved saved[AUDIT_SAVED_MAX]; /* --save-counterexamples */
    size_t n_saved;
} audit_view;

int audit_write_json(const audit_view *v, FILE *out);
int audit_write_text(const audit_view *v, FILE *out);

/* Writes every counterexample of v->report into directory dir (created
 * when missing) with the mechanism's write_input, an instance prepared with
 * v->params and setting, as STEM-truthful.EXT and STEM-lie.EXT (STEM
 * unilateral, coalition, collusion, sybil, bloc, monotonicity, ir,
 * efficiency, revenue-low, revenue-high),
 * and records the paths in v->saved. MK_EPARAM when the mechanism cannot
 * write its input, MK_EIO. Free the paths with audit_saved_free. */
int audit_save_examples(audit_view *v, const mk_setting *setting, const char *dir, mk_ctx *ctx);
void audit_saved_free(audit_view *v);

/* The saved files of ex, or NULL when none were written. */
const audit_saved *audit_saved_find(const audit_view *v, const mk_audit_example *ex);

/* The command that replays the file at path: `mechkit run NAME -p ...
 * [--seed N] PATH`, words quoted for the shell; the caller frees it (NULL
 * on no memory). */
char *audit_replay_command(const audit_view *v, const char *path);

/* Participant i's label in ex ("3" for the third when there are none),
 * written into buf when generated. */
const char *audit_label(const mk_audit_example *ex, size_t i, char *buf, size_t cap);

/* The label of row i of ex's deviating reports: a participant's label, or
 * for identity j of a sybil split (row n + j - 2) "<label of who>#j". */
const char *audit_row_label(const mk_audit_example *ex, size_t i, char *buf, size_t cap);

/* The name of entry j of a collective mechanism's outcome (a candidate,
 * a project): its item name, else "#j" (1-based) written into buf. */
const char *audit_entry_name(const audit_view *v, size_t j, char *buf, size_t cap);

/* Why the sybil search did not run (v->report->sybil_checked == 0). */
const char *audit_sybil_reason(const audit_view *v);

#endif
