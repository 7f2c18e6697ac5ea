//! The documents checked with the real tools a reviewer would use: qpdf, pdffonts,
//! pdftotext, pdfinfo and pdftoppm (poppler-utils), as the issue's quality bar asks.
//! One test binary (cheaper to build than many).

use std::path::{Path, PathBuf};
use std::process::Command;

use etap_documents::fonts::Face;
use etap_documents::layout::{self, Draw, Geometry, Piece};
use etap_documents::model::{Content, Inline, Priority, Requirement, Run, Section};
use etap_documents::samples;
use etap_domain::text::Lang;

#[path = "util/golden.rs"]
mod golden;

#[path = "util/billing.rs"]
mod billing;

fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is required for this test: {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// pdftotext output with runs of whitespace (poppler turns U+00A0 into a space)
/// collapsed to one space.
fn text_of(pdf: &Path, page: Option<usize>) -> String {
    let mut args: Vec<String> = Vec::new();
    if let Some(p) = page {
        args.extend(["-f".into(), p.to_string(), "-l".into(), p.to_string()]);
    }
    args.extend([s(pdf).to_string(), "-".into()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let raw = run("pdftotext", &refs);
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pages(pdf: &Path) -> usize {
    run("pdfinfo", &[s(pdf)])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap()
}

fn samples_dir() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = samples::write_samples(dir.path()).unwrap();
    (dir, paths)
}

#[test]
fn every_sample_is_a_valid_pdf_with_subset_unicode_fonts() {
    let (_dir, paths) = samples_dir();
    assert_eq!(paths.len(), 10);
    for p in &paths {
        let check = run("qpdf", &["--check", s(p)]);
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{p:?}: {check}"
        );
        let fonts = run("pdffonts", &[s(p)]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{p:?} has no fonts");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let name = cols[0];
            let (tag, base) = name.split_once('+').unwrap_or(("", ""));
            assert!(
                tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
                "{p:?}: font {name} has no subset tag"
            );
            assert!(base.starts_with("PT"), "{p:?}: unexpected font {name}");
            // … emb sub uni object ID
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{p:?}: {row}");
        }
        // Subset and unhinted fonts keep documents small enough to e-mail without
        // thinking (a full PT face alone is 300–450 KB).
        let size = std::fs::metadata(p).unwrap().len();
        let limit = if p.ends_with("tz-ru.pdf") {
            180_000
        } else {
            90_000
        };
        assert!(size < limit, "{p:?} is {size} bytes");
        let info = run("pdfinfo", &[s(p)]);
        assert!(
            info.contains("CreationDate:    Thu Nov 26 10:00:00 2026"),
            "{info}"
        );
        assert!(info.contains("Author:          ООО «Этап Софт»"), "{info}");
        // No false claim of PDF/X (printpdf writes an empty GTS_PDFXVersion).
        assert!(!info.contains("PDF/X"), "{info}");
    }
}

#[test]
fn text_comes_back_exactly_in_both_languages() {
    let (_dir, paths) = samples_dir();
    let by = |name: &str| paths.iter().find(|p| p.ends_with(name)).unwrap().clone();
    let act = text_of(&by("act-ru.pdf"), None);
    for expected in [
        "АКТ № А-2026-007",
        "сдачи-приёмки выполненных работ (оказанных услуг)",
        "по договору № 14/2026 от 01.03.2026",
        "Этап 2 — ядро и хранение данных",
        "ООО «Этап Софт» (Исполнитель) и ООО «Северный ветер» (Заказчик)",
        "1 114 500,00 ₽",
        "Один миллион сто четырнадцать тысяч пятьсот рублей 00 копеек",
        "НДС 20 % — 185 750,00 ₽",
        "Заказчик претензий по объёму, качеству и срокам выполнения работ не имеет.",
        "М. П.",
        "Н. С. Соловьёва",
    ] {
        assert!(act.contains(expected), "act lacks «{expected}»:\n{act}");
    }
    let act_en = text_of(&by("act-en.pdf"), None);
    assert!(act_en
        .contains("One million one hundred fourteen thousand five hundred roubles 00 kopecks"));
    // Regression: with a Latin-only glyph set allsorts chose a Mac Roman cmap, printpdf
    // read it as Unicode, and U+00A0 came out as a .notdef box wider than the layout
    // measured, so "(" overprinted the next word and the text came back out of order.
    assert!(
        act_en.contains("Total work performed: RUB 1,114,500.00 (One million"),
        "{act_en}"
    );
    let kp = text_of(&by("kp-ru.pdf"), None);
    assert!(kp.contains("Без НДС"));
    assert!(kp.contains("Пятьсот двадцать одна тысяча двести пятьдесят рублей 00 копеек"));
    assert!(kp.contains("Предложение действительно до 26 декабря 2026 г."));
    let en = text_of(&by("tz-en.pdf"), None);
    assert!(
        en.contains("with «guillemets», the numero sign №, em dashes"),
        "{en}"
    );
    assert!(en.contains("1 234 567,00 ₽"));
}

#[test]
fn money_is_drawn_with_no_break_spaces() {
    // poppler prints U+00A0 as a plain space, so the check reads the font's ToUnicode
    // map instead: a distinct glyph maps to U+00A0, and the amount is one word run.
    let (dir, paths) = samples_dir();
    let act = paths.iter().find(|p| p.ends_with("act-ru.pdf")).unwrap();
    let qdf = dir.path().join("act.qdf.pdf");
    run(
        "qpdf",
        &["--qdf", "--object-streams=disable", s(act), s(&qdf)],
    );
    let raw = std::fs::read(&qdf).unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("<00A0>"), "no glyph maps to U+00A0");
    // … and no glyph of the amount's font maps to a plain space instead: the NBSP glyph
    // is its own glyph, so copying the amount keeps it unbreakable.
    let words = run("pdftotext", &["-bbox", s(act), "-"]);
    let parsed: Vec<(String, String)> = words
        .lines()
        .filter(|l| l.contains("<word "))
        .map(|l| {
            let y = l.find("yMin=\"").unwrap() + 6;
            let w = l.find('>').unwrap() + 1;
            let end = l.rfind("</word>").unwrap();
            (l[y..y + 6].to_string(), l[w..end].to_string())
        })
        .collect();
    let mut seen = 0;
    for pair in parsed.windows(3) {
        if pair[0].1 == "114" && pair[1].1 == "500,00" {
            // "1 114 500,00 ₽" is never split over two lines.
            assert_eq!(pair[0].0, pair[1].0);
            assert_eq!(pair[1].0, pair[2].0);
            assert!(pair[2].1.starts_with('₽'));
            seen += 1;
        }
    }
    assert!(seen >= 2, "{seen}");
    // The model really carries NBSP (the layout never breaks inside the amount).
    let m = etap_domain::money::Money::parse("1234567", etap_domain::money::Currency::Rub).unwrap();
    assert_eq!(m.format(Lang::Ru), "1\u{a0}234\u{a0}567,00\u{a0}₽");
}

#[test]
fn the_russian_spec_has_twenty_pages_and_a_correct_table_of_contents() {
    let (_dir, paths) = samples_dir();
    let tz = paths.iter().find(|p| p.ends_with("tz-ru.pdf")).unwrap();
    let n = pages(tz);
    assert!((18..=24).contains(&n), "{n} pages");
    // Footer on every page but the title page.
    assert!(!text_of(tz, Some(1)).contains("Страница"));
    for p in 2..=n {
        assert!(
            text_of(tz, Some(p)).contains(&format!("Страница {p} из {n}")),
            "page {p}"
        );
    }
    // Every TOC entry's page number is the page where the heading is printed.
    let toc = run("pdftotext", &["-layout", "-f", "2", "-l", "2", s(tz), "-"]);
    let spec = samples::spec_ru();
    let mut checked = 0;
    for (i, sec) in spec.sections.iter().enumerate() {
        let number = format!("{} ", i + 1);
        let first_words: String = sec
            .title
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        let line = toc
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|l| l.starts_with(&format!("{number}{first_words}")))
            .unwrap_or_else(|| panic!("TOC lacks {first_words}:\n{toc}"));
        // Long titles wrap: the number is on the entry's last line; find it below.
        let page: usize = match line.rsplit(' ').next().and_then(|w| w.parse().ok()) {
            Some(p) => p,
            None => {
                let mut it = toc
                    .lines()
                    .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                    .skip_while(|l| l != &line);
                it.next();
                it.next()
                    .and_then(|l| l.rsplit(' ').next().and_then(|w| w.parse().ok()))
                    .unwrap()
            }
        };
        let heading = format!("{number}{first_words}");
        let page_text = run(
            "pdftotext",
            &["-f", &page.to_string(), "-l", &page.to_string(), s(tz), "-"],
        );
        let found = page_text
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .any(|l| l.starts_with(&heading));
        assert!(found, "heading «{heading}» is not on page {page}");
        checked += 1;
    }
    assert_eq!(checked, 10);
    // One bookmark per first- and second-level heading.
    let json = run("qpdf", &["--json", "--json-key=outlines", s(tz)]);
    let pos = |t: &str| {
        json.find(&format!("\"title\": \"{t}\""))
            .unwrap_or_else(|| panic!("no bookmark {t}"))
    };
    // Reading order (printpdf's own list sorted "10" before "9"), and nesting: 4.2.1
    // is a kid of 4.2, which is a kid of 4.
    assert!(pos("1 Общие положения") < pos("2 Назначение и цели создания системы"));
    assert!(pos("9 Требования к документированию") < pos("10 Источники разработки"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let four = &v["outlines"][3];
    assert_eq!(four["title"], "4 Требования к системе");
    assert_eq!(
        four["kids"][1]["title"],
        "4.2 Требования к функциям, выполняемым системой"
    );
    assert_eq!(
        four["kids"][1]["kids"][0]["title"],
        "4.2.1 Подсистема «Приём и регистрация заявок»"
    );
}

fn spec_with(sections: Vec<Section>) -> etap_documents::Spec {
    let mut spec = samples::spec_ru();
    spec.sections = sections;
    spec
}

#[test]
fn emphasis_in_list_items_and_table_cells_is_typeset_in_its_faces() {
    let styled = |text: &str, bold, italic| Run {
        bold,
        italic,
        ..Run::plain(text)
    };
    let mut sec = Section::new("Выделение");
    sec.content.push(Content::Bullets(vec![Inline(vec![
        styled("Пункт с ", false, false),
        styled("полужирным", true, false),
        styled(" словом", false, false),
    ])]));
    sec.content.push(Content::Table(vec![
        vec!["Роль".into(), "Права".into()],
        vec![
            Inline(vec![styled("курсив", false, true)]),
            Inline(vec![styled("жирный", true, false)]),
        ],
    ]));
    let spec = spec_with(vec![sec]);
    // Each emphasised word is drawn in its face (the title page uses bold too, so the
    // font list alone would prove little).
    let (laid, _) = etap_documents::spec::lay_out(&spec, &Geometry::a4());
    let face_of = |word: &str| {
        laid.pages
            .iter()
            .flat_map(|p| &p.draws)
            .find_map(|d| match d {
                Draw::Text { face, pieces, .. }
                    if pieces
                        .iter()
                        .any(|p| matches!(p, Piece::Text(t) if t.contains(word))) =>
                {
                    Some(*face)
                }
                _ => None,
            })
    };
    assert_eq!(face_of("полужирным"), Some(Face::SerifBold));
    assert_eq!(face_of("словом"), Some(Face::Serif));
    assert_eq!(face_of("курсив"), Some(Face::SansItalic));
    assert_eq!(face_of("жирный"), Some(Face::SansBold));
    let pdf = etap_documents::spec::render(&spec).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "emphasis.pdf", &pdf);
    let fonts = run("pdffonts", &[s(&path)]);
    assert!(fonts.contains("PTSans-Italic"), "{fonts}");
    let text = text_of(&path, None);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Пункт с полужирным словом"), "{flat}");
    assert!(flat.contains("курсив") && flat.contains("жирный"), "{flat}");
}

/// A `w` × `h` PNG in one colour with a transparent right half (a logo on no
/// background).
fn logo_png(w: u32, h: u32, rgb: [u8; 3]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut wr = enc.write_header().unwrap();
        let mut px = Vec::with_capacity((w * h * 4) as usize);
        for _ in 0..h {
            for x in 0..w {
                px.extend(rgb);
                px.push(if x < w / 2 { 255 } else { 0 });
            }
        }
        wr.write_image_data(&px).unwrap();
    }
    out
}

