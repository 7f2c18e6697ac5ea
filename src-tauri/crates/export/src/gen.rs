//! Data at scale: `etap gen-data --projects N` fills a database with a studio's years
//! of work — Russian and English projects over ten years, every loop of the lifecycle,
//! ТЗ versions with many requirements, bugs, and issued documents — through the same
//! `Store` methods and the same issue path the window uses, so every guard, freeze and
//! register rule applies. The same seed makes the same records (the store still stamps
//! transitions and register entries with the time they were made: nothing is back-dated).
//!
//! Each project's records are written in one transaction ([`Store::batch`]); each of
//! its documents is then issued as the window issues it (number, render, file, register).

use std::path::Path;

use etap_domain::deployment::{
    DbArchive, DeploymentPlan, SupportContact, SupportHandover, SwitchKind, TargetKind,
};
use etap_domain::development::{
    Acceptance, Adjustment, Bug, BugStatus, ChecklistItem, ItemStatus, RequirementCheck, Severity,
    WorkEntry,
};
use etap_domain::estimate::{EstimateItem, Hours};
use etap_domain::lifecycle::ActionKind;
use etap_domain::money::VatMode;
use etap_domain::party::Requisites;
use etap_domain::preparation::{QuestionStatus, Request, RequestSource, TeamMember};
use etap_domain::spec::{next_req_id, numbered, EmptySections, Priority, Requirement};
use etap_domain::spec_templates::Template;
use etap_domain::Lang;
use etap_storage::Store;
use rust_decimal::Decimal;

use crate::Result;

/// What one generation made.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Generated {
    pub projects: u64,
    pub transitions: u64,
    pub requirements: u64,
    pub bugs: u64,
    pub documents: u64,
}

/// Deterministic numbers from the seed (SplitMix64): the same seed, the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

struct Words {
    companies: &'static [&'static str],
    forms: &'static [&'static str],
    systems: &'static [&'static str],
    verbs: &'static [&'static str],
    objects: &'static [&'static str],
    details: &'static [&'static str],
    checks: &'static [&'static str],
    bugs: &'static [&'static str],
    people: &'static [&'static str],
    para: &'static [&'static str],
}

const RU: Words = Words {
    companies: &[
        "Северный ветер",
        "Ромашка",
        "Вектор",
        "Альфа-Логистик",
        "Сибирские сети",
        "Технопарк",
        "Мир окон",
        "Полюс",
        "Горизонт",
        "Лазурь",
        "Кедр",
        "Дельта-Строй",
        "Уральский хлеб",
        "Балтийская верфь",
        "Восток-Агро",
        "Медиагруппа «Прайм»",
    ],
    forms: &["ООО", "АО", "ИП", "ПАО"],
    systems: &[
        "CRM для отдела продаж",
        "Личный кабинет клиента",
        "Складской учёт",
        "Портал поставщиков",
        "Интеграция с 1С",
        "Мобильное приложение курьера",
        "Система заявок",
        "Интернет-магазин",
        "Учёт рабочего времени",
        "Электронный документооборот",
        "Бронирование переговорных",
        "Аналитика продаж",
    ],
    verbs: &[
        "должна обеспечивать",
        "должна позволять",
        "должна выполнять",
        "должна поддерживать",
        "должна отображать",
        "должна сохранять",
    ],
    objects: &[
        "выгрузку заказов",
        "поиск клиентов",
        "печать счетов",
        "учёт остатков",
        "загрузку прайс-листов",
        "согласование договоров",
        "резервное копирование базы",
        "отправку уведомлений",
        "импорт контрагентов",
        "расчёт скидок",
        "формирование отчётов",
        "разграничение доступа по ролям",
    ],
    details: &[
        "по заданному фильтру",
        "в формате Excel",
        "за выбранный период",
        "с учётом скидок и акций",
        "не дольше двух секунд",
        "для каждого филиала",
        "с журналом изменений",
        "по расписанию каждую ночь",
    ],
    checks: &[
        "Проверяется на тестовой базе из 10 000 записей.",
        "Проверяется вручную по сценарию приёмки.",
        "Проверяется автоматическим тестом.",
        "Проверяется сверкой с данными 1С.",
    ],
    bugs: &[
        "Заказ не сохраняется без телефона",
        "Отчёт пустой за прошлый месяц",
        "Кнопка «Выгрузить» не отвечает",
        "Неверная сумма скидки",
        "Ошибка 500 при входе",
        "Дубли клиентов после импорта",
        "Письмо уходит дважды",
        "Дата сдвигается на день",
    ],
    people: &[
        "Анна Смирнова",
        "Иван Петров",
        "Мария Кузнецова",
        "Олег Соколов",
        "Елена Попова",
        "Дмитрий Волков",
    ],
    para: &[
        "Система предназначена для автоматизации работы отдела продаж и склада.",
        "Пользователи работают в браузере; мобильная версия открывается на телефоне.",
        "Обмен с учётной системой выполняется каждые пятнадцать минут.",
        "Персональные данные хранятся на серверах в Российской Федерации.",
        "Резервная копия базы данных создаётся ежедневно и хранится тридцать дней.",
    ],
};

