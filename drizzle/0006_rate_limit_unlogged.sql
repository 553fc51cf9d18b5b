-- Rate-limit counters are throttling hints, not records: an UNLOGGED table writes no WAL, so a
-- counter update commits without waiting for the disk and its row lock is released at once. A
-- crash empties the table, which only forgives a few attempts.
ALTER TABLE rate_limit SET UNLOGGED;