/// The colour of page 1 at (x, y) millimetres from its top-left corner, rendered at
/// 72 dpi.
fn colour_at(pdf: &Path, x_mm: f32, y_mm: f32) -> [u8; 3] {
    let dir = tempfile::tempdir().unwrap();
    let stem = dir.path().join("page");
    let ok = Command::new("pdftoppm")
        .args(["-r", "72", "-png", "-singlefile", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg(&stem)
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let file = std::fs::File::open(stem.with_extension("png")).unwrap();
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let (x, y) = ((x_mm * 72.0 / 25.4) as usize, (y_mm * 72.0 / 25.4) as usize);
    let i = (y * info.width as usize + x) * channels;
    [buf[i], buf[i + 1], buf[i + 2]]
}

#[test]
fn the_proposal_prints_the_contractors_logo_in_its_letterhead() {
    let dir = tempfile::tempdir().unwrap();
    // A PNG with transparency: drawn where opaque, the page shows through elsewhere.
    let mut kp = samples::proposal(Lang::Ru);
    kp.logo = Some(etap_documents::image::Image {
        bytes: logo_png(300, 100, [200, 30, 40]),
    });
    let path = write(
        dir.path(),
        "kp-png.pdf",
        &etap_documents::proposal::render(&kp).unwrap(),
    );
    run("qpdf", &["--check", s(&path)]);
    let list = run("pdfimages", &["-list", s(&path)]);
    assert!(list.contains("300   100"), "{list}");
    assert!(list.contains("smask"), "the transparency is kept: {list}");
    // 300 × 100 px at 150 dpi is 50.8 × 16.9 mm, so it is scaled into 45 × 16 mm at
    // the top-left of the text frame (left margin 25 mm, top 20 mm).
    let [r, g, b] = colour_at(&path, 25.0 + 5.0, 20.0 + 7.0);
    assert!(
        r > 150 && g < 90 && b < 90,
        "logo red expected, got {r},{g},{b}"
    );
    let [r, g, b] = colour_at(&path, 25.0 + 40.0, 20.0 + 7.0);
    assert!(
        r > 240 && g > 240 && b > 240,
        "transparent half is white paper, got {r},{g},{b}"
    );
    // The letterhead text follows below the logo, not over it.
    let text = text_of(&path, Some(1));
    assert!(text.contains("ИП Морозова"), "{text}");

    // A JPEG is embedded as it is.
    let jpeg = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/logo.jpg"))
        .unwrap();
    kp.logo = Some(etap_documents::image::Image {
        bytes: jpeg.clone(),
    });
    let pdf = etap_documents::proposal::render(&kp).unwrap();
    assert!(
        pdf.windows(jpeg.len()).any(|w| w == jpeg.as_slice()),
        "the JPEG's bytes go into the PDF unchanged"
    );
    let path = write(dir.path(), "kp-jpeg.pdf", &pdf);
    let list = run("pdfimages", &["-list", s(&path)]);
    assert!(
        list.contains("jpeg") && list.contains("240    80"),
        "{list}"
    );
    let [r, g, b] = colour_at(&path, 25.0 + 10.0, 20.0 + 5.0);
    assert!(b > 120 && r < 80, "logo blue expected, got {r},{g},{b}");

    // Not an image: a clear error, not a broken picture.
    kp.logo = Some(etap_documents::image::Image {
        bytes: b"GIF89a....".to_vec(),
    });
    assert!(matches!(
        etap_documents::proposal::render(&kp),
        Err(etap_documents::DocumentError::Image(_))
    ));
}

#[test]
fn long_unbreakable_strings_never_cross_the_margin() {
    let url = "https://example.org/an/extremely/long/path/that/has/no/spaces/at/all/and/keeps/going/index.html?with=query&parameters=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let id =
        "ИДЕНТИФИКАТОР_БЕЗ_ПРОБЕЛОВ_КОТОРЫЙ_ДЛИННЕЕ_ЛЮБОЙ_СТРОКИ_И_ЛЮБОЙ_ЯЧЕЙКИ_ТАБЛИЦЫ_0123456789";
    let word = "Сверхдлинноесловобезединогопробелаидефисакотороеневлезаетвстроку".repeat(2);
    let mut sec = Section::new(format!("Раздел с очень длинным заголовком {id}"));
    sec.content.push(Content::Para(format!(
        "Ссылка: {url}. Идентификатор: {id}. Слово: {word}."
    )));
    sec.content
        .push(Content::Bullets(vec![url.into(), id.into()]));
    sec.content.push(Content::Requirements(vec![Requirement {
        id: id.into(),
        text: url.into(),
        priority: Priority::Must,
        acceptance: word.clone(),
    }]));
    let pdf = etap_documents::spec::render(&spec_with(vec![sec])).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "long.pdf", &pdf);
    let bbox = run("pdftotext", &["-bbox", s(&path), "-"]);
    let geom = Geometry::a4();
    let right = geom.width - geom.right + 0.5;
    let left = geom.left - 0.5;
    let mut words = 0;
    for line in bbox.lines().filter(|l| l.contains("<word ")) {
        let attr = |name: &str| -> f32 {
            let key = format!("{name}=\"");
            let start = line.find(&key).unwrap() + key.len();
            let end = start + line[start..].find('"').unwrap();
            line[start..end].parse().unwrap()
        };
        assert!(attr("xMax") <= right, "beyond the right margin: {line}");
        assert!(attr("xMin") >= left, "beyond the left margin: {line}");
        words += 1;
    }
    assert!(words > 50);
    // Nothing was lost: the pieces put back together give the identifier.
    let all: String = text_of(&path, None).split_whitespace().collect();
    assert!(all.contains(&id.replace(' ', "")));
}

#[test]
fn table_header_repeats_on_every_page_the_table_continues_on() {
    let mut sec = Section::new("Требования");
    sec.content.push(Content::Requirements(
        (1..=70)
            .map(|i| Requirement {
                id: format!("R-{i}"),
                text: format!("Требование номер {i}, сформулированное достаточно подробно, чтобы занять две строки."),
                priority: Priority::Should,
                acceptance: "Проверяется испытанием по методике.".into(),
            })
            .collect(),
    ));
    let pdf = etap_documents::spec::render(&spec_with(vec![sec])).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "table.pdf", &pdf);
    let n = pages(&path);
    assert!(n >= 5, "{n} pages");
    // Pages 3..=n hold the table (1: title, 2: contents).
    for p in 3..=n {
        let t = text_of(&path, Some(p));
        assert!(
            t.contains("ID Требование Приоритет Критерий приёмки"),
            "page {p} lacks the header: {t}"
        );
    }
}

