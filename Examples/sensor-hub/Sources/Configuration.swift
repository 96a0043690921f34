/// The hub's static configuration: a constant the compiler places in
/// read-only memory (no code runs to build it).
struct HubConfiguration {
    let name: StaticString
    /// Frames the hub processes, each in a fresh arena.
    let frames: Int
    /// Samples per channel in one frame.
    let samplesPerFrame: Int
    /// Sensor channels.
    let channels: Int
    /// Readings each hart adds to the shared counter.
    let readingsPerHart: Int
    /// Messages each hart sends to hart 0.
    let messagesPerHart: Int
}

let hubConfiguration = HubConfiguration(
    name: "sensor-hub", frames: 8, samplesPerFrame: 16, channels: 4,
    readingsPerHart: 20_000, messagesPerHart: 32)
