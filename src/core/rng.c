/* The seeded generator: xoshiro256** seeded through splitmix64, unbiased
 * bounded integers, doubles and permutations (see rng.h). */
#include "mechkit/rng.h"

#if !defined(__SIZEOF_INT128__)
#error "mechkit needs a compiler with unsigned __int128 (gcc or clang)"
#endif

/* __extension__ keeps -Wpedantic quiet: __int128 is a gcc/clang extension. */
__extension__ typedef unsigned __int128 u128;

/* splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014), in the form Vigna recommends for seeding the
 * xoshiro family (prng.di.unimi.it/splitmix64.c): a Weyl sequence with
 * increment 0x9e3779b97f4a7c15 passed through a bijective mixer. */
static uint64_t splitmix64_next(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void mk_rng_seed(mk_rng *rng, uint64_t seed)
{
    /* The mixer is a bijection and consecutive Weyl states differ, so at
     * most one of the four words is 0: the state is never all zero, the
     * one state xoshiro must avoid. */
    uint64_t state = seed;
    for (int i = 0; i < 4; i++)
        rng->s[i] = splitmix64_next(&state);
}

void mk_rng_seed_stream(mk_rng *out, uint64_t seed, uint64_t stream)
{
    /* Hash (seed, stream) to one seed: mix the seed, xor in the stream, mix
     * again. For a fixed seed both steps are bijections of the stream, so
     * distinct streams always get distinct seeds (and distinct first state
     * words); the mixing keeps neighbouring streams unrelated. */
    uint64_t state = seed;
    state = splitmix64_next(&state) ^ stream;
    mk_rng_seed(out, splitmix64_next(&state));
}

/* xoshiro256** 1.0 (Blackman and Vigna, "Scrambled linear pseudorandom
 * number generators", ACM TOMS 47(4), 2021; arXiv:1805.01407; reference
 * code prng.di.unimi.it/xoshiro256starstar.c): the ** scrambler on s[1],
 * then the linear xorshift-rotate step of the state. */
uint64_t mk_rng_next(mk_rng *rng)
{
    uint64_t *s = rng->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Lemire's nearly divisionless method (D. Lemire, "Fast random integer
 * generation in an interval", ACM TOMACS 29(1), 2019): the high word of
 * x * bound is uniform once the low words below 2^64 mod bound are
 * rejected; the division runs only when the low word falls below bound,
 * i.e. rarely. */
uint64_t mk_rng_below(mk_rng *rng, uint64_t bound)
{
    if (bound == 0)
        return 0; /* an empty range is a caller bug; avoid dividing by 0 */
    u128 m = (u128)mk_rng_next(rng) * bound;
    uint64_t low = (uint64_t)m;
    if (low < bound) {
        uint64_t threshold = (0 - bound) % bound; /* 2^64 mod bound */
        while (low < threshold) {
            m = (u128)mk_rng_next(rng) * bound;
            low = (uint64_t)m;
        }
    }
    return (uint64_t)(m >> 64);
}

/* The int64 whose two's-complement bits are u, without relying on the
 * implementation-defined conversion of out-of-range values. */
static int64_t from_twos_complement(uint64_t u)
{
    if (u <= (uint64_t)INT64_MAX)
        return (int64_t)u;
    return -(int64_t)(UINT64_MAX - u) - 1;
}

int64_t mk_rng_range(mk_rng *rng, int64_t lo, int64_t hi)
{
    if (lo > hi) {
        int64_t t = lo;
        lo = hi;
        hi = t;
    }
    /* hi - lo < 2^64 is exact in modular uint64 arithmetic. */
    uint64_t span = (uint64_t)hi - (uint64_t)lo;
    uint64_t offset = span == UINT64_MAX ? mk_rng_next(rng) : mk_rng_below(rng, span + 1);
    return from_twos_complement((uint64_t)lo + offset);
}

double mk_rng_uniform(mk_rng *rng)
{
    /* The top 53 bits times 2^-53: every result is a multiple of 2^-53 in
     * [0, 1), computed exactly (Vigna, prng.di.unimi.it, "Generating
     * uniform doubles in the unit interval"). */
    return (double)(mk_rng_next(rng) >> 11) * 0x1.0p-53;
}

/* Durstenfeld's shuffle (CACM 7(7), 1964, algorithm 235; Knuth TAOCP
 * vol. 2, 3.4.2, algorithm P): position i-1 takes a uniform pick among the
 * first i, for i from n down to 2. The draws match the lottery in
 * src/mechanisms/auction/auction_base.c, so both give the same order. */
void mk_rng_permutation(mk_rng *rng, size_t *perm, size_t n)
{
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)mk_rng_below(rng, i);
        size_t t = perm[i - 1];
        perm[i - 1] = perm[j];
        perm[j] = t;
    }
}
