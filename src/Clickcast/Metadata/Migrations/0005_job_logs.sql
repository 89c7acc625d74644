-- What the pipeline logged while a job ran (Information and above), for the run's detail page and 'runs show'.
CREATE TABLE job_logs (
    id {{identity}},
    job_id BIGINT NOT NULL,
    at BIGINT NOT NULL,
    level TEXT NOT NULL,
    category TEXT NOT NULL,
    message TEXT NOT NULL
);

CREATE INDEX ix_job_logs_job ON job_logs (job_id, id);
