-- Tenants and their predictive tasks: the current definition and every earlier version of it.
CREATE TABLE tenants (
    id TEXT NOT NULL PRIMARY KEY,
    definition TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE tenant_versions (
    tenant TEXT NOT NULL,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant, version)
);

-- The model registry: every version of every task's model is kept; status is Candidate, Champion, Retired or Rejected.
CREATE TABLE models (
    tenant TEXT NOT NULL,
    task TEXT NOT NULL,
    version INTEGER NOT NULL,
    status TEXT NOT NULL,
    family TEXT NULL,
    folder_key TEXT NOT NULL,
    job_id BIGINT NULL,
    warm_started_from INTEGER NULL,
    validation_auc DOUBLE PRECISION NULL,
    test_auc DOUBLE PRECISION NULL,
    champion_auc_on_same_test DOUBLE PRECISION NULL,
    data_generation BIGINT NULL,
    data_events BIGINT NULL,
    decision TEXT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant, task, version)
);

CREATE UNIQUE INDEX ux_models_job ON models (tenant, task, job_id);

-- The champion pointer, one row per task, changed in the same transaction as the models' statuses.
CREATE TABLE champions (
    tenant TEXT NOT NULL,
    task TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (tenant, task)
);

-- What happened to a task's models and why: registered, promoted, rejected, rolled back, retraining paused or reset.
CREATE TABLE model_history (
    id {{identity}},
    tenant TEXT NOT NULL,
    task TEXT NOT NULL,
    version INTEGER NULL,
    action TEXT NOT NULL,
    detail TEXT NULL,
    actor TEXT NOT NULL,
    at BIGINT NOT NULL
);

CREATE INDEX ix_model_history_task ON model_history (tenant, task, at);

-- Retraining bookkeeping per task: non-improving retrains in a row, and whether retraining is paused.
CREATE TABLE retraining (
    tenant TEXT NOT NULL,
    task TEXT NOT NULL,
    non_improving INTEGER NOT NULL,
    paused INTEGER NOT NULL,
    paused_reason TEXT NULL,
    events_at_last_training BIGINT NOT NULL,
    last_trained_at BIGINT NULL,
    PRIMARY KEY (tenant, task)
);
