//! Structure templates for a ТЗ: the section skeletons of ГОСТ 34.602-2020, ГОСТ
//! 19.201-78, ISO/IEC/IEEE 29148 (SRS) and a short one for freelancers. A skeleton is a
//! tree of [`Section`]s with a one-line hint in each, ready for the spec editor to fill
//! and for the engine to render as it is.
//!
//! Guarantees: the section lists follow the standards' own order and wording (ГОСТ
//! 34.602-2020 has exactly ten top-level sections); every template exists in Russian
//! and English.

use etap_domain::text::Lang;

use crate::model::{Content, Section};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// ГОСТ 34.602-2020: ТЗ на создание автоматизированной системы.
    Gost34_602,
    /// ГОСТ 19.201-78: ТЗ на разработку программы.
    Gost19_201,
    /// ISO/IEC/IEEE 29148:2018, Software Requirements Specification outline.
    Iso29148,
    /// A short specification for a freelancer's project.
    Freelancer,
}

impl Template {
    pub const ALL: [Template; 4] = [
        Template::Gost34_602,
        Template::Gost19_201,
        Template::Iso29148,
        Template::Freelancer,
    ];

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Template::Gost34_602, Lang::Ru) => "ГОСТ 34.602-2020 (автоматизированная система)",
            (Template::Gost34_602, Lang::En) => "GOST 34.602-2020 (automated system)",
            (Template::Gost19_201, Lang::Ru) => "ГОСТ 19.201-78 (программа)",
            (Template::Gost19_201, Lang::En) => "GOST 19.201-78 (software program)",
            (Template::Iso29148, Lang::Ru) => "ISO/IEC/IEEE 29148 (SRS)",
            (Template::Iso29148, Lang::En) => "ISO/IEC/IEEE 29148 (SRS)",
            (Template::Freelancer, Lang::Ru) => "Краткое ТЗ фрилансера",
            (Template::Freelancer, Lang::En) => "Short freelance specification",
        }
    }

    /// The skeleton: top-level sections with their subsections and hints.
    pub fn skeleton(self, lang: Lang) -> Vec<Section> {
        let rows: Skeleton = match self {
            Template::Gost34_602 => GOST_34,
            Template::Gost19_201 => GOST_19,
            Template::Iso29148 => ISO_29148,
            Template::Freelancer => FREELANCER,
        };
        rows.iter()
            .map(|(ru, en, children)| {
                let mut s = Section::new(pick(lang, ru, en));
                s.content.push(Content::Para(hint(lang)));
                s.children = children
                    .iter()
                    .map(|(cru, cen)| {
                        let mut c = Section::new(pick(lang, cru, cen));
                        c.content.push(Content::Para(hint(lang)));
                        c
                    })
                    .collect();
                s
            })
            .collect()
    }
}

fn pick(lang: Lang, ru: &str, en: &str) -> String {
    match lang {
        Lang::Ru => ru.to_string(),
        Lang::En => en.to_string(),
    }
}

fn hint(lang: Lang) -> String {
    pick(
        lang,
        "Заполните раздел или удалите его, если он не относится к проекту.",
        "Fill in this section or remove it if it does not apply to the project.",
    )
}

type Skeleton = &'static [(
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
)];

const GOST_34: Skeleton = &[
    (
        "Общие положения",
        "General provisions",
        &[
            ("Полное наименование системы и её условное обозначение", "Full name and designation of the system"),
            ("Основания для проведения работ", "Grounds for the work"),
            ("Наименования организаций заказчика и разработчика", "Customer and developer organisations"),
            ("Плановые сроки начала и окончания работ", "Planned start and end dates"),
        ],
    ),
    ("Назначение и цели создания системы", "Purpose and objectives of the system", &[
        ("Назначение системы", "Purpose of the system"),
        ("Цели создания системы", "Objectives of the system"),
    ]),
    ("Характеристика объекта автоматизации", "Description of the automated object", &[]),
    ("Требования к системе", "Requirements for the system", &[
        ("Требования к системе в целом", "Requirements for the system as a whole"),
        ("Требования к функциям, выполняемым системой", "Requirements for the functions of the system"),
        ("Требования к видам обеспечения", "Requirements for kinds of support"),
    ]),
    ("Состав и содержание работ по созданию системы", "Scope and content of the work to create the system", &[]),
    ("Порядок разработки автоматизированной системы", "Procedure for developing the automated system", &[]),
    ("Порядок контроля и приёмки системы", "Procedure for inspection and acceptance of the system", &[]),
    (
        "Требования к составу и содержанию работ по подготовке объекта автоматизации к вводу системы в действие",
        "Requirements for preparing the automated object for putting the system into operation",
        &[],
    ),
    ("Требования к документированию", "Documentation requirements", &[]),
    ("Источники разработки", "Sources used in development", &[]),
];

