// The ARM EABI run-time helpers a C library provides, which code built for
// *-none-eabi calls: LLVM lowers memset/memcpy/memmove of known alignment to
// __aeabi_mem* (RTABI 4.3.4), and the Unicode tables of the Swift standard
// library (C++) name the unwinder's personality routine in their unwind
// entries. Ferrite's own mem* functions (Runtime/C/memory.c) do the work.
#include <stddef.h>
#include "ferrite_libc.h"

// The copies and fills, in the EABI's argument order (note the fill's: the
// length before the byte). The 4 and 8 variants promise that alignment; the
// general functions need no such promise.
// SAFETY: the RTABI contract, as for memcpy/memmove/memset: dst (and src)
// are valid for n bytes (and, for memcpy, do not overlap).
void __aeabi_memcpy(void *dst, const void *src, size_t n) { memcpy(dst, src, n); }
void __aeabi_memcpy4(void *dst, const void *src, size_t n) { memcpy(dst, src, n); }
void __aeabi_memcpy8(void *dst, const void *src, size_t n) { memcpy(dst, src, n); }
void __aeabi_memmove(void *dst, const void *src, size_t n) { memmove(dst, src, n); }
void __aeabi_memmove4(void *dst, const void *src, size_t n) { memmove(dst, src, n); }
void __aeabi_memmove8(void *dst, const void *src, size_t n) { memmove(dst, src, n); }
void __aeabi_memset(void *dst, size_t n, int c) { memset(dst, c, n); }
void __aeabi_memset4(void *dst, size_t n, int c) { memset(dst, c, n); }
void __aeabi_memset8(void *dst, size_t n, int c) { memset(dst, c, n); }
void __aeabi_memclr(void *dst, size_t n) { memset(dst, 0, n); }
void __aeabi_memclr4(void *dst, size_t n) { memset(dst, 0, n); }
void __aeabi_memclr8(void *dst, size_t n) { memset(dst, 0, n); }

// The personality routines unwind entries may name (compact models 0-2).
// Ferrite never unwinds (its linker script discards the unwind tables), so
// these exist only so that libgcc's unwinder is not linked in to define
// them; if one were ever called it would answer _URC_FAILURE (9).
int __aeabi_unwind_cpp_pr0(int state, void *control, void *context);
int __aeabi_unwind_cpp_pr1(int state, void *control, void *context);
int __aeabi_unwind_cpp_pr2(int state, void *control, void *context);
int __aeabi_unwind_cpp_pr0(int state, void *control, void *context) { (void)state; (void)control; (void)context; return 9; }
int __aeabi_unwind_cpp_pr1(int state, void *control, void *context) { (void)state; (void)control; (void)context; return 9; }
int __aeabi_unwind_cpp_pr2(int state, void *control, void *context) { (void)state; (void)control; (void)context; return 9; }
