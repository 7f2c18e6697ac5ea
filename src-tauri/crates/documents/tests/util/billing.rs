//! The documents that charge a client — a stage's акт, its счёт with the payment QR
//! code, the final акт — read back with pdftotext, and the QR code decoded from the
//! rendered page.

use std::path::Path;
use std::process::Command;

use etap_documents::layout::{self, Draw, Geometry};
use etap_documents::samples;
use etap_domain::billing;
use etap_domain::money::{Currency, Money, VatMode};
use etap_domain::text::Lang;

use super::{run, s, text_of, write};

fn exempt() -> VatMode {
    VatMode::Exempt {
        reason: "НДС не облагается в связи с применением упрощённой системы налогообложения (ст.\u{a0}346.11 НК\u{a0}РФ)".into(),
    }
}

#[test]
fn a_stage_act_prints_its_lines_totals_words_code_and_acceptance() {
    let dir = tempfile::tempdir().unwrap();
    let act = samples::act(Lang::Ru);
    let pdf = write(
        dir.path(),
        "act.pdf",
        &etap_documents::act::render(&act).unwrap(),
    );
    let text = text_of(&pdf, None);
    for expected in [
        "АКТ № А-2026-007",
        "по договору № 14/2026 от 01.03.2026",
        "и техническому заданию ТЗ-2026-014, версия 1.2 от 14.04.2026",
        "Этап 2 — ядро и хранение данных",
        // A line: its requirement IDs, its name, its amount.
        "ФТ-1.1, ФТ-1.2. Проектирование жизненного цикла",
        "224 000,00 ₽",
        "Итого: 928 750,00 ₽",
        "НДС 20 %: 185 750,00 ₽",
        "Всего к оплате: 1 114 500,00 ₽",
        "Один миллион сто четырнадцать тысяч пятьсот рублей 00 копеек, в том числе НДС 20 % — 185 750,00 ₽",
        "зафиксирован в репозитории: 3f9c2ab71e0d4c58a6b2e9f1d07c4a3b5e6f8d90",
        "Этап принят Заказчиком 24.11.2026.",
        "26 ноября 2026 г.",
    ] {
        assert!(text.contains(expected), "act lacks «{expected}»:\n{text}");
    }
    let en = samples::act(Lang::En);
    let pdf = write(
        dir.path(),
        "act-en.pdf",
        &etap_documents::act::render(&en).unwrap(),
    );
    let text = text_of(&pdf, None);
    for expected in [
        "and specification ТЗ-2026-014, version 1.2 of 14 April 2026",
        "frozen in the repository at 3f9c2ab71e0d4c58a6b2e9f1d07c4a3b5e6f8d90",
        "accepted by the Customer on 24 November 2026.",
        "Total due: RUB 1,114,500.00",
    ] {
        assert!(text.contains(expected), "act lacks «{expected}»:\n{text}");
    }
}

#[test]
fn an_edited_stage_price_prints_as_services_that_add_up_to_it() {
    // The stage's price was agreed at 1 000 000 ₽ instead of the 928 750 ₽ its estimate
    // items add up to: the domain spreads it over the lines, one service each, and the
    // PDF prints those figures, never price × quantity of its own.
    let mut act = samples::act(Lang::Ru);
    let rub = |s: &str| Money::parse(s, Currency::Rub).unwrap();
    let work: Vec<billing::WorkLine> = act
        .items
        .iter()
        .map(|i| billing::WorkLine {
            code: i.code.clone(),
            title: i.name.clone(),
            hours: i.quantity,
            rate: i.price.amount(),
        })
        .collect();
    let lines = billing::stage_lines(rub("1000000"), &work).unwrap();
    act.items = lines
        .iter()
        .map(|l| etap_documents::ActItem::from_billed(l, Lang::Ru))
        .collect();
    act.vat = exempt();
    act.totals = billing::totals(Currency::Rub, lines.iter().map(|l| &l.amount), &act.vat).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(
        dir.path(),
        "act.pdf",
        &etap_documents::act::render(&act).unwrap(),
    );
    let text = text_of(&pdf, None);
    // 224 000 of 928 750 is 241 184,39 of 1 000 000: one service at that price.
    assert!(
        text.contains("ФТ-1.1, ФТ-1.2. Проектирование жизненного цикла проекта и структуры базы данных усл. 1 241 184,39 ₽ 241 184,39 ₽"),
        "{text}"
    );
    assert!(text.contains("Итого: 1 000 000,00 ₽"), "{text}");
    assert!(text.contains("Без НДС: —"), "{text}");
    assert!(text.contains("Всего к оплате: 1 000 000,00 ₽"), "{text}");
    assert!(
        text.contains("Один миллион рублей 00 копеек. НДС не облагается: НДС не облагается в связи с применением упрощённой системы"),
        "{text}"
    );
}

