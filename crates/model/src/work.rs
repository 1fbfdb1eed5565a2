//! ALTCHA-style proof of work, shared by both sides: the server hides a number in a SHA-256
//! challenge, the browser finds it by trying every number in turn, and the server checks the
//! answer in one hash. Asked for only when a client or a window-day is under unusual pressure.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The header that carries a solved [`Proof`] (as JSON) with a retried request.
pub const PROOF_HEADER: &str = "x-proof";

/// What the server asks for: the number `n` ≤ `maxnumber` with SHA-256(`salt` + `n`) =
/// `challenge`. `signature` ties the challenge to the request it was issued for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub algorithm: String,
    pub challenge: String,
    pub maxnumber: u64,
    pub salt: String,
    pub signature: String,
}

/// The answer, in ALTCHA's payload format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proof {
    pub algorithm: String,
    pub challenge: String,
    pub number: u64,
    pub salt: String,
    pub signature: String,
}

pub const ALGORITHM: &str = "SHA-256";

/// SHA-256 of the salt followed by the number in decimal, as lower-case hex.
pub fn digest(salt: &str, number: u64) -> String {
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    hasher.update(number.to_string().as_bytes());
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

/// Finds the number, comparing raw digests (no hex per try); `None` if the challenge has none.
pub fn solve(challenge: &Challenge) -> Option<Proof> {
    let target: Vec<u8> = (0..challenge.challenge.len() / 2)
        .map(|i| u8::from_str_radix(challenge.challenge.get(2 * i..2 * i + 2).unwrap_or("zz"), 16).ok())
        .collect::<Option<_>>()?;
    let salted = Sha256::new_with_prefix(challenge.salt.as_bytes());
    let mut buffer = itoa_buffer();
    (0..=challenge.maxnumber)
        .find(|n| {
            let mut hasher = salted.clone();
            hasher.update(decimal(*n, &mut buffer));
            hasher.finalize().as_slice() == target.as_slice()
        })
        .map(|number| Proof {
            algorithm: challenge.algorithm.clone(),
            challenge: challenge.challenge.clone(),
            number,
            salt: challenge.salt.clone(),
            signature: challenge.signature.clone(),
        })
}

fn itoa_buffer() -> [u8; 20] {
    [0; 20]
}

/// `n` in decimal, written into the end of `buffer`, without allocating.
fn decimal(mut n: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buffer[at..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_solver_finds_the_hidden_number_and_its_digest_matches() {
        let salt = "a1b2c3?expires=99&";
        let challenge = Challenge {
            algorithm: ALGORITHM.into(),
            challenge: digest(salt, 4321),
            maxnumber: 10_000,
            salt: salt.into(),
            signature: "s".into(),
        };
        let proof = solve(&challenge).expect("solved");
        assert_eq!(proof.number, 4321);
        assert_eq!(digest(&proof.salt, proof.number), proof.challenge);
        assert_eq!(solve(&Challenge { maxnumber: 4000, ..challenge }), None);
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        let mut buffer = itoa_buffer();
        assert_eq!(decimal(0, &mut buffer), b"0");
        assert_eq!(decimal(u64::MAX, &mut buffer), u64::MAX.to_string().as_bytes());
    }
}
