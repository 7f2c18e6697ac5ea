//! The ТЗ structure templates a new specification starts from, with the sections each
//! standard requires: ГОСТ 34.602-2020 (ten sections), ГОСТ 19.201-78,
//! ISO/IEC/IEEE 29148 SRS (English) and a short freelancer one.

use serde::{Deserialize, Serialize};

use crate::spec::{SpecContent, SpecSection};
use crate::text::{Lang, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Template {
    Gost34_602,
    Gost19_201,
    Iso29148,
    Freelancer,
}

/// (title ru, title en, required, children)
type Row = (
    &'static str,
    &'static str,
    bool,
    &'static [(&'static str, &'static str, bool)],
);

/// ГОСТ 34.602-2020 «Техническое задание на создание автоматизированной системы»,
/// section 5 (the ten sections of a ТЗ, in its order and wording, «Общие положения»
/// first — the 1989 edition called it «Общие сведения» and put «цели» before
/// «назначение»), and 5.5 for the subsections of «Требования к системе». Source: the
/// standard's text as published (Стандартинформ, 2021), checked from memory of it —
/// no copy is bundled; 4.2 «Требования к функциям» is where requirement IDs ТР-4.2.N
/// come from.
const GOST_34: &[Row] = &[
    ("Общие положения", "General provisions", true, &[]),
    (
        "Назначение и цели создания системы",
        "Purpose and objectives of the system",
        true,
        &[],
    ),
    (
        "Характеристика объекта автоматизации",
        "Description of the automated object",
        false,
        &[],
    ),
    (
        "Требования к системе",
        "Requirements for the system",
        true,
        &[
            (
                "Требования к системе в целом",
                "Requirements for the system as a whole",
                false,
            ),
            (
                "Требования к функциям (задачам), выполняемым системой",
                "Requirements for the functions (tasks) of the system",
                true,
            ),
            (
                "Требования к видам обеспечения",
                "Requirements for kinds of support",
                false,
            ),
            (
                "Общие технические требования к автоматизированной системе",
                "General technical requirements for the automated system",
                false,
            ),
        ],
    ),
    (
        "Состав и содержание работ по созданию системы",
        "Scope and content of the work to create the system",
        true,
        &[],
    ),
    (
        "Порядок разработки автоматизированной системы",
        "Procedure for developing the automated system",
        false,
        &[],
    ),
    (
        "Порядок контроля и приёмки системы",
        "Procedure for inspection and acceptance of the system",
        true,
        &[],
    ),
    (
        "Требования к составу и содержанию работ по подготовке объекта автоматизации к вводу системы в действие",
        "Requirements for preparing the automated object for putting the system into operation",
        false,
        &[],
    ),
    (
        "Требования к документированию",
        "Documentation requirements",
        false,
        &[],
    ),
    ("Источники разработки", "Sources of development", false, &[]),
];

const GOST_19: &[Row] = &[
    ("Введение", "Introduction", true, &[]),
    (
        "Основания для разработки",
        "Grounds for development",
        true,
        &[],
    ),
    ("Назначение разработки", "Purpose of development", true, &[]),
    (
        "Требования к программе",
        "Requirements for the program",
        true,
        &[
            (
                "Требования к функциональным характеристикам",
                "Functional characteristics",
                true,
            ),
            ("Требования к надёжности", "Reliability", false),
            ("Условия эксплуатации", "Operating conditions", false),
        ],
    ),
    (
        "Требования к программной документации",
        "Requirements for documentation",
        false,
        &[],
    ),
    (
        "Технико-экономические показатели",
        "Technical and economic indicators",
        false,
        &[],
    ),
    (
        "Стадии и этапы разработки",
        "Stages of development",
        true,
        &[],
    ),
    (
        "Порядок контроля и приёмки",
        "Inspection and acceptance",
        true,
        &[],
    ),
];

const ISO_29148: &[Row] = &[
    (
        "Введение",
        "Introduction",
        true,
        &[
            ("Назначение", "Purpose", true),
            ("Область применения", "Scope", true),
            (
                "Определения",
                "Definitions, acronyms and abbreviations",
                false,
            ),
        ],
    ),
    ("Ссылки", "References", false, &[]),
    (
        "Требования",
        "Requirements",
        true,
        &[
            ("Функции", "Functions", true),
            (
                "Требования к производительности",
                "Performance requirements",
                false,
            ),
            ("Удобство использования", "Usability requirements", false),
            ("Ограничения проектирования", "Design constraints", false),
        ],
    ),
    ("Верификация", "Verification", true, &[]),
    ("Приложения", "Appendices", false, &[]),
];

const FREELANCER: &[Row] = &[
    ("Что делаем", "What we build", true, &[]),
    ("Функции", "Functions", true, &[]),
    ("Что не входит в работу", "Out of scope", false, &[]),
    ("Сроки и этапы", "Timeline and stages", true, &[]),
    ("Как принимаем работу", "Acceptance", true, &[]),
];

/// A template as the picker shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateInfo {
    pub template: Template,
    pub name: Text,
    pub default_lang: Lang,
    /// How many sections it has and how many of them are required.
    pub sections: u32,
    pub required: u32,
}

