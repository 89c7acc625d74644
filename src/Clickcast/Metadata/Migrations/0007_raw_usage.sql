-- The current version of every raw file the object sensor has recorded, per tenant and key: what a tenant stores
-- under its raw prefix, summed for the stored-bytes quota (Limits:MaxStoredBytesPerTenant) without listing the store.
-- A newer version of a key replaces the older one's row; a key gone from the store is dropped by the next poll that
-- started after the row was recorded.
CREATE TABLE raw_objects (
    tenant TEXT NOT NULL,
    object_key TEXT NOT NULL,
    etag TEXT NOT NULL,
    size BIGINT NOT NULL,
    last_modified BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (tenant, object_key)
);

-- What the ledger already knows: the newest version of each key.
INSERT INTO raw_objects (tenant, object_key, etag, size, last_modified, recorded_at)
SELECT s.tenant, s.object_key, s.etag, s.size, s.last_modified, s.recorded_at FROM sensor_objects s
WHERE s.last_modified = (SELECT MAX(t.last_modified) FROM sensor_objects t WHERE t.tenant = s.tenant AND t.object_key = s.object_key)
ON CONFLICT (tenant, object_key) DO NOTHING;