const GOST_19: Skeleton = &[
    ("Введение", "Introduction", &[]),
    ("Основания для разработки", "Grounds for development", &[]),
    ("Назначение разработки", "Purpose of development", &[]),
    (
        "Требования к программе или программному изделию",
        "Requirements for the program",
        &[
            (
                "Требования к функциональным характеристикам",
                "Functional characteristics",
            ),
            ("Требования к надёжности", "Reliability"),
            ("Условия эксплуатации", "Operating conditions"),
            (
                "Требования к составу и параметрам технических средств",
                "Hardware composition and parameters",
            ),
            (
                "Требования к информационной и программной совместимости",
                "Information and software compatibility",
            ),
            (
                "Требования к маркировке и упаковке",
                "Marking and packaging",
            ),
            (
                "Требования к транспортированию и хранению",
                "Transportation and storage",
            ),
            ("Специальные требования", "Special requirements"),
        ],
    ),
    (
        "Требования к программной документации",
        "Requirements for program documentation",
        &[],
    ),
    (
        "Технико-экономические показатели",
        "Technical and economic indicators",
        &[],
    ),
    (
        "Стадии и этапы разработки",
        "Stages and phases of development",
        &[],
    ),
    (
        "Порядок контроля и приёмки",
        "Inspection and acceptance procedure",
        &[],
    ),
];

const ISO_29148: Skeleton = &[
    (
        "Введение",
        "Introduction",
        &[
            ("Назначение", "Purpose"),
            ("Область применения", "Scope"),
            ("Обзор продукта", "Product overview"),
            (
                "Определения, сокращения и термины",
                "Definitions, acronyms and abbreviations",
            ),
        ],
    ),
    ("Ссылки", "References", &[]),
    (
        "Требования",
        "Requirements",
        &[
            ("Функции", "Functions"),
            (
                "Требования к производительности",
                "Performance requirements",
            ),
            (
                "Требования к удобству использования",
                "Usability requirements",
            ),
            ("Требования к интерфейсам", "Interface requirements"),
            (
                "Логические требования к базе данных",
                "Logical database requirements",
            ),
            ("Ограничения проектирования", "Design constraints"),
            ("Атрибуты программной системы", "Software system attributes"),
            ("Сопроводительная информация", "Supporting information"),
        ],
    ),
    ("Проверка", "Verification", &[]),
    (
        "Приложения",
        "Appendices",
        &[
            ("Допущения и зависимости", "Assumptions and dependencies"),
            ("Сокращения", "Acronyms and abbreviations"),
        ],
    ),
];

const FREELANCER: Skeleton = &[
    ("Цель проекта", "Project goal", &[]),
    ("Объём работ", "Scope of work", &[]),
    ("Требования", "Requirements", &[]),
    ("Что не входит в работы", "Out of scope", &[]),
    ("Сроки и этапы", "Timeline and stages", &[]),
    ("Порядок приёмки", "Acceptance", &[]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gost_34_602_has_ten_sections_in_both_languages() {
        assert_eq!(Template::Gost34_602.skeleton(Lang::Ru).len(), 10);
        assert_eq!(Template::Gost34_602.skeleton(Lang::En).len(), 10);
        for t in Template::ALL {
            let ru = t.skeleton(Lang::Ru);
            let en = t.skeleton(Lang::En);
            assert_eq!(ru.len(), en.len());
            assert!(ru.iter().all(|s| !s.title.is_empty()));
        }
    }
}
