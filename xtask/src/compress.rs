//! Pre-compressed `.gz` and `.br` files next to every text and wasm asset in `dist/`.

use std::io::Write;
use std::path::{Path, PathBuf};

const COMPRESSIBLE: [&str; 9] = ["html", "css", "js", "wasm", "json", "svg", "txt", "xml", "webmanifest"];

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(files(&path));
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Writes `X.gz` and `X.br` beside each compressible file, where they are smaller.
pub fn precompress(dir: &Path) -> std::io::Result<usize> {
    let mut written = 0;
    for file in files(dir) {
        let compressible =
            file.extension().and_then(|e| e.to_str()).is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let bytes = std::fs::read(&file)?;
        for (suffix, packed) in [("gz", gzip(&bytes)), ("br", brotli(&bytes))] {
            if packed.len() < bytes.len() {
                let mut name = file.clone().into_os_string();
                name.push(".");
                name.push(suffix);
                std::fs::write(name, packed)?;
                written += 1;
            }
        }
    }
    Ok(written)
}