/// Text of every draw on a laid-out page.
fn page_text(page: &layout::Page) -> String {
    let mut out = String::new();
    for d in &page.draws {
        if let Draw::Text { pieces, .. } = d {
            for p in pieces {
                if let Piece::Text(t) = p {
                    out.push_str(t);
                }
            }
            out.push(' ');
        }
    }
    out
}

#[test]
fn totals_never_start_a_page_and_signatures_stay_together() {
    let geom = Geometry::a4();
    let base = samples::act(Lang::Ru);
    // Vary the number of rows so that the page break falls at every possible place
    // around the totals and the signature block.
    for n in 10..45 {
        let mut act = base.clone();
        act.items = (0..n)
            .map(|i| {
                let mut it = base.items[i % base.items.len()].clone();
                it.name = format!("{} (часть {})", it.name, i + 1);
                it
            })
            .collect();
        let blocks = etap_documents::act::blocks(&act).unwrap();
        let laid = layout::layout(&blocks, &geom);
        for (k, page) in laid.pages.iter().enumerate() {
            let t = page_text(page);
            if t.contains("Итого:") {
                assert!(
                    t.contains("(часть"),
                    "{n} rows: the totals start page {} alone",
                    k + 1
                );
                assert!(t.contains("Всего к оплате:"), "{n} rows: totals split");
            }
            let stamps = t.matches("М.\u{a0}П.").count();
            assert!(stamps == 0 || stamps == 2, "{n} rows: signatures split");
            if stamps == 2 {
                assert!(t.contains("Реквизиты и подписи сторон"));
                // Never a page of signatures alone: the act's last sentence is there.
                assert!(t.contains("экземплярах"), "{n} rows: signatures alone");
            }
        }
    }
}

