/// Why a browsing or replay command could not do what was asked, said for the person at the prompt.
enum InspectionError: Error, CustomStringConvertible {
    case noRun(Int64)
    case noSession(Int64)
    case cannotWrite(String, String)

    var description: String {
        switch self {
        case .noRun(let id): "there is no run \(id); 'athanor runs' lists them"
        case .noSession(let id): "there is no session \(id); 'athanor sessions' lists them"
        case .cannotWrite(let path, let why): "cannot write '\(path)': \(why)"
        }
    }
}
