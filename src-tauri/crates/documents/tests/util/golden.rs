//! Golden rendering: sample pages rendered with `pdftoppm -r 50` are compared with the
//! committed references in `tests/golden/`, so a layout regression fails the suite.
//! `ETAP_UPDATE_GOLDEN=1 cargo test -p etap-documents golden` rewrites the references
//! (look at them before committing).

use std::path::{Path, PathBuf};
use std::process::Command;

/// (sample file, page) pairs under reference.
const PAGES: &[(&str, usize)] = &[
    ("tz-ru.pdf", 1),
    ("tz-ru.pdf", 2),
    ("tz-ru.pdf", 3),
    ("tz-ru.pdf", 6),
    ("tz-en.pdf", 1),
    ("tz-en.pdf", 3),
    ("act-ru.pdf", 1),
    ("act-en.pdf", 1),
    ("invoice-ru.pdf", 1),
    ("final-act-ru.pdf", 1),
    ("kp-ru.pdf", 1),
    ("kp-en.pdf", 1),
];

/// A pixel differs when a channel moves by more than this (anti-aliasing noise
/// between poppler versions stays below it).
const CHANNEL_TOLERANCE: u8 = 48;
/// A page fails when more than this share of its pixels differ: a moved line of text
/// changes far more, a different rasteriser far less.
const MAX_DIFF_SHARE: f64 = 0.004;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn render(pdf: &Path, page: usize, out_stem: &Path) -> PathBuf {
    let p = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-r", "50", "-png", "-singlefile", "-f", &p, "-l", &p])
        .arg(pdf)
        .arg(out_stem)
        .status()
        .expect("pdftoppm is required for the golden tests");
    assert!(status.success());
    out_stem.with_extension("png")
}

struct Image {
    width: u32,
    height: u32,
    /// Grey levels, one byte per pixel.
    grey: Vec<u8>,
}

fn decode(path: &Path) -> Image {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let decoder = png::Decoder::new(std::io::BufReader::new(file));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let grey = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|px| {
            let n = px.len().min(3);
            (px[..n].iter().map(|v| u32::from(*v)).sum::<u32>() / n as u32) as u8
        })
        .collect();
    Image {
        width: info.width,
        height: info.height,
        grey,
    }
}

#[test]
fn golden_pages_match_the_references() {
    let dir = tempfile::tempdir().unwrap();
    let samples = etap_documents::samples::write_samples(dir.path()).unwrap();
    let update = std::env::var("ETAP_UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    for (name, page) in PAGES {
        let pdf = samples.iter().find(|p| p.ends_with(name)).unwrap();
        let stem = format!("{}-p{page}", name.trim_end_matches(".pdf"));
        let rendered = render(pdf, *page, &dir.path().join(&stem));
        let reference = golden_dir().join(format!("{stem}.png"));
        if update {
            std::fs::create_dir_all(golden_dir()).unwrap();
            std::fs::copy(&rendered, &reference).unwrap();
            continue;
        }
        assert!(
            reference.exists(),
            "{reference:?} is missing: run with ETAP_UPDATE_GOLDEN=1"
        );
        let (a, b) = (decode(&rendered), decode(&reference));
        if (a.width, a.height) != (b.width, b.height) {
            failures.push(format!(
                "{stem}: size {}x{} vs {}x{}",
                a.width, a.height, b.width, b.height
            ));
            continue;
        }
        let differing = a
            .grey
            .iter()
            .zip(&b.grey)
            .filter(|(x, y)| x.abs_diff(**y) > CHANNEL_TOLERANCE)
            .count();
        let share = differing as f64 / a.grey.len() as f64;
        if share > MAX_DIFF_SHARE {
            failures.push(format!("{stem}: {:.2}% of pixels differ", share * 100.0));
        }
    }
    assert!(failures.is_empty(), "layout changed: {failures:?}");
}