/// Regression (issue 9): emoji, Greek, Arabic-Indic digits, maths and arrows were
/// accepted in a title and then made the export fail. They print now, from the
/// fallback faces, subset-embedded; joiners and variation selectors are not drawn.
#[test]
fn every_character_a_user_can_type_prints_from_a_fallback_face() {
    // (The BEL, ESC and bidi override stand for text stored before input was cleaned:
    // it prints too, without them.)
    let hostile =
        "Готово\u{7} 🎉 👩\u{200d}💻 ❤\u{fe0f} \u{1b}\u{202e}αβγΩ ٠١٢٣ → ⇒ ∑∞≠ ★ ✓ \u{10FFFD}конец";
    let mut sec = Section::new("Эмодзи и символы 😀");
    sec.content.push(Content::Para(hostile.into()));
    let pdf = etap_documents::spec::render(&spec_with(vec![sec])).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "fallback.pdf", &pdf);
    let text = text_of(&path, None);
    for visible in [
        "Готово",
        "🎉",
        "👩",
        "💻",
        "❤",
        "αβγΩ",
        "٠١٢٣",
        "→",
        "⇒",
        "∑∞≠",
        "★",
        "✓",
        "😀",
    ] {
        assert!(text.contains(visible), "{visible:?} missing from:\n{text}");
    }
    // A code point no face has is a visible substitute, not a hole or an error.
    assert!(text.contains("\u{FFFD}конец"), "{text}");
    // Zero-width characters are not drawn (no .notdef box in their place).
    for invisible in ['\u{200d}', '\u{fe0f}', '\u{7}', '\u{1b}', '\u{202e}'] {
        assert!(!text.contains(invisible), "{invisible:?} in {text}");
    }
    let fonts = run("pdffonts", &[s(&path)]);
    for name in ["DejaVuSans", "NotoEmoji-Regular"] {
        let row = fonts
            .lines()
            .find(|l| l.contains(&format!("+{name}")))
            .unwrap_or_else(|| panic!("{name} not embedded:\n{fonts}"));
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
    }
    let check = run("qpdf", &["--check", s(&path)]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
}