#[test]
fn the_invoice_prints_bank_requisites_lines_totals_words_and_purpose() {
    let dir = tempfile::tempdir().unwrap();
    let inv = samples::invoice(Lang::Ru);
    let pdf = write(
        dir.path(),
        "invoice.pdf",
        &etap_documents::invoice::render(&inv).unwrap(),
    );
    let text = text_of(&pdf, None);
    for expected in [
        "Банк получателя ПАО Сбербанк",
        "БИК Сч. № 044525225 30101810400000000225",
        "ИНН 7701234567 КПП 770101001 Получатель ООО «Этап Софт» Сч. № 40702810938000012345",
        "Счёт на оплату № С-2026-007 от 26 ноября 2026 г.",
        "Исполнитель: ООО «Этап Софт», ИНН 7701234567, КПП 770101001",
        "Заказчик: ООО «Северный ветер», ИНН 7812345678",
        "Основание: Договор № 14/2026 от 01.03.2026; акт сдачи-приёмки № А-2026-007 от 26.11.2026",
        "ФТ-1.3. Разработка ядра",
        "НДС 20 %: 185 750,00 ₽",
        "Всего к оплате: 1 114 500,00 ₽",
        "Всего наименований 5, на сумму 1 114 500,00 ₽: Один миллион сто четырнадцать тысяч пятьсот рублей 00 копеек, в том числе НДС 20 % — 185 750,00 ₽.",
        "Назначение платежа: Оплата по счёту № С-2026-007 от 26.11.2026 за этап 2",
        "Оплатить до 7 декабря 2026 г.",
        "Для оплаты отсканируйте QR-код в приложении банка",
        "А. П. Кузнецов",
    ] {
        assert!(text.contains(expected), "invoice lacks «{expected}»:\n{text}");
    }
    // Without VAT: «Без НДС» and the reason from the provider profile.
    let mut free = samples::invoice(Lang::Ru);
    free.vat = exempt();
    free.totals = billing::totals(
        Currency::Rub,
        free.items.iter().map(|i| &i.amount),
        &free.vat,
    )
    .unwrap();
    free.purpose = etap_domain::payment_qr::purpose(
        &free.number,
        free.date,
        "за этап 2",
        &free.vat,
        free.totals.vat,
    );
    free.payment_qr = etap_domain::payment_qr::payment_string(
        &samples::contractor_requisites(),
        free.totals.gross,
        &free.purpose,
    );
    let pdf = write(
        dir.path(),
        "free.pdf",
        &etap_documents::invoice::render(&free).unwrap(),
    );
    let text = text_of(&pdf, None);
    assert!(text.contains("Без НДС: —"), "{text}");
    assert!(text.contains("Всего к оплате: 928 750,00 ₽"), "{text}");
    assert!(
        text.contains("Назначение платежа: Оплата по счёту № С-2026-007 от 26.11.2026 за этап 2, НДС не облагается"),
        "{text}"
    );
    assert!(
        text.contains("Девятьсот двадцать восемь тысяч семьсот пятьдесят рублей 00 копеек. НДС не облагается: НДС не облагается в связи с применением упрощённой системы налогообложения (ст. 346.11 НК РФ)."),
        "{text}"
    );
    let en = samples::invoice(Lang::En);
    let pdf = write(
        dir.path(),
        "invoice-en.pdf",
        &etap_documents::invoice::render(&en).unwrap(),
    );
    let text = text_of(&pdf, None);
    assert!(
        text.contains("Invoice No. С-2026-007 of 26 November 2026"),
        "{text}"
    );
    assert!(text.contains("Please pay by 7 December 2026."), "{text}");
}

