/*
 * text_out.h - a growing text that writers of input formats (PrefLib, bid
 * and contribution CSV) print into, private to mechkit. A failed
 * allocation is remembered and reported once by mk_text_finish, so that
 * writers print without checking every call.
 */
#ifndef MECHKIT_IO_TEXT_OUT_H
#define MECHKIT_IO_TEXT_OUT_H

#include <stddef.h>

#include "mechkit/error.h"

typedef struct mk_text {
    char *s;
    size_t len, cap;
    int failed;
} mk_text;

/* clang-format off */
#define MK_TEXT_INIT {NULL, 0, 0, 0}
/* clang-format on */

/** Appends printf-style text. */
void mk_text_printf(mk_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Appends one CSV field (RFC 4180): quoted, with quotes doubled, when it
 *  holds a comma, a quote, a line break or leading or trailing white
 *  space (which the readers trim), as it is otherwise. */
void mk_text_csv_field(mk_text *t, const char *field);

/** Hands the NUL-terminated text to *out (the caller frees it) and its
 *  length to *len (may be NULL); MK_ENOMEM naming `what` when an append
 *  failed, in which case the text is freed. */
int mk_text_finish(mk_text *t, char **out, size_t *len, const char *what, mk_ctx *ctx);

/** Frees the text (after an error of the writer's own). */
void mk_text_free(mk_text *t);

#endif
