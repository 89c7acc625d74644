-- The durable job queue. Times are UTC Unix milliseconds; status, kind and retry_backoff are enum names.
CREATE TABLE jobs (
    id {{identity}},
    tenant TEXT NOT NULL,
    task TEXT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    payload TEXT NOT NULL,
    result TEXT NULL,
    last_error TEXT NULL,
    idempotency_key TEXT NULL,
    parent_id BIGINT NULL,
    attempts INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    retry_backoff TEXT NOT NULL,
    retry_interval_ms BIGINT NOT NULL,
    retry_factor DOUBLE PRECISION NOT NULL,
    retry_max_interval_ms BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    next_run_at BIGINT NOT NULL,
    started_at BIGINT NULL,
    finished_at BIGINT NULL,
    lease_owner TEXT NULL,
    lease_expires_at BIGINT NULL
);

-- Enqueue is idempotent per tenant: a second job with the same key is the first one. NULL keys never collide.
CREATE UNIQUE INDEX ux_jobs_tenant_idempotency_key ON jobs (tenant, idempotency_key);
-- Claiming: due queued jobs, and running jobs per tenant (limits) or by lease expiry (recovery).
CREATE INDEX ix_jobs_status_next_run_at ON jobs (status, next_run_at);
CREATE INDEX ix_jobs_status_tenant ON jobs (status, tenant);
-- Fairness (the tenant served longest ago goes first) and history per tenant.
CREATE INDEX ix_jobs_tenant_started_at ON jobs (tenant, started_at);
CREATE INDEX ix_jobs_tenant_created_at ON jobs (tenant, created_at);
CREATE INDEX ix_jobs_parent_id ON jobs (parent_id);
