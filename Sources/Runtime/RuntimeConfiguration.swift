import Ferrite

/// The configuration read at boot from a blob a loader placed in memory
/// (`qemu/make-config-blob` and QEMU's `-device loader`), validated by
/// `ConfigurationBlob`, then kept in a `OnceCell` and read lock-free for the
/// life of the program. A missing or corrupt blob gives these defaults.
///
/// The boot prints nothing about it (a program's output starts with its
/// own); what the boot found is kept in `outcome`, and
/// `printConfigurationOutcome()` prints it as one line when a program asks.
struct RuntimeConfiguration {
    var sampleRateHz: UInt32 = 100
    var logLevel: UInt32 = 2
    var deviceName: String = "ferrite-default"
    /// Where it came from: "blob" or "defaults".
    var source: StaticString = "defaults"
    /// What the boot found where the blob belongs.
    var outcome: ConfigurationOutcome = .noBlobArea

    /// Payload v1: sample rate (u32), log level (u32), name (16 bytes, NUL-padded).
    static var payloadSize: Int { 24 }
}

/// What `loadRuntimeConfiguration` found, for `printConfigurationOutcome`.
enum ConfigurationOutcome {
    /// The board has no blob area (`Board.configurationBlob` is nil).
    case noBlobArea
    /// A valid version-1 blob at `address`, now in use.
    case loaded(address: UInt)
    /// A valid envelope whose payload is shorter than version 1's.
    case payloadTooShort(address: UInt)
    /// No usable blob at `address`: missing, or refused by its envelope's checks.
    case rejected(ConfigurationBlobError, address: UInt)
}

/// Set once, by `loadRuntimeConfiguration` on hart 0 at boot.
let runtimeConfiguration = OnceCell<RuntimeConfiguration>()

/// Reads and checks the board's configuration blob, silently: the outcome is
/// kept for `printConfigurationOutcome`.
func loadRuntimeConfiguration() {
    _ = runtimeConfiguration.getOrInitialize { () -> RuntimeConfiguration in
        var configuration = RuntimeConfiguration()
        guard let memory = Board.configurationBlob else { return configuration }
        let address = UInt(bitPattern: memory.baseAddress)
        do throws(ConfigurationBlobError) {
            let payload = try ConfigurationBlob.validate(UnsafeRawBufferPointer(memory))
            guard payload.count >= RuntimeConfiguration.payloadSize else {
                configuration.outcome = .payloadTooShort(address: address)
                return configuration
            }
            configuration.sampleRateHz = payload.loadUnaligned(fromByteOffset: 0, as: UInt32.self).littleEndian
            configuration.logLevel = payload.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian
            var name: [UInt8] = []
            for i in 8..<24 where payload[i] != 0 { name.append(payload[i]) }
            configuration.deviceName = String(decoding: name, as: UTF8.self)
            configuration.source = "blob"
            configuration.outcome = .loaded(address: address)
        } catch {
            configuration.outcome = .rejected(error, address: address)
        }
        return configuration
    }
}

/// Prints what the boot found as one line, e.g. `config: loaded version 1
/// from 0x87df0000`, `config: no blob at 0x87df0000 (magic 0x0), using
/// defaults` or `config: blob rejected: checksum 0x... != 0x..., using
/// defaults`; nothing on a board without a blob area. Allocates nothing.
func printConfigurationOutcome() {
    guard let configuration = runtimeConfiguration.get() else { return }
    switch configuration.outcome {
    case .noBlobArea:
        return
    case .loaded(let address):
        Console.write("config: loaded version 1 from ")
        Console.writeHex(address)
        Console.write("\n")
        return
    case .payloadTooShort:
        Console.write("config: blob payload too short")
    case .rejected(.missing(let found), let address):
        Console.write("config: no blob at "); Console.writeHex(address)
        Console.write(" (magic "); Console.writeHex(UInt(found)); Console.write(")")
    case .rejected(.unsupportedVersion(let version), _):
        Console.write("config: blob version "); Console.writeDecimal(Int(version)); Console.write(" not supported")
    case .rejected(.badLength(let length), _):
        Console.write("config: blob length "); Console.writeDecimal(Int(length)); Console.write(" does not fit")
    case .rejected(.badChecksum(let expected, let computed), _):
        Console.write("config: blob rejected: checksum "); Console.writeHex(UInt(computed))
        Console.write(" != "); Console.writeHex(UInt(expected))
    }
    Console.write(", using defaults\n")
}
