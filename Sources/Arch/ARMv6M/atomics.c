// The atomic operations LLVM cannot inline on ARMv6-M.
//
// ARMv6-M (Cortex-M0) has no exclusive load/store (LDREX/STREX), so LLVM
// compiles every atomic access (Swift's Synchronization.Atomic, and the
// embedded runtime's reference counts) to a call to the libatomic ABI:
// __atomic_load_N, __atomic_store_N, __atomic_exchange_N,
// __atomic_compare_exchange_N and __atomic_fetch_OP_N, N the size in bytes.
// These are Ferrite's own (no libatomic, no libgcc), for N = 1, 2 and 4.
//
// How they are atomic: the board has one core, so the only code that can run
// in the middle of an operation is an interrupt handler on that core. Each
// operation masks interrupts (PRIMASK, `cpsid i`), does its plain loads and
// stores, and puts PRIMASK back as it was, so an operation inside a critical
// section leaves interrupts masked, and one outside leaves them enabled.
//
// Memory order: every operation is sequentially consistent, whatever order
// the caller asks for (the `order` arguments are accepted and ignored). The
// Cortex-M0 executes loads and stores in program order, and on one core
// program order is the order every observer sees; the "memory" clobbers below
// stop the compiler from moving other accesses into or across an operation.
// (No DMB: nothing else on the bus takes part in Ferrite's atomics.)
#include <stdbool.h>
#include <stdint.h>

// Masks interrupts; returns PRIMASK as it was (1: already masked).
static inline uint32_t mask_interrupts(void) {
    uint32_t primask;
    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask) : : "memory");
    return primask;
}

// Puts PRIMASK back to what mask_interrupts returned.
static inline void restore_interrupts(uint32_t primask) {
    __asm__ volatile("msr primask, %0" : : "r"(primask) : "memory");
}

// One read-modify-write: *p = *p OP value; returns the old value.
#define FETCH_OP(N, T, NAME, EXPRESSION)                                         \
    T __atomic_fetch_##NAME##_##N(volatile void *p, T value, int order);        \
    T __atomic_fetch_##NAME##_##N(volatile void *p, T value, int order) {       \
        (void)order;                                                             \
        volatile T *object = p;                                                  \
        uint32_t state = mask_interrupts();                                      \
        T old = *object;                                                         \
        *object = (T)(EXPRESSION);                                               \
        restore_interrupts(state);                                               \
        return old;                                                              \
    }

// Every operation for objects of N bytes of type T.
// SAFETY: the libatomic contract: p (and expected) point to live objects of
// N bytes aligned to N, which only these functions access concurrently.
#define ATOMICS(N, T)                                                            \
    T __atomic_load_##N(const volatile void *p, int order);                     \
    T __atomic_load_##N(const volatile void *p, int order) {                    \
        (void)order;                                                             \
        uint32_t state = mask_interrupts();                                      \
        T value = *(const volatile T *)p;                                        \
        restore_interrupts(state);                                               \
        return value;                                                            \
    }                                                                            \
    void __atomic_store_##N(volatile void *p, T value, int order);              \
    void __atomic_store_##N(volatile void *p, T value, int order) {             \
        (void)order;                                                             \
        uint32_t state = mask_interrupts();                                      \
        *(volatile T *)p = value;                                                \
        restore_interrupts(state);                                               \
    }                                                                            \
    T __atomic_exchange_##N(volatile void *p, T value, int order);              \
    T __atomic_exchange_##N(volatile void *p, T value, int order) {             \
        (void)order;                                                             \
        volatile T *object = p;                                                  \
        uint32_t state = mask_interrupts();                                      \
        T old = *object;                                                         \
        *object = value;                                                         \
        restore_interrupts(state);                                               \
        return old;                                                              \
    }                                                                            \
    /* Stores desired if *p equals *expected (true); else copies *p to         \
       *expected (false). */                                                     \
    bool __atomic_compare_exchange_##N(volatile void *p, void *expected,       \
                                       T desired, int success, int failure);    \
    bool __atomic_compare_exchange_##N(volatile void *p, void *expected,       \
                                       T desired, int success, int failure) {   \
        (void)success;                                                           \
        (void)failure;                                                           \
        volatile T *object = p;                                                  \
        T *wanted = expected;                                                    \
        uint32_t state = mask_interrupts();                                      \
        T current = *object;                                                     \
        bool equal = current == *wanted;                                         \
        if (equal) *object = desired;                                            \
        restore_interrupts(state);                                               \
        if (!equal) *wanted = current;                                           \
        return equal;                                                            \
    }                                                                            \
    FETCH_OP(N, T, add, old + value)                                             \
    FETCH_OP(N, T, sub, old - value)                                             \
    FETCH_OP(N, T, and, old & value)                                             \
    FETCH_OP(N, T, or, old | value)                                              \
    FETCH_OP(N, T, xor, old ^ value)                                             \
    FETCH_OP(N, T, nand, ~(old & value))

ATOMICS(1, uint8_t)
ATOMICS(2, uint16_t)
ATOMICS(4, uint32_t)
