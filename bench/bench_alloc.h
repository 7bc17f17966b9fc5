/*
 * bench_alloc.h - counts heap allocations for the benchmarks that measure
 * them (bench/audit, bench/audit_coalitions): include it in exactly one
 * file of a benchmark program. malloc, calloc and realloc are wrapped
 * around glibc's __libc_* entry points, because mallinfo2 only sees bytes
 * in use, which a malloc and free per step leave unchanged. In a
 * sanitizer build the sanitizer owns malloc: nothing is counted and
 * bench_allocations() stays 0 (BENCH_COUNTS_ALLOCATIONS says which).
 */
#ifndef MECHKIT_BENCH_ALLOC_H
#define MECHKIT_BENCH_ALLOC_H

#include <stdatomic.h>
#include <stddef.h>

#if defined(__SANITIZE_ADDRESS__)
#define BENCH_COUNTS_ALLOCATIONS 0
#else
#define BENCH_COUNTS_ALLOCATIONS 1
static atomic_ulong bench_allocation_count;

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

void *malloc(size_t size)
{
    atomic_fetch_add_explicit(&bench_allocation_count, 1, memory_order_relaxed);
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    atomic_fetch_add_explicit(&bench_allocation_count, 1, memory_order_relaxed);
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    atomic_fetch_add_explicit(&bench_allocation_count, 1, memory_order_relaxed);
    return __libc_realloc(p, size);
}
#endif

/* Allocations so far (0 when they are not counted). */
static inline unsigned long bench_allocations(void)
{
#if BENCH_COUNTS_ALLOCATIONS
    return atomic_load(&bench_allocation_count);
#else
    return 0;
#endif
}

#endif
