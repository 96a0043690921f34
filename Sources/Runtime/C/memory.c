// memset, memcpy, memmove, memcmp for bare-metal Ferrite images.
//
// Written in C, not Swift, on purpose: compiled with -ffreestanding
// -fno-builtin, clang promises not to turn these loops back into calls to the
// very functions being defined (Swift has no such switch). They copy a word at
// a time when source and destination share alignment, a byte at a time at the
// edges; tested on the board by the self-test image.
#include <stddef.h>
#include <stdint.h>
#include "ferrite_libc.h"

typedef uintptr_t word_t;
#define WORD sizeof(word_t)
#define WORD_MASK (WORD - 1)

void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst;
    unsigned char byte = (unsigned char)c;
    while (n > 0 && ((uintptr_t)d & WORD_MASK) != 0) { *d++ = byte; n--; }
    if (n >= WORD) {
        word_t pattern = (word_t)-1 / 0xff * byte;  // byte repeated in every lane
        word_t *w = (word_t *)d;
        for (; n >= WORD; n -= WORD) *w++ = pattern;
        d = (unsigned char *)w;
    }
    while (n > 0) { *d++ = byte; n--; }
    return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if ((((uintptr_t)d ^ (uintptr_t)s) & WORD_MASK) == 0) {
        while (n > 0 && ((uintptr_t)d & WORD_MASK) != 0) { *d++ = *s++; n--; }
        word_t *wd = (word_t *)d;
        const word_t *ws = (const word_t *)s;
        for (; n >= WORD; n -= WORD) *wd++ = *ws++;
        d = (unsigned char *)wd;
        s = (const unsigned char *)ws;
    }
    while (n > 0) { *d++ = *s++; n--; }
    return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d == s || n == 0) return dst;
    // Copying forward is safe unless the destination starts inside the source.
    if ((uintptr_t)d - (uintptr_t)s >= n) return memcpy(dst, src, n);
    d += n;
    s += n;
    if ((((uintptr_t)d ^ (uintptr_t)s) & WORD_MASK) == 0) {
        while (n > 0 && ((uintptr_t)d & WORD_MASK) != 0) { *--d = *--s; n--; }
        word_t *wd = (word_t *)d;
        const word_t *ws = (const word_t *)s;
        for (; n >= WORD; n -= WORD) *--wd = *--ws;
        d = (unsigned char *)wd;
        s = (const unsigned char *)ws;
    }
    while (n > 0) { *--d = *--s; n--; }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (; n > 0; n--, x++, y++) {
        if (*x != *y) return (int)*x - (int)*y;
    }
    return 0;
}

// clang may emit bcmp for memcmp() == 0; same contract, any non-zero result.
int bcmp(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }
