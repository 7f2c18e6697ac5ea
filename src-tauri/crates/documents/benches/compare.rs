//! Benchmark (not a test): the 20-page Russian ТЗ sample rendered by our engine,
//! compared in the same run with headless Chromium printing equivalent HTML and with
//! Typst (the `typst` PyPI wheel) compiling equivalent markup, same fonts, same text.
//!
//! Run: `cargo bench -p etap-documents --bench compare` (needs `chromium` and
//! `python3 -m pip install typst`; a missing one is reported and skipped).
//! Results go to BENCHMARKS.md by hand, with the machine they were taken on.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use etap_documents::model::{Content, Section, Spec};
use etap_documents::samples;

const RUNS: usize = 15;
const EXTERNAL_RUNS: usize = 3;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn fonts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")
}

/// Peak resident memory of this process (VmHWM), in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn main() {
    // Child mode: render once and report the process's peak memory.
    if std::env::var("ETAP_BENCH_ONCE").is_ok() {
        let before = peak_rss_mb().unwrap_or(0.0);
        let pdf = etap_documents::spec::render(&samples::spec_ru()).expect("render");
        println!(
            "{before:.1} {:.1} {}",
            peak_rss_mb().unwrap_or(0.0),
            pdf.len()
        );
        return;
    }
    let spec = samples::spec_ru();
    // `ETAP_BENCH_KEEP=DIR` keeps the generated HTML, Typst source and the three PDFs
    // there, to be looked at; otherwise they go to a temporary folder.
    let tmp = tempfile::tempdir().expect("tempdir");
    let keep = std::env::var_os("ETAP_BENCH_KEEP").map(PathBuf::from);
    if let Some(k) = &keep {
        std::fs::create_dir_all(k).expect("ETAP_BENCH_KEEP folder");
    }
    let dir = keep.as_deref().unwrap_or(tmp.path());

    // Ours, in process (warm-up first: the fonts and patterns load once). Two
    // figures: the same document again, and a document the process has not seen
    // (every paragraph changed) — the case an app exporting a new version is in, and
    // the one where Typst's memoisation cannot skip the layout (see the Typst part).
    let pdf = etap_documents::spec::render(&spec).expect("render");
    let ours_path = dir.join("ours.pdf");
    std::fs::write(&ours_path, &pdf).expect("write");
    let time_render = |s: &Spec| {
        let t = Instant::now();
        let out = etap_documents::spec::render(s).expect("render");
        let d = t.elapsed();
        std::hint::black_box(out);
        d
    };
    let ours_same = median((0..RUNS).map(|_| time_render(&spec)).collect());
    let variants: Vec<Spec> = (1..=RUNS).map(|k| variant(&spec, k)).collect();
    let ours_new = median(variants.iter().map(time_render).collect());
    let pages = pdf_pages(&ours_path);
    // Ours as a fresh process (what a CLI call costs), with its peak memory.
    let exe = std::env::current_exe().expect("exe");
    let mut proc_times = Vec::new();
    let mut mem = String::new();
    for _ in 0..5 {
        let t = Instant::now();
        let out = Command::new(&exe)
            .env("ETAP_BENCH_ONCE", "1")
            .output()
            .expect("child");
        proc_times.push(t.elapsed());
        mem = String::from_utf8_lossy(&out.stdout).trim().to_string();
    }
    let ours_proc = median(proc_times);
    let peak = mem.split(' ').nth(1).unwrap_or("?").to_string();

    println!("20-page ТЗ sample ({pages} pages), medians of {RUNS} in-process runs");
    println!(
        "ours (etap-documents): {:.1} ms a new document in process, {:.1} ms the same document again, {:.1} ms as a fresh process; {} bytes, peak RSS {peak} MB",
        ms(ours_new),
        ms(ours_same),
        ms(ours_proc),
        pdf.len()
    );
    let ours = ours_new;

    // Chromium: equivalent HTML, print-to-PDF.
    let html_path = dir.join("spec.html");
    std::fs::write(&html_path, to_html(&spec)).expect("write html");
    let chrome_pdf = dir.join("chromium.pdf");
    let mut ctimes = Vec::new();
    let mut chromium_ok = true;
    for _ in 0..EXTERNAL_RUNS {
        let t = Instant::now();
        let status = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--print-to-pdf={}", chrome_pdf.display()))
            .arg(format!("file://{}", html_path.display()))
            .output();
        match status {
            Ok(o) if o.status.success() => ctimes.push(t.elapsed()),
            _ => {
                chromium_ok = false;
                break;
            }
        }
    }
    if chromium_ok && !ctimes.is_empty() {
        let c = median(ctimes);
        let size = std::fs::metadata(&chrome_pdf).map(|m| m.len()).unwrap_or(0);
        println!(
            "chromium --print-to-pdf: {:.1} ms per process (median of {EXTERNAL_RUNS}), {size} bytes, {} pages — ours is {:.0}× faster in process, {:.0}× as a process, {:.2} of its size",
            ms(c),
            pdf_pages(&chrome_pdf),
            ms(c) / ms(ours),
            ms(c) / ms(ours_proc),
            pdf.len() as f64 / size.max(1) as f64
        );
    } else {
        println!("chromium: not available, skipped");
    }

    // Typst: equivalent markup compiled by the PyPI wheel, timed inside Python (the
    // interpreter's start and `import typst` are not counted). Typst memoises layout
    // across compilations in one process (comemo), so recompiling an unchanged source
    // mostly replays cached results; three figures keep that apart:
    // - cold: a fresh process's first compilation (font loading included), against
    //   ours as a fresh process (which also counts exec and loading, so it flatters
    //   Typst);
    // - new content: a warm compiler given a source it has not seen (every paragraph
    //   changed, as in `variant`), against ours rendering new variants in process;
    // - same source again: the memoised recompilation, against ours rendering the same
    //   document again (we memoise nothing but hyphenation).
    let typ_path = dir.join("spec.typ");
    std::fs::write(&typ_path, to_typst(&spec)).expect("write typ");
    let mut typ_variants = Vec::new();
    for (k, v) in variants.iter().enumerate() {
        let p = dir.join(format!("variant-{}.typ", k + 1));
        std::fs::write(&p, to_typst(v)).expect("write typ");
        typ_variants.push(p.display().to_string());
    }
    let typst_pdf = dir.join("typst.pdf");
    let script = format!(
        "import time, typst\n\
         t = time.perf_counter()\n\
         c = typst.Compiler(root={root:?}, font_paths=[{fonts:?}], ignore_system_fonts=True)\n\
         c.compile({typ:?}, output={out:?})\n\
         cold = time.perf_counter() - t\n\
         new = []\n\
         for v in {variants:?}:\n\
         \x20   t = time.perf_counter()\n\
         \x20   c.compile(v, output={out:?})\n\
         \x20   new.append(time.perf_counter() - t)\n\
         same = []\n\
         for i in range({n}):\n\
         \x20   t = time.perf_counter()\n\
         \x20   c.compile({typ:?}, output={out:?})\n\
         \x20   same.append(time.perf_counter() - t)\n\
         new.sort(); same.sort()\n\
         print(cold * 1000, new[len(new) // 2] * 1000, same[len(same) // 2] * 1000, same[0] * 1000)\n",
        n = RUNS,
        typ = typ_path.display().to_string(),
        out = typst_pdf.display().to_string(),
        fonts = fonts_dir().display().to_string(),
        variants = typ_variants,
        root = dir.display().to_string(),
    );
    // Three fresh processes; each figure is the median over them.
    let mut runs: Vec<Vec<f64>> = Vec::new();
    for _ in 0..EXTERNAL_RUNS {
        match Command::new("python3").args(["-c", &script]).output() {
            Ok(o) if o.status.success() => runs.push(
                String::from_utf8_lossy(&o.stdout)
                    .split_whitespace()
                    .filter_map(|v| v.parse().ok())
                    .collect(),
            ),
            Ok(o) => {
                println!(
                    "typst: failed, skipped: {}",
                    String::from_utf8_lossy(&o.stderr)
                );
                return;
            }
            Err(_) => {
                println!("typst: python3 not available, skipped");
                return;
            }
        }
    }
    let fig = |i: usize| -> f64 {
        let mut v: Vec<f64> = runs.iter().filter_map(|r| r.get(i).copied()).collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let (cold, new, same, same_best) = (fig(0), fig(1), fig(2), fig(3));
    let size = std::fs::metadata(&typst_pdf).map(|m| m.len()).unwrap_or(0);
    println!(
        "typst (PyPI wheel, in-process): {size} bytes, {} pages",
        pdf_pages(&typst_pdf)
    );
    println!(
        "  cold (fresh process, first compile): {cold:.1} ms — ours as a fresh process is {:.1}× faster",
        cold / ms(ours_proc)
    );
    println!(
        "  new content (warm compiler): {new:.1} ms — ours is {:.1}× faster",
        new / ms(ours_new)
    );
    println!(
        "  same source again (memoised): {same:.1} ms (best {same_best:.1} ms) — ours (same document again) is {:.1}× faster",
        same / ms(ours_same)
    );
}

