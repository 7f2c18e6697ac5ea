//! Sample documents with realistic content — a 20-page ТЗ in Russian, one in English,
//! a stage's acceptance certificate and invoice (with its payment QR code), the final
//! acceptance certificate and commercial proposals — for the `sample-docs` command,
//! the golden rendering tests and the benchmark.
//!
//! Guarantees: the samples are fixed data with a fixed date, so the same build always
//! writes the same pages; they exercise what breaks typesetting: ё, «ёлочки», №,
//! dashes, non-breaking spaces in money, long compound words, a long URL, a long
//! identifier, tables that cross pages.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeZone, Utc};
use etap_domain::money::{Currency, Money, VatMode};
use etap_domain::text::Lang;
use rust_decimal::Decimal;

use etap_domain::billing::{self, Totals};
use etap_domain::party::Requisites;

use crate::model::{
    Act, ActItem, Approval, ApprovalKind, BankAccount, Content, ContractRef, DocMeta, FinalAct,
    FinalActStage, Inline, Invoice, Party, Priority, Proposal, ProposalItem, ProposalTotals,
    Requirement, Section, Spec, SpecRef,
};
use crate::{DocumentError, Result};

/// The one date every sample carries (deterministic output).
pub fn sample_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default()
}

fn meta(title: &str, subject: &str) -> DocMeta {
    DocMeta {
        title: title.to_string(),
        author: "ООО «Этап Софт»".to_string(),
        subject: subject.to_string(),
        created: Utc
            .with_ymd_and_hms(2026, 11, 26, 10, 0, 0)
            .single()
            .unwrap_or_default(),
    }
}

pub const LONG_URL: &str = "https://git.etap-soft.example.ru/clients/severny-veter/zayavki-i-etapy/-/blob/release/2026.4/docs/architecture/integration-with-1c-enterprise-and-bitrix24.md";
pub const LONG_ID: &str = "SEVERNY_VETER_REQUESTS_INTEGRATION_SERVICE_ACCOUNT_IDENTIFIER_0001";

pub fn contractor_ru() -> Party {
    Party {
        name: "ООО «Этап Софт»".into(),
        inn: "7701234567".into(),
        kpp: "770101001".into(),
        ogrn: "1177746123456".into(),
        address: "125009, г. Москва, ул. Тверская, д. 7, офис 512".into(),
        bank: "р/с 40702810938000012345 в ПАО Сбербанк, БИК 044525225, к/с 30101810400000000225"
            .into(),
        signatory: "Кузнецов Алексей Петрович".into(),
        position: "Генеральный директор".into(),
        basis: "действующий на основании Устава".into(),
    }
}

pub fn customer_ru() -> Party {
    Party {
        name: "ООО «Северный ветер»".into(),
        inn: "7812345678".into(),
        kpp: "781201001".into(),
        ogrn: "1187847654321".into(),
        address: "191186, г. Санкт-Петербург, наб. реки Мойки, д. 42, лит. А, пом. 3-Н".into(),
        bank: "р/с 40702810155000054321 в Северо-Западном банке ПАО Сбербанк, БИК 044030653, к/с 30101810500000000653".into(),
        signatory: "Соловьёва Наталья Сергеевна".into(),
        position: "Директор по информационным технологиям".into(),
        basis: "действующая на основании доверенности №\u{a0}17 от 10.01.2026".into(),
    }
}

fn contractor_en() -> Party {
    Party {
        name: "Etap Soft LLC".into(),
        address: "Office 512, 7 Tverskaya St., Moscow 125009, Russia".into(),
        bank: "Account 40702810938000012345, Sberbank, BIC 044525225".into(),
        signatory: "Alexey Kuznetsov".into(),
        position: "Chief Executive Officer".into(),
        basis: "acting under the Charter".into(),
        ..contractor_ru()
    }
}

fn customer_en() -> Party {
    Party {
        name: "Northern Wind LLC".into(),
        address: "Office 3-N, 42 Moika Embankment, St Petersburg 191186, Russia".into(),
        bank: "Account 40702810155000054321, Sberbank North-West, BIC 044030653".into(),
        signatory: "Natalia Solovyova".into(),
        position: "Chief Information Officer".into(),
        basis: "acting under power of attorney No. 17 of 10 January 2026".into(),
        ..customer_ru()
    }
}

