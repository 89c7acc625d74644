-- Every state-changing API call: who (the key), on which tenant, what (method and route), on what (the path), when,
-- and how it ended. Rows are only ever added.
CREATE TABLE audit_log (
    id {{identity}},
    at BIGINT NOT NULL,
    key_id BIGINT NULL,
    key_prefix TEXT NULL,
    tenant TEXT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    outcome TEXT NOT NULL,
    status INTEGER NULL,
    detail TEXT NULL
);

CREATE INDEX ix_audit_log_tenant ON audit_log (tenant, id);