/// A draft ТЗ carries «ПРОЕКТ» on every page; an approved one does not.
#[test]
fn a_draft_specification_is_watermarked_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut spec = samples::spec_ru();
    spec.draft = true;
    let path = write(
        dir.path(),
        "draft.pdf",
        &etap_documents::spec::render(&spec).unwrap(),
    );
    let n = pages(&path);
    assert!(n > 2);
    for page in 1..=n {
        assert!(text_of(&path, Some(page)).contains("ПРОЕКТ"), "page {page}");
    }
    let mut en = samples::spec_en();
    en.draft = true;
    let path = write(
        dir.path(),
        "draft-en.pdf",
        &etap_documents::spec::render(&en).unwrap(),
    );
    assert!(text_of(&path, Some(1)).contains("DRAFT"));
    let issued = write(
        dir.path(),
        "issued.pdf",
        &etap_documents::spec::render(&samples::spec_ru()).unwrap(),
    );
    assert!(!text_of(&issued, None).contains("ПРОЕКТ"));
}

/// Issue 9: inner quotes print as „лапки“; stored text keeps what was typed.
#[test]
fn nested_quotes_print_as_lapki() {
    let mut sec = Section::new("Кавычки");
    sec.content.push(Content::Para(
        "Разработать «Модуль «Учёт заявок»» и кнопку \"Сохранить\".".into(),
    ));
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "quotes.pdf",
        &etap_documents::spec::render(&spec_with(vec![sec])).unwrap(),
    );
    let text = text_of(&path, None);
    assert!(text.contains("«Модуль „Учёт заявок“»"), "{text}");
    assert!(text.contains("кнопку «Сохранить»"), "{text}");
}

/// Issue 9: «10 000 000», «ГОСТ Р 34.10-2012», «№ 5», «§ 4» never break across lines,
/// wherever they fall in a narrow column.
#[test]
fn numbers_and_standards_are_never_split_across_lines() {
    use etap_documents::layout::{Block, Para, ParaStyle, Span};
    let bound = ["10 000 000 ₽", "ГОСТ Р 34.10-2012", "№ 5", "§ 4"];
    for width in [100.0, 115.0, 130.0, 160.0, 200.0] {
        for lead in ["", "а ", "Сумма ", "по договору "] {
            let text =
                format!("{lead}Цена 10 000 000 ₽ по ГОСТ Р 34.10-2012, пункт № 5 и § 4 договора.");
            let mut geom = Geometry::a4();
            geom.left = 72.0;
            geom.right = geom.width - 72.0 - width;
            let block = Block::Para(Para::new(
                vec![Span::new(text.clone(), Face::Serif)],
                ParaStyle::body(10.0),
            ));
            let laid = layout::layout(&[block], &geom);
            // The text of each line (runs of one baseline joined).
            let mut lines: Vec<(f32, String)> = Vec::new();
            for d in &laid.pages[0].draws {
                if let Draw::Text { pieces, y, .. } = d {
                    let mut run = String::new();
                    for p in pieces {
                        match p {
                            Piece::Text(t) => run.push_str(t),
                            Piece::Gap(_) => run.push(' '),
                        }
                    }
                    let run = run.replace('\u{a0}', " ").replace('\u{2011}', "-");
                    match lines.iter_mut().find(|(ly, _)| (ly - y).abs() < 0.01) {
                        Some((_, line)) => line.push_str(&run),
                        None => lines.push((*y, run)),
                    }
                }
            }
            let lines: Vec<String> = lines.into_iter().map(|(_, l)| l).collect();
            for b in bound {
                assert!(
                    lines.iter().any(|l| l.contains(b)),
                    "{b:?} split at width {width}: {lines:?}"
                );
            }
        }
    }
}

