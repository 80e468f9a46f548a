/// A run's points' results in plan order, read page by page as they are iterated: what `show` and
/// `export` go through, in memory flat whatever the run's size (one page at a time, and the next
/// is read only when the reader asks for it).
public struct StoredResults: AsyncSequence, Sendable {
    public typealias Element = StoredResult

    /// Rows read at once. A stored result with 20 alternatives for each of 8 tokens is ≈ 7 KB of
    /// text, several times that once parsed: a page of 256 of them adds ≈ 10–15 MB to the ≈ 50 MB
    /// `athanor` takes anyway (measured: `export` of 50,000 or 200,000 such points peaks at 61 MB).
    public static let defaultPageSize = 256

    public let store: any RunStore
    public let runID: Int64
    public let pageSize: Int

    public init(store: any RunStore, runID: Int64, pageSize: Int = Self.defaultPageSize) {
        self.store = store
        self.runID = runID
        self.pageSize = Swift.max(1, pageSize)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(results: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let results: StoredResults
        var page: [StoredResult] = []
        var next = 0
        var position: ResultPosition?
        var finished = false

        public mutating func next() async throws -> StoredResult? {
            if next == page.count {
                guard !finished else { return nil }
                let read = try await results.store.results(
                    runID: results.runID, after: position, limit: results.pageSize)
                finished = read.count < results.pageSize
                position = read.last?.position ?? position
                page = read.map(\.result)
                next = 0
                if page.isEmpty { return nil }
            }
            defer { next += 1 }
            return page[next]
        }
    }
}

extension RunStore {
    /// The run's points' results in plan order, read a page at a time as they are iterated.
    public func results(runID: Int64, pageSize: Int = StoredResults.defaultPageSize) -> StoredResults {
        StoredResults(store: self, runID: runID, pageSize: pageSize)
    }
}