/// The spec with every paragraph, list item, requirement and table row changed, so
/// no engine can reuse a layout it made before (the words stay the same otherwise).
fn variant(spec: &Spec, k: usize) -> Spec {
    fn mark(s: &mut String, k: usize) {
        let _ = write!(s, " (вариант {k})");
    }
    fn walk(list: &mut [Section], k: usize) {
        for sec in list {
            for c in &mut sec.content {
                match c {
                    Content::Para(p) => mark(p, k),
                    Content::Styled(text) => {
                        if let Some(r) = text.0.last_mut() {
                            mark(&mut r.text, k);
                        }
                    }
                    Content::Bullets(items) | Content::Numbered(items) => items
                        .iter_mut()
                        .filter_map(|i| i.0.last_mut())
                        .for_each(|r| mark(&mut r.text, k)),
                    Content::Requirements(reqs) => {
                        reqs.iter_mut().for_each(|r| mark(&mut r.text, k))
                    }
                    Content::Table(rows) => rows
                        .iter_mut()
                        .skip(1)
                        .filter_map(|r| r.first_mut().and_then(|c| c.0.last_mut()))
                        .for_each(|r| mark(&mut r.text, k)),
                    Content::List(items) => items
                        .iter_mut()
                        .filter_map(|i| i.runs.last_mut())
                        .for_each(|r| mark(&mut r.text, k)),
                    Content::Quote(paras) => paras
                        .iter_mut()
                        .filter_map(|p| p.0.last_mut())
                        .for_each(|r| mark(&mut r.text, k)),
                }
            }
            walk(&mut sec.children, k);
        }
    }
    let mut out = spec.clone();
    walk(&mut out.sections, k);
    out
}