fn para(t: &str) -> Content {
    Content::Para(t.to_string())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn list(items: &[&str]) -> Vec<Inline> {
    items.iter().map(|s| Inline::from(*s)).collect()
}

fn req(id: &str, text: &str, p: Priority, acc: &str) -> Requirement {
    Requirement {
        id: id.into(),
        text: text.into(),
        priority: p,
        acceptance: acc.into(),
    }
}

/// The modules of the sample system, each described by a subsection of section 4.
const MODULES_RU: [(&str, &str); 10] = [
    ("Приём и регистрация заявок", "заявок"),
    ("Уточнение требований", "вопросов к заказчику"),
    ("Оценка трудоёмкости", "оценок"),
    ("Согласование цены и сроков", "раундов согласования"),
    ("Ведение технического задания", "версий ТЗ"),
    ("Этапы разработки и тестирование", "этапов"),
    ("Развёртывание и переключение", "развёртываний"),
    ("Реестр выпущенных документов", "документов"),
    ("Уведомления и напоминания", "уведомлений"),
    (
        "Администрирование и резервное копирование",
        "резервных копий",
    ),
];

fn module_ru(k: usize, name: &str, what: &str) -> Section {
    let n = k + 1;
    let mut s = Section::new(format!("Подсистема «{name}»"));
    s.content.push(para(&format!(
        "Подсистема «{name}» предназначена для ведения {what} в течение всего жизненного цикла проекта — от первого обращения клиента до передачи результата в сопровождение. Всё, что пользователь ввёл, сохраняется немедленно; ни сбой питания, ни ошибка при обновлении программы не приводят к потере данных."
    )));
    s.content.push(para(&format!(
        "Пользователь работает с подсистемой без подключения к сети: в поезде, у заказчика, на объекте. Перечень {what} открывается мгновенно даже при нескольких тысячах записей; поиск учитывает буквы «е» и «ё» как одну и ту же букву, а также морфологию русского языка. Каждое изменение фиксируется в журнале с указанием времени, автора и причины; журнал доступен только для чтения."
    )));
    s.content.push(Content::Bullets(list(&[
        "создание, изменение и архивирование записей с проверкой обязательных полей;",
        "фильтрация по клиенту, проекту, этапу, ответственному и сроку, сохранение пользовательских фильтров;",
        "выгрузка перечня в PDF и CSV с сохранением форматирования и сортировки;",
        "разграничение прав: руководитель проекта, разработчик, тестировщик, специалист DevOps.",
    ])));
    s.content.push(para(
        "Интерфейс подсистемы строится по единым правилам оформления: все надписи выводятся на языке интерфейса (русском или английском), даты — в формате ДД.ММ.ГГГГ, суммы — с разделителями разрядов и знаком валюты, например 1\u{a0}234\u{a0}567,00\u{a0}₽. Сообщения об ошибках объясняют, что произошло и что сделать пользователю, и никогда не содержат внутренних кодов или трассировок.",
    ));
    s.content.push(para(&format!(
        "Типовой сценарий работы с подсистемой «{name}» приведён ниже. Сценарий считается выполненным, если на каждом шаге пользователь видит результат своего действия не позднее чем через 100\u{a0}мс, а при ошибке — сообщение, из которого понятно, что исправить."
    )));
    s.content.push(Content::Numbered(list(&[
        "руководитель проекта открывает карточку проекта и выбирает нужный раздел;",
        "система показывает текущее состояние, доступные действия и причины, по которым недоступные действия пока нельзя выполнить;",
        "пользователь вносит изменения; система проверяет их и сохраняет в одной транзакции;",
        "при необходимости пользователь формирует печатную форму; документ регистрируется в реестре с датой, номером и контрольной суммой;",
        "все участники проекта видят изменения при следующем открытии карточки.",
    ])));
    s.content.push(para(&format!(
        "Отчётность по подсистеме включает сводную таблицу {what} с группировкой по клиентам и проектам, а также диаграмму распределения по срокам. Отчёт формируется за период, заданный пользователем, и может быть сохранён в PDF. Для отчётов применяются те же правила оформления, что и для договорной документации: шрифты встраиваются в файл, таблицы переносятся на следующую страницу с повторением шапки, а итоговая строка никогда не оказывается на странице в одиночестве."
    )));
    s.content.push(para(
        "Требования к надёжности: при аварийном завершении работы программы данные последней завершённой операции сохраняются; незавершённая операция откатывается целиком. Восстановление после сбоя не требует действий пользователя и занимает не более 5\u{a0}с при объёме базы данных до 1\u{a0}ГБ. Журнал изменений защищён от редактирования: исправление ошибочной записи выполняется только добавлением новой записи со ссылкой на исправляемую.",
    ));
    let id = |i: usize| format!("ФТ-{n}.{i}");
    s.content.push(Content::Requirements(vec![
        req(&id(1), &format!("Система обеспечивает создание и редактирование {what} без подключения к сети Интернет."), Priority::Must, "Сценарий выполняется при отключённом сетевом адаптере; данные сохраняются после перезапуска."),
        req(&id(2), "Каждое изменение записывается в журнал с указанием времени, пользователя и комментария.", Priority::Must, "В журнале присутствует запись о каждом из 20 выполненных изменений, порядок совпадает."),
        req(&id(3), "Поиск находит записи независимо от написания «е»/«ё» и регистра букв.", Priority::Should, "Запрос «ежик» находит запись «Ёжик»; время ответа — не более 200\u{a0}мс на 10\u{a0}000 записей."),
        req(&id(4), "Перечень выгружается в PDF с повторяющейся шапкой таблицы на каждой странице.", Priority::Should, "В выгруженном файле на 3 страницах шапка таблицы присутствует трижды."),
        req(&id(5), "Недопустимый ввод отклоняется с понятным сообщением на языке интерфейса.", Priority::Must, "При вводе пустого названия выводится сообщение «Заполните поле…», данные не изменяются."),
        req(&id(6), "Права пользователя ограничивают доступные действия; недоступные действия не отображаются.", Priority::Could, "Пользователь с ролью «Тестировщик» не видит кнопку «Утвердить этап»."),
    ]));
    s
}

/// The Russian sample ТЗ (about 20 pages, ГОСТ 34.602-2020 structure).
pub fn spec_ru() -> Spec {
    let mut sections = Vec::new();

    let mut s1 = Section::new("Общие положения");
    let mut s11 = Section::new("Полное наименование системы и её условное обозначение");
    s11.content.push(para("Полное наименование: автоматизированная система учёта заявок, этапов разработки и выпускаемых документов ООО «Северный ветер». Условное обозначение — АС «Этап-Сервис», далее — Система."));
    let mut s12 = Section::new("Основания для проведения работ");
    s12.content.push(para("Работы выполняются на основании договора №\u{a0}14/2026 от 1\u{a0}марта 2026\u{a0}г. между ООО «Северный ветер» (Заказчик) и ООО «Этап Софт» (Исполнитель), а также приложения №\u{a0}1 к нему «Календарный план работ»."));
    let mut s13 = Section::new("Наименования организаций заказчика и разработчика");
    s13.content.push(para("Заказчик: ООО «Северный ветер», ИНН\u{a0}7812345678, 191186, г. Санкт-Петербург, наб. реки Мойки, д.\u{a0}42. Разработчик: ООО «Этап Софт», ИНН\u{a0}7701234567, 125009, г. Москва, ул. Тверская, д.\u{a0}7."));
    let mut s14 = Section::new("Плановые сроки начала и окончания работ");
    s14.content.push(para("Начало работ — 1\u{a0}декабря 2026\u{a0}г., окончание — 30\u{a0}июня 2027\u{a0}г. Сроки отдельных этапов определяются календарным планом; перенос срока этапа оформляется дополнительным соглашением."));
    s1.children = vec![s11, s12, s13, s14];
    sections.push(s1);

    let mut s2 = Section::new("Назначение и цели создания системы");
    s2.content.push(para("Система предназначена для сквозного учёта клиентских проектов по разработке программного обеспечения: от приёма заявки и уточнения требований до развёртывания у заказчика и передачи в сопровождение. Система формирует документы, которые подписывает клиент, — техническое задание, коммерческое предложение и акты сдачи-приёмки, — в виде PDF-файлов типографского качества."));
    s2.content.push(Content::Numbered(list(&[
        "сократить время подготовки технического задания с пяти рабочих дней до одного;",
        "исключить повторный набор реквизитов и сумм в актах — все суммы рассчитываются автоматически, в том числе сумма прописью;",
        "обеспечить прозрачность: на любом этапе видно, кто, когда и почему перевёл проект на следующий шаг или вернул его на доработку;",
        "хранить реестр выпущенных документов с контрольными суммами SHA-256, чтобы в любой момент предъявить клиенту именно тот файл, который он получил.",
    ])));
    sections.push(s2);

    let mut s3 = Section::new("Характеристика объекта автоматизации");
    s3.content.push(para("Объектом автоматизации является деятельность проектного офиса Заказчика: приём обращений клиентов, оценка трудоёмкости, согласование условий, разработка, тестирование и внедрение. В настоящее время учёт ведётся в электронных таблицах и переписке; документы готовятся вручную в текстовом редакторе, что приводит к расхождениям в суммах и реквизитах."));
    s3.content.push(para(&format!("Действующая документация по интеграции размещена во внутреннем репозитории Заказчика по адресу {LONG_URL} и используется как источник требований к обмену данными. Учётная запись сервиса интеграции — {LONG_ID}.")));
    sections.push(s3);

    let mut s4 = Section::new("Требования к системе");
    let mut s41 = Section::new("Требования к системе в целом");
    s41.content.push(para("Система функционирует как настольное приложение для операционных систем Linux, Windows и macOS и не требует подключения к сети. Все данные хранятся в одном файле базы данных SQLite в каталоге данных пользователя; перед каждым обновлением структуры базы данных автоматически создаётся резервная копия."));
    s41.content.push(para("Высокопроизводительная работа обеспечивается без специализированного оборудования: время открытия любого списка — не более 100\u{a0}мс, время формирования двадцатистраничного технического задания в формате PDF — не более 0,5\u{a0}с на ноутбуке массового класса. Пользовательский интерфейс и формируемые документы поддерживают русский и английский языки."));
    s41.content.push(Content::Requirements(vec![
        req("ОТ-1", "Система работает без подключения к сети и не передаёт данные третьим лицам.", Priority::Must, "Сетевой монитор не фиксирует исходящих соединений за 8\u{a0}часов работы."),
        req("ОТ-2", "Перед миграцией базы данных создаётся резервная копия; восстановление из копии возвращает все данные.", Priority::Must, "Сравнение содержимого до миграции и после восстановления не выявляет различий."),
        req("ОТ-3", "Формируемые PDF-документы содержат встроенные шрифты и извлекаемый текст.", Priority::Must, "pdffonts показывает emb\u{a0}yes, sub\u{a0}yes, uni\u{a0}yes для всех шрифтов."),
    ]));
    let mut s42 = Section::new("Требования к функциям, выполняемым системой");
    s42.content.push(para("Функциональные требования сгруппированы по подсистемам. Для каждой подсистемы указаны её назначение, перечень функций и требования с критериями приёмки; идентификатор требования используется в плане испытаний и в актах сдачи-приёмки этапов."));
    s42.children = MODULES_RU
        .iter()
        .enumerate()
        .map(|(k, (name, what))| module_ru(k, name, what))
        .collect();
    let mut s43 = Section::new("Требования к видам обеспечения");
    s43.content.push(para("Информационное обеспечение: справочники клиентов и исполнителей ведутся в Системе; реквизиты (ИНН, КПП, ОГРН, банковские реквизиты) проверяются по контрольным суммам при вводе. Лингвистическое обеспечение: все тексты интерфейса и документов доступны на русском и английском языках, переключение языка не требует перезапуска."));
    s43.content.push(para("Программное обеспечение: используются только компоненты со свободными лицензиями; шрифты документов (PT Serif, PT Sans) распространяются вместе с программой и встраиваются в PDF-файлы в виде подмножеств."));
    s4.children = vec![s41, s42, s43];
    sections.push(s4);

    let mut s5 = Section::new("Состав и содержание работ по созданию системы");
    s5.content.push(para("Работы выполняются в четыре этапа: проектирование, разработка ядра и хранения данных, разработка интерфейса и документов, опытная эксплуатация. По окончании каждого этапа Исполнитель передаёт Заказчику результаты и акт сдачи-приёмки этапа; Заказчик в течение пяти рабочих дней подписывает акт или направляет мотивированный отказ."));
    s5.content.push(Content::Numbered(list(&[
        "Этап 1 — проектирование: уточнение требований, прототип интерфейса, согласование структуры документов (декабрь 2026\u{a0}г.);",
        "Этап 2 — ядро и хранение данных: жизненный цикл проекта, миграции, резервное копирование (январь — февраль 2027\u{a0}г.);",
        "Этап 3 — интерфейс и документы: экраны, формирование ТЗ, КП и актов (март — апрель 2027\u{a0}г.);",
        "Этап 4 — опытная эксплуатация и передача в сопровождение (май — июнь 2027\u{a0}г.).",
    ])));
    sections.push(s5);

    let mut s6 = Section::new("Порядок разработки автоматизированной системы");
    s6.content.push(para("Разработка ведётся итерациями по две недели. Исходный код хранится в репозитории Исполнителя; по окончании этапа код фиксируется меткой версии, которая указывается в акте. Заказчик получает доступ к промежуточным сборкам для ознакомления; замечания принимаются в письменном виде и учитываются в следующей итерации."));
    sections.push(s6);

    let mut s7 = Section::new("Порядок контроля и приёмки системы");
    s7.content.push(para("Приёмка проводится по программе и методике испытаний, составленной на основе требований настоящего ТЗ. Каждое требование с приоритетом «Обязательно» проверяется по указанному критерию приёмки; невыполнение любого из них является основанием для возврата этапа на доработку. Требования с приоритетом «Желательно» и «Возможно» проверяются, но их невыполнение не препятствует приёмке, если стороны согласовали срок устранения."));
    s7.content.push(Content::Bullets(list(&[
        "предварительные испытания — на стенде Исполнителя, с участием представителя Заказчика;",
        "опытная эксплуатация — на рабочих местах Заказчика, не менее 20\u{a0}рабочих дней;",
        "приёмочные испытания — комиссией Заказчика, по результатам подписывается акт сдачи-приёмки.",
    ])));
    sections.push(s7);

    let mut s8 = Section::new("Требования к составу и содержанию работ по подготовке объекта автоматизации к вводу системы в действие");
    s8.content.push(para("Заказчик до начала опытной эксплуатации назначает ответственных пользователей, подготавливает рабочие места (не менее 8\u{a0}ГБ оперативной памяти, 2\u{a0}ГБ свободного места на диске) и передаёт Исполнителю справочные данные о клиентах и действующих договорах в формате CSV."));
    sections.push(s8);

    let mut s9 = Section::new("Требования к документированию");
    s9.content.push(para("Исполнитель передаёт руководство пользователя, руководство администратора и описание формата резервных копий на русском языке в электронном виде. Документы оформляются в соответствии с ГОСТ Р 2.105-2019 в части, применимой к электронным документам."));
    sections.push(s9);

    let mut s10 = Section::new("Источники разработки");
    s10.content.push(Content::Bullets(list(&[
        "ГОСТ 34.602-2020 «Информационные технологии. Комплекс стандартов на автоматизированные системы. Техническое задание на создание автоматизированной системы»;",
        "ГОСТ Р 7.0.97-2016 «Система стандартов по информации, библиотечному и издательскому делу. Организационно-распорядительная документация. Требования к оформлению документов»;",
        "договор №\u{a0}14/2026 от 01.03.2026 и протоколы совещаний рабочей группы №\u{a0}1—5.",
    ])));
    sections.push(s10);

    Spec {
        meta: meta(
            "Техническое задание на АС «Этап-Сервис»",
            "Техническое задание",
        ),
        lang: Lang::Ru,
        kind: "Техническое задание".into(),
        title: "на создание автоматизированной системы учёта заявок, этапов разработки и выпускаемых документов «Этап-Сервис»".into(),
        code: "ТЗ-2026-014".into(),
        version: "1.2".into(),
        city: "Москва".into(),
        date: sample_date(),
        customer: customer_ru(),
        contractor: contractor_ru(),
        draft: false,
        approvals: vec![
            Approval {
                kind: ApprovalKind::Agree,
                position: "Генеральный директор".into(),
                organisation: "ООО «Этап Софт»".into(),
                person: "Кузнецов Алексей Петрович".into(),
            },
            Approval {
                kind: ApprovalKind::Approve,
                position: "Директор по информационным технологиям".into(),
                organisation: "ООО «Северный ветер»".into(),
                person: "Соловьёва Наталья Сергеевна".into(),
            },
        ],
        sections,
    }
}

const MODULES_EN: [(&str, &str); 8] = [
    ("Request intake", "requests"),
    ("Requirements clarification", "open questions"),
    ("Effort estimation", "estimates"),
    ("Price and deadline negotiation", "negotiation rounds"),
    ("Specification authoring", "specification versions"),
    ("Development stages and testing", "stages"),
    ("Deployment and switchover", "deployments"),
    ("Document register", "issued documents"),
];

fn module_en(k: usize, name: &str, what: &str) -> Section {
    let n = k + 1;
    let mut s = Section::new(name.to_string());
    s.content.push(para(&format!(
        "The {} function keeps track of {what} throughout the project lifecycle, from the client's first request to the handover to support. Everything a user enters is saved at once; neither a power cut nor a failed upgrade loses data.",
        name.to_lowercase()
    )));
    s.content.push(para(&format!(
        "Users work offline — on a train, at the client's office, on site. The list of {what} opens instantly even with several thousand records; search ignores case and diacritics and understands Russian morphology. Every change is recorded in a read-only journal with its time, author and reason."
    )));
    s.content.push(Content::Bullets(list(&[
        "create, edit and archive records with validation of mandatory fields;",
        "filter by client, project, stage, assignee and due date, and save the filters;",
        "export the list to PDF and CSV keeping the formatting and the sort order;",
        "role-based permissions: project manager, developer, tester, DevOps engineer.",
    ])));
    s.content.push(para(&format!(
        "A typical session with the {} function is listed below. The scenario passes when every step shows its result within 100 ms and every error says what to fix.",
        name.to_lowercase()
    )));
    s.content.push(Content::Numbered(list(&[
        "the project manager opens the project card and chooses the section;",
        "the system shows the current state, the available actions and why the others are not yet allowed;",
        "the user makes changes; the system validates them and saves them in one transaction;",
        "the user prints a document if needed; it is registered with its date, number and SHA-256 checksum.",
    ])));
    let id = |i: usize| format!("FR-{n}.{i}");
    s.content.push(Content::Requirements(vec![
        req(&id(1), &format!("The system shall create and edit {what} without an Internet connection."), Priority::Must, "The scenario passes with the network adapter disabled; data persists after a restart."),
        req(&id(2), "Every change shall be recorded in the journal with time, user and comment.", Priority::Must, "The journal holds one entry for each of 20 changes, in order."),
        req(&id(3), "Search shall match records regardless of case and of «е»/«ё» spelling.", Priority::Should, "Query \u{201C}ezhik\u{201D} finds \u{201C}Ezhik\u{201D}; response time under 200 ms for 10,000 records."),
        req(&id(4), "The exported PDF shall repeat the table header on every page.", Priority::Should, "A three-page export shows the header three times."),
        req(&id(5), "Invalid input shall be refused with a clear message in the interface language.", Priority::Must, "An empty title shows \u{201C}Fill in the title\u{201D}; no data changes."),
        req(&id(6), "Actions a role may not perform shall not be shown.", Priority::Could, "A tester does not see the \u{201C}Approve stage\u{201D} button."),
    ]));
    s
}

/// The English sample specification (ISO/IEC/IEEE 29148 structure).
pub fn spec_en() -> Spec {
    let mut sections = Vec::new();
    let mut s1 = Section::new("Introduction");
    let mut s11 = Section::new("Purpose");
    s11.content.push(para("This document specifies the requirements for Etap Service, a desktop system that carries a client software project from request to support handover and issues the documents the client signs: the specification, the commercial proposal and the acceptance certificates."));
    let mut s12 = Section::new("Scope");
    s12.content.push(para(&format!("The system replaces spreadsheets and hand-made documents at Northern Wind LLC. Integration notes are kept at {LONG_URL}; the integration service account is {LONG_ID}.")));
    let mut s13 = Section::new("Product overview");
    s13.content.push(para("Etap Service runs offline on Linux, Windows and macOS laptops, stores everything in one local SQLite database with automatic backups, and produces typeset PDF documents in English and Russian — with «guillemets», the numero sign №, em dashes — and amounts such as 1\u{a0}234\u{a0}567,00\u{a0}₽."));
    let mut s14 = Section::new("Definitions, acronyms and abbreviations");
    s14.content.push(Content::Bullets(list(&[
        "Stage — a part of the development delivered and accepted separately;",
        "Acceptance certificate — the document both parties sign when a stage is accepted;",
        "SRS — software requirements specification.",
    ])));
    s1.children = vec![s11, s12, s13, s14];
    sections.push(s1);

    let mut s2 = Section::new("References");
    s2.content.push(Content::Numbered(list(&[
        "ISO/IEC/IEEE 29148:2018, Systems and software engineering — Life cycle processes — Requirements engineering.",
        "Contract No. 14/2026 of 1 March 2026 between Northern Wind LLC and Etap Soft LLC.",
    ])));
    sections.push(s2);

    let mut s3 = Section::new("Requirements");
    let mut s31 = Section::new("Functions");
    s31.content.push(para("Functional requirements are grouped by function. Each requirement has an identifier used in the test plan and in stage acceptance certificates."));
    s31.children = MODULES_EN
        .iter()
        .enumerate()
        .map(|(k, (name, what))| module_en(k, name, what))
        .collect();
    let mut s32 = Section::new("Performance requirements");
    s32.content.push(para("Any list opens within 100 ms; a twenty-page specification renders to PDF within 0.5 s on a mainstream laptop; the application's idle memory stays below 200 MB."));
    let mut s33 = Section::new("Usability requirements");
    s33.content.push(para("Every screen and every document is available in English and Russian; switching the language does not require a restart. Error messages say what happened and what to do."));
    let mut s34 = Section::new("Design constraints");
    s34.content.push(para("Only components under free licences are used. Document fonts (PT Serif, PT Sans) ship with the application and are embedded in PDF files as subsets."));
    s3.children = vec![s31, s32, s33, s34];
    sections.push(s3);

    let mut s4 = Section::new("Verification");
    s4.content.push(para("Each requirement marked Must is verified by its acceptance criterion; a failed criterion returns the stage to development. Should and Could requirements are verified but do not block acceptance when the parties agree a date for the fix."));
    sections.push(s4);

    Spec {
        meta: meta("Etap Service — Software Requirements Specification", "SRS"),
        lang: Lang::En,
        kind: "Software Requirements Specification".into(),
        title: "Etap Service: request, stage and document tracking system".into(),
        code: "SRS-2026-014".into(),
        version: "1.2".into(),
        city: "Moscow".into(),
        date: sample_date(),
        customer: customer_en(),
        contractor: contractor_en(),
        draft: false,
        approvals: vec![
            Approval {
                kind: ApprovalKind::Agree,
                position: "Chief Executive Officer".into(),
                organisation: "Etap Soft LLC".into(),
                person: "Alexey Kuznetsov".into(),
            },
            Approval {
                kind: ApprovalKind::Approve,
                position: "Chief Information Officer".into(),
                organisation: "Northern Wind LLC".into(),
                person: "Natalia Solovyova".into(),
            },
        ],
        sections,
    }
}

fn rub(s: &str) -> Money {
    Money::parse(s, Currency::Rub).unwrap_or(Money::zero(Currency::Rub))
}

fn dec(v: i64, scale: u32) -> Decimal {
    Decimal::new(v, scale)
}

/// The stage 2 work the sample акт and счёт charge for: requirement IDs, names in
/// both languages, unit, quantity and price.
type WorkLine = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Decimal,
    &'static str,
);