const EN: Words = Words {
    companies: &[
        "Northwind",
        "Blue Harbor",
        "Vector Labs",
        "Greenfield Foods",
        "Atlas Freight",
        "Brightline Media",
        "Oakridge Clinics",
        "Summit Retail",
    ],
    forms: &["Ltd", "LLC", "Inc."],
    systems: &[
        "Sales CRM",
        "Customer portal",
        "Warehouse accounting",
        "Supplier portal",
        "Courier mobile app",
        "Help desk",
        "Online shop",
        "Time tracking",
    ],
    verbs: &[
        "shall provide",
        "shall allow",
        "shall support",
        "shall display",
        "shall store",
    ],
    objects: &[
        "order export",
        "customer search",
        "invoice printing",
        "stock levels",
        "price list import",
        "contract approval",
        "database backups",
        "notifications",
        "role-based access",
        "sales reports",
    ],
    details: &[
        "by a chosen filter",
        "as an Excel file",
        "for a chosen period",
        "within two seconds",
        "for every branch",
        "with a change log",
    ],
    checks: &[
        "Checked on a test database of 10,000 records.",
        "Checked by hand following the acceptance script.",
        "Checked by an automated test.",
    ],
    bugs: &[
        "Order not saved without a phone",
        "Report empty for last month",
        "Export button does nothing",
        "Wrong discount total",
        "Error 500 on sign-in",
        "Duplicate customers after import",
    ],
    people: &[
        "Anna Smith",
        "John Carter",
        "Mary Brown",
        "Oliver Green",
        "Emma Stone",
    ],
    para: &[
        "The system automates the work of the sales department and the warehouse.",
        "Users work in a browser; a mobile layout opens on a phone.",
        "Data is exchanged with the accounting system every fifteen minutes.",
        "A database backup is made daily and kept for thirty days.",
    ],
};

/// Valid ИНН of legal entities (check digits pass), reused across generated clients.
const INNS: &[&str] = &["7707083893", "7736207543", "7702070139", "7728168971"];

/// How far a project got.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reach {
    Request,
    Cancelled,
    Refused,
    Spec,
    Development,
    Delivered,
}

struct Plan {
    lang: Lang,
    year: i32,
    month: u32,
    reach: Reach,
    refusals: u32,
    requirements: u32,
    stages: u32,
    bugs: u32,
    spec_v2: bool,
}

fn date(year: i32, month: u32, day: u32) -> String {
    let m0 = month - 1;
    let (y, m) = (year + (m0 / 12) as i32, m0 % 12 + 1);
    format!("{y:04}-{m:02}-{:02}", day.clamp(1, 28))
}

/// Generates `projects` projects with `seed`; `progress` is told after each one.
pub fn generate(
    store: &mut Store,
    documents: &Path,
    projects: u64,
    seed: u64,
    mut progress: impl FnMut(u64),
) -> Result<Generated> {
    let mut rng = Rng(seed);
    let mut out = Generated::default();
    // The documents need a contractor: the sample company's, when the profile has none.
    let own = store.provider()?.profile;
    if own.requisites.legal_name.trim().is_empty() {
        let mut profile = own.clone();
        profile.requisites = etap_documents::samples::contractor_requisites();
        store.save_provider(&profile.draft())?;
    }
    for i in 0..projects {
        let roll = rng.below(100);
        let reach = match roll {
            0..=7 => Reach::Request,
            8..=14 => Reach::Cancelled,
            15..=22 => Reach::Refused,
            23..=32 => Reach::Spec,
            33..=52 => Reach::Development,
            _ => Reach::Delivered,
        };
        let plan = Plan {
            lang: if rng.chance(25) { Lang::En } else { Lang::Ru },
            // Spread over ten years, oldest first.
            year: 2016 + (i * 10 / projects.max(1)) as i32,
            month: 1 + rng.below(12) as u32,
            reach,
            refusals: if rng.chance(40) {
                1 + rng.below(2) as u32
            } else {
                0
            },
            requirements: 90 + rng.below(81) as u32,
            stages: 2 + rng.below(3) as u32,
            bugs: 20 + rng.below(41) as u32,
            spec_v2: rng.chance(35),
        };
        one_project(store, documents, &mut rng, &plan, &mut out)?;
        out.projects += 1;
        progress(i + 1);
    }
    Ok(out)
}

