-- v0005_logprob_counts: an answer without usable logprobs is counted as such.
--
-- A point whose answer (of any turn) came back without logprobs the language can read — none at
-- all, or log probabilities that are not finite numbers at most 0 — is stored as an answer, with
-- `without_logprobs` set, so a run's totals and summary say how many, rather than count it as a
-- success like any other.
ALTER TABLE run_results ADD COLUMN without_logprobs boolean NOT NULL DEFAULT false;

-- Answers stored before: a single turn's `response.logprobs` or a conversation's turn without them.
UPDATE run_results SET without_logprobs = true
WHERE kind = 'point' AND NOT failed AND (
    (value ? 'response' AND jsonb_typeof(value->'response'->'logprobs'->'content') IS DISTINCT FROM 'array')
    OR EXISTS (
        SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(value->'turns') = 'array'
                                                THEN value->'turns' ELSE '[]'::jsonb END) t
        WHERE jsonb_typeof(t->'response'->'logprobs'->'content') IS DISTINCT FROM 'array'));

CREATE OR REPLACE VIEW run_totals AS
SELECT run_id,
       count(*) AS points,
       count(*) FILTER (WHERE failed) AS failures,
       sum(requests) AS requests,
       sum(answered_turns) AS answered_turns,
       sum(prompt_tokens) AS prompt_tokens,
       sum(completion_tokens) AS completion_tokens,
       sum(cost) AS cost,
       sum(latency_ms) AS latency_ms,
       count(*) FILTER (WHERE without_logprobs) AS without_logprobs
FROM run_results
WHERE kind = 'point'
GROUP BY run_id;
