-- v0002_response_cache: answers kept for `--cache`, keyed by the SHA-256 of the request's
-- fingerprint (model, messages and parameters as sorted JSON text; never the API key).

CREATE TABLE response_cache (
    request_hash bytea       PRIMARY KEY,
    model        text        NOT NULL,
    request      jsonb       NOT NULL,
    response     jsonb       NOT NULL,
    hits         integer     NOT NULL DEFAULT 0,
    inserted_at  timestamptz NOT NULL DEFAULT now(),
    last_hit_at  timestamptz
);