fn stage2_work() -> Vec<WorkLine> {
    vec![
        (
            "ФТ-1.1, ФТ-1.2",
            "Проектирование жизненного цикла проекта и структуры базы данных",
            "Design of the project lifecycle and database schema",
            "ч",
            dec(64, 0),
            "3500",
        ),
        (
            "ФТ-1.3",
            "Разработка ядра: переходы жизненного цикла, проверки, журнал изменений",
            "Core: lifecycle transitions, guards, change journal",
            "ч",
            dec(120, 0),
            "3500",
        ),
        (
            "ОТ-2",
            "Миграции и автоматическое резервное копирование базы данных SQLite",
            "SQLite migrations and automatic backups",
            "ч",
            dec(365, 1),
            "3500",
        ),
        (
            "ФТ-1.5",
            "Интеграционное тестирование и исправление замечаний по итогам испытаний",
            "Integration testing and fixing findings",
            "ч",
            dec(40, 0),
            "2800",
        ),
        (
            "",
            "Подготовка руководства администратора",
            "Administrator's guide",
            "шт.",
            dec(1, 0),
            "45000",
        ),
    ]
}

/// The lines of stage 2 with their amounts by the domain's rule (rate × quantity,
/// rounded once).
fn stage2_items(lang: Lang) -> Vec<ActItem> {
    stage2_work()
        .into_iter()
        .map(|(code, ru, en, unit, q, price)| {
            let price = rub(price);
            ActItem {
                code: code.into(),
                name: match lang {
                    Lang::Ru => ru.into(),
                    Lang::En => en.into(),
                },
                unit: match (lang, unit) {
                    (Lang::En, "ч") => "h".into(),
                    (Lang::En, _) => "pc".into(),
                    _ => unit.into(),
                },
                quantity: q,
                amount: price.times(q).unwrap_or(Money::zero(Currency::Rub)),
                price,
            }
        })
        .collect()
}

