-- Every (object key, ETag) an object sensor has turned into an ingest job: the exactly-once memory of the
-- object-created trigger. A row is written only after its job exists.
CREATE TABLE sensor_objects (
    tenant TEXT NOT NULL,
    object_key TEXT NOT NULL,
    etag TEXT NOT NULL,
    size BIGINT NOT NULL,
    last_modified BIGINT NOT NULL,
    job_id BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (tenant, object_key, etag)
);

-- What each sensor saw last, for operators; correctness never depends on it (see ObjectSensor).
CREATE TABLE sensor_cursors (
    tenant TEXT NOT NULL,
    prefix TEXT NOT NULL,
    last_listed_at BIGINT NOT NULL,
    objects_listed BIGINT NOT NULL,
    objects_enqueued BIGINT NOT NULL,
    newest_modified BIGINT NULL,
    PRIMARY KEY (tenant, prefix)
);
