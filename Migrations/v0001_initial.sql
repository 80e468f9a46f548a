-- v0001_initial: the four tables of the original harness (experiment_instances, experiment_runs,
-- run_results, run_logs; names and meanings kept) plus the notebook's sessions and cells.
-- Applied in one transaction by the migrator, which records it in schema_migrations.

CREATE TABLE sessions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('repl', 'script', 'replay')),
    source_path text,
    replay_of   bigint      REFERENCES sessions (id) ON DELETE SET NULL,
    status      text        NOT NULL DEFAULT 'running',
    started_at  timestamptz NOT NULL DEFAULT now(),
    ended_at    timestamptz,
    metadata    jsonb       NOT NULL DEFAULT '{}'
);

CREATE INDEX sessions_started_at_idx ON sessions (started_at DESC);

CREATE TABLE cells (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id bigint      NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position   integer     NOT NULL,
    title      text,
    source     text        NOT NULL,
    status     text        NOT NULL DEFAULT 'running',
    output     text,
    error      text,
    run_ids    bigint[]    NOT NULL DEFAULT '{}',
    started_at timestamptz NOT NULL DEFAULT now(),
    ended_at   timestamptz,
    UNIQUE (session_id, position)   -- also the index for "cells of a session, in order"
);

-- One per defined experiment (an `ask` or `sweep` cell); Ecto-style timestamps as in the harness.
CREATE TABLE experiment_instances (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    description text,
    definition  jsonb       NOT NULL DEFAULT '{}',
    source      text,
    session_id  bigint      REFERENCES sessions (id) ON DELETE SET NULL,
    cell_id     bigint      REFERENCES cells (id) ON DELETE SET NULL,
    inserted_at timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX experiment_instances_session_id_idx ON experiment_instances (session_id);

CREATE TABLE experiment_runs (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id  bigint      NOT NULL REFERENCES experiment_instances (id) ON DELETE CASCADE,
    session_id   bigint      REFERENCES sessions (id) ON DELETE SET NULL,
    cell_id      bigint      REFERENCES cells (id) ON DELETE SET NULL,
    status       text        NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled', 'interrupted')),
    started_at   timestamptz,
    completed_at timestamptz,
    error        text,
    metadata     jsonb       NOT NULL DEFAULT '{}',
    heartbeat_at timestamptz,
    inserted_at  timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX experiment_runs_session_id_idx ON experiment_runs (session_id);
CREATE INDEX experiment_runs_instance_id_idx ON experiment_runs (instance_id);
-- `runs` lists the newest first; `resume` looks for running runs whose heartbeat stopped.
CREATE INDEX experiment_runs_inserted_at_idx ON experiment_runs (inserted_at DESC);
CREATE INDEX experiment_runs_status_idx ON experiment_runs (status) WHERE status IN ('pending', 'running');

CREATE TABLE run_results (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id      bigint      NOT NULL REFERENCES experiment_runs (id) ON DELETE CASCADE,
    key         text        NOT NULL,
    value       jsonb       NOT NULL,
    inserted_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (run_id, key)   -- a sweep point is stored once; also the index for reads by run
);

CREATE TABLE run_logs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id      bigint      NOT NULL REFERENCES experiment_runs (id) ON DELETE CASCADE,
    level       text        NOT NULL,
    message     text        NOT NULL,
    metadata    jsonb       NOT NULL DEFAULT '{}',
    "timestamp" timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX run_logs_run_id_idx ON run_logs (run_id, id);