fn pdf_pages(p: &Path) -> String {
    Command::new("pdfinfo")
        .arg(p)
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("Pages:").map(|v| v.trim().to_string()))
        })
        .unwrap_or_else(|| "?".into())
}

fn esc_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn html_sections(list: &[Section], prefix: &str, level: usize, out: &mut String) {
    for (i, s) in list.iter().enumerate() {
        let num = if prefix.is_empty() {
            format!("{}", i + 1)
        } else {
            format!("{prefix}.{}", i + 1)
        };
        let h = level.min(6) + 1;
        let _ = write!(out, "<h{h}>{num}&nbsp;&nbsp;{}</h{h}>", esc_html(&s.title));
        for c in &s.content {
            match c {
                Content::Para(t) => {
                    let _ = write!(out, "<p>{}</p>", esc_html(t));
                }
                Content::Styled(text) => {
                    let _ = write!(out, "<p>{}</p>", esc_html(&text.text()));
                }
                Content::Quote(paras) => {
                    for p in paras {
                        let _ = write!(out, "<blockquote>{}</blockquote>", esc_html(&p.text()));
                    }
                }
                Content::List(items) => {
                    out.push_str("<ul>");
                    for it in items {
                        let text: String = it.runs.iter().map(|r| r.text.as_str()).collect();
                        let _ =
                            write!(out, "<li>{} {}</li>", esc_html(&it.marker), esc_html(&text));
                    }
                    out.push_str("</ul>");
                }
                Content::Bullets(items) | Content::Numbered(items) => {
                    let tag = if matches!(c, Content::Bullets(_)) {
                        "ul"
                    } else {
                        "ol"
                    };
                    let _ = write!(out, "<{tag}>");
                    for it in items {
                        let _ = write!(out, "<li>{}</li>", esc_html(&it.text()));
                    }
                    let _ = write!(out, "</{tag}>");
                }
                Content::Table(rows) => {
                    out.push_str("<table>");
                    for (i, row) in rows.iter().enumerate() {
                        let cell = if i == 0 { "th" } else { "td" };
                        out.push_str("<tr>");
                        for c in row {
                            let _ = write!(out, "<{cell}>{}</{cell}>", esc_html(&c.text()));
                        }
                        out.push_str("</tr>");
                    }
                    out.push_str("</table>");
                }
                Content::Requirements(reqs) => {
                    out.push_str("<table><thead><tr><th>ID</th><th>Требование</th><th>Приоритет</th><th>Критерий приёмки</th></tr></thead><tbody>");
                    for r in reqs {
                        let _ = write!(
                            out,
                            "<tr><td><b>{}</b></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                            esc_html(&r.id),
                            esc_html(&r.text),
                            r.priority.label(etap_domain::text::Lang::Ru),
                            esc_html(&r.acceptance)
                        );
                    }
                    out.push_str("</tbody></table>");
                }
            }
        }
        html_sections(&s.children, &num, level + 1, out);
    }
}

