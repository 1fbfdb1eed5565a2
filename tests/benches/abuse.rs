//! A script against a citizen, with the shipped limits (`server.toml`): how fast can a script
//! take every place of one window-day, from one address and from twenty, solving the proofs
//! of work natively; and what a citizen's booking costs meanwhile. Prints the figures.

use serde_json::Value;
use std::time::{Duration, Instant};
use swg_model::api::{path, Availability};
use swg_model::work::{solve, Challenge, PROOF_HEADER};
use swg_tests::{id_number, key, phone, server_toml, Server, SERVICE, WINDOW};

/// Gives up after this long.
const PATIENCE: Duration = Duration::from_secs(90);

struct Run {
    taken: u32,
    places: u32,
    elapsed: Duration,
    proofs: u32,
    hashes: u64,
    waits: u32,
}

async fn day_slots(
    server: &Server,
    client: &reqwest::Client,
    day_index: usize,
) -> (String, Vec<(String, u32)>) {
    let url = server.url(&format!("{}?window={WINDOW}", path::AVAILABILITY));
    let availability: Availability = client.get(url).send().await.expect("get").json().await.expect("json");
    let day = &availability.days[day_index];
    (day.day.to_string(), day.slots.iter().map(|s| (s.start.clone(), s.remaining)).collect())
}

/// One script taking every place of the `day_index`-th bookable day from `addresses` client
/// addresses in turn, a fresh ID number per booking, waiting out every 429.
async fn script(server: &Server, day_index: usize, addresses: u32, first: u32) -> Run {
    let client = reqwest::Client::new();
    let (day, slots) = day_slots(server, &client, day_index).await;
    let places: u32 = slots.iter().map(|s| s.1).sum();
    let started = Instant::now();
    let (mut taken, mut proofs, mut hashes, mut waits, mut n) = (0, 0, 0u64, 0, first);
    'places: for (slot, remaining) in slots {
        for _ in 0..remaining {
            n += 1;
            let body = serde_json::json!({
                "idempotency_key": key("script", n), "window": WINDOW, "service": SERVICE, "day": day, "slot": slot,
                "name": "张三", "phone": phone(n), "id_number": id_number(n), "need": "none",
            });
            let address = format!("10.{}.0.1", 1 + n % addresses);
            let mut proof: Option<String> = None;
            loop {
                if started.elapsed() > PATIENCE {
                    break 'places;
                }
                let mut request =
                    client.post(server.url(path::BOOKINGS)).header("x-forwarded-for", &address).json(&body);
                if let Some(proof) = &proof {
                    request = request.header(PROOF_HEADER, proof);
                }
                let response = request.send().await.expect("send");
                let status = response.status().as_u16();
                let wait = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse::<u64>().ok());
                let answer: Value = response.json().await.unwrap_or(Value::Null);
                match status {
                    201 => {
                        taken += 1;
                        break;
                    }
                    428 => {
                        let challenge: Challenge =
                            serde_json::from_value(answer["challenge"].clone()).expect("a challenge");
                        let solved = solve(&challenge).expect("solvable");
                        proofs += 1;
                        hashes += solved.number + 1;
                        proof = Some(serde_json::to_string(&solved).expect("json"));
                    }
                    429 => {
                        waits += 1;
                        tokio::time::sleep(Duration::from_secs(wait.unwrap_or(1))).await;
                    }
                    _ => break,
                }
            }
        }
    }
    Run { taken, places, elapsed: started.elapsed(), proofs, hashes, waits }
}

fn report(who: &str, run: &Run) {
    println!(
        "{who:<34} {:>2}/{:<2} places in {:>6.2} s   {:>3} proofs ({:>9} hashes)   {:>3} waits for 429",
        run.taken,
        run.places,
        run.elapsed.as_secs_f64(),
        run.proofs,
        run.hashes,
        run.waits
    );
}

#[tokio::main]
async fn main() {
    let shipped = swg_server::Config::load(&server_toml()).expect("server.toml");
    let server = Server::start_with(|c| {
        // Everything as shipped but the database, the key and the files.
        *c = swg_server::Config {
            database_url: c.database_url.clone(),
            key_file: c.key_file.clone(),
            dist: c.dist.clone(),
            content: c.content.clone(),
            ..shipped.clone()
        };
    })
    .await;
    println!("a script taking one day of window {WINDOW} (limits and work as in server.toml):");
    let one = script(&server, 0, 1, 0).await;
    report("from one address", &one);
    let twenty = script(&server, 1, 20, 10_000).await;
    report("from twenty addresses", &twenty);

    // A citizen, from their own address, on a quiet day and then on the day the script filled.
    let client = reqwest::Client::new();
    let (day, slots) = day_slots(&server, &client, 2).await;
    let body = serde_json::json!({
        "idempotency_key": key("citizen", 1), "window": WINDOW, "service": SERVICE, "day": day, "slot": slots[0].0,
        "name": "王小明", "phone": phone(90_001), "id_number": id_number(90_001), "need": "none",
    });
    let started = Instant::now();
    let response = client
        .post(server.url(path::BOOKINGS))
        .header("x-forwarded-for", "192.0.2.77")
        .json(&body)
        .send()
        .await;
    let status = response.map(|r| r.status().as_u16()).unwrap_or_default();
    println!(
        "a citizen on a quiet day: answer {status} in {:.1} ms, no proof of work asked",
        started.elapsed().as_secs_f64() * 1000.0
    );
    println!(
        "(in the browser at 4x CPU slowdown, a booking under pressure: see the forms browser test's figure)"
    );
}
