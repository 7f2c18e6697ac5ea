//! Property tests: random command sequences never leave the machine, refused commands
//! change nothing, and the state replayed from history equals the stored one.

use etap_domain::lifecycle::{decide, options, replay, Action, ActionKind, Facts, ProjectState};
use etap_domain::preparation::Role;
use etap_storage::Store;
use proptest::prelude::*;

/// One random command: pick one of the offered actions (index modulo the offer), or
/// any action at all, with or without a comment, after planning some stages.
#[derive(Debug, Clone)]
struct Cmd {
    /// Open questions and a missing tester: the preparation guards stay shut.
    blockers: bool,
    offered: bool,
    pick: usize,
    comment: bool,
    stages: u32,
}

fn cmd() -> impl Strategy<Value = Cmd> {
    (
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.85),
        0usize..64,
        prop::bool::weighted(0.8),
        0u32..4,
    )
        .prop_map(|(blockers, offered, pick, comment, stages)| Cmd {
            blockers,
            offered,
            pick,
            comment,
            stages,
        })
}

fn choose(state: &ProjectState, c: &Cmd, facts: &Facts) -> ActionKind {
    if c.offered {
        let opts = options(state, facts);
        if !opts.is_empty() {
            return opts[c.pick % opts.len()].kind;
        }
    }
    ActionKind::ALL[c.pick % ActionKind::ALL.len()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_domain_never_leaves_the_machine(cmds in prop::collection::vec(cmd(), 0..120)) {
        let mut state = ProjectState::initial();
        let mut taken: Vec<Action> = Vec::new();
        for c in &cmds {
            let facts = Facts {
                planned_stages: c.stages,
                open_questions: u32::from(c.blockers),
                missing_roles: if c.blockers { vec![Role::Tester] } else { vec![] },
                estimate_items: u32::from(!c.blockers),
                estimate_total_positive: !c.blockers,
                pending_offer: !c.blockers,
                approved_spec: !c.blockers,
            };
            let kind = choose(&state, c, &facts);
            let action = Action::from_kind(kind, &facts);
            let comment = if c.comment { "причина" } else { "" };
            match decide(&state, action, comment, &facts) {
                Ok(next) => {
                    prop_assert!(next.is_consistent(), "{next:?} after {action:?}");
                    taken.push(action);
                    state = next;
                }
                Err(r) => prop_assert!(!r.message.ru.is_empty() && !r.message.en.is_empty()),
            }
        }
        prop_assert_eq!(replay(&taken), Some(state));
    }
}

proptest! {
    // Through SQLite: fewer cases, each a whole project's life.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_stored_state_equals_the_replayed_history(cmds in prop::collection::vec(cmd(), 0..80)) {
        let mut store = Store::open_in_memory().unwrap();
        let c = store.create_client("Клиент").unwrap();
        let p = store.create_project(c.id, "Проект").unwrap();
        for c in &cmds {
            let state = store.project(p.id).unwrap().state;
            if state.step == etap_domain::Step::StagePlanning
                && (store.stages(p.id).unwrap().len() as u32) < c.stages
            {
                store.add_stage(p.id, "Этап").unwrap();
            }
            if state.step == etap_domain::Step::Estimate && !c.blockers {
                crate::fill_estimate(&mut store, p.id);
            }
            if state.step == etap_domain::Step::Specification && !c.blockers {
                crate::approve_spec(&mut store, p.id);
            }
            if state.step == etap_domain::Step::TeamHandover && !c.blockers {
                store.save_team_member(p.id, &crate::freelancer()).unwrap();
            }
            let facts = store.facts(p.id).unwrap();
            let kind = choose(&state, c, &facts);
            let before = store.history(p.id).unwrap().len();
            let comment = if c.comment { "причина" } else { "" };
            match store.advance(p.id, kind, comment) {
                Ok(s) => {
                    prop_assert!(s.state.is_consistent());
                    prop_assert_eq!(store.history(p.id).unwrap().len(), before + 1);
                }
                Err(_) => {
                    prop_assert_eq!(store.history(p.id).unwrap().len(), before);
                    prop_assert_eq!(store.project(p.id).unwrap().state, state);
                }
            }
        }
        let stored = store.project(p.id).unwrap().state;
        prop_assert_eq!(store.replayed_state(p.id).unwrap(), stored);
    }
}