#[test]
fn the_final_act_lists_every_stage_with_its_act_and_amount_and_the_totals() {
    let dir = tempfile::tempdir().unwrap();
    let fa = samples::final_act(Lang::Ru);
    let pdf = write(
        dir.path(),
        "final.pdf",
        &etap_documents::final_act::render(&fa).unwrap(),
    );
    let text = text_of(&pdf, None);
    for expected in [
        "ИТОГОВЫЙ АКТ № А-2026-012",
        "по договору № 14/2026 от 01.03.2026",
        "Этап 1 — анализ требований и прототип интерфейса № А-2026-003 от 14.08.2026 312 480,50 ₽",
        "Этап 2 — ядро и хранение данных № А-2026-007 от 26.11.2026 928 750,00 ₽",
        "№ А-2026-011 от 18.12.2026 186 000,00 ₽",
        "Итого: 1 427 230,50 ₽",
        // The stages' own VAT added up (62 496,10 + 185 750,00 + 37 200,00).
        "НДС 20 %: 285 446,10 ₽",
        "Всего по договору: 1 712 676,60 ₽",
        "Один миллион семьсот двенадцать тысяч шестьсот семьдесят шесть рублей 60 копеек, в том числе НДС 20 % — 285 446,10 ₽.",
        "21 декабря 2026 г.",
        "М. П.",
    ] {
        assert!(text.contains(expected), "final act lacks «{expected}»:\n{text}");
    }
    let en = samples::final_act(Lang::En);
    let pdf = write(
        dir.path(),
        "final-en.pdf",
        &etap_documents::final_act::render(&en).unwrap(),
    );
    let text = text_of(&pdf, None);
    assert!(text.contains("Contract total: RUB 1,712,676.60"), "{text}");
    assert!(text.contains("No. А-2026-003 of 14.08.2026"), "{text}");
}

/// Where the invoice's QR code lies on page 1, in points from the page's top-left:
/// the box of its black modules as the layout placed them.
fn qr_box(inv: &etap_documents::Invoice) -> Option<(f32, f32, f32, f32)> {
    let geom = Geometry::a4();
    let laid = layout::layout(&etap_documents::invoice::blocks(inv).unwrap(), &geom);
    let mut bbox: Option<(f32, f32, f32, f32)> = None;
    for d in &laid.pages[0].draws {
        if let Draw::Fill { x, y, w, h, gray } = d {
            if *gray == 0.0 {
                let (x0, y0, x1, y1) = bbox.unwrap_or((f32::MAX, f32::MAX, 0.0, 0.0));
                bbox = Some((x0.min(*x), y0.min(*y), x1.max(x + w), y1.max(y + h)));
            }
        }
    }
    bbox.map(|(x0, y0, x1, y1)| (geom.left + x0, geom.top + y0, x1 - x0, y1 - y0))
}

/// Renders page 1 at `dpi` in grey, takes the square around `area` with a white margin
/// (as a phone's camera frames the code) and decodes every QR code in it.
fn qr_codes_on_page(pdf: &Path, dpi: u32, area: (f32, f32, f32, f32)) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let stem = dir.path().join("page");
    let px = |pt: f32| ((pt * dpi as f32 / 72.0).round() as i64).to_string();
    let margin = 12.0;
    let (x, y, w, h) = area;
    let ok = Command::new("pdftoppm")
        .args([
            "-r",
            &dpi.to_string(),
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
        ])
        .args(["-x", &px(x - margin), "-y", &px(y - margin)])
        .args(["-W", &px(w + 2.0 * margin), "-H", &px(h + 2.0 * margin)])
        .arg(pdf)
        .arg(&stem)
        .status()
        .expect("pdftoppm is required")
        .success();
    assert!(ok);
    let file = std::fs::File::open(stem.with_extension("png")).unwrap();
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let (w, h) = (info.width as usize, info.height as usize);
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[(y * w + x) * channels]);
    img.detect_grids()
        .into_iter()
        .map(|g| g.decode().expect("the QR code decodes").1)
        .collect()
}

