// The stack protector's two symbols, so code built with the compiler's default
// (Swift and clang put a canary in every frame that holds a buffer whose
// address escapes, and check it before returning) links and is checked.
#include <stdint.h>
#include "ferrite_libc.h"

// The canary every protected frame copies and checks. A fixed value until
// boot: ferrite_boot (boot.c) replaces it with a random word before any
// protected frame is live. Its low byte is then 0, so a string copy that
// runs past a buffer cannot reproduce it.
uintptr_t __stack_chk_guard = (uintptr_t)FERRITE_STACK_GUARD_BEFORE_BOOT;

_Noreturn void ferrite_stack_smashed(uintptr_t check_address);

// Called by a protected function's epilogue when its canary changed: a write
// past one of its stack buffers. The return address is the instruction after
// that call, inside the function whose frame was smashed. Its own frame holds
// no buffer, so nothing here checks a canary.
_Noreturn void __stack_chk_fail(void) {
    uintptr_t check_address = (uintptr_t)__builtin_return_address(0);
#if defined(__thumb__)
    check_address &= ~(uintptr_t)1;  // the Thumb state bit, not part of the address
#endif
    ferrite_stack_smashed(check_address);
}
