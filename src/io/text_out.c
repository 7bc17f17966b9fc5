/* A growing text for the writers of input formats (text_out.h). */
#include "text_out.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mk_text_printf(mk_text *t, const char *fmt, ...)
{
    if (t->failed)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = t->s != NULL ? vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap)
                             : vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            t->failed = 1;
            return;
        }
        if (t->s != NULL && (size_t)n < t->cap - t->len) {
            t->len += (size_t)n;
            return;
        }
        size_t cap = 2 * t->cap + (size_t)n + 256;
        char *s = realloc(t->s, cap);
        if (s == NULL) {
            t->failed = 1;
            return;
        }
        t->s = s;
        t->cap = cap;
    }
}

void mk_text_csv_field(mk_text *t, const char *field)
{
    size_t len = strlen(field);
    int quote = len > 0 && (field[0] == ' ' || field[0] == '\t' || field[len - 1] == ' ' ||
                            field[len - 1] == '\t');
    if (strpbrk(field, ",\"\r\n") != NULL)
        quote = 1;
    if (!quote) {
        mk_text_printf(t, "%s", field);
        return;
    }
    mk_text_printf(t, "\"");
    for (const char *q; (q = strchr(field, '"')) != NULL; field = q + 1)
        mk_text_printf(t, "%.*s\"\"", (int)(q - field), field);
    mk_text_printf(t, "%s\"", field);
}

int mk_text_finish(mk_text *t, char **out, size_t *len, const char *what, mk_ctx *ctx)
{
    if (t->s == NULL && !t->failed)
        mk_text_printf(t, "%s", "");
    if (t->failed) {
        mk_text_free(t);
        return mk_error(ctx, MK_ENOMEM, "out of memory writing %s", what);
    }
    *out = t->s;
    if (len != NULL)
        *len = t->len;
    *t = (mk_text)MK_TEXT_INIT;
    return MK_OK;
}

void mk_text_free(mk_text *t)
{
    free(t->s);
    *t = (mk_text)MK_TEXT_INIT;
}
