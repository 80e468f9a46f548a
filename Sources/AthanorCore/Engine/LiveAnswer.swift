/// Decides whether a plan's answer is shown as it arrives, and connects the executor to the output.
///
/// Only a one-point, one-turn `ask` streams: its answer is the one thing on screen, so its tokens
/// are worth watching as they come. Sweeps and conversations are judged on their results, and
/// streaming many requests at once would only interleave their text. The output must want the
/// pieces (a terminal does, `--format json` does not) and `:set stream` must be on.
enum LiveAnswer {
    /// The executor's hand-off for pieces of `plan`'s answer (with the attempt they belong to),
    /// or nil when the plan is sent without streaming.
    static func relay(for plan: Plan, output: any CellOutput, settings: SessionSettings)
        -> (@Sendable (CompletionDelta, Int) -> Void)?
    {
        guard plan.kind == .ask, plan.points.count == 1, let turn = plan.points[0].turns.first,
            plan.points[0].turns.count == 1, plan.points[0].score == nil, output.showsLiveAnswers, settings.stream
        else { return nil }
        let (name, id) = (turn.model.name, turn.model.id)
        return { delta, attempt in
            output.emit(.answerDelta(AnswerDelta(modelName: name, modelID: id, attempt: attempt, delta: delta)))
        }
    }
}
