import GauntletHTTP
import GauntletLoad

/// A transport whose transfers take a computed service time on a manual clock: an ideal event
/// loop that wakes exactly at its deadlines, so the engine's own logic is tested exactly.
struct SimulatedTransport: LoadTransport {
    /// Decides a transfer's service time (nanoseconds) and outcome from the request and its send time
    /// (nanoseconds since the clock's start).
    typealias Service = @Sendable (_ transfer: RenderedRequest, _ sentAt: UInt64) -> (UInt64, SimulatedOutcome)

    let manual: ManualLoadClock
    let service: Service
    let recorder: SentRecorder?
    /// How long making a driver takes, in nanoseconds (libcurl's handles, a slow machine): the
    /// clock moves on by that much.
    var setupNanos: UInt64 = 0

    init(clock: ManualLoadClock = ManualLoadClock(), recorder: SentRecorder? = nil, service: @escaping Service) {
        self.manual = clock
        self.service = service
        self.recorder = recorder
    }

    var clock: any LoadClock { manual }

    func makeDriver(loop: Int, capacity: Int) throws -> any LoadLoopDriver {
        manual.advance(by: setupNanos)
        return SimulatedDriver(clock: manual, service: service, recorder: recorder)
    }
}

/// Keeps what was sent, for tests that check order and contents.
final class SentRecorder: Sendable {
    private let sent = Mutex<[RenderedRequest]>([])
    func append(_ transfer: RenderedRequest) { sent.withLock { $0.append(transfer) } }
    var transfers: [RenderedRequest] { sent.withLock { $0 } }
}

import Synchronization

/// How a simulated request ends: a status or a transport failure, and what the response had.
struct SimulatedOutcome: Sendable {
    var status: Int
    var error: TransportError.Kind?
    var bytesReceived = 0
    var headerValue: String?

    init(status: Int, error: TransportError.Kind? = nil, bytesReceived: Int = 0, headerValue: String? = nil) {
        self.status = status
        self.error = error
        self.bytesReceived = bytesReceived
        self.headerValue = headerValue
    }

    /// The completion libcurl's loop would report, ending at `end`.
    func completion(tag: Int, sent: LoadInstant, end: LoadInstant) -> LoadCompletion {
        LoadCompletion(
            tag: UInt64(tag), scheduledStart: sent, actualStart: sent, end: end,
            outcome: error.map { .failure(TransportError($0, description: $0.label)) } ?? .response(status: status),
            bodyBytes: bytesReceived, capturedHeader: headerValue)
    }
}

final class SimulatedDriver: LoadLoopDriver {
    private let clock: ManualLoadClock
    private let service: SimulatedTransport.Service
    private let recorder: SentRecorder?
    private var inFlight: [(tag: Int, sent: UInt64, end: UInt64, outcome: SimulatedOutcome)] = []

    init(clock: ManualLoadClock, service: @escaping SimulatedTransport.Service, recorder: SentRecorder?) {
        self.clock = clock
        self.service = service
        self.recorder = recorder
    }

    func start(_ transfer: RenderedRequest, tag: Int) {
        let now = clock.now()
        recorder?.append(transfer)
        let (duration, outcome) = service(transfer, now - 1_000_000_000)
        inFlight.append((tag, now, now + duration, outcome))
    }

    func poll(until deadline: UInt64, _ onCompletion: (LoadCompletion) -> Void) {
        guard let earliest = inFlight.map(\.end).min(), earliest <= deadline else {
            clock.advance(to: deadline)
            return
        }
        clock.advance(to: earliest)
        let done = inFlight.filter { $0.end <= earliest }
        inFlight.removeAll { $0.end <= earliest }
        for transfer in done {
            onCompletion(transfer.outcome.completion(tag: transfer.tag, sent: clock.instant(transfer.sent), end: clock.instant(transfer.end)))
        }
    }

    func abandon(where isAbandoned: (Int) -> Bool) -> [Int] {
        let dropped = inFlight.map(\.tag).filter(isAbandoned)
        inFlight.removeAll { isAbandoned($0.tag) }
        return dropped
    }

    func close() {}
}
