//! The data generator behind `etap gen-data`: the same seed makes the same records,
//! every lifecycle phase is reached, and what it issued is in the register.

use etap_domain::lifecycle::Step;
use etap_export::gen;

fn made(seed: u64) -> (gen::Generated, Vec<String>) {
    let (dir, mut store) = crate::temp_store();
    let g = gen::generate(&mut store, &dir.path().join("documents"), 16, seed, |_| {}).unwrap();
    let mut facts = Vec::new();
    for p in store.projects().unwrap() {
        let specs: Vec<String> = store
            .spec_versions(p.id)
            .unwrap()
            .into_iter()
            .map(|v| v.content.canonical())
            .collect();
        let bugs: Vec<String> = store
            .bugs(p.id)
            .unwrap_or_default()
            .into_iter()
            .map(|b| b.title)
            .collect();
        let docs: Vec<String> = store
            .issued_documents(p.id)
            .unwrap()
            .into_iter()
            .map(|d| format!("{:?} {}", d.kind, d.number))
            .collect();
        facts.push(format!(
            "{} | {} | {} | {specs:?} | {bugs:?} | {docs:?}",
            p.client_name,
            p.title,
            p.state.step.code()
        ));
    }
    facts.sort();
    (g, facts)
}

#[test]
fn the_same_seed_makes_the_same_projects_and_another_seed_others() {
    let (a, fa) = made(3);
    let (b, fb) = made(3);
    assert_eq!(a, b);
    assert_eq!(fa, fb);
    let (_, fc) = made(4);
    assert_ne!(fa, fc);
    assert_eq!(a.projects, 16);
    assert!(a.requirements > 16 * 40, "{a:?}");
    assert!(a.documents > 0 && a.bugs > 0, "{a:?}");
}

#[test]
fn generated_projects_reach_every_phase_and_their_documents_are_registered() {
    let (dir, mut store) = crate::temp_store();
    let docs = dir.path().join("documents");
    let g = gen::generate(&mut store, &docs, 40, 11, |_| {}).unwrap();
    let steps: Vec<Step> = store
        .projects()
        .unwrap()
        .iter()
        .map(|p| p.state.step)
        .collect();
    for want in [Step::Closed, Step::Cancelled] {
        assert!(steps.contains(&want), "no project at {want:?}: {steps:?}");
    }
    assert!(
        steps
            .iter()
            .any(|s| matches!(s, Step::Coding | Step::Testing)),
        "no project in development: {steps:?}"
    );
    assert!(
        steps
            .iter()
            .any(|s| matches!(s, Step::Request | Step::Clarification)),
        "no project in preparation: {steps:?}"
    );
    // Every issued file matches its register entry.
    assert!(etap_export::check::check_register(&store, &docs)
        .unwrap()
        .is_empty());
    let registered: usize = store
        .projects()
        .unwrap()
        .iter()
        .map(|p| store.issued_documents(p.id).unwrap().len())
        .sum();
    assert_eq!(registered as u64, g.documents);
}
