import Ferrite

/// The configuration read at boot from a blob a loader placed in memory
/// (`qemu/make-config-blob` and QEMU's `-device loader`), validated by
/// `ConfigurationBlob`, then kept in a `OnceCell` and read lock-free for the
/// life of the program. A missing or corrupt blob gives a clear boot message
/// and these defaults.
struct RuntimeConfiguration {
    var sampleRateHz: UInt32 = 100
    var logLevel: UInt32 = 2
    var deviceName: String = "ferrite-default"
    /// Where it came from: "blob" or "defaults".
    var source: StaticString = "defaults"

    /// Payload v1: sample rate (u32), log level (u32), name (16 bytes, NUL-padded).
    static var payloadSize: Int { 24 }
}

/// Set once, by `loadRuntimeConfiguration` on hart 0 at boot.
let runtimeConfiguration = OnceCell<RuntimeConfiguration>()

/// Reads and checks the board's configuration blob; prints what it decided.
func loadRuntimeConfiguration() {
    _ = runtimeConfiguration.getOrInitialize { () -> RuntimeConfiguration in
        var configuration = RuntimeConfiguration()
        guard let memory = Board.configurationBlob else { return configuration }
        Console.write("config: ")
        do throws(ConfigurationBlobError) {
            let payload = try ConfigurationBlob.validate(UnsafeRawBufferPointer(memory))
            guard payload.count >= RuntimeConfiguration.payloadSize else {
                Console.write("blob payload too short, using defaults\n")
                return configuration
            }
            configuration.sampleRateHz = payload.loadUnaligned(fromByteOffset: 0, as: UInt32.self).littleEndian
            configuration.logLevel = payload.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian
            var name: [UInt8] = []
            for i in 8..<24 where payload[i] != 0 { name.append(payload[i]) }
            configuration.deviceName = String(decoding: name, as: UTF8.self)
            configuration.source = "blob"
            Console.write("loaded version 1 from ")
            Console.writeHex(UInt(bitPattern: memory.baseAddress))
            Console.write("\n")
        } catch {
            switch error {
            case .missing(let found):
                Console.write("no blob at "); Console.writeHex(UInt(bitPattern: memory.baseAddress))
                Console.write(" (magic "); Console.writeHex(UInt(found)); Console.write(")")
            case .unsupportedVersion(let version):
                Console.write("blob version "); Console.writeDecimal(Int(version)); Console.write(" not supported")
            case .badLength(let length):
                Console.write("blob length "); Console.writeDecimal(Int(length)); Console.write(" does not fit")
            case .badChecksum(let expected, let computed):
                Console.write("blob rejected: checksum "); Console.writeHex(UInt(computed))
                Console.write(" != "); Console.writeHex(UInt(expected))
            }
            Console.write(", using defaults\n")
        }
        return configuration
    }
}
