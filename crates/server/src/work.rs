//! When a booking needs a proof of work, and checking it. Nothing is asked of a citizen booking
//! normally; under unusual pressure (a client booking much, a window-day filling fast, a phone
//! with many bookings) the browser solves a SHA-256 challenge invisibly, and a browser without
//! JavaScript waits a few seconds and presses "confirm". Both are bound to the exact request,
//! so a proof can never be spent on another booking, and nothing about them is stored.

use crate::db::now;
use crate::error::Failure;
use crate::personal::{Keys, Purpose};
use crate::AppState;
use swg_model::api::BookingStatus;
use swg_model::work::{digest, Challenge, Proof, ALGORITHM};

/// How long a challenge or a waiting ticket stays valid, in seconds.
const VALID_FOR: i64 = 600;

/// What a request brings to show it is not a script.
#[derive(Clone, Debug, Default)]
pub enum Evidence {
    #[default]
    Nothing,
    /// A solved challenge (JSON API).
    Work(Proof),
    /// A waiting ticket from the plain-form "please wait" page.
    Ticket(String),
}

/// What a booking under pressure must show first.
#[derive(Debug)]
pub struct Demand {
    pub challenge: Challenge,
    /// For the plain form: the ticket to send back, and from how many seconds on.
    pub ticket: String,
    pub wait_seconds: u64,
}

/// The signals of unusual pressure on a booking; each one makes the work harder.
pub struct Signals {
    /// The client has booked more than usual this hour.
    pub busy_client: bool,
    /// How many times over the window-day has taken its usual bookings in the last ten minutes
    /// (counted up to two).
    pub busy_day: u32,
    /// The phone already holds many future bookings (under any ID numbers).
    pub busy_phone: bool,
}

impl Signals {
    pub fn level(&self) -> u32 {
        u32::from(self.busy_client) + self.busy_day + u32::from(self.busy_phone)
    }
}

/// Reads the signals for a booking of `window` on `day` with this phone (by its hash).
pub async fn signals(
    state: &AppState,
    client: std::net::IpAddr,
    window: &str,
    day: &str,
    phone_hash: &str,
) -> Result<Signals, Failure> {
    let busy_client = state.limits.booking(client).is_err();
    let recent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) AS n FROM bookings WHERE day = $1 AND window_id = $2 AND created_at > $3",
    )
    .bind(day)
    .bind(window)
    .bind(now() - 600)
    .fetch_one(&state.pool)
    .await?;
    let held: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) AS n FROM bookings WHERE phone_hash = $1 AND status = $2 AND day >= $3",
    )
    .bind(phone_hash)
    .bind(BookingStatus::Booked.id())
    .bind(crate::booking::today().to_string())
    .fetch_one(&state.pool)
    .await?;
    let config = &state.config;
    Ok(Signals {
        busy_client,
        busy_day: u32::try_from(recent / i64::from(config.busy_window_day_bookings.max(1)))
            .unwrap_or(u32::MAX)
            .min(2),
        busy_phone: held >= i64::from(config.max_bookings_per_phone),
    })
}

fn random_u64() -> Result<u64, Failure> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| Failure::Unavailable(format!("no randomness available: {e}")))?;
    Ok(u64::from_le_bytes(bytes))
}

/// Constant-time equality of two texts (no early exit on the first difference).
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

fn work_signature(keys: &Keys, challenge: &str, request: &str) -> String {
    keys.hash(Purpose::Challenge, &["work", challenge, request])
}

fn ticket_signature(keys: &Keys, not_before: i64, request: &str) -> String {
    keys.hash(Purpose::Challenge, &["ticket", &not_before.to_string(), request])
}

/// The challenge and ticket for `request` (its fingerprint) at pressure `level` (≥ 1): the
/// work grows fourfold with each further signal.
pub fn demand(state: &AppState, request: &str, level: u32) -> Result<Demand, Failure> {
    let config = &state.config;
    let maxnumber = config.work_max_number.saturating_mul(4u64.saturating_pow(level.saturating_sub(1)));
    let number = random_u64()? % (maxnumber + 1);
    let salt = format!("{:016x}?expires={}&", random_u64()?, now() + VALID_FOR);
    let challenge = digest(&salt, number);
    let signature = work_signature(&state.keys, &challenge, request);
    let wait_seconds = config.wait_seconds.saturating_mul(u64::from(level));
    let not_before = now() + i64::try_from(wait_seconds).unwrap_or(i64::MAX / 2);
    Ok(Demand {
        challenge: Challenge { algorithm: ALGORITHM.into(), challenge, maxnumber, salt, signature },
        ticket: format!("{not_before}.{}", ticket_signature(&state.keys, not_before, request)),
        wait_seconds,
    })
}

/// Whether `evidence` proves the work for exactly this request, in time.
pub fn accepts(keys: &Keys, request: &str, evidence: &Evidence) -> bool {
    let now = now();
    match evidence {
        Evidence::Nothing => false,
        Evidence::Work(proof) => {
            let expires = proof
                .salt
                .split_once("?expires=")
                .and_then(|(_, rest)| rest.trim_end_matches('&').parse::<i64>().ok());
            proof.algorithm == ALGORITHM
                && expires.is_some_and(|t| now <= t && t <= now + VALID_FOR)
                && same(&digest(&proof.salt, proof.number), &proof.challenge)
                && same(&work_signature(keys, &proof.challenge, request), &proof.signature)
        }
        Evidence::Ticket(ticket) => ticket.split_once('.').is_some_and(|(not_before, signature)| {
            not_before.parse::<i64>().is_ok_and(|t| {
                t <= now && now <= t + VALID_FOR && same(&ticket_signature(keys, t, request), signature)
            })
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proof_for(keys: &Keys, request: &str, number: u64, expires: i64) -> Proof {
        let salt = format!("00ff?expires={expires}&");
        let challenge = digest(&salt, number);
        Proof {
            algorithm: ALGORITHM.into(),
            signature: work_signature(keys, &challenge, request),
            challenge,
            number,
            salt,
        }
    }

    #[test]
    fn a_proof_counts_only_for_its_own_request_and_only_in_time() {
        let keys = Keys::from_secret([3; 32]);
        let good = proof_for(&keys, "request-a", 77, now() + 60);
        assert!(accepts(&keys, "request-a", &Evidence::Work(good.clone())));
        assert!(!accepts(&keys, "request-b", &Evidence::Work(good.clone())), "bound to its request");
        assert!(
            !accepts(&keys, "request-a", &Evidence::Work(Proof { number: 78, ..good })),
            "the wrong number"
        );
        let stale = proof_for(&keys, "request-a", 77, now() - 1);
        assert!(!accepts(&keys, "request-a", &Evidence::Work(stale)), "expired");
        assert!(!accepts(
            &Keys::from_secret([4; 32]),
            "request-a",
            &Evidence::Work(proof_for(&keys, "request-a", 1, now() + 60))
        ));
    }

    #[test]
    fn a_ticket_counts_only_after_its_wait() {
        let keys = Keys::from_secret([3; 32]);
        let ticket = |t: i64| Evidence::Ticket(format!("{t}.{}", ticket_signature(&keys, t, "r")));
        assert!(accepts(&keys, "r", &ticket(now() - 1)));
        assert!(!accepts(&keys, "r", &ticket(now() + 30)), "too early");
        assert!(!accepts(&keys, "r", &ticket(now() - VALID_FOR - 5)), "too late");
        assert!(!accepts(&keys, "other", &ticket(now() - 1)));
        assert!(!accepts(&keys, "r", &Evidence::Ticket("garbage".into())));
    }
}
