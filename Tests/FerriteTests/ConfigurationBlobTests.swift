import Ferrite
import Testing

@Suite struct ConfigurationBlobTests {
    /// A blob as `qemu/make-config-blob` writes it.
    func blob(payload: [UInt8], version: UInt16 = 1, magic: UInt32 = ConfigurationBlob.magic, checksum: UInt32? = nil) -> [UInt8] {
        let sum = payload.withUnsafeBytes { ConfigurationBlob.checksum($0) }
        var bytes: [UInt8] = []
        func le<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        le(magic); le(version); le(UInt16(payload.count)); le(checksum ?? sum)
        return bytes + payload
    }

    @Test func validBlobGivesItsPayload() throws {
        let bytes = blob(payload: [1, 2, 3, 4])
        let payload = try bytes.withUnsafeBytes { raw in Array(try ConfigurationBlob.validate(raw)) }
        #expect(payload == [1, 2, 3, 4])
    }

    @Test func fnv1aMatchesTheReferenceValues() {
        #expect([UInt8]().withUnsafeBytes { ConfigurationBlob.checksum($0) } == 0x811C_9DC5)
        #expect(Array("a".utf8).withUnsafeBytes { ConfigurationBlob.checksum($0) } == 0xE40C_292C)
    }

    @Test func everyBadBlobIsRefusedWithItsReason() {
        func check(_ bytes: [UInt8]) -> ConfigurationBlobError? {
            bytes.withUnsafeBytes { raw in
                do throws(ConfigurationBlobError) { _ = try ConfigurationBlob.validate(raw); return nil } catch { return error }
            }
        }
        #expect(check([UInt8](repeating: 0, count: 64)) == .missing(foundMagic: 0))
        #expect(check([1, 2]) == .missing(foundMagic: 0))
        #expect(check(blob(payload: [9], version: 2)) == .unsupportedVersion(2))
        var truncated = blob(payload: [1, 2, 3, 4]); truncated.removeLast()
        #expect(check(truncated) == .badLength(4))
        var corrupt = blob(payload: [1, 2, 3, 4]); corrupt[13] ^= 0xFF
        if case .badChecksum = check(corrupt) {} else { Issue.record("a flipped payload byte must fail the checksum") }
    }
}
