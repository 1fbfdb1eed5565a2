//! Rate limits per real client (behind trusted proxies, from `X-Forwarded-For`) and per booking
//! code or tracking number, with `governor`'s keyed limiters. Kept per instance: limits are the
//! one thing that may live in process memory, and the memory they take is bounded.

use crate::error::Failure;
use crate::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::Clock;
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};
use ipnet::IpNet;
use std::hash::Hash;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use swg_model::api::path;

/// How many clients (or codes) one budget remembers; past that, after forgetting the ones whose
/// allowance is full again, new ones share one overflow allowance.
const MAX_KEYS: usize = 100_000;

/// The client a request is from, as the limits see it; set by [`limit`] for the handlers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// One allowance per key, with an overflow allowance for keys beyond [`MAX_KEYS`].
struct Budget<K: Hash + Eq + Clone> {
    keyed: DefaultKeyedRateLimiter<K>,
    overflow: DefaultDirectRateLimiter,
}

fn quota(per_period: u32, period: std::time::Duration) -> Quota {
    let n = NonZeroU32::new(per_period.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(period / n.get()).map_or_else(|| Quota::per_second(n), |q| q.allow_burst(n))
}

impl<K: Hash + Eq + Clone> Budget<K> {
    fn new(per_period: u32, period: std::time::Duration) -> Budget<K> {
        let many = per_period.saturating_mul(100);
        Budget {
            keyed: RateLimiter::keyed(quota(per_period, period)),
            overflow: RateLimiter::direct(quota(many, period)),
        }
    }

    /// Counts one request for `key`; the seconds to wait if its allowance is used up.
    fn check(&self, key: &K) -> Result<(), u64> {
        if self.keyed.len() >= MAX_KEYS {
            self.keyed.retain_recent();
            self.keyed.shrink_to_fit();
        }
        let wait = |d: std::time::Duration| d.as_secs() + 1;
        if self.keyed.len() >= MAX_KEYS {
            return self.overflow.check().map_err(|n| wait(n.wait_time_from(self.overflow.clock().now())));
        }
        self.keyed.check_key(key).map_err(|n| wait(n.wait_time_from(self.keyed.clock().now())))
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.keyed.len()
    }
}

/// Every budget of one server instance.
pub struct Limits {
    writes: Budget<IpAddr>,
    lookups: Budget<IpAddr>,
    reads: Budget<IpAddr>,
    codes: Budget<String>,
    bookings: Budget<IpAddr>,
    sign_ins: Budget<IpAddr>,
    console: Budget<IpAddr>,
}

const MINUTE: std::time::Duration = std::time::Duration::from_secs(60);

impl Limits {
    pub fn new(config: &crate::Config) -> Limits {
        Limits {
            writes: Budget::new(config.writes_per_minute, MINUTE),
            lookups: Budget::new(config.lookups_per_minute, MINUTE),
            reads: Budget::new(config.reads_per_minute, MINUTE),
            codes: Budget::new(config.lookups_per_code_per_hour, 60 * MINUTE),
            bookings: Budget::new(config.bookings_per_client_per_hour, 60 * MINUTE),
            // Guessing passwords: sixty tries per client in a quarter of an hour, whatever the
            // account (a station's officers share one address); each account locks after five.
            sign_ins: Budget::new(60, 15 * MINUTE),
            console: Budget::new(config.reads_per_minute, MINUTE),
        }
    }

    /// Counts one look-up of a booking code or tracking number, from whichever client: guessing
    /// the phone that goes with a code stops long before it can succeed.
    pub fn code(&self, code: &str) -> Result<(), Failure> {
        self.codes.check(&code.to_owned()).map_err(Failure::TooMany)
    }
}

impl Limits {
    /// Counts one booking attempt of a client; an error once it is booking more than usual
    /// (a signal of pressure, not a refusal).
    pub fn booking(&self, client: IpAddr) -> Result<(), u64> {
        self.bookings.check(&limit_key(client))
    }
}

/// Which budget a request spends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Write,
    Lookup,
    Read,
    SignIn,
    Console,
    Free,
}

