import Ferrite

/// Prints the runtime configuration the boot code settled on (from the blob,
/// or the defaults), read lock-free from its `OnceCell`. `make test` boots it
/// with a valid blob, a corrupt one and none.
@main
struct ConfigImage {
    static func main() {
        HeapReport.printBanner("config")
        guard let configuration = runtimeConfiguration.get() else {
            print("config: the cell is empty after boot")
            Runtime.exit(Runtime.failureStatus)
        }
        print("configuration (\(configuration.source)): sample rate \(configuration.sampleRateHz) Hz, log level \(configuration.logLevel), device \"\(configuration.deviceName)\"")
        Runtime.exit(0)
    }
}
