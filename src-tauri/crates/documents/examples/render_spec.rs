//! Renders the 20-page Russian ТЗ sample N times (default 30) and prints the median
//! and best time per render and of the layout stage alone, for profiling:
//! `cargo run --release -p etap-documents --example render_spec -- 30 [OUT.pdf]`.

use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(30);
    let spec = etap_documents::samples::spec_ru();
    let mut pdf = etap_documents::spec::render(&spec).expect("render");
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        pdf = etap_documents::spec::render(&spec).expect("render");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    if let Some(out) = std::env::args().nth(2) {
        std::fs::write(out, &pdf).expect("write");
    }
    report(&format!("{n} renders"), times);
    println!("{} bytes", pdf.len());
    // The layout stage alone (what the rest of the render time is not).
    let geom = etap_documents::layout::Geometry::a4();
    let mut layout_times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        std::hint::black_box(etap_documents::spec::lay_out(&spec, &geom));
        layout_times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    report("  of which layout", layout_times);
}

fn report(what: &str, mut times: Vec<f64>) {
    times.sort_by(f64::total_cmp);
    if let (Some(best), Some(median)) = (times.first(), times.get(times.len() / 2)) {
        println!("{what}: median {median:.2} ms, best {best:.2} ms");
    }
}
