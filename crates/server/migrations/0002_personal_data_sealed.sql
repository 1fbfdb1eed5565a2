-- Personal data at rest: `name`, `phone` and `id_number` now hold values sealed with the server
-- key (AES-256-GCM, prefixed `v1:`); rows are found by keyed hashes instead. Rows stored before
-- this migration are sealed by the server when it starts.
ALTER TABLE bookings ADD COLUMN phone_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE bookings ADD COLUMN id_hash TEXT NOT NULL DEFAULT '';
DROP INDEX bookings_by_phone;
CREATE INDEX bookings_by_phone_hash ON bookings (phone_hash, status, day);
CREATE INDEX bookings_by_id_hash ON bookings (id_hash, status, day);

-- The per-ID cap is serialised on a row per ID number (by its hash), as the per-phone cap was.
DROP TABLE phone_locks;
CREATE TABLE id_locks (
    id_hash TEXT PRIMARY KEY,
    touched BIGINT NOT NULL
);

-- An idempotency key remembers a fingerprint of its request: the same key with another body
-- is refused instead of answered with the first request's result.
ALTER TABLE idempotency ADD COLUMN request_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX idempotency_by_age ON idempotency (created_at);

-- Feedback: the phone sealed and hashed. Without a phone, a look-up secret printed on the
-- receipt (derived from the tracking number with the server key, so never stored) is the only
-- way to read it back.
ALTER TABLE feedback ADD COLUMN phone_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX feedback_by_tracking_phone ON feedback (tracking, phone_hash);
