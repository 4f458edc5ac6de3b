-- Files that records reference (a IIIF rendering's PDF, a recording's audio), as last fetched and extracted (see
-- ReferencedFiles): the validators the server gave (ETag, Last-Modified, size), so a re-harvest asks conditionally
-- and an unchanged file is not fetched twice; the outcome (READ or the reason it failed); and what was read from it,
-- which every crosswalk of a referencing record (harvest or re-index) attaches. One row per source and URL.
CREATE TABLE referenced_file (
    source_id     VARCHAR(100)             NOT NULL,
    url           VARCHAR(2000)            NOT NULL,
    etag          VARCHAR(500),
    last_modified VARCHAR(100),
    bytes         BIGINT,
    outcome       VARCHAR(40)              NOT NULL,
    detail        VARCHAR,
    full_text     VARCHAR,
    title         VARCHAR(1000),
    artist        VARCHAR(1000),
    duration_ms   BIGINT,
    fetched_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_referenced_file PRIMARY KEY (source_id, url)
);