fn vat20() -> VatMode {
    VatMode::Rate {
        percent: dec(20, 0),
    }
}

fn totals_of(items: &[ActItem], vat: &VatMode) -> Totals {
    billing::totals(Currency::Rub, items.iter().map(|i| &i.amount), vat).unwrap_or(Totals {
        net: Money::zero(Currency::Rub),
        vat: Money::zero(Currency::Rub),
        gross: Money::zero(Currency::Rub),
    })
}

fn contract() -> ContractRef {
    ContractRef {
        number: "14/2026".into(),
        date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default(),
    }
}

fn spec_ref() -> SpecRef {
    SpecRef {
        code: "ТЗ-2026-014".into(),
        version: "1.2".into(),
        date: NaiveDate::from_ymd_opt(2026, 4, 14).unwrap_or_default(),
    }
}

fn city(lang: Lang) -> String {
    match lang {
        Lang::Ru => "г. Москва".into(),
        Lang::En => "Moscow".into(),
    }
}

fn stage2_title(lang: Lang) -> String {
    match lang {
        Lang::Ru => "Этап 2 — ядро и хранение данных".into(),
        Lang::En => "Stage 2 — core and data storage".into(),
    }
}

/// The sample акт's number (the seventh акт of 2026).
pub const ACT_NUMBER: &str = "А-2026-007";
/// The sample счёт's number.
pub const INVOICE_NUMBER: &str = "С-2026-007";
/// The frozen code of the sample stage.
pub const CODE_REF: &str = "3f9c2ab71e0d4c58a6b2e9f1d07c4a3b5e6f8d90";

