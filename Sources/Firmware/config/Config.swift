import Ferrite

/// Prints what the boot found where the configuration blob belongs (the boot
/// itself is silent: the line appears because this program asks for it) and
/// the configuration it settled on (from the blob, or the defaults), read
/// lock-free from its `OnceCell`. `make test` boots it with a valid blob, a
/// corrupt one and none.
@main
struct ConfigImage {
    static func main() {
        HeapReport.printBanner("config")
        printConfigurationOutcome()
        guard let configuration = runtimeConfiguration.get() else {
            print("config: the cell is empty after boot")
            Runtime.exit(Runtime.failureStatus)
        }
        print("configuration (\(configuration.source)): sample rate \(configuration.sampleRateHz) Hz, log level \(configuration.logLevel), device \"\(configuration.deviceName)\"")
        Runtime.exit(0)
    }
}
