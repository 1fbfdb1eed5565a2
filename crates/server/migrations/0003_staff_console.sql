-- The bureau's side: staff accounts and their sessions, the audit trail, 差评 cases, and what
-- staff record on bookings and feedback.

CREATE TABLE staff (
    username TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    -- The windows a window-staff account acts on, comma-separated window ids.
    windows TEXT NOT NULL,
    -- argon2id, PHC string.
    password_hash TEXT NOT NULL,
    -- 1 until the one-time password from `swg-server staff add` has been replaced.
    must_change BIGINT NOT NULL,
    failed_attempts BIGINT NOT NULL,
    locked_until BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

-- A session is found by the hash of its cookie; the cookie itself is never stored.
CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);
CREATE INDEX staff_sessions_by_user ON staff_sessions (username);

-- Append-only: no code path updates or deletes a row. Each entry carries the hash of the one
-- before, so a changed or removed row breaks the chain.
CREATE TABLE audit (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL,
    client TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

-- When a booking was marked arrived, done or no-show ('' until then).
ALTER TABLE bookings ADD COLUMN marked_at BIGINT NOT NULL DEFAULT 0;

-- Feedback handed to another window (首问负责: the first window keeps it until that one accepts).
ALTER TABLE feedback ADD COLUMN handed_to TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN answered_by TEXT NOT NULL DEFAULT '';

-- A 差评 (rating 1 or 2) opens a case: first contact and rectification, each with its deadline
-- in working days; the citizen may rate the fix once.
CREATE TABLE cases (
    tracking TEXT PRIMARY KEY,
    window_id TEXT NOT NULL,
    opened_on TEXT NOT NULL,
    contact_due TEXT NOT NULL,
    fix_due TEXT NOT NULL,
    contacted_on TEXT NOT NULL,
    finding TEXT NOT NULL,
    fix TEXT NOT NULL,
    closed_on TEXT NOT NULL,
    fix_rating BIGINT NOT NULL
);
