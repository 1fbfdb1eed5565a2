-- Portable SQL: the same migration runs on SQLite and PostgreSQL.

-- Places taken per slot; the last place is guarded by `booked < capacity` in one UPDATE.
CREATE TABLE slot_usage (
    slot_key TEXT PRIMARY KEY,
    booked BIGINT NOT NULL
);

CREATE TABLE bookings (
    code TEXT PRIMARY KEY,
    window_id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    day TEXT NOT NULL,
    slot TEXT NOT NULL,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    id_number TEXT NOT NULL,
    need TEXT NOT NULL,
    home_visit BIGINT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX bookings_by_phone ON bookings (phone, status, day);
CREATE INDEX bookings_by_day ON bookings (day);

-- One row per phone number, updated first in every booking transaction: it serialises the
-- per-phone cap check across instances.
CREATE TABLE phone_locks (
    phone TEXT PRIMARY KEY,
    touched BIGINT NOT NULL
);

-- One record per idempotency key: a retried request returns what the first one did.
CREATE TABLE idempotency (
    idem_key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE feedback (
    tracking TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    window_id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    visit_date TEXT NOT NULL,
    body TEXT NOT NULL,
    officer TEXT NOT NULL,
    phone TEXT NOT NULL,
    consent BIGINT NOT NULL,
    rating BIGINT NOT NULL,
    what_went_wrong TEXT NOT NULL,
    status TEXT NOT NULL,
    reply TEXT NOT NULL,
    filed_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    answered_on TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX feedback_by_window ON feedback (window_id);
