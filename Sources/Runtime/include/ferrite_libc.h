// The C library functions Ferrite's runtime defines for bare-metal images
// (Runtime/C/*.c and the Swift @c functions), declared for C and for Swift
// code that calls them directly (the self-tests import this as FerriteLibC).
#ifndef FERRITE_LIBC_H
#define FERRITE_LIBC_H
#include <stddef.h>
#include <stdint.h>

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

// The stack protector (C/stack_protector.c): the canary, a fixed value until
// ferrite_boot replaces it with a random word whose low byte is 0, and the
// function a protected frame calls when its canary changed.
#define FERRITE_STACK_GUARD_BEFORE_BOOT 0x5EC0DE00u
extern uintptr_t __stack_chk_guard;
_Noreturn void __stack_chk_fail(void);
// The guard's current value, for Swift (which refuses to read a mutable C global).
static inline uintptr_t ferrite_stack_guard(void) { return __stack_chk_guard; }

double ceil(double x);
int putchar(int c);
void arc4random_buf(void *buffer, size_t count);

#endif
