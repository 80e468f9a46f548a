-- v0008_views: the stored results as a psql or pandas user expects them (docs/sql.md). A result's
-- value is jsonb: one turn keeps `request` and `response` at the top, a conversation has
-- `turns[]`; these views show both the same way, one row per point, per turn, per token.

-- One row per turn of every point result: turn 1 of a single-turn result is its top-level
-- request and response.
CREATE VIEW result_turns AS
SELECT r.id AS result_id,
       r.run_id,
       x.session_id,
       r.key,
       r.point_index,
       r.value->>'label' AS label,
       r.value->>'model' AS model,
       r.value->>'model_id' AS model_id,
       (r.value->>'repeat')::integer AS repeat,
       r.value->'vars' AS vars,
       r.value->'params' AS params,
       (t.turn->>'turn')::integer AS turn,
       coalesce(t.turn->>'model', r.value->>'model') AS turn_model,
       t.turn->'response'->>'provider' AS provider,
       t.turn->'response'->>'content' AS content,
       t.turn->'response'->>'finish_reason' AS finish_reason,
       (t.turn->'response'->'usage'->>'prompt_tokens')::bigint AS prompt_tokens,
       (t.turn->'response'->'usage'->>'completion_tokens')::bigint AS completion_tokens,
       (t.turn->'response'->'usage'->>'cost')::double precision AS cost,
       (t.turn->'response'->>'latency_ms')::double precision AS latency_ms,
       coalesce(t.turn->'response'->'logprobs'->'content', '[]'::jsonb) AS tokens,
       r.value->>'error' AS error
FROM run_results r
JOIN experiment_runs x ON x.id = r.run_id
CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(r.value->'turns') = 'array' THEN r.value->'turns'
         WHEN r.value ? 'response' THEN jsonb_build_array(jsonb_build_object(
             'turn', 1, 'model', r.value->'model', 'request', r.value->'request',
             'response', r.value->'response'))
         ELSE '[]'::jsonb END) AS t(turn)
WHERE r.kind = 'point';

-- One row per token of every turn: `position` counts from 0 within its turn; `prob` is
-- exp(logprob); `alternatives` is the top list, [{"token", "logprob"}, …], most likely first.
CREATE VIEW result_tokens AS
SELECT t.result_id, t.run_id, t.session_id, t.key, t.point_index, t.label, t.model, t.model_id, t.repeat,
       t.vars, t.params, t.turn, t.turn_model, t.provider,
       (k.ordinality - 1)::integer AS position,
       k.token->>'token' AS token,
       (k.token->>'logprob')::double precision AS logprob,
       exp((k.token->>'logprob')::double precision) AS prob,
       coalesce(k.token->'top_logprobs', '[]'::jsonb) AS alternatives
FROM result_turns t
CROSS JOIN LATERAL jsonb_array_elements(t.tokens) WITH ORDINALITY AS k(token, ordinality);

-- One row per point result: its coordinates, the last turn's answer and provider, the first
-- token of that answer and its probability, and the point's totals.
CREATE VIEW results_flat AS
SELECT r.id AS result_id,
       r.run_id,
       x.session_id,
       r.key,
       r.point_index,
       r.value->>'label' AS label,
       r.value->>'model' AS model,
       r.value->>'model_id' AS model_id,
       (r.value->>'repeat')::integer AS repeat,
       r.value->'vars' AS vars,
       r.value->'params' AS params,
       last.provider,
       last.turns,
       r.value->>'output' AS output,
       last.first_token,
       exp(last.first_logprob) AS first_prob,
       r.value->>'error' AS error,
       r.failed,
       r.prompt_tokens,
       r.completion_tokens,
       r.cost,
       r.latency_ms
FROM run_results r
JOIN experiment_runs x ON x.id = r.run_id
LEFT JOIN LATERAL (
    SELECT t.provider, count(*) OVER () AS turns, t.tokens->0->>'token' AS first_token,
           (t.tokens->0->>'logprob')::double precision AS first_logprob
    FROM result_turns t WHERE t.result_id = r.id ORDER BY t.turn DESC LIMIT 1
) AS last ON true
WHERE r.kind = 'point';
