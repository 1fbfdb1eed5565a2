//! Kill the real server process (SIGKILL) in the middle of a burst of bookings, start it again
//! on the same database: every booking it acknowledged is still there.

use reqwest::StatusCode;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use swg_model::api::{path, Availability};
use swg_tests::{content_dir, dist_dir, free_port, fresh_database, id_number, key, phone, server_binary};

/// The server process; killed and reaped when dropped.
struct Process(Child);

impl Process {
    fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.kill();
    }
}

async fn start(config: &std::path::Path, port: u16) -> Process {
    let mut process = Process(
        Command::new(server_binary())
            .args(["--config", &config.to_string_lossy(), "--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start swg-server"),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(r) = reqwest::get(format!("http://127.0.0.1:{port}/api/health")).await {
            if r.status() == StatusCode::OK {
                return process;
            }
        }
        if Instant::now() > deadline {
            process.kill();
            panic!("the server did not come up");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn every_acknowledged_booking_survives_a_kill_in_the_middle_of_a_burst() {
    let data = tempfile::tempdir().expect("temp dir");
    let database = fresh_database(data.path()).await;
    let config = data.path().join("server.toml");
    let mut settings: toml::Table =
        toml::from_str(&std::fs::read_to_string(swg_tests::server_toml()).expect("server.toml"))
            .expect("toml");
    let path = |p: PathBuf| toml::Value::String(p.display().to_string());
    settings.insert("database_url".into(), toml::Value::String(database));
    settings.insert("port".into(), toml::Value::Integer(0));
    settings.insert("key_file".into(), path(data.path().join("secret.key")));
    settings.insert("dist".into(), path(dist_dir()));
    settings.insert("content".into(), path(content_dir()));
    // The burst comes from one address: no limits and no proof of work in the way.
    for (key, value) in [
        ("writes_per_minute", 100_000),
        ("lookups_per_minute", 100_000),
        ("bookings_per_client_per_hour", 100_000),
        ("busy_window_day_bookings", 100_000),
        ("max_bookings_per_phone", 100_000),
    ] {
        settings.insert(key.into(), toml::Value::Integer(value));
    }
    std::fs::write(&config, toml::to_string(&settings).expect("toml")).expect("config");
    let port = free_port();
    let mut server = start(&config, port).await;
    let base = format!("http://127.0.0.1:{port}");
    let availability: Availability = reqwest::get(format!("{base}{}?window=cheguansuo", path::AVAILABILITY))
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    let slots: Vec<(String, String)> = availability
        .days
        .iter()
        .flat_map(|d| d.slots.iter().map(move |s| (d.day.to_string(), s.start.clone())))
        .collect();

    let client = reqwest::Client::new();
    let (sender, mut acknowledged) = tokio::sync::mpsc::unbounded_channel();
    let burst: Vec<_> = (0..200u32)
        .map(|n| {
            let (client, sender) = (client.clone(), sender.clone());
            let (day, slot) = slots[(n as usize) % slots.len()].clone();
            let body = json!({
                "idempotency_key": key("burst", n), "window": "cheguansuo", "service": "jidongche-zhuce", "day": day,
                "slot": slot, "name": "李四", "phone": phone(5000 + n), "id_number": id_number(n), "need": "none",
            });
            let url = format!("{base}{}", path::BOOKINGS);
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(u64::from(n) * 2)).await;
                if let Ok(response) = client.post(url).json(&body).send().await {
                    if response.status() == StatusCode::CREATED {
                        if let Ok(booking) = response.json::<Value>().await {
                            let _ = sender.send((booking["code"].as_str().unwrap_or_default().to_owned(), phone(5000 + n)));
                        }
                    }
                }
            })
        })
        .collect();
    drop(sender);

    // Kill the server once some bookings have been acknowledged, while the rest are in flight.
    let mut acked = Vec::new();
    while acked.len() < 20 {
        match tokio::time::timeout(Duration::from_secs(30), acknowledged.recv()).await {
            Ok(Some(ack)) => acked.push(ack),
            _ => panic!("only {} bookings were acknowledged", acked.len()),
        }
    }
    // Child::kill sends SIGKILL on Unix.
    server.kill();
    for task in burst {
        let _ = task.await;
    }
    while let Ok(ack) = acknowledged.try_recv() {
        acked.push(ack);
    }
    assert!(acked.len() < 200, "the kill came after the burst had finished");

    let mut restarted = start(&config, port).await;
    for (code, phone) in &acked {
        let response = client
            .post(format!("{base}{}", path::BOOKING_LOOKUP))
            .json(&json!({ "code": code, "phone": phone }))
            .send()
            .await
            .expect("lookup");
        assert_eq!(response.status(), StatusCode::OK, "acknowledged booking {code} was lost");
    }
    restarted.kill();
}
