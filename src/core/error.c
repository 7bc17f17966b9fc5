/* Error codes and messages kept in the caller's context (see error.h). */
#include "mechkit/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int mk_error(mk_ctx *ctx, int code, const char *fmt, ...)
{
    if (ctx == NULL)
        return code;
    ctx->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->message, sizeof ctx->message, fmt, ap);
    va_end(ap);
    return code;
}

int mk_error_prefix(mk_ctx *ctx, const char *fmt, ...)
{
    if (ctx == NULL)
        return MK_EINTERNAL;
    char prefix[MK_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    /* Truncation is intended: a long message keeps its beginning. */
    size_t used = strlen(prefix);
    char joined[MK_ERROR_MESSAGE_MAX];
    memcpy(joined, prefix, used);
    used += (size_t)snprintf(joined + used, sizeof joined - used, ": ");
    if (used < sizeof joined)
        snprintf(joined + used, sizeof joined - used, "%.*s", (int)(sizeof joined - used - 1),
                 ctx->message);
    memcpy(ctx->message, joined, sizeof joined);
    return ctx->code;
}

void mk_error_clear(mk_ctx *ctx)
{
    if (ctx == NULL)
        return;
    ctx->code = MK_OK;
    ctx->message[0] = '\0';
}

const char *mk_error_name(int code)
{
    switch (code) {
    case MK_OK: return "ok";
    case MK_EINPUT: return "bad input";
    case MK_EPARAM: return "bad parameter";
    case MK_ERANGE: return "out of range";
    case MK_ELIMIT: return "limit exceeded";
    case MK_ENOTFOUND: return "not found";
    case MK_EIO: return "input/output error";
    case MK_ENOMEM: return "out of memory";
    case MK_EINTERNAL: return "internal error";
    default: return "unknown error";
    }
}

int mk_error_is_user(int code)
{
    return code != MK_OK && code != MK_ENOMEM && code != MK_EINTERNAL;
}
