/*
 * mechkit/hash.h - digests of inputs, for result envelopes and transcripts.
 */
#ifndef MECHKIT_HASH_H
#define MECHKIT_HASH_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Length of a SHA-256 digest written as lowercase hex, with its NUL. */
#define MK_SHA256_HEX_SIZE 65

/** Writes the SHA-256 of data[0..len) as 64 lowercase hex digits and a NUL
 *  into hex. MK_EINTERNAL if the hashing library cannot start. */
int mk_sha256_hex(const void *data, size_t len, char hex[MK_SHA256_HEX_SIZE], mk_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
