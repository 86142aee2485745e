-- One row per year for which the office has been asked to load the holiday schedule.
-- The primary key makes the request once-only across a cluster.
CREATE TABLE xc_schedule_request (
    schedule_year INTEGER PRIMARY KEY,
    requested_at TIMESTAMP NOT NULL
);
