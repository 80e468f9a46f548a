-- v0010_views_share_coordinates: v0008's views, with a point's coordinates written once. v0008
-- spelled them (label, model, model_id, repeat, vars, params, the run's session) in both
-- results_flat and result_turns; now result_turns takes them from results_flat, and results_flat
-- reads its last turn straight from the stored value instead of from result_turns. The columns,
-- their order and what they hold are as in v0008 (docs/sql.md).

DROP VIEW result_tokens;
DROP VIEW results_flat;
DROP VIEW result_turns;

-- One row per point result: its coordinates, the last turn's answer and provider, the first
-- token of that answer and its probability, and the point's totals. The last turn is the last of
-- `turns[]`, or the value itself for a single-turn result (its `request` and `response` at the
-- top); `turns` is null for a point that failed before any answer.
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
       last.turn->'response'->>'provider' AS provider,
       last.turns,
       r.value->>'output' AS output,
       last.turn->'response'->'logprobs'->'content'->0->>'token' AS first_token,
       exp((last.turn->'response'->'logprobs'->'content'->0->>'logprob')::double precision) AS first_prob,
       r.value->>'error' AS error,
       r.failed,
       r.prompt_tokens,
       r.completion_tokens,
       r.cost,
       r.latency_ms
FROM run_results r
JOIN experiment_runs x ON x.id = r.run_id
CROSS JOIN LATERAL (
    SELECT CASE WHEN jsonb_typeof(r.value->'turns') = 'array' THEN r.value->'turns'->-1
                WHEN r.value ? 'response' THEN r.value END AS turn,
           CASE WHEN jsonb_typeof(r.value->'turns') = 'array' THEN nullif(jsonb_array_length(r.value->'turns'), 0)
                WHEN r.value ? 'response' THEN 1 END::bigint AS turns
) AS last
WHERE r.kind = 'point';

-- One row per turn of every point result: the point's columns as in results_flat, then the
-- turn's. Turn 1 of a single-turn result is its top-level request and response.
CREATE VIEW result_turns AS
SELECT f.result_id, f.run_id, f.session_id, f.key, f.point_index, f.label, f.model, f.model_id, f.repeat,
       f.vars, f.params,
       (t.turn->>'turn')::integer AS turn,
       coalesce(t.turn->>'model', f.model) AS turn_model,
       t.turn->'response'->>'provider' AS provider,
       t.turn->'response'->>'content' AS content,
       t.turn->'response'->>'finish_reason' AS finish_reason,
       (t.turn->'response'->'usage'->>'prompt_tokens')::bigint AS prompt_tokens,
       (t.turn->'response'->'usage'->>'completion_tokens')::bigint AS completion_tokens,
       (t.turn->'response'->'usage'->>'cost')::double precision AS cost,
       (t.turn->'response'->>'latency_ms')::double precision AS latency_ms,
       coalesce(t.turn->'response'->'logprobs'->'content', '[]'::jsonb) AS tokens,
       f.error
FROM results_flat f
JOIN run_results r ON r.id = f.result_id
CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(r.value->'turns') = 'array' THEN r.value->'turns'
         WHEN r.value ? 'response' THEN jsonb_build_array(jsonb_build_object(
             'turn', 1, 'model', r.value->'model', 'request', r.value->'request',
             'response', r.value->'response'))
         ELSE '[]'::jsonb END) AS t(turn);

-- One row per token of every turn, as in v0008: `position` counts from 0 within its turn; `prob`
-- is exp(logprob); `alternatives` is the top list, [{"token", "logprob"}, …], most likely first.
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
