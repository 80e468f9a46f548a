/// How a run shows it is alive: its recorder updates `heartbeat_at` every `heartbeatInterval`
/// seconds; a `running` run whose heartbeat is older than `staleAfter` lost its process (killed,
/// crashed, machine gone) and is shown as `interrupted`, which `resume` continues.
public enum RunLiveness {
    public static let heartbeatInterval = 2.0
    /// Three missed beats: long enough that a busy machine is not mistaken for a dead process.
    public static let staleAfter = 6.0
}