/// The sample acceptance certificate for stage 2, in `lang`.
pub fn act(lang: Lang) -> Act {
    let (contractor, customer) = match lang {
        Lang::Ru => (contractor_ru(), customer_ru()),
        Lang::En => (contractor_en(), customer_en()),
    };
    let items = stage2_items(lang);
    let vat = vat20();
    Act {
        meta: meta(
            &match lang {
                Lang::Ru => format!("Акт сдачи-приёмки №\u{a0}{ACT_NUMBER}"),
                Lang::En => format!("Acceptance certificate No. {ACT_NUMBER}"),
            },
            "Акт",
        ),
        lang,
        number: ACT_NUMBER.into(),
        date: sample_date(),
        city: city(lang),
        contract: contract(),
        spec: Some(spec_ref()),
        stage: Some(stage2_title(lang)),
        contractor,
        customer,
        totals: totals_of(&items, &vat),
        items,
        currency: Currency::Rub,
        vat,
        code_ref: Some(CODE_REF.into()),
        accepted_on: NaiveDate::from_ymd_opt(2026, 11, 24),
    }
}

/// The sample contractor's requisites as the provider profile keeps them (the QR
/// code's source).
pub fn contractor_requisites() -> Requisites {
    Requisites {
        legal_name: "ООО «Этап Софт»".into(),
        short_name: "ООО «Этап Софт»".into(),
        inn: "7701234567".into(),
        kpp: "770101001".into(),
        ogrn: "1177746123456".into(),
        address: "125009, г. Москва, ул. Тверская, д. 7, офис 512".into(),
        bank_name: "ПАО Сбербанк".into(),
        bik: "044525225".into(),
        account: "40702810938000012345".into(),
        corr_account: "30101810400000000225".into(),
        signatory_name: "Кузнецов Алексей Петрович".into(),
        signatory_position: "Генеральный директор".into(),
        email: String::new(),
        phone: String::new(),
    }
}

