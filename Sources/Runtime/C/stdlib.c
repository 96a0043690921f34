// The C-library functions Ferrite images need beyond allocation and mem*.
#include <stdint.h>

#include <stddef.h>
#include "ferrite_libc.h"

// The C allocation ABI, served by Ferrite's runtime heap. Each function is a
// call into its Swift implementation (Runtime/RuntimeHeap.swift), which holds
// the heap's lock for the one operation; the rules for the edge cases
// (malloc(0), realloc(p, 0), bad alignments, overflow) are in CAllocation.swift.
// posix_memalign is the Swift runtime's only allocation call, so it never
// returns ENOMEM: exhaustion runs the out-of-memory handler and report
// (Runtime/OutOfMemory.swift). The others return NULL, as C says.
void *ferrite_malloc(size_t size);
void *ferrite_calloc(size_t count, size_t size);
void ferrite_free(void *pointer);
void *ferrite_realloc(void *pointer, size_t size);
int ferrite_runtime_posix_memalign(void **result, size_t alignment, size_t size);
void *ferrite_aligned_alloc(size_t alignment, size_t size);
size_t ferrite_malloc_usable_size(void *pointer);

void *malloc(size_t size) { return ferrite_malloc(size); }
void *calloc(size_t count, size_t size) { return ferrite_calloc(count, size); }
void free(void *pointer) { ferrite_free(pointer); }
void *realloc(void *pointer, size_t size) { return ferrite_realloc(pointer, size); }
int posix_memalign(void **result, size_t alignment, size_t size) {
    return ferrite_runtime_posix_memalign(result, alignment, size);
}
void *aligned_alloc(size_t alignment, size_t size) { return ferrite_aligned_alloc(alignment, size); }
size_t malloc_usable_size(void *pointer) { return ferrite_malloc_usable_size(pointer); }

// ceil, which Dictionary and Set use to size their storage
// (capacity / max load factor, rounded up). Integer-only on the IEEE-754 bit
// pattern, so it needs no floating-point hardware or helper.
double ceil(double x) {
    union { double f; uint64_t u; } v = { x };
    int exponent = (int)((v.u >> 52) & 0x7ff) - 1023;
    if (exponent >= 52) return x;                         // integral, inf or NaN
    if (exponent < 0) {                                   // |x| < 1
        if ((v.u << 1) == 0) return x;                    // +0 or -0
        return (v.u >> 63) ? -0.0 : 1.0;
    }
    uint64_t fraction = 0x000fffffffffffffULL >> exponent;
    if ((v.u & fraction) == 0) return x;                  // already integral
    if ((v.u >> 63) == 0) v.u += fraction + 1;            // positive: up one unit
    v.u &= ~fraction;                                     // negative: truncate
    return v.f;
}
