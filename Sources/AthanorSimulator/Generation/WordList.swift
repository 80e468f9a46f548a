/// The vocabulary of default answers and filler alternatives: 64 common, distinct words.
///
/// The count is a power of two so that any odd stride visits every word once.
enum WordList {
    static let words: [String] = [
        "the", "answer", "is", "likely", "a", "simple", "one", "and", "it", "depends", "on", "context",
        "model", "token", "value", "small", "large", "first", "second", "last", "good", "clear", "blue",
        "green", "red", "river", "city", "north", "south", "light", "stone", "water", "fire", "time",
        "number", "word", "idea", "plan", "result", "test", "sample", "choice", "reason", "fact", "often",
        "rarely", "always", "never", "maybe", "yes", "no", "perhaps", "indeed", "quite", "very", "more",
        "less", "most", "some", "many", "few", "each", "every", "other",
    ]
}
