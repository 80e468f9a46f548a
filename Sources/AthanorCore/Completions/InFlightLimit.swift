/// How many requests of one group (a run) may be in flight at once, now, and how many the
/// transport has started.
///
/// The transport reads `limit` each time it could start another of the group's requests and holds
/// the rest back in order, so a request is sent the moment another one's answer is in, without a
/// task to wake in between; a change applies from the next request it starts. Every request it
/// starts is reported, so a run counts what went out (not what a cache answered).
public protocol InFlightLimit: AnyObject, Sendable {
    var limit: Int { get }

    /// The transport started one of the group's requests (called on the transport's thread).
    func requestStarted()
}