#[test]
fn the_invoices_qr_code_decodes_to_the_domains_payment_string() {
    let dir = tempfile::tempdir().unwrap();
    let inv = samples::invoice(Lang::Ru);
    let expected = etap_domain::payment_qr::payment_string(
        &samples::contractor_requisites(),
        inv.totals.gross,
        &inv.purpose,
    )
    .unwrap();
    assert_eq!(inv.payment_qr.as_deref(), Some(expected.as_str()));
    assert!(expected.starts_with("ST00012|Name=ООО «Этап Софт»|PersonalAcc=40702810938000012345|BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225|Sum=111450000|Purpose=Оплата по счёту"));
    let pdf = write(
        dir.path(),
        "invoice.pdf",
        &etap_documents::invoice::render(&inv).unwrap(),
    );
    // At print resolution and at a coarser one (4 pixels a module).
    let area = qr_box(&inv).expect("the invoice has a QR code");
    // About 43 mm: large enough for a phone held at arm's length.
    assert!((100.0..140.0).contains(&area.2), "{area:?}");
    for dpi in [300, 200] {
        assert_eq!(
            qr_codes_on_page(&pdf, dpi, area),
            vec![expected.clone()],
            "at {dpi} dpi"
        );
    }
    // Vector paths, not a picture: the file has no image at all.
    let images = run("pdfimages", &["-list", s(&pdf)]);
    assert_eq!(images.lines().count(), 2, "{images}");
    // No roubles, no QR code (the standard's Sum is kopecks).
    let mut usd = samples::invoice(Lang::En);
    usd.payment_qr = None;
    let pdf = write(
        dir.path(),
        "usd.pdf",
        &etap_documents::invoice::render(&usd).unwrap(),
    );
    assert_eq!(qr_box(&usd), None);
    assert!(!text_of(&pdf, None).contains("QR"));
}

#[test]
fn a_sole_proprietors_invoice_without_vat_keeps_its_qr_code_beside_the_purpose_on_one_page() {
    // The QR code under the purpose made the closing group too tall: it went to a
    // second page alone with the signature. Beside the purpose it fits.
    let mut inv = samples::invoice(Lang::Ru);
    inv.payee.kpp.clear();
    inv.payee.name = "ИП Морозова Ольга Викторовна".into();
    inv.payee.position = "Индивидуальный предприниматель".into();
    inv.payee.signatory = "Морозова Ольга Викторовна".into();
    inv.vat = exempt();
    inv.totals =
        billing::totals(Currency::Rub, inv.items.iter().map(|i| &i.amount), &inv.vat).unwrap();
    inv.purpose = etap_domain::payment_qr::purpose(
        &inv.number,
        inv.date,
        "за этап 2",
        &inv.vat,
        inv.totals.vat,
    );
    // A QR code made for other figures is refused, not printed beside this total.
    assert!(matches!(
        etap_documents::invoice::render(&inv),
        Err(etap_documents::DocumentError::Inconsistent(_))
    ));
    let mut req = samples::contractor_requisites();
    req.kpp.clear();
    req.legal_name = inv.payee.name.clone();
    inv.payment_qr = etap_domain::payment_qr::payment_string(&req, inv.totals.gross, &inv.purpose);
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(
        dir.path(),
        "ip.pdf",
        &etap_documents::invoice::render(&inv).unwrap(),
    );
    assert_eq!(super::pages(&pdf), 1);
    let text = text_of(&pdf, None);
    assert!(
        text.contains("ИНН 7701234567 Получатель ИП Морозова Ольга Викторовна"),
        "{text}"
    );
    assert!(!text.contains("КПП 770101001"), "{text}");
    let area = qr_box(&inv).unwrap();
    let decoded = qr_codes_on_page(&pdf, 300, area);
    assert_eq!(decoded.len(), 1);
    assert!(
        decoded[0].ends_with("|PayeeINN=7701234567"),
        "{}",
        decoded[0]
    );
    assert!(decoded[0].contains("|Sum=92875000|"), "{}", decoded[0]);
}
