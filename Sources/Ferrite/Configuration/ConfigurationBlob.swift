/// Why a configuration blob was refused.
public enum ConfigurationBlobError: Error, Equatable {
    /// No blob: the magic number is missing (the memory holds something else, or zeros).
    case missing(foundMagic: UInt32)
    /// A blob of a version this firmware does not read.
    case unsupportedVersion(UInt16)
    /// The declared payload does not fit in the memory given.
    case badLength(UInt16)
    /// The payload does not match its checksum.
    case badChecksum(expected: UInt32, computed: UInt32)
}

/// The envelope of a runtime configuration blob (placed in memory by a loader
/// before boot): a 12-byte little-endian header, then the payload.
///
///     offset 0  magic     "FCFG" (0x4746_4346)
///     offset 4  version   UInt16, currently 1
///     offset 6  length    UInt16, payload bytes
///     offset 8  checksum  UInt32, FNV-1a of the payload
///     offset 12 payload
///
/// `validate` checks all four before anyone reads a payload byte, so a missing
/// or corrupt blob is a clear error, never garbage configuration.
public enum ConfigurationBlob {
    public static var magic: UInt32 { 0x4746_4346 }
    public static var version: UInt16 { 1 }
    public static var headerSize: Int { 12 }

    /// FNV-1a, 32-bit.
    @inlinable
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }

    /// The payload of the blob at the start of `memory`, after checking its envelope.
    /// - Complexity: O(payload).
    public static func validate(_ memory: UnsafeRawBufferPointer) throws(ConfigurationBlobError) -> UnsafeRawBufferPointer {
        guard memory.count >= headerSize else { throw .missing(foundMagic: 0) }
        let foundMagic = memory.loadUnaligned(fromByteOffset: 0, as: UInt32.self).littleEndian
        guard foundMagic == magic else { throw .missing(foundMagic: foundMagic) }
        let foundVersion = memory.loadUnaligned(fromByteOffset: 4, as: UInt16.self).littleEndian
        guard foundVersion == version else { throw .unsupportedVersion(foundVersion) }
        let length = memory.loadUnaligned(fromByteOffset: 6, as: UInt16.self).littleEndian
        guard Int(length) <= memory.count - headerSize else { throw .badLength(length) }
        let payload = UnsafeRawBufferPointer(rebasing: memory[headerSize..<(headerSize + Int(length))])
        let expected = memory.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        let computed = checksum(payload)
        guard expected == computed else { throw .badChecksum(expected: expected, computed: computed) }
        return payload
    }
}
