-- What a finished run achieved (RunOutcome by name) and why, beside its status: a run that ended normally may
-- still have quarantined its file, lacked data, or had nothing to do.
ALTER TABLE jobs ADD COLUMN outcome TEXT NULL;
ALTER TABLE jobs ADD COLUMN outcome_reason TEXT NULL;
