/* Helpers shared by the subcommands: reading inputs, reporting errors. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "mechkit/hash.h"

int cli_file_read(const char *path, cli_file *f, mk_ctx *ctx)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *in = is_stdin ? stdin : fopen(path, "rb");
    if (in == NULL)
        return mk_error(ctx, MK_EIO, "%s: cannot open: %s", path, strerror(errno));
    /* a regular file's size, plus one byte to see its end, saves growing */
    struct stat st;
    size_t cap = 1 << 16, len = 0;
    if (!is_stdin && fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode) &&
        (uint64_t)st.st_size < SIZE_MAX / 2)
        cap = (size_t)st.st_size + 1;
    char *data = malloc(cap);
    int rc = data == NULL ? mk_error(ctx, MK_ENOMEM, "out of memory reading %s", path) : 0;
    while (rc == 0) {
        if (len == cap) {
            char *grown = cap <= SIZE_MAX / 2 ? realloc(data, cap * 2) : NULL;
            if (grown == NULL) {
                rc = mk_error(ctx, MK_ENOMEM, "out of memory reading %s", path);
                break;
            }
            data = grown;
            cap *= 2;
        }
        size_t got = fread(data + len, 1, cap - len, in);
        len += got;
        if (got == 0) {
            if (ferror(in))
                rc = mk_error(ctx, MK_EIO, "%s: read error", path);
            break;
        }
    }
    if (!is_stdin)
        fclose(in);
    if (rc != 0) {
        free(data);
        return rc;
    }
    f->data = data;
    f->len = len;
    f->name = is_stdin ? "<stdin>" : path;
    return MK_OK;
}

void cli_file_free(cli_file *f)
{
    free(f->data);
    f->data = NULL;
    f->len = 0;
}

static void *compute_digest(void *arg)
{
    cli_digest *d = arg;
    d->rc = mk_sha256_hex(d->data, d->len, d->hex, &d->ctx);
    return NULL;
}

void cli_digest_start(cli_digest *d, const void *data, size_t len)
{
    *d = (cli_digest){0};
    d->data = data;
    d->len = len;
    d->ctx = (mk_ctx)MK_CTX_INIT;
    d->running = pthread_create(&d->thread, NULL, compute_digest, d) == 0;
    if (!d->running)
        compute_digest(d);
}

int cli_digest_finish(cli_digest *d, mk_ctx *ctx)
{
    if (d->running)
        pthread_join(d->thread, NULL);
    d->running = 0;
    return d->rc != 0 ? mk_error(ctx, d->rc, "%s", d->ctx.message) : MK_OK;
}

int cli_mechanism_input_read(const mk_mechanism *m, const char *path, const char *format,
                             const mk_params *params, cli_mechanism_input *in, mk_ctx *ctx)
{
    int rc = cli_file_read(path, &in->file, ctx);
    if (rc == 0) {
        cli_digest_start(&in->digest, in->file.data, in->file.len);
        mk_input input = {in->file.name, in->file.data, in->file.len, format};
        rc = m->read(&input, params, &in->data, ctx);
    }
    return rc;
}

void cli_mechanism_input_free(cli_mechanism_input *in)
{
    mk_ctx ignored = MK_CTX_INIT;
    cli_digest_finish(&in->digest, &ignored); /* it reads the file */
    mk_dataset_free(&in->data);
    cli_file_free(&in->file);
}

int cli_output_open(const char *path, cli_output *out, mk_ctx *ctx)
{
    *out = (cli_output){stdout, NULL, NULL};
    if (path == NULL || strcmp(path, "-") == 0)
        return MK_OK;
    size_t size = strlen(path) + 32;
    out->temporary = malloc(size);
    if (out->temporary == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory for the output name");
    snprintf(out->temporary, size, "%s.tmp.%ld", path, (long)getpid());
    out->stream = fopen(out->temporary, "wb");
    if (out->stream == NULL) {
        int rc = mk_error(ctx, MK_EIO, "%s: cannot create: %s", out->temporary, strerror(errno));
        free(out->temporary);
        out->temporary = NULL;
        return rc;
    }
    out->path = path;
    return MK_OK;
}

int cli_output_close(cli_output *out, int ok, mk_ctx *ctx)
{
    int failed = fflush(out->stream) != 0 || ferror(out->stream);
    int rc = MK_OK;
    if (out->path == NULL) {
        if (failed)
            rc = mk_error(ctx, MK_EIO, "cannot write the output: %s", strerror(errno));
        return rc;
    }
    failed |= fclose(out->stream) != 0;
    if (ok && failed)
        rc = mk_error(ctx, MK_EIO, "%s: cannot write: %s", out->temporary, strerror(errno));
    else if (ok && rename(out->temporary, out->path) != 0)
        rc = mk_error(ctx, MK_EIO, "%s: cannot rename to %s: %s", out->temporary, out->path,
                      strerror(errno));
    if (!ok || rc != 0)
        remove(out->temporary);
    free(out->temporary);
    *out = (cli_output){NULL, NULL, NULL};
    return rc;
}

int cli_fail(const mk_ctx *ctx)
{
    fprintf(stderr, "mechkit: %s\n", ctx->message[0] ? ctx->message : mk_error_name(ctx->code));
    return mk_error_is_user(ctx->code) ? CLI_USAGE : CLI_INTERNAL;
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "mechkit %s: ", command);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(see 'mechkit %s --help')\n", command);
    va_end(ap);
    return CLI_USAGE;
}

int cli_parse_format(const char *s, cli_format *out)
{
    if (strcmp(s, "json") == 0)
        *out = CLI_FORMAT_JSON;
    else if (strcmp(s, "text") == 0)
        *out = CLI_FORMAT_TEXT;
    else
        return -1;
    return 0;
}

int cli_flush_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "mechkit: cannot write the output: %s\n", strerror(errno));
        return CLI_INTERNAL;
    }
    return CLI_OK;
}