fn one_project(
    store: &mut Store,
    documents: &Path,
    rng: &mut Rng,
    plan: &Plan,
    out: &mut Generated,
) -> Result<()> {
    let w = match plan.lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    };
    let ru = plan.lang == Lang::Ru;
    let (y, m) = (plan.year, plan.month);
    let company = format!("{} {}", rng.pick(w.companies), 1 + rng.below(99));
    let client_name = if ru {
        format!("{} «{company}»", rng.pick(w.forms))
    } else {
        format!("{company} {}", rng.pick(w.forms))
    };
    let title = rng.pick(w.systems).to_string();
    let who = rng.pick(w.people).to_string();
    let approver = rng.pick(w.people).to_string();
    let inn = rng.pick(INNS).to_string();

    // The records, one transaction per project.
    let walked = store.batch(|store| -> Result<Walked> {
        let client = store.create_client(&client_name)?;
        store.save_client(
            client.id,
            &client_name,
            &Requisites {
                legal_name: client_name.clone(),
                inn: inn.clone(),
                kpp: "770701001".into(),
                address: if ru {
                    format!("г. Москва, ул. Садовая, д. {}", 1 + rng.below(90))
                } else {
                    format!("{} Harbour Street, London", 1 + rng.below(90))
                },
                signatory_name: approver.clone(),
                signatory_position: if ru { "Директор" } else { "Director" }.into(),
                ..Requisites::default()
            },
        )?;
        let p = store.create_project(client.id, &title)?.id;
        store.save_request(
            p,
            &Request {
                title: format!("{title}: {}", rng.pick(w.objects)),
                description: rng.pick(w.para).into(),
                source: [
                    RequestSource::Mail,
                    RequestSource::Call,
                    RequestSource::Meeting,
                ][rng.below(3) as usize],
                received_on: date(y, m, 3),
                desired_deadline: date(y, m + 6, 1),
                attachments: vec![],
            },
        )?;
        let mut walked = Walked {
            project: p,
            ..Walked::default()
        };
        if plan.reach == Reach::Request {
            return Ok(walked);
        }
        store.advance(p, ActionKind::StartClarification, rng.pick(w.para))?;
        let q = if ru {
            "Нужна ли интеграция с 1С?"
        } else {
            "Is an accounting integration needed?"
        };
        let c = store.add_question(p, q)?;
        let answer = if ru {
            "Да, обмен заказами"
        } else {
            "Yes, orders both ways"
        };
        store.save_question(c.questions[0].id, q, answer, QuestionStatus::Answered)?;
        if plan.reach == Reach::Cancelled {
            store.advance(
                p,
                ActionKind::Cancel,
                if ru {
                    "Клиент отложил проект"
                } else {
                    "The client put it off"
                },
            )?;
            return Ok(walked);
        }
        let items: Vec<(String, i64)> = (0..plan.stages)
            .map(|s| {
                (
                    format!("{} {}", rng.pick(w.objects), s + 1),
                    20 + rng.below(100) as i64,
                )
            })
            .collect();
        let estimate = |store: &mut Store| -> Result<()> {
            let mut e = store
                .estimate_card(p)?
                .current
                .map(|v| v.estimate)
                .ok_or_else(|| {
                    etap_storage::StorageError::Domain(etap_domain::DomainError::Refused(
                        etap_domain::lifecycle::estimate_frozen(),
                    ))
                })?;
            // Stage prices add up to the accepted offer's total: without VAT on top.
            e.vat = VatMode::Exempt {
                reason: if ru {
                    "УСН, ст. 346.11 НК РФ"
                } else {
                    "Simplified taxation, art. 346.11 of the Tax Code"
                }
                .into(),
            };
            if e.items.is_empty() {
                e.items = items
                    .iter()
                    .map(|(t, h)| EstimateItem {
                        id: 0,
                        key: 0,
                        title: t.clone(),
                        requirement: String::new(),
                        hours: Hours::Single {
                            hours: Decimal::from(*h),
                        },
                        rate: Decimal::from(2500),
                    })
                    .collect();
            }
            store.save_estimate(p, &e.draft())?;
            Ok(())
        };
        store.advance(p, ActionKind::RequestEstimate, "")?;
        estimate(store)?;
        store.advance(p, ActionKind::SendOffer, "")?;
        walked.proposal = true;
        let refusals = if plan.reach == Reach::Refused {
            plan.refusals.max(1)
        } else {
            plan.refusals
        };
        for r in 0..refusals {
            store.advance(
                p,
                ActionKind::RefuseOffer,
                if ru {
                    "Дорого, просим пересчитать"
                } else {
                    "Too expensive"
                },
            )?;
            if plan.reach == Reach::Refused && r + 1 == refusals {
                return Ok(walked);
            }
            store.advance(p, ActionKind::RequestEstimate, "")?;
            estimate(store)?;
            store.advance(p, ActionKind::SendOffer, "")?;
        }
        store.advance(p, ActionKind::AcceptOffer, "")?;

        // 1.5: the ТЗ, its requirements spread over the sections, each priced by the
        // estimate item of the stage that will deliver it.
        let keys: Vec<i64> = store
            .estimate_card(p)?
            .versions
            .last()
            .map(|v| v.estimate.items.iter().map(|i| i64::from(i.key)).collect())
            .unwrap_or_default();
        let template = [
            Template::Gost34_602,
            Template::Iso29148,
            Template::Freelancer,
        ][rng.below(3) as usize];
        let v = store.create_spec(p, template, plan.lang)?;
        let mut content = v.content.clone();
        let places: Vec<(u32, String)> = numbered(&content.sections)
            .into_iter()
            .map(|(n, s)| (s.key, n))
            .collect();
        fill_bodies(&mut content.sections, rng, w);
        let mut reqs = Vec::new();
        for r in 0..plan.requirements {
            let (key, number) = &places[rng.below(places.len() as u64) as usize];
            let id = next_req_id(&content, number, &Default::default());
            let stage = r % plan.stages;
            let text = format!(
                "{} {} {} {}.",
                if ru { "Система" } else { "The system" },
                rng.pick(w.verbs),
                rng.pick(w.objects),
                rng.pick(w.details)
            );
            if let Some(s) = etap_domain::spec::find_mut(&mut content.sections, *key) {
                s.requirements.push(Requirement {
                    id: id.clone(),
                    text,
                    priority: [Priority::Must, Priority::Should, Priority::Could]
                        [rng.below(3) as usize],
                    acceptance: rng.pick(w.checks).into(),
                    estimate_items: keys.get(stage as usize).copied().into_iter().collect(),
                });
            }
            reqs.push((id, stage + 1));
        }
        walked.requirements = reqs.len() as u64;
        store.save_spec(v.id, &content)?;
        walked.spec = Some(v.id);
        if plan.reach == Reach::Spec {
            return Ok(walked);
        }
        store.approve_spec(v.id, &approver)?;
        store.advance(p, ActionKind::ApproveSpecification, "")?;
        store.save_team_member(
            p,
            &TeamMember {
                id: 0,
                name: who.clone(),
                contact: "team@example.org".into(),
                devops: true,
                developer: true,
                tester: true,
            },
        )?;
        store.advance(p, ActionKind::HandOverToTeam, "")?;

        // 2.1 and 2.2
        for (t, _) in &items {
            store.add_stage(p, t)?;
        }
        for mut s in store.stage_plan(p)?.stages {
            s.planned_start = date(y, m + s.number, 1);
            s.planned_end = date(y, m + s.number, 25);
            store.save_planned_stage(p, &s)?;
        }
        for (r, stage) in &reqs {
            store.place_requirement(p, r, Some(*stage), "")?;
        }
        store.advance(p, ActionKind::ConfirmStagePlan, "")?;
        for mut item in store.environment(p)? {
            item.status = ItemStatus::Done;
            if item.credential {
                item.secret_location = "KeePass".into();
            }
            store.save_environment_item(p, &item)?;
        }
        store.advance(p, ActionKind::EnvironmentReady, "")?;

        // 2.3–2.6 for each stage; the project in development stops in its last stage.
        let last = if plan.reach == Reach::Development {
            1 + rng.below(u64::from(plan.stages)) as u32
        } else {
            plan.stages
        };
        let mut bugs_left = plan.bugs;
        for stage in 1..=last {
            let stage_reqs: Vec<String> = reqs
                .iter()
                .filter(|(_, s)| *s == stage)
                .map(|(r, _)| r.clone())
                .collect();
            let work = |store: &mut Store, day: u32, hours: i64| {
                store.log_work(
                    p,
                    &WorkEntry {
                        id: 0,
                        stage,
                        date: date(y, m + stage, day),
                        who: who.clone(),
                        hours: Decimal::from(hours),
                        reference: format!("feature/stage-{stage}"),
                        note: String::new(),
                    },
                )
            };
            work(store, 3, 8)?;
            work(store, 4, 6)?;
            store.advance(p, ActionKind::SubmitToTesting, "")?;
            if stage == last && plan.reach == Reach::Development {
                return Ok(walked);
            }
            // A round of bugs: reported, fixed, verified.
            let n = if stage == last {
                bugs_left
            } else {
                bugs_left.min(plan.bugs / plan.stages)
            };
            bugs_left -= n;
            if n > 0 {
                for b in 0..n {
                    store.save_bug(
                        p,
                        &Bug {
                            stage,
                            title: format!("{} ({})", rng.pick(w.bugs), b + 1),
                            steps: rng.pick(w.para).into(),
                            expected: rng.pick(w.checks).into(),
                            actual: rng.pick(w.bugs).into(),
                            severity: [Severity::Critical, Severity::Major, Severity::Minor]
                                [rng.below(3) as usize],
                            requirement: stage_reqs[rng.below(stage_reqs.len() as u64) as usize]
                                .clone(),
                            ..Bug::default()
                        },
                    )?;
                }
                walked.bugs += u64::from(n);
                store.advance(p, ActionKind::ReportBugs, rng.pick(w.bugs))?;
                work(store, 10, 5)?;
                let open: Vec<Bug> = store
                    .bugs(p)?
                    .into_iter()
                    .filter(|b| b.stage == stage)
                    .collect();
                for mut b in open.clone() {
                    b.status = BugStatus::Fixed;
                    store.save_bug(p, &b)?;
                }
                store.advance(p, ActionKind::SubmitToTesting, "")?;
                for mut b in open {
                    b.status = BugStatus::Verified;
                    store.save_bug(p, &b)?;
                }
            }
            store.advance(p, ActionKind::PassTesting, "")?;
            store.add_adjustment(
                p,
                &Adjustment {
                    id: 0,
                    stage,
                    date: date(y, m + stage, 12),
                    what: if ru {
                        "Увеличен таймаут балансировщика"
                    } else {
                        "Load balancer timeout raised"
                    }
                    .into(),
                    who: who.clone(),
                    bug: None,
                },
            )?;
            if rng.chance(30) {
                store.advance(p, ActionKind::HandToDevelopers, rng.pick(w.bugs))?;
                work(store, 14, 4)?;
                store.advance(p, ActionKind::SubmitToTesting, "")?;
                store.advance(p, ActionKind::PassTesting, "")?;
            }
            store.advance(p, ActionKind::FinishAdjustments, "")?;
            let accept = |store: &mut Store, verified: bool, code: &str| {
                store.save_acceptance(
                    p,
                    &Acceptance {
                        stage,
                        checks: stage_reqs
                            .iter()
                            .enumerate()
                            .map(|(i, r)| RequirementCheck {
                                requirement: r.clone(),
                                verified: verified || i > 0,
                                note: if verified || i > 0 {
                                    String::new()
                                } else if ru {
                                    "Не учтены сделки в валюте".into()
                                } else {
                                    "Foreign currency deals are missed".into()
                                },
                            })
                            .collect(),
                        code_ref: code.into(),
                        accepted_on: if code.is_empty() {
                            String::new()
                        } else {
                            date(y, m + stage, 20)
                        },
                        accepted_by: if code.is_empty() {
                            String::new()
                        } else {
                            approver.clone()
                        },
                    },
                )
            };
            if rng.chance(25) {
                accept(store, false, "")?;
                store.advance(p, ActionKind::ReportDefects, rng.pick(w.bugs))?;
                work(store, 18, 3)?;
                store.advance(p, ActionKind::SubmitToTesting, "")?;
                store.advance(p, ActionKind::PassTesting, "")?;
                store.advance(p, ActionKind::FinishAdjustments, "")?;
            }
            accept(store, true, &format!("v1.{stage}.0"))?;
            store.advance(p, ActionKind::AcceptStage, "")?;
            walked.accepted.push(stage);
        }

        // 3.1–3.3, sometimes with a rollback.
        store.save_deployment_plan(
            p,
            &DeploymentPlan {
                target: TargetKind::Cloud,
                description: if ru {
                    "ВМ приложения и управляемый PostgreSQL"
                } else {
                    "An application VM and a managed PostgreSQL"
                }
                .into(),
                planned_on: date(y, m + plan.stages + 1, 5),
                responsible: who.clone(),
                switch_kind: SwitchKind::NewEnvironment,
                checklist: vec![ChecklistItem {
                    title: if ru {
                        "Перенести DNS"
                    } else {
                        "Move DNS"
                    }
                    .into(),
                    status: ItemStatus::Done,
                    ..ChecklistItem::default()
                }],
            },
        )?;
        let archive = |store: &mut Store, day: u32| {
            store.record_db_archive(
                p,
                &DbArchive {
                    what: "PostgreSQL".into(),
                    location: "s3://backups/db.dump".into(),
                    made_at: format!("{} 21:00", date(y, m + plan.stages + 1, day)),
                    sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                        .into(),
                },
            )
        };
        store.advance(p, ActionKind::Deploy, "")?;
        archive(store, 5)?;
        if rng.chance(30) {
            store.advance(p, ActionKind::RollBack, rng.pick(w.bugs))?;
            store.advance(p, ActionKind::Deploy, "")?;
            archive(store, 7)?;
        }
        store.advance(p, ActionKind::SwitchOver, "")?;
        store.save_support_handover(
            p,
            &SupportHandover {
                team: vec![SupportContact {
                    name: client_name.clone(),
                    contact: "support@example.org".into(),
                }],
                documents: vec![if ru {
                    "Руководство администратора"
                } else {
                    "Administrator's guide"
                }
                .into()],
                handed_over_on: date(y, m + plan.stages + 1, 10),
                warranty_until: date(y, m + plan.stages + 7, 10),
            },
        )?;
        walked.delivered = true;
        Ok(walked)
    })?;
    let p = walked.project;
    out.requirements += walked.requirements;
    out.bugs += walked.bugs;

    // The documents, each issued as the window issues it.
    let lang = plan.lang;
    if walked.proposal {
        crate::export_proposal(store, p, lang, documents)?;
        out.documents += 1;
    }
    if let Some(v) = walked.spec {
        crate::export_spec(store, v, None, EmptySections::NotSpecified, documents)?;
        out.documents += 1;
    }
    for stage in &walked.accepted {
        crate::export_act(store, p, *stage, lang, documents)?;
        crate::export_invoice(store, p, *stage, lang, documents)?;
        out.documents += 2;
    }
    if walked.delivered {
        crate::export_final_act(store, p, lang, documents)?;
        out.documents += 1;
        store.advance(p, ActionKind::Close, "")?;
    }
    // A change request: the next ТЗ version, a tenth of its requirements reworded.
    if plan.spec_v2 && walked.spec.is_some() && plan.reach > Reach::Spec {
        let v2 = store.new_spec_version(p)?;
        let mut content = v2.content.clone();
        reword(&mut content.sections, rng, w);
        store.save_spec(v2.id, &content)?;
    }
    out.transitions += store.history(p)?.len() as u64;
    Ok(())
}

#[derive(Default)]
struct Walked {
    project: i64,
    proposal: bool,
    spec: Option<i64>,
    requirements: u64,
    bugs: u64,
    accepted: Vec<u32>,
    delivered: bool,
}

fn fill_bodies(sections: &mut [etap_domain::spec::SpecSection], rng: &mut Rng, w: &Words) {
    for s in sections {
        let n = 1 + rng.below(3);
        s.body = (0..n)
            .map(|_| rng.pick(w.para))
            .collect::<Vec<_>>()
            .join("\n\n");
        fill_bodies(&mut s.children, rng, w);
    }
}

fn reword(sections: &mut [etap_domain::spec::SpecSection], rng: &mut Rng, w: &Words) {
    for s in sections {
        for r in &mut s.requirements {
            if rng.chance(10) {
                r.text = format!("{} {}.", r.text.trim_end_matches('.'), rng.pick(w.details));
            }
        }
        reword(&mut s.children, rng, w);
    }
}