/// The options the core offers are enough to carry a project from the request to
/// Closed through every phase, taking each loop once on the way (so the random walks
/// above explore the whole machine, not only its first steps).
#[test]
fn the_offered_actions_lead_from_request_to_closed() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.create_client("Клиент").unwrap();
    let p = store.create_project(c.id, "Проект").unwrap();
    let mut looped = std::collections::HashSet::new();
    let mut visited = std::collections::HashSet::new();
    for _ in 0..100 {
        let state = store.project(p.id).unwrap().state;
        visited.insert(state.step);
        if state.step == etap_domain::Step::Closed {
            break;
        }
        if state.step == etap_domain::Step::TeamHandover
            && store.team_card(p.id).unwrap().members.is_empty()
        {
            store.save_team_member(p.id, &crate::freelancer()).unwrap();
            continue;
        }
        if state.step == etap_domain::Step::StagePlanning && store.stages(p.id).unwrap().len() < 2 {
            store.add_stage(p.id, "Этап").unwrap();
            continue;
        }
        if state.step == etap_domain::Step::Estimate {
            crate::fill_estimate(&mut store, p.id);
        }
        if state.step == etap_domain::Step::Specification {
            crate::approve_spec(&mut store, p.id);
        }
        let opts = options(&state, &store.facts(p.id).unwrap());
        let pick = opts
            .iter()
            .filter(|o| o.blocked.is_none() && o.kind != ActionKind::Cancel)
            .find(|o| o.loop_kind.is_some_and(|l| !looped.contains(&l)))
            .or_else(|| {
                opts.iter()
                    .find(|o| o.loop_kind.is_none() && o.kind != ActionKind::Cancel)
            })
            .expect("some way forward");
        if let Some(l) = pick.loop_kind {
            looped.insert(l);
        }
        store.advance(p.id, pick.kind, "комментарий").unwrap();
    }
    assert_eq!(
        store.project(p.id).unwrap().state.step,
        etap_domain::Step::Closed
    );
    assert_eq!(looped.len(), etap_domain::LoopKind::ALL.len(), "{looped:?}");
    assert_eq!(
        visited.len(),
        etap_domain::Step::ALL.len() - 1,
        "all but Cancelled"
    );
    let page = store.project_page(p.id).unwrap();
    assert!(page.map.loops.iter().all(|l| l.count >= 1));
    assert_eq!(store.replayed_state(p.id).unwrap(), page.project.state);
}

mod spec_diff {
    //! Property test of the specification diff: applying the diff of A→B to A yields B,
    //! whatever was added, removed, edited or moved.

    use etap_domain::spec::{apply, diff, Priority, Requirement, SpecContent, SpecSection};
    use etap_domain::Lang;
    use proptest::prelude::*;

    fn words() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec!["заказ", "клиент", "ёлка", "API", "срок", "—", "«да»"]),
            0..6,
        )
        .prop_map(|w| w.join(" "))
    }

    fn requirement(i: u32) -> impl Strategy<Value = Requirement> {
        (words(), words(), 0..3u8).prop_map(move |(text, acceptance, p)| Requirement {
            id: format!("ТР-{i}"),
            text,
            priority: [Priority::Must, Priority::Should, Priority::Could][p as usize],
            acceptance,
            estimate_items: vec![],
        })
    }

    /// A flat pool of sections with random nesting: each section's parent is an
    /// earlier one or the top level.
    fn content() -> impl Strategy<Value = SpecContent> {
        prop::collection::vec(
            (
                words(),
                words(),
                any::<bool>(),
                prop::option::of(requirement(0)),
                any::<prop::sample::Index>(),
            ),
            0..8,
        )
        .prop_map(|rows| {
            let mut flat: Vec<(Option<usize>, SpecSection)> = Vec::new();
            for (i, (title, body, required, req, parent)) in rows.into_iter().enumerate() {
                let parent = if i == 0 {
                    None
                } else {
                    Some(parent.index(i + 1)).filter(|p| *p < i)
                };
                let requirements = req
                    .map(|mut r| {
                        r.id = format!("ТР-{}", i + 1);
                        vec![r]
                    })
                    .unwrap_or_default();
                flat.push((
                    parent,
                    SpecSection {
                        key: i as u32 + 1,
                        title,
                        required,
                        body,
                        requirements,
                        children: vec![],
                    },
                ));
            }
            fn build(
                parent: Option<usize>,
                flat: &[(Option<usize>, SpecSection)],
            ) -> Vec<SpecSection> {
                flat.iter()
                    .enumerate()
                    .filter(|(_, (p, _))| *p == parent)
                    .map(|(i, (_, s))| SpecSection {
                        children: build(Some(i), flat),
                        ..s.clone()
                    })
                    .collect()
            }
            SpecContent {
                lang: Lang::Ru,
                sections: build(None, &flat),
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn applying_the_diff_of_a_to_b_to_a_yields_b(a in content(), b in content()) {
            let d = diff(&a, &b);
            prop_assert_eq!(apply(&a, &d), b.clone());
            prop_assert!(diff(&b, &b).is_empty());
        }
    }
}