#[test]
fn the_same_model_gives_the_same_bytes() {
    // The document register stores each issued file's SHA-256; re-rendering a document
    // must reproduce it exactly (no random ids, no clock).
    let a = etap_documents::act::render(&samples::act(Lang::Ru)).unwrap();
    let b = etap_documents::act::render(&samples::act(Lang::Ru)).unwrap();
    assert!(a == b, "two renderings of the act differ");
    let spec = samples::spec_en();
    let c = etap_documents::spec::render(&spec).unwrap();
    let d = etap_documents::spec::render(&spec).unwrap();
    assert!(c == d, "two renderings of the specification differ");
}

/// The app's templates (`etap_domain::spec_templates`, the one set) as the engine
/// renders them: each section with a paragraph, subsections under it.
fn skeleton(t: etap_domain::spec_templates::Template, lang: Lang) -> Vec<Section> {
    fn sections(s: &[etap_domain::spec::SpecSection]) -> Vec<Section> {
        s.iter()
            .map(|x| {
                let mut out = Section::new(x.title.clone());
                out.content
                    .push(Content::Para("Содержание раздела / Section text.".into()));
                out.children = sections(&x.children);
                out
            })
            .collect()
    }
    sections(&t.skeleton(lang).sections)
}

#[test]
fn every_template_skeleton_renders_in_both_languages() {
    use etap_domain::spec_templates::Template;
    let dir = tempfile::tempdir().unwrap();
    for t in Template::ALL {
        for lang in [Lang::Ru, Lang::En] {
            let mut spec = samples::spec_ru();
            spec.lang = lang;
            spec.sections = skeleton(t, lang);
            let pdf = etap_documents::spec::render(&spec).unwrap();
            let path = write(dir.path(), &format!("{t:?}-{lang:?}.pdf"), &pdf);
            assert!(run("qpdf", &["--check", s(&path)]).contains("No syntax"));
            let text = text_of(&path, None);
            let first = &t.skeleton(lang).sections[0].title;
            assert!(text.contains(first.as_str()), "{t:?} {lang:?}: {first}");
        }
    }
    // ГОСТ 34.602-2020's ten sections all reach the table of contents.
    let mut spec = samples::spec_ru();
    spec.sections = skeleton(Template::Gost34_602, Lang::Ru);
    let pdf = etap_documents::spec::render(&spec).unwrap();
    let path = write(dir.path(), "gost.pdf", &pdf);
    let toc = text_of(&path, Some(2));
    assert!(toc.contains("1 Общие положения"), "{toc}");
    assert!(toc.contains("10 Источники разработки"), "{toc}");
}

#[test]
fn odd_input_gives_a_valid_document_not_a_panic() {
    // Empty sections, blank and whitespace-only text, forced line breaks, tabs, an act
    // with no items: each must still come out as a valid PDF.
    let mut empty = Section::new("");
    empty.content.push(Content::Para(String::new()));
    empty.content.push(Content::Para(" \t \n\n ".into()));
    empty
        .content
        .push(Content::Bullets(vec![String::new().into(), "\n".into()]));
    empty.content.push(Content::Requirements(Vec::new()));
    empty.content.push(Content::Requirements(vec![Requirement {
        id: String::new(),
        text: "строка\nвторая строка\n\nпосле пустой".into(),
        priority: Priority::Could,
        acceptance: "\t".into(),
    }]));
    let mut deep = Section::new("Глубоко");
    let mut level = Section::new("Уровень 2");
    level.children.push(Section::new("Уровень 3"));
    deep.children.push(level);
    let dir = tempfile::tempdir().unwrap();
    let pdf = etap_documents::spec::render(&spec_with(vec![empty, deep])).unwrap();
    let path = write(dir.path(), "odd.pdf", &pdf);
    assert!(run("qpdf", &["--check", s(&path)]).contains("No syntax"));
    let pdf = etap_documents::spec::render(&spec_with(Vec::new())).unwrap();
    let path = write(dir.path(), "none.pdf", &pdf);
    assert!(run("qpdf", &["--check", s(&path)]).contains("No syntax"));
    let mut act = samples::act(Lang::Ru);
    act.items.clear();
    act.totals = etap_domain::billing::totals(act.currency, [], &act.vat).unwrap();
    let pdf = etap_documents::act::render(&act).unwrap();
    let path = write(dir.path(), "act.pdf", &pdf);
    assert!(text_of(&path, None).contains("Ноль рублей 00 копеек"));
}

