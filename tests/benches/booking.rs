//! Booking throughput and latency on loopback: books every free place of every bookable window
//! through the real server, 32 requests in flight, and prints the figures.

use std::time::{Duration, Instant};
use swg_model::api::{path, Availability};
use swg_tests::{id_number, key, phone, Server};

const IN_FLIGHT: usize = 32;

#[tokio::main]
async fn main() {
    let server = Server::start_with(|c| c.max_bookings_per_phone = 1000).await;
    let backend =
        if server.state.config.database_url.starts_with("sqlite") { "SQLite" } else { "PostgreSQL" };
    let client = reqwest::Client::new();
    let mut requests = Vec::new();
    for window in server.state.site.windows.iter().filter(|w| w.local.booking.is_some()) {
        let Some(service) = window.services.first() else { continue };
        let url = server.url(&format!("{}?window={}", path::AVAILABILITY, window.id));
        let availability: Availability =
            client.get(url).send().await.expect("get").json().await.expect("json");
        for day in &availability.days {
            for slot in &day.slots {
                for _ in 0..slot.remaining {
                    let n = u32::try_from(requests.len()).unwrap_or(u32::MAX);
                    requests.push(serde_json::json!({
                        "idempotency_key": key("bench", n), "window": window.id, "service": service.id,
                        "day": day.day, "slot": slot.start, "name": "张三", "phone": phone(n % 500),
                        "id_number": id_number(n), "need": "none",
                    }));
                }
            }
        }
    }
    let url = server.url(path::BOOKINGS);
    let started = Instant::now();
    let mut latencies: Vec<Duration> = Vec::with_capacity(requests.len());
    let mut failures = 0usize;
    for chunk in requests.chunks(IN_FLIGHT) {
        let tasks: Vec<_> = chunk
            .iter()
            .cloned()
            .map(|body| {
                let (client, url) = (client.clone(), url.clone());
                tokio::spawn(async move {
                    let t = Instant::now();
                    let ok =
                        client.post(url).json(&body).send().await.is_ok_and(|r| r.status().as_u16() == 201);
                    (t.elapsed(), ok)
                })
            })
            .collect();
        for task in tasks {
            let (elapsed, ok) = task.await.expect("task");
            latencies.push(elapsed);
            failures += usize::from(!ok);
        }
    }
    let total = started.elapsed();
    latencies.sort();
    let at = |q: f64| {
        latencies.get(((latencies.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or_default()
    };
    println!(
        "booking on {backend}: {} bookings in {:.2} s = {:.0} bookings/s; latency p50 {:.1} ms, p99 {:.1} ms ({IN_FLIGHT} in flight, {failures} not created)",
        latencies.len(),
        total.as_secs_f64(),
        latencies.len() as f64 / total.as_secs_f64(),
        at(0.5).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0,
    );
}
