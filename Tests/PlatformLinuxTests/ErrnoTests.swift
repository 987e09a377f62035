import Netlink
import Platform
import Testing

@Suite("Platform error types")
struct ErrnoTests {
    @Test("errno values carry their C names")
    func names() {
        #expect(Errno.noSuchFileOrDirectory.name == "ENOENT")
        #expect(Errno.fileExists.description == "EEXIST (17)")
        #expect(Errno.noBufferSpace.name == "ENOBUFS")
        #expect(Errno(133).name == "EHWPOISON")
        #expect(Errno(4095).name == nil)
        #expect(Errno(4095).description == "errno 4095")
    }

    @Test("a kernel refusal describes errno, extack text and offset")
    func kernelDescription() {
        let header = NetlinkHeader(length: 172, type: RTM.newTFilter, flags: [.request, .ack], sequence: 1, portID: 0)
        let error = NetlinkTransportError.kernel(NetlinkErrorMessage(error: -2, request: header, extendedAck: [.message("TC classifier not found"), .offset(36)]))
        #expect(error.errno == .noSuchFileOrDirectory)
        #expect(error.extackOffset == 36)
        #expect(error.description == "kernel: ENOENT (2) \"TC classifier not found\" at request offset 36")
        #expect(NetlinkTransportError.noBufferSpace.errno == .noBufferSpace)
    }
}