#[test]
fn a_table_row_taller_than_a_page_flows_on_instead_of_running_off_it() {
    let long = "Критерий приёмки, расписанный очень подробно, на много строк. ".repeat(120);
    let mut sec = Section::new("Огромное требование");
    sec.content.push(Content::Requirements(vec![Requirement {
        id: "R-1".into(),
        text: "Короткое требование.".into(),
        priority: Priority::Must,
        acceptance: long,
    }]));
    let pdf = etap_documents::spec::render(&spec_with(vec![sec])).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "tall.pdf", &pdf);
    let geom = Geometry::a4();
    let bottom = geom.height - geom.bottom + 0.5;
    let n = pages(&path);
    assert!(n >= 5, "{n} pages");
    let bbox = run("pdftotext", &["-bbox", s(&path), "-"]);
    for line in bbox.lines().filter(|l| l.contains("<word ")) {
        let key = "yMax=\"";
        let start = line.find(key).unwrap() + key.len();
        let end = start + line[start..].find('"').unwrap();
        let y: f32 = line[start..end].parse().unwrap();
        // The running footer sits 10 mm under the frame; anything else below the
        // frame (or off the page) is an overflow.
        let footer = y > bottom + 15.0 && y < bottom + 35.0;
        assert!(footer || y <= bottom, "below the bottom margin: {line}");
    }
    for p in 4..=n {
        assert!(text_of(&path, Some(p)).contains("ID Требование Приоритет Критерий приёмки"));
    }
}

/// Where a word is drawn on the laid-out pages: (page, x, baseline y).
fn position_of(laid: &layout::Laid, word: &str) -> Option<(usize, f32, f32)> {
    laid.pages.iter().enumerate().find_map(|(n, page)| {
        page.draws.iter().find_map(|d| match d {
            Draw::Text { x, y, pieces, .. }
                if pieces
                    .iter()
                    .any(|p| matches!(p, Piece::Text(t) if t.contains(word))) =>
            {
                Some((n, *x, *y))
            }
            _ => None,
        })
    })
}

/// Issue «The ТЗ's Markdown keeps its structure»: a table typed in Markdown got equal
/// columns, so an ID column took half the page while the text beside it hyphenated
/// every line. Columns are now as wide as their content asks.
#[test]
fn a_markdown_table_sizes_its_columns_by_their_content() {
    let mut sec = Section::new("Таблица");
    let long = "Система принимает заявку дилера, проверяет остатки на складе, резервирует товар и уведомляет менеджера о новой заявке по электронной почте.";
    sec.content.push(Content::Table(vec![
        vec!["ID".into(), "Описание".into()],
        vec!["ТР-1".into(), long.into()],
        vec!["ТР-2".into(), "Короткое описание.".into()],
    ]));
    let (laid, _) = etap_documents::spec::lay_out(&spec_with(vec![sec]), &Geometry::a4());
    let width = Geometry::a4().text_width();
    let (_, id_x, _) = position_of(&laid, "ТР-1").unwrap();
    let (_, text_x, _) = position_of(&laid, "Система").unwrap();
    assert!(
        text_x - id_x < width * 0.25,
        "the ID column takes {} of {width} pt",
        text_x - id_x
    );
    // The long text then needs few lines: no hyphen at the end of any of them.
    let hyphenated = laid
        .pages
        .iter()
        .flat_map(|p| &p.draws)
        .filter(|d| matches!(d, Draw::Text { pieces, .. } if pieces.iter().any(|p| matches!(p, Piece::Text(t) if t.ends_with('-')))))
        .count();
    assert_eq!(hyphenated, 0);
}