/// The sample invoice for stage 2, in `lang`; its QR code carries the text
/// `etap_domain::payment_qr` makes.
pub fn invoice(lang: Lang) -> Invoice {
    let (payee, payer) = match lang {
        Lang::Ru => (contractor_ru(), customer_ru()),
        Lang::En => (contractor_en(), customer_en()),
    };
    let items = stage2_items(lang);
    let vat = vat20();
    let totals = totals_of(&items, &vat);
    let req = contractor_requisites();
    let purpose = etap_domain::payment_qr::purpose(
        INVOICE_NUMBER,
        sample_date(),
        "за этап 2 по договору №\u{a0}14/2026 от 01.03.2026",
        &vat,
        totals.vat,
    );
    Invoice {
        meta: meta(
            &match lang {
                Lang::Ru => format!("Счёт на оплату №\u{a0}{INVOICE_NUMBER}"),
                Lang::En => format!("Invoice No. {INVOICE_NUMBER}"),
            },
            "Счёт",
        ),
        lang,
        number: INVOICE_NUMBER.into(),
        date: sample_date(),
        bank: BankAccount {
            bank_name: match lang {
                Lang::Ru => req.bank_name.clone(),
                Lang::En => "Sberbank".into(),
            },
            bik: req.bik.clone(),
            corr_account: req.corr_account.clone(),
            account: req.account.clone(),
        },
        payee,
        payer,
        contract: contract(),
        act: Some((ACT_NUMBER.into(), sample_date())),
        stage: Some(stage2_title(lang)),
        payment_qr: etap_domain::payment_qr::payment_string(&req, totals.gross, &purpose),
        purpose,
        totals,
        items,
        currency: Currency::Rub,
        vat,
        pay_by: NaiveDate::from_ymd_opt(2026, 12, 7),
    }
}

