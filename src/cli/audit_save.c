/* mechkit audit --save-counterexamples DIR: each counterexample of the
 * report as input files of the mechanism's own format, so that `mechkit
 * run` replays the truthful profile and the lie (audit_cli.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit_cli.h"

/* The examples worth replaying, with the stem of their files. */
static void examples(const mk_audit_report *r, const mk_audit_example *ex[], const char *stem[],
                     size_t *n)
{
    const struct {
        const mk_audit_example *ex;
        const char *stem;
    } all[] = {
        {&r->worst, "unilateral"},
        {&r->coalition_worst, "coalition"},
        {&r->collusion_worst, "collusion"},
        {&r->sybil_worst, "sybil"},
        {&r->bloc_worst, "bloc"},
        {&r->monotonicity_worst, "monotonicity"},
        {&r->ir_worst, "ir"},
        {&r->efficiency_worst, "efficiency"},
        {&r->revenue_low, "revenue-low"},
        {&r->revenue_high, "revenue-high"},
    };
    *n = 0;
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (all[i].ex->present) {
            ex[*n] = all[i].ex;
            stem[(*n)++] = all[i].stem;
        }
}

/* Row labels of a profile of ex (its participants', then a sybil's
 * identities'), as audit_row_label names them; NULL on no memory. */
static char **row_labels(const mk_audit_example *ex, size_t rows)
{
    char **labels = calloc(rows > 0 ? rows : 1, sizeof *labels);
    char buf[64];
    for (size_t i = 0; labels != NULL && i < rows; i++) {
        const char *label = i < ex->types.n ? audit_label(ex, i, buf, sizeof buf)
                                            : audit_row_label(ex, i, buf, sizeof buf);
        if ((labels[i] = strdup(label)) == NULL) {
            for (size_t j = 0; j < i; j++)
                free(labels[j]);
            free(labels);
            return NULL;
        }
    }
    return labels;
}

static void free_labels(char **labels, size_t rows)
{
    for (size_t i = 0; labels != NULL && i < rows; i++)
        free(labels[i]);
    free(labels);
}

/* Writes one profile as DIR/STEM-KIND.EXT; *path gets the file's name. */
static int save_profile(const mk_mechanism *m, const mk_instance *inst, const char *dir,
                        const char *stem, const char *kind, const mk_audit_example *ex,
                        const mk_profile *reports, char **path, mk_ctx *ctx)
{
    char **labels = row_labels(ex, reports->n), *text = NULL;
    const char *extension = "txt";
    if (labels == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory labelling a counterexample");
    int rc = m->write_input(inst, reports, &ex->types, (const char *const *)labels, reports->n,
                            &text, &extension, ctx);
    free_labels(labels, reports->n);
    if (rc != 0)
        return rc;
    size_t len = strlen(dir) + strlen(stem) + strlen(kind) + strlen(extension) + 4;
    if ((*path = malloc(len)) == NULL) {
        free(text);
        return mk_error(ctx, MK_ENOMEM, "out of memory naming a counterexample file");
    }
    snprintf(*path, len, "%s/%s-%s.%s", dir, stem, kind, extension);
    FILE *f = fopen(*path, "wb");
    int ok = f != NULL && fputs(text, f) >= 0;
    if (f != NULL && fclose(f) != 0)
        ok = 0;
    free(text);
    return ok ? MK_OK : mk_error(ctx, MK_EIO, "cannot write %s: %s", *path, strerror(errno));
}

int audit_save_examples(audit_view *v, const mk_setting *setting, const char *dir, mk_ctx *ctx)
{
    const mk_mechanism *m = v->mech;
    if (m->write_input == NULL)
        return mk_error(ctx, MK_EPARAM,
                        "--save-counterexamples: %s cannot write its input format "
                        "(it has no write_input function)",
                        m->name);
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return mk_error(ctx, MK_EIO, "cannot create %s: %s", dir, strerror(errno));
    mk_instance *inst = NULL;
    int rc = m->prepare(&inst, v->params, setting, ctx);
    const mk_audit_example *ex[AUDIT_SAVED_MAX];
    const char *stem[AUDIT_SAVED_MAX];
    size_t n = 0;
    examples(v->report, ex, stem, &n);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        audit_saved *s = &v->saved[v->n_saved++];
        s->example = ex[i];
        rc = save_profile(m, inst, dir, stem[i], "truthful", ex[i], &ex[i]->truth, &s->truthful,
                          ctx);
        if (rc == 0 && ex[i]->has_lie)
            rc = save_profile(m, inst, dir, stem[i], "lie", ex[i], &ex[i]->lie, &s->lie, ctx);
    }
    if (inst != NULL)
        m->free(inst);
    return rc;
}

const audit_saved *audit_saved_find(const audit_view *v, const mk_audit_example *ex)
{
    for (size_t i = 0; i < v->n_saved; i++)
        if (v->saved[i].example == ex)
            return &v->saved[i];
    return NULL;
}

void audit_saved_free(audit_view *v)
{
    for (size_t i = 0; i < v->n_saved; i++) {
        free(v->saved[i].truthful);
        free(v->saved[i].lie);
    }
    v->n_saved = 0;
}

/* A word as the shell reads it: as it is when it is plain, else quoted. */
static void shell_word(const char *word, FILE *out)
{
    if (word[0] != '\0' && strspn(word, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789-_.,/:=+@%") == strlen(word)) {
        fputs(word, out);
        return;
    }
    fputc('\'', out);
    for (const char *c = word; *c != '\0'; c++)
        fputs(*c == '\'' ? "'\\''" : (char[]){*c, '\0'}, out);
    fputc('\'', out);
}

char *audit_replay_command(const audit_view *v, const char *path)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (out == NULL)
        return NULL;
    fprintf(out, "mechkit run %s", v->mech->name);
    for (size_t i = 0; i < v->params->n; i++) {
        fprintf(out, " -p %s=", v->params->key[i]);
        shell_word(v->params->value[i], out);
    }
    if (v->seed != 0)
        fprintf(out, " --seed %llu", v->seed);
    fputc(' ', out);
    shell_word(path, out);
    if (fclose(out) != 0) {
        free(text);
        return NULL;
    }
    return text;
}