/// Inline code is set without its backticks, is never hyphenated, and breaks only
/// after `_`, `.`, `/` or `-` (a reader then sees where it was cut).
#[test]
fn inline_code_breaks_only_at_its_separators_and_is_never_hyphenated() {
    let code = Run {
        code: true,
        ..Run::plain("")
    };
    // Plain words the text hyphenation would break («synchroniza-tion»), and paths
    // that may break only at their separators.
    let identifiers: Vec<String> = (0..24)
        .map(|i| match i % 3 {
            0 => "synchronization".to_string(),
            1 => format!("configuration{i}.authentication"),
            // Longer than a line: it must be cut somewhere.
            _ => format!(
                "environment_{i}/database.connection-settings/{}",
                "replica_set.primary-node/".repeat(4)
            ),
        })
        .collect();
    let mut runs = Vec::new();
    for (i, id) in identifiers.iter().enumerate() {
        runs.push(Run::plain(format!(
            "Параметр{} {i} задаётся в ",
            " номер".repeat(i % 4)
        )));
        runs.push(Run {
            text: id.clone(),
            ..code.clone()
        });
        runs.push(Run::plain(", значение описано ниже. "));
    }
    let mut sec = Section::new("Код");
    sec.content.push(Content::Styled(Inline(runs)));
    let (laid, _) = etap_documents::spec::lay_out(&spec_with(vec![sec]), &Geometry::a4());
    // The code is the Latin text in the sans face on the body's pages (footers and
    // the title page's sans lines are in Russian).
    let mut code_pieces = Vec::new();
    for page in laid
        .pages
        .iter()
        .filter(|p| page_text(p).contains("Параметр"))
    {
        for d in &page.draws {
            if let Draw::Text { face, pieces, .. } = d {
                for p in pieces {
                    match p {
                        Piece::Text(t) if *face == Face::Sans && t.is_ascii() => {
                            code_pieces.push(t.clone())
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    let all: String = code_pieces.concat();
    assert!(
        all.contains("database"),
        "code is set in its own face: {code_pieces:?}"
    );
    assert!(!all.contains('`'));
    // Put back together, the pieces are the identifiers exactly: no hyphen added.
    assert_eq!(all, identifiers.concat());
    // A piece that is not a whole identifier was cut at a line end: right after a
    // separator.
    let cut: Vec<_> = code_pieces
        .iter()
        .filter(|p| !identifiers.iter().any(|id| id.ends_with(p.as_str())))
        .collect();
    assert!(
        !cut.is_empty(),
        "some identifier was broken: {code_pieces:?}"
    );
    for p in cut {
        assert!(
            p.ends_with(['_', '.', '/', '-']),
            "code cut elsewhere than at a separator: {p:?}"
        );
    }
}

/// Inline code is printed as typed: the Russian quote rule of the paragraph around it
/// («кавычки», „лапки“) and the no-break binding leave it alone.
#[test]
fn inline_code_keeps_its_straight_quotes_while_the_text_beside_it_gets_russian_ones() {
    let mut sec = Section::new("Код");
    sec.content.push(Content::Styled(Inline(vec![
        Run::plain("Ключ \"режим\" задаётся как "),
        Run {
            text: "\"fast\"".into(),
            code: true,
            ..Run::plain("")
        },
        Run::plain("."),
    ])));
    let (laid, _) = etap_documents::spec::lay_out(&spec_with(vec![sec]), &Geometry::a4());
    let text: String = laid.pages.iter().map(page_text).collect();
    assert!(text.contains("«режим»"), "{text}");
    assert!(
        text.contains("\"fast\"") && !text.contains("«fast»"),
        "{text}"
    );
}

/// Issue 10: the КП printed totals it recomputed from its lines; it prints the figures
/// the estimate computed (`estimate::totals`), whatever its lines add up to.
#[test]
fn the_proposal_prints_the_estimates_totals_not_its_own_sums() {
    use etap_domain::money::{Currency, Money};
    let dir = tempfile::tempdir().unwrap();
    let mut kp = samples::proposal(Lang::Ru);
    let rub = |s: &str| Money::parse(s, Currency::Rub).unwrap();
    kp.totals.subtotal = rub("777777.77");
    kp.totals.net = rub("777777.77");
    kp.totals.total = rub("777777.77");
    let path = write(
        dir.path(),
        "kp.pdf",
        &etap_documents::proposal::render(&kp).unwrap(),
    );
    let text = text_of(&path, None);
    assert!(text.contains("777 777,77 ₽"), "{text}");
    assert!(
        text.contains("Семьсот семьдесят семь тысяч семьсот семьдесят семь рублей 77 копеек"),
        "{text}"
    );
}

/// The display list's text of a page, whitespace removed.
fn display_text(p: &etap_documents::display::PageDisplay) -> String {
    p.texts
        .iter()
        .flat_map(|t| t.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Issue 13: the pages view draws exactly the PDF's pages — for every page of the
/// 20-page sample (a draft, watermarked) and of the English one, the display list holds
/// the text pdftotext reads from that page of the rendered PDF, in the same order, and
/// the page count is the PDF's.
#[test]
fn the_pages_view_holds_the_text_of_every_pdf_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut ru = samples::spec_ru();
    ru.draft = true;
    for (name, spec) in [("ru", ru), ("en", samples::spec_en())] {
        let path = write(
            dir.path(),
            &format!("{name}.pdf"),
            &etap_documents::spec::render(&spec).unwrap(),
        );
        let (laid, _, geom) = etap_documents::spec::printed(&spec);
        let all: Vec<usize> = (1..=laid.pages.len()).collect();
        let view = etap_documents::display::view(&laid, &geom, None, Vec::new(), &all);
        assert_eq!(view.count, pages(&path), "{name}");
        assert_eq!(view.pages.len(), view.count);
        assert!(view.count >= 10, "{name}: {} pages", view.count);
        for p in &view.pages {
            let n = p.number.to_string();
            let pdf: String = run("pdftotext", &["-raw", "-f", &n, "-l", &n, s(&path), "-"])
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            assert_eq!(display_text(p), pdf, "{name}, page {n}");
            for t in &p.texts {
                assert!(t.x >= 0.0 && t.x + t.width <= view.width && t.y <= view.height);
            }
        }
    }
}

/// Issue 13: a requirements table that continues onto the next page shows its header
/// again there in the pages view, as the PDF does.
#[test]
fn the_pages_view_repeats_a_continued_tables_header() {
    let mut sec = Section::new("Требования");
    sec.content.push(Content::Requirements(
        (1..=40)
            .map(|i| Requirement {
                id: format!("R-{i}"),
                text: format!("Требование номер {i}, сформулированное достаточно подробно, чтобы занять две строки."),
                priority: Priority::Should,
                acceptance: "Проверяется испытанием по методике.".into(),
            })
            .collect(),
    ));
    let (laid, _, geom) = etap_documents::spec::printed(&spec_with(vec![sec]));
    assert!(laid.pages.len() >= 4, "{} pages", laid.pages.len());
    // Pages 3.. hold the table (1: title, 2: contents).
    for n in 3..=laid.pages.len() {
        let page = etap_documents::display::page(&laid, &geom, n).unwrap();
        let text = display_text(&page);
        assert!(
            text.contains("IDТребованиеПриоритетКритерийприёмки"),
            "page {n} lacks the header: {text}"
        );
        // The header row is shaded, as printed.
        assert!(page.fills.iter().any(|f| f.gray < 1.0), "page {n}");
    }
}
