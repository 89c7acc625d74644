-- The retention purge (Audit:Retention) deletes by time: an index on it keeps the daily purge from scanning the log.
CREATE INDEX ix_audit_log_at ON audit_log (at);
