-- The circuit breaker of each source (see SourceCircuits): how many harvests of it failed in a row and, once it is
-- broken, since when, until when and why. One row per source that ever failed; a successful harvest resets it.
-- Kept in the store so that a restart does not forget a broken source and hammer it again at once.
CREATE TABLE source_circuit (
    source_id            VARCHAR(100)             NOT NULL,
    consecutive_failures INTEGER                  NOT NULL,
    opened_at            TIMESTAMP WITH TIME ZONE,
    open_until           TIMESTAMP WITH TIME ZONE,
    reason               VARCHAR,
    last_job_id          BIGINT,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_source_circuit PRIMARY KEY (source_id)
);
