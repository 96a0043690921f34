// The C library functions Ferrite's runtime defines for bare-metal images
// (Runtime/C/*.c and the Swift @c functions), declared for C and for Swift
// code that calls them directly (the self-tests import this as FerriteLibC).
#ifndef FERRITE_LIBC_H
#define FERRITE_LIBC_H
#include <stddef.h>

void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *pointer, size_t size);
void free(void *pointer);
// The Swift runtime's allocation call: never ENOMEM on the board (exhaustion
// runs the out-of-memory handler and report, Runtime/OutOfMemory.swift); EINVAL
// for a bad alignment. The others return NULL when the heap is exhausted.
int posix_memalign(void **result, size_t alignment, size_t size);
void *aligned_alloc(size_t alignment, size_t size);
size_t malloc_usable_size(void *pointer);

void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

double ceil(double x);
int putchar(int c);
void arc4random_buf(void *buffer, size_t count);

#endif
