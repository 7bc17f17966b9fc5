/*
 * mechkit/error.h - error codes and the context that carries error detail.
 *
 * Every fallible mechkit function returns 0 on success or a negative MK_E*
 * code, and records a human-readable message in the caller's mk_ctx. The
 * message names the place of the problem (input name, line or record,
 * field) and what was expected. The library never prints and never exits.
 */
#ifndef MECHKIT_ERROR_H
#define MECHKIT_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Error codes. The CLI maps MK_ENOMEM and MK_EINTERNAL to exit status 1
 *  and every other code to exit status 2 (bad input). */
enum mk_error_code {
    MK_OK = 0,
    MK_EINPUT = -1,    /**< input does not parse or violates its format */
    MK_EPARAM = -2,    /**< unknown or invalid parameter */
    MK_ERANGE = -3,    /**< a number is out of range or an overflow would occur */
    MK_ELIMIT = -4,    /**< a size limit (participants, units, ...) is exceeded */
    MK_ENOTFOUND = -5, /**< unknown name (mechanism, participant, ...) */
    MK_EIO = -6,       /**< a file cannot be read or written */
    MK_ENOMEM = -7,    /**< out of memory */
    MK_EINTERNAL = -8  /**< a bug: an invariant of mechkit itself failed */
};

/** Longest message kept, in bytes including the terminating NUL. */
#define MK_ERROR_MESSAGE_MAX 512

/**
 * Explicit state passed to every fallible call: it holds the last error.
 * Create one on the stack with MK_CTX_INIT; it owns no memory.
 * A context is not shared between threads: give each thread its own.
 */
typedef struct mk_ctx {
    int code;                           /**< last error code, MK_OK if none */
    char message[MK_ERROR_MESSAGE_MAX]; /**< last error message, "" if none */
} mk_ctx;

/* clang-format off */
#define MK_CTX_INIT {MK_OK, {0}}
/* clang-format on */

/** Records an error (printf-style message) in ctx and returns code, so that
 *  callers can write `return mk_error(ctx, MK_EINPUT, "...", ...)`.
 *  ctx may be NULL, in which case only the code is returned. */
int mk_error(mk_ctx *ctx, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/** Prefixes the message already in ctx with "prefix: " (e.g. a file name
 *  or a record number added by an outer layer). Returns ctx->code. */
int mk_error_prefix(mk_ctx *ctx, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/** Clears the error held in ctx. */
void mk_error_clear(mk_ctx *ctx);

/** A short constant name for a code ("bad input", "out of memory", ...). */
const char *mk_error_name(int code);

/** 1 when code means bad input from the user (exit status 2), 0 otherwise. */
int mk_error_is_user(int code);

#ifdef __cplusplus
}
#endif
#endif
