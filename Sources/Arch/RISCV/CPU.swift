/// The processor's own counters, for measurements.
enum CPU {
    /// Instructions retired since reset (`minstret`).
    @inline(__always)
    static func instructionsRetired() -> UInt64 { ferriteInstructionsRetired() }
}

@_extern(c, "ferrite_instructions_retired")
func ferriteInstructionsRetired() -> UInt64
