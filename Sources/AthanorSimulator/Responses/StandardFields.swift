import AthanorCore

/// The top-level fields of OpenAI's chat-completions request, which a strict OpenAI-compatible
/// server (`athanor-sim --strict-openai`) accepts; anything else is refused with 400, as vLLM and
/// OpenAI itself refuse OpenRouter's `provider` and `usage`.
enum StandardFields {
    static let chatCompletions: Set<String> = [
        "model", "messages", "logprobs", "top_logprobs", "max_tokens", "max_completion_tokens", "temperature",
        "top_p", "seed", "stop", "frequency_penalty", "presence_penalty", "stream", "stream_options", "n",
        "logit_bias", "user", "response_format", "tools", "tool_choice", "parallel_tool_calls",
    ]

    /// OpenAI's sentence for the fields it does not know, sorted; nil when every field is standard.
    static func refusal(_ request: JSONValue) -> String? {
        let unknown = (request.objectValue ?? [:]).keys.filter { !chatCompletions.contains($0) }.sorted()
        guard !unknown.isEmpty else { return nil }
        return "Unrecognized request argument supplied: " + unknown.joined(separator: ", ")
    }
}
