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
                after_rollback: taken.last() == Some(&Action::RollBack),
                delivery: None,
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
            if !c.blockers {
                // The delivery records too, so that walks go on past 2.1.
                crate::ready(&mut store, p.id, kind);
            }
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
            // One requirement, so that acceptance at 2.6 can find a defect in it.
            if store.spec_versions(p.id).unwrap().is_empty() {
                let v = store
                    .create_spec(
                        p.id,
                        etap_domain::spec_templates::Template::Freelancer,
                        etap_domain::Lang::Ru,
                    )
                    .unwrap();
                let v = store
                    .add_requirement(v.id, v.content.sections[0].key)
                    .unwrap();
                let mut content = v.content.clone();
                content.sections[0].requirements[0].text = "Вход по паролю".into();
                store.save_spec(v.id, &content).unwrap();
            }
            crate::approve_spec(&mut store, p.id);
        }
        // The first loop not taken yet whose guard passes once its records are filled
        // (filling one may unfill another: defects and acceptance mark the same
        // requirements), else the first step forward.
        let opts = options(&state, &store.facts(p.id).unwrap());
        let mut candidates: Vec<_> = opts
            .iter()
            .filter(|o| o.kind != ActionKind::Cancel)
            .filter(|o| o.loop_kind.is_some_and(|l| !looped.contains(&l)))
            .cloned()
            .collect();
        candidates.extend(
            opts.iter()
                .filter(|o| o.loop_kind.is_none() && o.kind != ActionKind::Cancel)
                .take(1)
                .cloned(),
        );
        let pick = candidates
            .into_iter()
            .find(|o| {
                if o.loop_kind.is_none() {
                    crate::ready(&mut store, p.id, o.kind);
                    return true;
                }
                crate::ready(&mut store, p.id, o.kind);
                options(&state, &store.facts(p.id).unwrap())
                    .iter()
                    .any(|x| x.kind == o.kind && x.blocked.is_none())
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

mod delivery {
    //! Property test of development and deployment (2.1–3.3) with their records: random
    //! walks through bug loops, hand-overs to developers, defect loops, rollbacks and fix
    //! stages, where every guard is fed from the records the walk made. It checks that
    //! each guard lets through exactly what its rule allows, that the counters (QA,
    //! bug, defect rounds; deployments and rollbacks) add up, that accepted stages are
    //! frozen and the rest editable, and that replaying the actions gives the state.

    use etap_domain::deployment::{
        attempts, DbArchive, DeploymentPlan, SupportContact, SupportHandover,
    };
    use etap_domain::development::{
        accepted_stages, change_status, check_acceptance, rounds, stage_editable, Acceptance, Bug,
        BugStatus, ChecklistItem, ItemStatus, PlanCheck, RequirementCheck, Severity,
    };
    use etap_domain::lifecycle::{
        decide, effect, options, replay, Action, ActionKind, DeliveryFacts, Facts, ProjectState,
        Step,
    };
    use proptest::prelude::*;

    /// What the walk has recorded so far, as storage would keep it.
    #[derive(Debug, Default)]
    struct Records {
        plan_ok: bool,
        env_done: bool,
        bugs: Vec<Bug>,
        /// The current stage's acceptance as filled in.
        acceptance: Acceptance,
        deploy_plan: bool,
        /// The archive of the current switchover attempt; a rollback starts a new one.
        archive: Option<DbArchive>,
        support: bool,
        final_act: bool,
    }

    /// Each stage delivers two requirements, ТР-<stage>.1 and ТР-<stage>.2.
    fn reqs(stage: u32) -> Vec<String> {
        vec![format!("ТР-{stage}.1"), format!("ТР-{stage}.2")]
    }

    impl Records {
        fn facts(&self, state: &ProjectState, stages: u32, after_rollback: bool) -> Facts {
            let item = |status| ChecklistItem {
                title: "Репозитории".into(),
                status,
                ..ChecklistItem::default()
            };
            Facts {
                planned_stages: stages,
                delivery: Some(DeliveryFacts {
                    plan: if self.plan_ok {
                        PlanCheck::default()
                    } else {
                        PlanCheck {
                            unassigned: vec!["ТР-1.1".into()],
                            ..PlanCheck::default()
                        }
                    },
                    environment: vec![item(if self.env_done {
                        ItemStatus::Done
                    } else {
                        ItemStatus::Todo
                    })],
                    bugs: self.bugs.clone(),
                    acceptance: check_acceptance(&reqs(state.stage), &self.acceptance),
                    deployment_plan: self.deploy_plan.then(|| DeploymentPlan {
                        description: "Сервер клиента".into(),
                        planned_on: "2026-12-25".into(),
                        responsible: "Анна".into(),
                        ..DeploymentPlan::default()
                    }),
                    archive: self.archive.clone(),
                    support: self.support.then(|| SupportHandover {
                        team: vec![SupportContact {
                            name: "Поддержка".into(),
                            contact: "+7 900 000-00-00".into(),
                        }],
                        documents: vec!["Руководство".into()],
                        handed_over_on: "2026-12-28".into(),
                        warranty_until: "2027-12-28".into(),
                    }),
                    final_act_issued: self.final_act,
                }),
                after_rollback,
                ..Facts::default()
            }
        }

        /// Records something at the current step; `k` picks what (good or bad data).
        fn fill(&mut self, state: &ProjectState, k: u8) {
            match state.step {
                Step::StagePlanning => self.plan_ok = k % 3 != 0,
                Step::Environment => self.env_done = k % 3 != 0,
                Step::Testing => {
                    let severity = Severity::ALL[usize::from(k) % 4];
                    self.bugs.push(Bug {
                        number: self.bugs.len() as u32 + 1,
                        stage: state.stage,
                        title: "Баг".into(),
                        severity,
                        ..Bug::default()
                    });
                }
                Step::Coding | Step::DevOpsAdjustment => {
                    // Developers fix the stage's open bugs.
                    for b in self.bugs.iter_mut() {
                        if b.stage == state.stage && b.status == BugStatus::Open {
                            *b = change_status(b, BugStatus::Fixed, "").unwrap();
                        }
                    }
                }
                Step::StageAcceptance => {
                    let defect = k % 3 == 0;
                    self.acceptance = Acceptance {
                        stage: state.stage,
                        checks: reqs(state.stage)
                            .into_iter()
                            .enumerate()
                            .map(|(i, r)| RequirementCheck {
                                requirement: r,
                                verified: !(defect && i == 0),
                                note: String::new(),
                            })
                            .collect(),
                        code_ref: if k % 3 == 1 { "0123abc" } else { "v1..0" }.into(),
                        accepted_on: "2026-12-20".into(),
                        accepted_by: "Мария".into(),
                    };
                }
                Step::Deployment => self.deploy_plan = true,
                Step::Switchover => {
                    self.archive = Some(DbArchive {
                        what: "БД".into(),
                        location: "/backups/db.dump".into(),
                        made_at: "2026-12-24".into(),
                        sha256: if k % 3 == 0 {
                            "не сумма".into()
                        } else {
                            "ab".repeat(32)
                        },
                    })
                }
                Step::SupportHandover => {
                    if self.support {
                        self.final_act = true;
                    }
                    self.support = true;
                }
                _ => {}
            }
        }

        /// What an allowed transition does to the records.
        fn after(&mut self, action: Action) {
            match action {
                // A new acceptance round, or the next stage's.
                Action::ReportDefects | Action::AcceptStage | Action::StartFixStage => {
                    self.acceptance = Acceptance::default()
                }
                Action::RollBack => self.archive = None,
                _ => {}
            }
        }
    }

    #[derive(Debug, Clone)]
    enum Move {
        /// One of the offered actions whose guard holds.
        Take(usize),
        /// Any offered action, blocked or not.
        Try(usize),
        /// Record something at the current step.
        Fill(u8),
    }

    fn moves() -> impl Strategy<Value = Move> {
        prop_oneof![
            5 => any::<usize>().prop_map(Move::Take),
            1 => any::<usize>().prop_map(Move::Try),
            3 => any::<u8>().prop_map(Move::Fill),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn delivery_walks_keep_counters_frozen_stages_and_replay(
            stages in 1u32..4,
            walk in prop::collection::vec(moves(), 0..250),
        ) {
            let prep = [
                Action::StartClarification,
                Action::RequestEstimate,
                Action::SendOffer,
                Action::AcceptOffer,
                Action::ApproveSpecification,
                Action::HandOverToTeam,
            ];
            let mut state = ProjectState::initial();
            for a in prep {
                state = effect(&state, a).unwrap();
            }
            let mut taken: Vec<Action> = prep.to_vec();
            let mut rec = Records::default();
            for m in &walk {
                let facts = rec.facts(&state, stages, taken.last() == Some(&Action::RollBack));
                let opts: Vec<_> = options(&state, &facts)
                    .into_iter()
                    .filter(|o| o.kind != ActionKind::Cancel)
                    .collect();
                let kind = match m {
                    Move::Fill(k) => {
                        rec.fill(&state, *k);
                        continue;
                    }
                    Move::Take(i) => {
                        let open: Vec<_> = opts.iter().filter(|o| o.blocked.is_none()).collect();
                        if open.is_empty() {
                            continue;
                        }
                        open[i % open.len()].kind
                    }
                    Move::Try(i) => {
                        if opts.is_empty() {
                            continue;
                        }
                        opts[i % opts.len()].kind
                    }
                };
                let action = Action::from_kind(kind, &facts);
                let stage_bugs = || rec.bugs.iter().filter(|b| b.stage == state.stage);
                // What each rule allows, said independently of the guards.
                let allowed = match kind {
                    ActionKind::ConfirmStagePlan => rec.plan_ok,
                    ActionKind::EnvironmentReady => rec.env_done,
                    ActionKind::ReportBugs => stage_bugs().any(|b| b.status == BugStatus::Open),
                    ActionKind::PassTesting => !stage_bugs()
                        .any(|b| {
                        b.status == BugStatus::Open
                            && matches!(b.severity, Severity::Critical | Severity::Major)
                    }),
                    ActionKind::ReportDefects => {
                        rec.acceptance.stage == state.stage
                            && rec.acceptance.checks.iter().any(|c| !c.verified)
                    }
                    ActionKind::AcceptStage => {
                        rec.acceptance.stage == state.stage
                            && rec.acceptance.checks.iter().all(|c| c.verified)
                            && rec.acceptance.code_ref == "0123abc"
                    }
                    ActionKind::Deploy => rec.deploy_plan,
                    ActionKind::SwitchOver => rec
                        .archive
                        .as_ref()
                        .is_some_and(|a| a.sha256.len() == 64),
                    ActionKind::Close => rec.support && rec.final_act,
                    ActionKind::StartFixStage => taken.last() == Some(&Action::RollBack),
                    _ => true,
                };
                match decide(&state, action, "причина", &facts) {
                    Ok(next) => {
                        prop_assert!(allowed, "{kind:?} was let through at {state:?}");
                        prop_assert!(next.is_consistent(), "{next:?} after {action:?}");
                        taken.push(action);
                        rec.after(action);
                        state = next;
                    }
                    Err(r) => {
                        prop_assert!(!allowed, "{kind:?} refused at {state:?}: {}", r.message.en);
                        prop_assert!(!r.message.ru.is_empty() && !r.message.en.is_empty());
                    }
                }
            }

            // Replay gives the state.
            prop_assert_eq!(replay(&taken), Some(state));

            // Every stage's QA rounds: one per hand-over to testing; every loop back to
            // 2.3 needs a new one, and an accepted stage passed the last.
            let fix_stages = taken.iter().filter(|a| **a == Action::StartFixStage).count() as u32;
            let accepted = taken.iter().filter(|a| **a == Action::AcceptStage).count() as u32;
            for r in rounds(&taken) {
                let loops = r.bug_rounds + r.environment_rounds + r.defect_rounds;
                let in_review = r.stage == state.stage
                    && matches!(
                        state.step,
                        Step::Testing | Step::DevOpsAdjustment | Step::StageAcceptance
                    );
                let expected = if r.accepted || in_review { loops + 1 } else { loops };
                prop_assert_eq!(r.qa_rounds, expected, "{:?} at {:?}", r, state);
            }
            prop_assert_eq!(
                rounds(&taken).iter().filter(|r| r.accepted).count() as u32,
                accepted
            );

            // Accepted stages are frozen, the current one is not.
            prop_assert_eq!(accepted_stages(&state), accepted);
            for n in 1..=accepted {
                prop_assert_eq!(stage_editable(n, &state).unwrap_err().code, "stage_frozen");
            }
            if state.step.is_stage_step() {
                prop_assert!(stage_editable(state.stage, &state).is_ok());
            }

            // Deployments end in a rollback or the switchover, but the one under way;
            // fix stages add to the planned ones.
            let a = attempts(&taken);
            let pending = u32::from(state.step == Step::Switchover);
            prop_assert_eq!(a.deployments, a.rollbacks + u32::from(a.switched_over) + pending);
            // Every fix stage answers a rollback.
            prop_assert!(a.fix_stages <= a.rollbacks);
            if state.stages_total > 0 {
                prop_assert_eq!(state.stages_total, stages + fix_stages);
            }
        }
    }
}

mod stored_delivery {
    //! The same walks through SQLite: records are saved through the store, each step
    //! is taken only when the core allows it with the stored records as facts, and
    //! the database keeps accepted stages frozen, counts the rounds and replays to the
    //! stored state.

    use etap_domain::deployment::{DbArchive, DeploymentPlan, SupportContact, SupportHandover};
    use etap_domain::development::{
        Acceptance, Bug, BugStatus, RequirementCheck, Severity, WorkEntry,
    };
    use etap_domain::entity::{DocKind, IssuedDocument};
    use etap_domain::lifecycle::{options, Action, ActionKind, Facts};
    use etap_domain::{Lang, Step};
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    use crate::development::{check, project_in_development};

    #[derive(Debug, Clone)]
    enum Move {
        Take(usize),
        Fill(u8),
    }

    fn moves() -> impl Strategy<Value = Move> {
        prop_oneof![
            3 => any::<usize>().prop_map(Move::Take),
            2 => any::<u8>().prop_map(Move::Fill),
        ]
    }

    fn fill(store: &mut etap_storage::Store, p: i64, k: u8) {
        let state = store.project(p).unwrap().state;
        match state.step {
            Step::Testing => {
                store
                    .save_bug(
                        p,
                        &Bug {
                            stage: state.stage,
                            title: "Баг".into(),
                            severity: Severity::ALL[usize::from(k) % 4],
                            ..Bug::default()
                        },
                    )
                    .unwrap();
            }
            Step::Coding => {
                for b in store.bugs(p).unwrap() {
                    if b.stage == state.stage && b.status == BugStatus::Open {
                        store
                            .save_bug(
                                p,
                                &Bug {
                                    status: BugStatus::Fixed,
                                    ..b
                                },
                            )
                            .unwrap();
                    }
                }
            }
            Step::StageAcceptance => {
                let reqs = store
                    .stage_plan(p)
                    .unwrap()
                    .stages
                    .into_iter()
                    .find(|s| s.number == state.stage)
                    .unwrap()
                    .requirements;
                let defect = k % 3 == 0;
                store
                    .save_acceptance(
                        p,
                        &Acceptance {
                            stage: state.stage,
                            checks: reqs
                                .into_iter()
                                .enumerate()
                                .map(|(i, r)| RequirementCheck {
                                    requirement: r,
                                    verified: !(defect && i == 0),
                                    note: "Замечание".into(),
                                })
                                .collect(),
                            code_ref: format!("v{}.{k}", state.stage),
                            accepted_on: "2026-12-20".into(),
                            accepted_by: "Мария".into(),
                        },
                    )
                    .unwrap();
            }
            Step::Deployment => {
                store
                    .save_deployment_plan(
                        p,
                        &DeploymentPlan {
                            description: "Сервер клиента".into(),
                            planned_on: "2026-12-24".into(),
                            responsible: "Анна".into(),
                            ..DeploymentPlan::default()
                        },
                    )
                    .unwrap();
            }
            Step::Switchover => {
                store
                    .record_db_archive(
                        p,
                        &DbArchive {
                            what: "БД".into(),
                            location: "/backups/db.dump".into(),
                            made_at: "2026-12-24".into(),
                            sha256: "ab".repeat(32),
                        },
                    )
                    .unwrap();
            }
            Step::SupportHandover => {
                store
                    .save_support_handover(
                        p,
                        &SupportHandover {
                            team: vec![SupportContact {
                                name: "Поддержка".into(),
                                contact: "support@example.ru".into(),
                            }],
                            documents: vec!["Руководство".into()],
                            handed_over_on: "2026-12-28".into(),
                            warranty_until: "2027-12-28".into(),
                        },
                    )
                    .unwrap();
                store
                    .record_document(IssuedDocument {
                        id: 0,
                        project_id: p,
                        kind: DocKind::Act,
                        number: format!("АКТ-{p}-{k}"),
                        issued_at: chrono::Utc::now()
                            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        lang: Lang::Ru,
                        version: None,
                        sha256: "cd".repeat(32),
                        path: "akt.pdf".into(),
                        draft: false,
                        label: etap_domain::Text::new("", ""),
                        made_from: None,
                    })
                    .ok();
            }
            _ => {}
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]

        #[test]
        fn stored_walks_freeze_accepted_stages_and_replay(
            walk in prop::collection::vec(moves(), 0..120),
        ) {
            let (_dir, mut store) = crate::temp_store();
            let (p, _, _) = project_in_development(&mut store);
            let work = WorkEntry {
                date: "2026-12-02".into(),
                who: "Анна".into(),
                hours: Decimal::from(2),
                ..WorkEntry::default()
            };
            for m in &walk {
                let state = store.project(p).unwrap().state;
                match m {
                    Move::Fill(k) => fill(&mut store, p, *k),
                    Move::Take(i) => {
                        let needed = store.facts(p).unwrap();
                        let facts = Facts {
                            delivery: Some(store.delivery_facts(p).unwrap()),
                            ..needed.clone()
                        };
                        // The project page and the dashboard gather only the records
                        // the step's guards read (`DeliveryNeeds::at`): the same options.
                        prop_assert_eq!(options(&state, &needed), options(&state, &facts));
                        let open: Vec<ActionKind> = options(&state, &facts)
                            .into_iter()
                            .filter(|o| o.blocked.is_none())
                            .map(|o| o.kind)
                            .collect();
                        if open.is_empty() {
                            continue;
                        }
                        let kind = open[i % open.len()];
                        prop_assert!(check(&store, p, kind).is_ok());
                        store.advance(p, kind, "причина").unwrap();
                    }
                }
                let state = store.project(p).unwrap().state;
                prop_assert_eq!(store.replayed_state(p).unwrap(), state);
                // Every accepted stage is frozen in the database; the current one is not.
                let accepted = etap_domain::development::accepted_stages(&state);
                for n in 1..=accepted {
                    let e = store.log_work(p, &WorkEntry { stage: n, ..work.clone() });
                    prop_assert_eq!(e.unwrap_err().code(), "stage_frozen");
                }
                if state.step.is_stage_step() {
                    let current = WorkEntry { stage: state.stage, ..work.clone() };
                    let logged = store.log_work(p, &current).is_ok();
                    prop_assert!(logged, "work on the current stage {} refused", state.stage);
                }
            }
            // The rounds read back from the stored history add up per stage.
            let state = store.project(p).unwrap().state;
            let history: Vec<Action> = store.history(p).unwrap().into_iter().map(|h| h.action).collect();
            let accepted = history.iter().filter(|a| **a == Action::AcceptStage).count();
            let progress = store.development_progress(p).unwrap();
            prop_assert_eq!(progress.rounds.iter().filter(|r| r.accepted).count(), accepted);
            for r in &progress.rounds {
                let loops = r.bug_rounds + r.environment_rounds + r.defect_rounds;
                let in_review = r.stage == state.stage
                    && matches!(state.step, Step::Testing | Step::DevOpsAdjustment | Step::StageAcceptance);
                prop_assert_eq!(r.qa_rounds, loops + u32::from(r.accepted || in_review));
            }
            prop_assert_eq!(store.stage_plan(p).unwrap().stages.len() as u32, state.stages_total);
        }
    }
}
