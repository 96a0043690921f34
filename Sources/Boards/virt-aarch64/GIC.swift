import _Volatile

/// The GICv2 of QEMU virt, for two interrupts only: software-generated
/// interrupt 0, which wakes a parked core, and the virtual timer's private
/// interrupt 27, which ends `pause()`'s sleep.
///
/// No core ever takes an interrupt: PSTATE.I stays set (the reset value;
/// `CriticalSection` only ever sets it again), and a pending interrupt ends
/// `wfi` without being taken. The parked loop acknowledges the wake-up by
/// hand (`takeWake()`); the timer's level interrupt clears itself when
/// `pause()` disarms the timer.
enum GIC {
    static let wakeInterrupt: UInt32 = 0
    static let virtualTimerInterrupt: UInt32 = 27
    /// Interrupt ids from 1020 up are special ("none pending").
    static let firstSpecialID: UInt32 = 1020

    // Distributor registers (byte offsets).
    static let distributorControl: UInt = 0x000, setEnable0: UInt = 0x100
    static let priority: UInt = 0x400, softwareInterrupt: UInt = 0xF00
    // CPU interface registers.
    static let cpuControl: UInt = 0x000, priorityMask: UInt = 0x004
    static let acknowledge: UInt = 0x00C, endOfInterrupt: UInt = 0x010

    /// The distributor's 32-bit register at `offset`.
    @inline(__always)
    static func distributor(_ offset: UInt) -> VolatileMappedRegister<UInt32> {
        // SAFETY: `offset` is one of the distributor offsets above (or a word
        // of its priority array), a register mmu.S maps as Device-nGnRnE.
        VolatileMappedRegister<UInt32>(unsafeBitPattern: boardConfiguration.gicDistributorBase &+ offset)
    }

    /// This core's CPU-interface 32-bit register at `offset` (the interface
    /// is banked: each core sees its own at the same address).
    @inline(__always)
    static func cpuInterface(_ offset: UInt) -> VolatileMappedRegister<UInt32> {
        // SAFETY: `offset` is one of the CPU-interface offsets above, a
        // register mmu.S maps as Device-nGnRnE.
        VolatileMappedRegister<UInt32>(unsafeBitPattern: boardConfiguration.gicCPUInterfaceBase &+ offset)
    }

    /// Turns on forwarding from the distributor (group 0, every interrupt's
    /// reset group). Core 0, once, before it starts the other cores.
    static func initializeDistributor() {
        distributor(distributorControl).store(1)
    }

    /// The calling core's own (banked) part: the two interrupts enabled at a
    /// middle priority, and its CPU interface on with a mask that lets them
    /// through. Every core runs it on itself.
    static func initializeCPUInterface() {
        // Four one-byte priorities per word: word 0 holds ids 0-3, word 6 ids 24-27.
        distributor(priority &+ UInt(wakeInterrupt / 4 * 4)).store(0x8080_8080)
        distributor(priority &+ UInt(virtualTimerInterrupt / 4 * 4)).store(0x8080_8080)
        distributor(setEnable0).store(1 << wakeInterrupt | 1 << virtualTimerInterrupt)
        cpuInterface(priorityMask).store(0xF0)
        cpuInterface(cpuControl).store(1)
    }

    /// Raises the wake-up interrupt on `core`. It stays pending until that
    /// core acknowledges it, so a core that is not asleep yet still sees it.
    static func sendWake(to core: Int) {
        // Pairs with the barrier in `takeWake()`: everything this core stored
        // before (the released entry) is visible before the interrupt is sent.
        CPU.storeBarrier()
        distributor(softwareInterrupt).store(1 << (16 &+ UInt32(truncatingIfNeeded: core)) | wakeInterrupt)
    }

    /// Acknowledges the highest pending interrupt of this core, if any;
    /// true when it was a wake-up.
    static func takeWake() -> Bool {
        let acknowledged = cpuInterface(acknowledge).load()
        let id = acknowledged & 0x3ff
        guard id < firstSpecialID else { return false }
        cpuInterface(endOfInterrupt).store(acknowledged)
        // Pairs with the store barrier in `sendWake(to:)`: loads after this
        // one see what the waking core stored before sending.
        CPU.memoryBarrier()
        return id == wakeInterrupt
    }
}
