import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files into one buffer it keeps and grows, for a worker that reads many clips in turn: a fresh
/// allocation per clip cost page faults on every page, about as much as copying the bytes. The returned
/// `Data` does not own its bytes and is valid only until the next `read`. Use from one thread.
final class FileReader {
    private var buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 64)
    private var capacity = 1 << 20

    deinit { buffer.deallocate() }

    /// The file's bytes; refuses what is not a regular file, with the reasons `AudioDecoder.read` gives.
    func read(_ url: URL) throws(AudioDecodeError) -> Data {
        // Non-blocking so opening a FIFO returns at once (it is refused below); no effect on regular files.
        let fd = open(url.path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw AudioDecodeError(path: url.path, reason: "cannot read") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw AudioDecodeError(path: url.path, reason: "cannot read") }
        // A directory, FIFO or device named .wav: refuse rather than block or read forever.
        if let refusal = AudioDecoder.refusal(st) { throw AudioDecodeError(path: url.path, reason: refusal) }
        // One spare byte: reading into it means the file grew since fstat, so read on.
        reserve(Int(st.st_size) + 1)
        var count = 0
        while true {
            if count == capacity { reserve(capacity * 2) }
            let n = systemRead(fd, buffer + count, capacity - count)
            if n == 0 { break }
            guard n > 0 else {
                if errno == EINTR { continue }
                throw AudioDecodeError(path: url.path, reason: "cannot read")
            }
            count += n
        }
        return Data(bytesNoCopy: buffer, count: count, deallocator: .none)
    }

    private func reserve(_ bytes: Int) {
        guard bytes > capacity else { return }
        var grown = capacity
        while grown < bytes { grown *= 2 }
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 64)
        bigger.copyMemory(from: buffer, byteCount: capacity)
        buffer.deallocate()
        (buffer, capacity) = (bigger, grown)
    }
}

/// read(2), named apart from `FileReader.read`.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}