/// The sample final acceptance certificate of the whole project, in `lang`.
pub fn final_act(lang: Lang) -> FinalAct {
    let (contractor, customer) = match lang {
        Lang::Ru => (contractor_ru(), customer_ru()),
        Lang::En => (contractor_en(), customer_en()),
    };
    let vat = vat20();
    let stage =
        |ru: &str, en: &str, number: &str, date: (i32, u32, u32), net: Money| FinalActStage {
            title: match lang {
                Lang::Ru => ru.into(),
                Lang::En => en.into(),
            },
            act_number: number.into(),
            act_date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap_or_default(),
            totals: billing::totals(Currency::Rub, [&net], &vat).unwrap_or(Totals {
                net,
                vat: Money::zero(Currency::Rub),
                gross: net,
            }),
        };
    let stage2 = totals_of(&stage2_items(lang), &vat);
    let stages = vec![
        stage(
            "Этап 1 — анализ требований и прототип интерфейса",
            "Stage 1 — requirements analysis and UI prototype",
            "А-2026-003",
            (2026, 8, 14),
            rub("312480.50"),
        ),
        FinalActStage {
            title: stage2_title(lang),
            act_number: ACT_NUMBER.into(),
            act_date: sample_date(),
            totals: stage2,
        },
        stage(
            "Этап 3 — развёртывание, переключение и передача в сопровождение",
            "Stage 3 — deployment, switchover and support handover",
            "А-2026-011",
            (2026, 12, 18),
            rub("186000"),
        ),
    ];
    let all: Vec<Totals> = stages.iter().map(|s| s.totals).collect();
    FinalAct {
        meta: meta(
            &match lang {
                Lang::Ru => "Итоговый акт сдачи-приёмки №\u{a0}А-2026-012".to_string(),
                Lang::En => "Final acceptance certificate No. А-2026-012".to_string(),
            },
            "Акт",
        ),
        lang,
        number: "А-2026-012".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 21).unwrap_or_default(),
        city: city(lang),
        contract: contract(),
        spec: Some(spec_ref()),
        project: match lang {
            Lang::Ru => "АС «Этап-Сервис»: учёт заявок, этапов разработки и документов".into(),
            Lang::En => "Etap Service: request, stage and document tracking system".into(),
        },
        contractor,
        customer,
        totals: billing::sum_totals(Currency::Rub, &all).unwrap_or(stage2),
        stages,
        currency: Currency::Rub,
        vat,
    }
}

