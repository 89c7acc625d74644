-- API keys of the control plane: only a SHA-256 of each key is kept, with a short prefix to show and to find it
-- by. scope is Admin (every tenant) or Tenant (only the tenant named); a revoked key keeps its row for the record.
CREATE TABLE api_keys (
    id {{identity}},
    prefix TEXT NOT NULL,
    hash TEXT NOT NULL,
    scope TEXT NOT NULL,
    tenant TEXT NULL,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at BIGINT NULL
);

CREATE UNIQUE INDEX ux_api_keys_hash ON api_keys (hash);
CREATE INDEX ix_api_keys_prefix ON api_keys (prefix);
CREATE INDEX ix_api_keys_tenant ON api_keys (tenant);