/// Every template, for the picker.
pub fn templates() -> Vec<TemplateInfo> {
    Template::ALL
        .into_iter()
        .map(|t| {
            let outline = crate::spec::outline(&t.skeleton(t.default_lang()));
            TemplateInfo {
                template: t,
                name: t.name(),
                default_lang: t.default_lang(),
                sections: outline.len() as u32,
                required: outline.iter().filter(|o| o.required).count() as u32,
            }
        })
        .collect()
}

impl Template {
    pub const ALL: [Template; 4] = [
        Template::Gost34_602,
        Template::Gost19_201,
        Template::Iso29148,
        Template::Freelancer,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Template::Gost34_602 => "gost34_602",
            Template::Gost19_201 => "gost19_201",
            Template::Iso29148 => "iso29148",
            Template::Freelancer => "freelancer",
        }
    }

    pub fn from_code(code: &str) -> Option<Template> {
        Template::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn name(self) -> Text {
        match self {
            Template::Gost34_602 => Text::new("ГОСТ 34.602-2020", "GOST 34.602-2020"),
            Template::Gost19_201 => Text::new("ГОСТ 19.201-78", "GOST 19.201-78"),
            Template::Iso29148 => Text::new("ISO/IEC/IEEE 29148 (SRS)", "ISO/IEC/IEEE 29148 (SRS)"),
            Template::Freelancer => {
                Text::new("Краткое ТЗ фрилансера", "Short freelance specification")
            }
        }
    }

    /// The language a template is written in by default: the SRS is English.
    pub fn default_lang(self) -> Lang {
        match self {
            Template::Iso29148 => Lang::En,
            _ => Lang::Ru,
        }
    }

    /// The empty section tree of the template, keys numbered from 1.
    pub fn skeleton(self, lang: Lang) -> SpecContent {
        let rows = match self {
            Template::Gost34_602 => GOST_34,
            Template::Gost19_201 => GOST_19,
            Template::Iso29148 => ISO_29148,
            Template::Freelancer => FREELANCER,
        };
        let pick = |ru: &str, en: &str| match lang {
            Lang::Ru => ru.to_string(),
            Lang::En => en.to_string(),
        };
        let mut key = 0;
        let mut next = || {
            key += 1;
            key
        };
        let sections = rows
            .iter()
            .map(|(ru, en, required, children)| {
                let k = next();
                SpecSection {
                    key: k,
                    title: pick(ru, en),
                    required: *required,
                    body: String::new(),
                    requirements: vec![],
                    children: children
                        .iter()
                        .map(|(cru, cen, creq)| SpecSection {
                            key: next(),
                            title: pick(cru, cen),
                            required: *creq,
                            body: String::new(),
                            requirements: vec![],
                            children: vec![],
                        })
                        .collect(),
                }
            })
            .collect();
        SpecContent { lang, sections }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::numbered;

    /// Issue 10: the app's ГОСТ 34.602 template said «Общие сведения» (the 1989
    /// wording) while an unused copy said «Общие положения»; this is the one set.
    #[test]
    fn gost_34_has_the_ten_sections_of_the_2020_standard_and_4_2_is_functions() {
        let c = Template::Gost34_602.skeleton(Lang::Ru);
        let titles: Vec<&str> = c.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Общие положения",
                "Назначение и цели создания системы",
                "Характеристика объекта автоматизации",
                "Требования к системе",
                "Состав и содержание работ по созданию системы",
                "Порядок разработки автоматизированной системы",
                "Порядок контроля и приёмки системы",
                "Требования к составу и содержанию работ по подготовке объекта автоматизации к вводу системы в действие",
                "Требования к документированию",
                "Источники разработки",
            ]
        );
        let n = numbered(&c.sections);
        let f = n.iter().find(|(n, _)| n == "4.2").unwrap();
        assert_eq!(
            f.1.title,
            "Требования к функциям (задачам), выполняемым системой"
        );
        assert!(f.1.required);
        assert_eq!(c.max_key() as usize, n.len());
    }

    #[test]
    fn every_template_requires_something_and_is_complete_in_both_languages() {
        for t in Template::ALL {
            for lang in [Lang::Ru, Lang::En] {
                let c = t.skeleton(lang);
                assert!(!c.empty_required().is_empty(), "{t:?}");
                assert!(numbered(&c.sections)
                    .iter()
                    .all(|(_, s)| !s.title.is_empty()));
            }
            assert_eq!(Template::from_code(t.code()), Some(t));
        }
    }
}
