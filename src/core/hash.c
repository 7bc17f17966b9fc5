/* SHA-256 digests through libsodium (see hash.h). */
#include "mechkit/hash.h"

#include <sodium.h>

_Static_assert(MK_SHA256_HEX_SIZE == 2 * crypto_hash_sha256_BYTES + 1,
               "MK_SHA256_HEX_SIZE must hold the hex digest and a NUL");

int mk_sha256_hex(const void *data, size_t len, char hex[MK_SHA256_HEX_SIZE], mk_ctx *ctx)
{
    /* An empty input may come as NULL; libsodium is not promised one. */
    static const unsigned char empty[1] = {0};
    if (hex == NULL || (data == NULL && len > 0))
        return mk_error(ctx, MK_EINTERNAL, "mk_sha256_hex: no output or no data");
    if (data == NULL)
        data = empty;
    /* sodium_init returns 0 the first time, 1 when already initialised (it
     * is safe to call from several threads) and -1 when it cannot start. */
    if (sodium_init() < 0)
        return mk_error(ctx, MK_EINTERNAL, "libsodium cannot be initialised");
    unsigned char digest[crypto_hash_sha256_BYTES];
    if (crypto_hash_sha256(digest, data, (unsigned long long)len) != 0)
        return mk_error(ctx, MK_EINTERNAL, "SHA-256 of %zu bytes failed", len);
    sodium_bin2hex(hex, MK_SHA256_HEX_SIZE, digest, sizeof digest);
    return MK_OK;
}
