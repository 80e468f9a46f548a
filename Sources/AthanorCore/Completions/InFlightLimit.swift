/// How many requests of one group (a run) may be in flight at once, now.
///
/// The transport reads it each time it could start another of the group's requests and holds the
/// rest back in order, so a request is sent the moment another one's answer is in, without a
/// task to wake in between; a change applies from the next request it starts.
public protocol InFlightLimit: AnyObject, Sendable {
    var limit: Int { get }
}
