// Hart 0's first C code after the start code: the stack guard, then the
// Swift runtime's own boot (Runtime.swift).
#include <stdint.h>
#include "ferrite_libc.h"

void ferrite_seed_random(uintptr_t seed);
uintptr_t ferrite_random_word(void);
void ferrite_runtime_boot(uintptr_t heap_start, uintptr_t heap_end);

// In C, built without the stack protector, because it changes
// __stack_chk_guard: a protected frame live across the change would fail its
// check on return. The start code calls it with no Swift frame on the stack,
// and the Swift functions it calls have returned (or not yet started) when
// the guard changes; other harts run no Swift code until hart 0 releases them
// (virt-aarch64's cores are powered on later, by ferrite_runtime_boot).
void ferrite_boot(uintptr_t heap_start, uintptr_t heap_end, uintptr_t seed) {
    ferrite_seed_random(seed);
    __stack_chk_guard = ferrite_random_word() & ~(uintptr_t)0xff;
    ferrite_runtime_boot(heap_start, heap_end);
}
