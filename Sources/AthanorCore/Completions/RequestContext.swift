/// What the executor knows about a request that the request itself does not carry.
///
/// Task-locals, so a provider decorator (the offline replay provider) can tell which point of the
/// plan it is answering, and the transport which limit a request counts against, without
/// widening `CompletionProvider.complete(_:)` for every provider.
public enum RequestContext {
    /// The key of the plan point whose request is being sent, e.g. `model=mini;country=France`.
    @TaskLocal public static var pointKey: String?

    /// The run's limit on requests in flight, which the transport applies to this request.
    @TaskLocal public static var inFlightLimit: (any InFlightLimit)?
}