/// The same content as HTML with the same fonts and page geometry.
fn to_html(spec: &Spec) -> String {
    let f = fonts_dir();
    let face = |name: &str, file: &str, weight: &str| {
        format!(
            "@font-face{{font-family:'{name}';src:url('file://{}/{file}');font-weight:{weight};}}",
            f.display()
        )
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><style>{}{}{}{}\
         @page{{size:A4;margin:20mm 15mm 22mm 25mm}}\
         body{{font-family:'PT Serif';font-size:11pt;line-height:1.32}}\
         p{{text-align:justify;hyphens:auto;text-indent:10mm;margin:0 0 5pt}}\
         h2,h3,h4{{font-family:'PT Sans';break-after:avoid}}\
         table{{border-collapse:collapse;width:100%;font-family:'PT Sans';font-size:9.5pt}}\
         td,th{{border:0.5pt solid #444;padding:3pt 4pt;vertical-align:top;text-align:left}}\
         thead{{display:table-header-group;background:#eee}}tr{{break-inside:avoid}}\
         .title{{text-align:center;break-after:page}}</style></head><body>",
        face("PT Serif", "PTSerif-Regular.ttf", "400"),
        face("PT Serif", "PTSerif-Bold.ttf", "700"),
        face("PT Sans", "PTSans-Regular.ttf", "400"),
        face("PT Sans", "PTSans-Bold.ttf", "700"),
    );
    let _ = write!(
        out,
        "<div class=\"title\"><p>{}</p><h1>{}</h1><p>{}</p><p>{} · {}</p></div>",
        esc_html(&spec.customer.name),
        esc_html(&spec.kind.to_uppercase()),
        esc_html(&spec.title),
        esc_html(&spec.code),
        esc_html(&spec.city)
    );
    html_sections(&spec.sections, "", 1, &mut out);
    out.push_str("</body></html>");
    out
}

fn esc_typ(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '#'
                | '*'
                | '_'
                | '$'
                | '@'
                | '<'
                | '>'
                | '`'
                | '['
                | ']'
                | '~'
                | '/'
                | '='
                | '+'
                | '-'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn typ_sections(list: &[Section], level: usize, out: &mut String) {
    for s in list {
        let _ = writeln!(out, "\n{} {}\n", "=".repeat(level), esc_typ(&s.title));
        for c in &s.content {
            match c {
                Content::Para(t) => {
                    let _ = writeln!(out, "{}\n", esc_typ(t));
                }
                Content::Styled(text) => {
                    let _ = writeln!(out, "{}\n", esc_typ(&text.text()));
                }
                Content::Quote(paras) => {
                    for p in paras {
                        let _ = writeln!(out, "#quote[{}]\n", esc_typ(&p.text()));
                    }
                }
                Content::List(items) => {
                    for it in items {
                        let text: String = it.runs.iter().map(|r| r.text.as_str()).collect();
                        let indent = "  ".repeat(it.level as usize);
                        let _ =
                            writeln!(out, "{indent}- {} {}", esc_typ(&it.marker), esc_typ(&text));
                    }
                    out.push('\n');
                }
                Content::Bullets(items) => {
                    for it in items {
                        let _ = writeln!(out, "- {}", esc_typ(&it.text()));
                    }
                    out.push('\n');
                }
                Content::Numbered(items) => {
                    for it in items {
                        let _ = writeln!(out, "+ {}", esc_typ(&it.text()));
                    }
                    out.push('\n');
                }
                Content::Table(rows) => {
                    let width = rows.iter().map(Vec::len).max().unwrap_or(1);
                    let _ = writeln!(out, "#table(columns: {width},");
                    for row in rows {
                        for c in row {
                            let _ = write!(out, "[{}], ", esc_typ(&c.text()));
                        }
                        out.push('\n');
                    }
                    out.push_str(")\n");
                }
                Content::Requirements(reqs) => {
                    out.push_str("#table(columns: (0.9fr, 3.6fr, 1.25fr, 3fr), table.header([*ID*], [*Требование*], [*Приоритет*], [*Критерий приёмки*]),\n");
                    for r in reqs {
                        let _ = writeln!(
                            out,
                            "[*{}*], [{}], [{}], [{}],",
                            esc_typ(&r.id),
                            esc_typ(&r.text),
                            r.priority.label(etap_domain::text::Lang::Ru),
                            esc_typ(&r.acceptance)
                        );
                    }
                    out.push_str(")\n\n");
                }
            }
        }
        typ_sections(&s.children, level + 1, out);
    }
}

/// The same content as Typst markup with the same fonts and page geometry.
fn to_typst(spec: &Spec) -> String {
    let mut out = String::from(
        "#set page(paper: \"a4\", margin: (left: 25mm, right: 15mm, top: 20mm, bottom: 22mm),\n\
         footer: context { if counter(page).get().first() > 1 [#align(right)[#text(font: \"PT Sans\", size: 8.5pt)[Страница #counter(page).display() из #counter(page).final().first()]]] })\n\
         #set text(font: \"PT Serif\", size: 11pt, lang: \"ru\", hyphenate: true)\n\
         #set par(justify: true, first-line-indent: (amount: 10mm, all: true), leading: 0.6em)\n\
         #set heading(numbering: \"1.1\")\n\
         #show heading: set text(font: \"PT Sans\")\n\
         #set table(stroke: 0.5pt)\n\
         #show table: set text(font: \"PT Sans\", size: 9.5pt)\n",
    );
    let _ = write!(
        out,
        "#align(center)[{}]\n#v(60mm)\n#align(center)[#text(size: 22pt, font: \"PT Sans\", weight: \"bold\")[{}]\n\n{}\n\n{} · {}]\n#pagebreak()\n#outline()\n#pagebreak()\n",
        esc_typ(&spec.customer.name),
        esc_typ(&spec.kind.to_uppercase()),
        esc_typ(&spec.title),
        esc_typ(&spec.code),
        esc_typ(&spec.city)
    );
    typ_sections(&spec.sections, 1, &mut out);
    out
}