/// The sample commercial proposal, in `lang` (a freelancer without VAT).
pub fn proposal(lang: Lang) -> Proposal {
    let contractor = Party {
        name: match lang {
            Lang::Ru => "ИП Морозова Ольга Викторовна".into(),
            Lang::En => "Olga Morozova, sole proprietor".into(),
        },
        inn: "500100732259".into(),
        kpp: String::new(),
        ogrn: "321508100012345".into(),
        address: match lang {
            Lang::Ru => "г. Подольск, ул. Ленина, д. 3".into(),
            Lang::En => "3 Lenina St., Podolsk, Russia".into(),
        },
        bank: String::new(),
        signatory: match lang {
            Lang::Ru => "Морозова Ольга Викторовна".into(),
            Lang::En => "Olga Morozova".into(),
        },
        position: match lang {
            Lang::Ru => "Индивидуальный предприниматель".into(),
            Lang::En => "Sole proprietor".into(),
        },
        basis: String::new(),
    };
    let customer = match lang {
        Lang::Ru => customer_ru(),
        Lang::En => customer_en(),
    };
    let items: Vec<(&str, &str, Decimal)> = vec![
        (
            "Анализ требований, интервью с пользователями, прототип интерфейса",
            "Requirements analysis, user interviews, UI prototype",
            dec(24, 0),
        ),
        (
            "Личный кабинет клиента: регистрация, заявки, статусы, уведомления",
            "Client portal: sign-up, requests, statuses, notifications",
            dec(96, 0),
        ),
        (
            "Интеграция с 1С:Предприятие (обмен заказами и актами)",
            "Integration with 1C:Enterprise (orders and certificates)",
            dec(40, 0),
        ),
        (
            "Автоматизированное тестирование и нагрузочное тестирование",
            "Automated and load testing",
            dec(325, 1),
        ),
        (
            "Развёртывание, обучение сотрудников, сопровождение в течение месяца",
            "Deployment, staff training, one month of support",
            dec(16, 0),
        ),
    ];
    // The figures come from the estimate through the domain's one rule, as an exported
    // КП's do.
    use etap_domain::estimate::{totals, Estimate, EstimateItem, Hours};
    let vat = VatMode::Exempt {
        reason: match lang {
            Lang::Ru => "НДС не облагается в связи с применением упрощённой системы налогообложения (ст.\u{a0}346.11 НК\u{a0}РФ)".into(),
            Lang::En => "VAT is not charged: the contractor applies the simplified tax system (art. 346.11 of the Tax Code of the Russian Federation)".into(),
        },
    };
    let estimate = Estimate {
        id: 0,
        version: 1,
        round: 1,
        estimated_by: Default::default(),
        discount_percent: Decimal::ZERO,
        vat: vat.clone(),
        currency: Currency::Rub,
        items: items
            .iter()
            .zip(1..)
            .map(|((ru, en, h), key)| EstimateItem {
                id: 0,
                key,
                title: match lang {
                    Lang::Ru => (*ru).into(),
                    Lang::En => (*en).into(),
                },
                requirement: String::new(),
                hours: Hours::Single { hours: *h },
                rate: 2500.into(),
            })
            .collect(),
    };
    let figures = totals(&estimate).ok();
    Proposal {
        meta: meta(
            match lang {
                Lang::Ru => "Коммерческое предложение №\u{a0}КП-2026-031",
                Lang::En => "Commercial proposal No. KP-2026-031",
            },
            "КП",
        ),
        lang,
        number: match lang {
            Lang::Ru => "КП-2026-031".into(),
            Lang::En => "KP-2026-031".into(),
        },
        date: sample_date(),
        valid_until: NaiveDate::from_ymd_opt(2026, 12, 26).unwrap_or_default(),
        discount_percent: Decimal::ZERO,
        contractor,
        customer,
        project: match lang {
            Lang::Ru => "Личный кабинет клиента и интеграция с 1С".into(),
            Lang::En => "Client portal and 1C integration".into(),
        },
        intro: match lang {
            Lang::Ru => "Благодарю за интерес к сотрудничеству. По итогам встречи 20\u{a0}ноября предлагаю выполнить разработку личного кабинета клиента с интеграцией в учётную систему 1С:Предприятие. Оценка основана на согласованном перечне требований; работы, не вошедшие в перечень, оцениваются отдельно.".into(),
            Lang::En => "Thank you for your interest. Following our meeting on 20 November, I propose to build the client portal integrated with your 1C:Enterprise accounting system. The estimate is based on the agreed list of requirements; anything outside it is estimated separately.".into(),
        },
        items: estimate
            .items
            .iter()
            .zip(figures.iter().flat_map(|f| f.items.iter()))
            .map(|(item, t)| ProposalItem {
                name: item.title.clone(),
                hours: t.hours,
                rate: item.rate,
                amount: t.amount,
            })
            .collect(),
        totals: figures
            .as_ref()
            .map(ProposalTotals::from)
            .unwrap_or(ProposalTotals {
                hours: Decimal::ZERO,
                subtotal: Money::zero(Currency::Rub),
                discount: Money::zero(Currency::Rub),
                net: Money::zero(Currency::Rub),
                vat: Money::zero(Currency::Rub),
                total: Money::zero(Currency::Rub),
            }),
        currency: Currency::Rub,
        vat,
        timeline: match lang {
            Lang::Ru => "Срок выполнения — 8\u{a0}недель с даты подписания договора и получения доступа к тестовой базе 1С. Работы выполняются в три этапа; по окончании каждого этапа подписывается акт сдачи-приёмки.".into(),
            Lang::En => "Eight weeks from the signing of the contract and access to the 1C test database. The work is done in three stages; an acceptance certificate is signed after each.".into(),
        },
        terms: match lang {
            Lang::Ru => strings(&[
                "Оплата: 30\u{a0}% — аванс, 70\u{a0}% — по этапам после подписания актов сдачи-приёмки.",
                "Гарантия на исправление ошибок — 3\u{a0}месяца после приёмки последнего этапа.",
                "Исходный код и права на него передаются Заказчику после полной оплаты.",
            ]),
            Lang::En => strings(&[
                "Payment: 30% in advance, 70% by stages after the acceptance certificates are signed.",
                "Bug-fix warranty: three months after the last stage is accepted.",
                "The source code and the rights to it pass to the customer upon full payment.",
            ]),
        },
        logo: None,
    }
}

/// Writes every sample document into `dir` (created if missing) and returns the paths.
pub fn write_samples(dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|source| DocumentError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let docs: Vec<(&str, Vec<u8>)> = vec![
        ("tz-ru.pdf", crate::spec::render(&spec_ru())?),
        ("tz-en.pdf", crate::spec::render(&spec_en())?),
        ("act-ru.pdf", crate::act::render(&act(Lang::Ru))?),
        ("act-en.pdf", crate::act::render(&act(Lang::En))?),
        (
            "invoice-ru.pdf",
            crate::invoice::render(&invoice(Lang::Ru))?,
        ),
        (
            "invoice-en.pdf",
            crate::invoice::render(&invoice(Lang::En))?,
        ),
        (
            "final-act-ru.pdf",
            crate::final_act::render(&final_act(Lang::Ru))?,
        ),
        (
            "final-act-en.pdf",
            crate::final_act::render(&final_act(Lang::En))?,
        ),
        ("kp-ru.pdf", crate::proposal::render(&proposal(Lang::Ru))?),
        ("kp-en.pdf", crate::proposal::render(&proposal(Lang::En))?),
    ];
    let mut out = Vec::new();
    for (name, bytes) in docs {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|source| DocumentError::Io {
            path: path.display().to_string(),
            source,
        })?;
        out.push(path);
    }
    Ok(out)
}