fn kind(method: &Method, path: &str) -> Kind {
    if path.contains("/staff/") {
        return if *method == Method::POST && path.ends_with(swg_model::staff::path::SIGN_IN) {
            Kind::SignIn
        } else {
            Kind::Console
        };
    }
    let lookups = [
        path::BOOKING_LOOKUP,
        path::BOOKING_CANCEL,
        path::BOOKING_RESCHEDULE,
        path::BOOKING_FIND,
        path::FEEDBACK_LOOKUP,
        path::FIX_RATING,
        path::FORM_LOOKUP,
        path::FORM_TRACK,
    ];
    if *method == Method::POST {
        if lookups.iter().any(|p| path.ends_with(p)) {
            Kind::Lookup
        } else {
            Kind::Write
        }
    } else if path.contains("/api/") || path.contains("/forms/") {
        Kind::Read
    } else {
        Kind::Free
    }
}

/// The address limits are kept for: IPv4 as it is, IPv6 by its /64 (one household or host).
fn limit_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !u128::from(u64::MAX))),
        v4 => v4,
    }
}

/// The real client: the peer itself, unless the peer is a trusted proxy; then the right-most
/// address in `X-Forwarded-For` that is not a trusted proxy (addresses further left were
/// written by the client and prove nothing).
pub fn client_addr(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(&ip.to_canonical()));
    let mut client = peer.to_canonical();
    if !is_trusted(&client) {
        return client;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    for hop in hops.into_iter().rev() {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => {
                client = ip.to_canonical();
                if !is_trusted(&client) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client
}

/// Middleware: finds the client, spends its budget (429 with `Retry-After` when used up, as an
/// answer page for plain forms), and hands the client's address to the handlers.
pub async fn limit(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([127, 0, 0, 1]), |ConnectInfo(addr)| addr.ip());
    let client = client_addr(peer, request.headers(), &state.config.trusted_proxies);
    let limits = &state.limits;
    let spent = match kind(request.method(), request.uri().path()) {
        Kind::Write => limits.writes.check(&limit_key(client)),
        Kind::Lookup => limits.lookups.check(&limit_key(client)),
        Kind::Read => limits.reads.check(&limit_key(client)),
        Kind::SignIn => limits.sign_ins.check(&limit_key(client)),
        Kind::Console => limits.console.check(&limit_key(client)),
        Kind::Free => Ok(()),
    };
    if let Err(seconds) = spent {
        let failure = Failure::TooMany(seconds);
        return if request.uri().path().contains("/forms/") || request.uri().path().contains("/staff/") {
            crate::forms::failure_page(
                &state,
                &failure,
                crate::forms::back(request.uri().path()),
                swg_model::Lang::Zh,
            )
        } else {
            failure.into_response()
        };
    }
    request.extensions_mut().insert(ClientAddr(client));
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trusted() -> Vec<IpNet> {
        vec!["127.0.0.1/32".parse().expect("net"), "10.0.0.0/8".parse().expect("net")]
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", value.parse().expect("header"));
        headers
    }

    #[test]
    fn a_client_is_stopped_after_its_allowance_and_others_are_not() {
        let budget = Budget::<IpAddr>::new(2, MINUTE);
        let (a, b) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        assert!(budget.check(&a).is_ok() && budget.check(&a).is_ok());
        let wait = budget.check(&a).expect_err("over the allowance");
        assert!((1..=31).contains(&wait), "wait {wait} s");
        assert!(budget.check(&b).is_ok());
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let peer = IpAddr::from([203, 0, 113, 9]);
        assert_eq!(client_addr(peer, &forwarded("198.51.100.1"), &trusted()), peer);
        let proxy = IpAddr::from([127, 0, 0, 1]);
        assert_eq!(
            client_addr(proxy, &forwarded("6.6.6.6, 198.51.100.1, 10.1.1.1"), &trusted()),
            IpAddr::from([198, 51, 100, 1]),
            "the right-most address the trusted proxies did not write"
        );
        assert_eq!(client_addr(proxy, &HeaderMap::new(), &trusted()), proxy);
        assert_eq!(client_addr(proxy, &forwarded("garbage"), &trusted()), proxy);
    }

    #[test]
    fn ipv6_clients_are_limited_per_64_block() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().expect("ip");
        assert_eq!(limit_key(a), limit_key(b));
    }

    #[test]
    fn a_flood_of_addresses_stays_within_the_memory_bound() {
        let budget = Budget::<IpAddr>::new(1_000, MINUTE);
        for n in 0..(MAX_KEYS as u32 + 5_000) {
            let _ = budget.check(&IpAddr::from(n.to_be_bytes()));
        }
        assert!(budget.len() <= MAX_KEYS, "{} keys", budget.len());
    }
}
