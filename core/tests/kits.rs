//! The kit library: versions and their comparison, the library's filters,
//! runs whose checklists merge across devices, feedback, attachments.

mod support;

use archipel_core::files::FileRef;
use archipel_core::kits::{
    self, Draft, KitFilter, LineChange, PublishError, RunFor, check_step, checklist,
};
use archipel_core::value::Step;
use archipel_core::{Access, Actor, Change, Id, Kind, State, Value};
use proptest::prelude::*;
use support::{Device, World, refused};

fn step(key: &str, phase: &str, title: &str) -> Step {
    Step {
        key: key.to_owned(),
        phase: phase.to_owned(),
        title: title.to_owned(),
        body: String::new(),
    }
}

fn first_draft(world: &World) -> Draft {
    Draft {
        body: "# Préparer\n\nTrouver une salle.\nPrévenir les voisins.\n".to_owned(),
        steps: vec![
            step("salle", "Jour 1", "Réserver la salle"),
            step("affiche", "Jour 1", "Imprimer l'affiche"),
            step("bilan", "Jour 3", "Faire le bilan"),
        ],
        audience: "Groupes locaux".to_owned(),
        format: "kit".to_owned(),
        pole: Some(world.lumiere),
        tags: vec!["réunion".to_owned(), "groupe local".to_owned()],
        language: "fr".to_owned(),
        duration_minutes: Some(120),
        ..Draft::default()
    }
}

/// A kit with one version; returns (kit, version).
fn kit(world: &mut World, title: &str, draft: &Draft) -> (Id, Id) {
    let kit = world.admin.ids.next();
    let version = world.admin.ids.next();
    for change in kits::create(kit, version, title, "Résumé", Some(world.claire), draft) {
        world.admin.ok(&mut world.state, change);
    }
    (kit, version)
}

fn apply(world: &mut World, device: &mut Device, changes: Vec<Change>) {
    for change in changes {
        device.ok(&mut world.state, change);
    }
}

#[test]
fn publishing_makes_version_two_with_its_changelog_and_keeps_version_one_readable() {
    let mut world = World::new();
    let draft = first_draft(&world);
    let (kit, first) = kit(&mut world, "Monter une réunion locale", &draft);

    let mut edited = draft.clone();
    edited.body = edited
        .body
        .replace("Trouver une salle.", "Trouver une salle accessible.");
    let id = world.admin.ids.next();
    let change =
        kits::publish(&world.state, kit, &edited, "Salle accessible", id).expect("publishable");
    world.admin.ok(&mut world.state, change);

    let versions = kits::versions(&world.state, kit);
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].id, first);
    let latest = kits::latest(&world.state, kit).expect("a latest version");
    assert_eq!(latest.id, id);
    assert_eq!(latest.get("number"), &Value::Int(2));
    assert_eq!(latest.text("changelog"), Some("Salle accessible"));
    assert!(
        versions[0]
            .text("body")
            .unwrap_or_default()
            .contains("Trouver une salle.\n")
    );

    let diff = kits::diff(versions[0], latest);
    let removed: Vec<_> = diff
        .body
        .iter()
        .filter(|line| line.change == LineChange::Removed)
        .collect();
    let added: Vec<_> = diff
        .body
        .iter()
        .filter(|line| line.change == LineChange::Added)
        .collect();
    assert_eq!(removed.len(), 1);
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].text(), "Trouver une salle accessible.");
    assert!(
        added[0]
            .parts
            .iter()
            .any(|(changed, text)| *changed && text.contains("accessible")),
        "the changed word is marked: {:?}",
        added[0].parts
    );
    assert!(diff.fields.is_empty(), "{:?}", diff.fields);
}

#[test]
fn a_version_needs_a_changelog_and_a_change() {
    let mut world = World::new();
    let draft = first_draft(&world);
    let (kit, _) = kit(&mut world, "Kit", &draft);
    let id = world.admin.ids.next();
    let mut edited = draft.clone();
    edited.audience = "Tout le monde".to_owned();
    assert_eq!(
        kits::publish(&world.state, kit, &edited, "  ", id),
        Err(PublishError::NoChangelog)
    );
    let mut same = draft.clone();
    same.body.push_str("  ");
    assert_eq!(
        kits::publish(&world.state, kit, &same, "rien", id),
        Err(PublishError::Unchanged)
    );
    let change = kits::publish(&world.state, kit, &edited, "Public élargi", id).expect("a change");
    world.admin.ok(&mut world.state, change);
    let older = kits::versions(&world.state, kit)[0].clone();
    let diff = kits::diff(&older, kits::latest(&world.state, kit).expect("latest"));
    assert_eq!(diff.fields.len(), 1);
    assert_eq!(diff.fields[0].field, "audience");
    assert_eq!(diff.fields[0].after, "Tout le monde");
}

#[test]
fn versions_are_immutable_and_members_outside_the_pole_cannot_publish() {
    let mut world = World::new();
    let draft = first_draft(&world);
    let (kit, first) = kit(&mut world, "Kit", &draft);
    let change = Change::set(first, "body", Value::text("réécrit"), 1);
    assert_eq!(
        refused(&world.admin.send(&mut world.state, change)),
        Some("immutable")
    );

    let yann = world.yann;
    let mut outsider = Device::new(7, Actor::new(yann, Access::Member));
    assert!(!kits::may_publish(
        &world.state,
        Access::Member,
        Some(yann),
        kit
    ));
    let mut edited = draft.clone();
    edited.licence = "CC BY-SA".to_owned();
    let id = outsider.ids.next();
    let change = kits::publish(&world.state, kit, &edited, "Licence", id).expect("a change");
    assert_eq!(
        refused(&outsider.send(&mut world.state, change.clone())),
        Some("forbidden")
    );

    // Holding a role in the kit's pôle is enough.
    let assignment = world.admin.ids.next();
    let lumiere = world.lumiere;
    world.admin.ok(
        &mut world.state,
        Change::create(
            Kind::RoleAssignment,
            assignment,
            [
                ("person", Value::Ref(yann)),
                ("pole", Value::Ref(lumiere)),
                ("role", Value::text("member")),
            ],
        ),
    );
    assert!(kits::may_publish(
        &world.state,
        Access::Member,
        Some(yann),
        kit
    ));
    outsider.ok(&mut world.state, change);
    assert_eq!(kits::versions(&world.state, kit).len(), 2);
}

#[test]
fn the_library_filters_by_tag_audience_format_pole_and_language() {
    let mut world = World::new();
    let draft = first_draft(&world);
    kit(&mut world, "Zéro déchet", &draft);
    let mut faq = Draft {
        format: "faq".to_owned(),
        audience: "Bénévoles".to_owned(),
        tags: vec!["accueil".to_owned()],
        language: "en".to_owned(),
        pole: None,
        ..Draft::default()
    };
    faq.body = "Questions".to_owned();
    kit(&mut world, "accueil des nouveaux", &faq);

    let titles = |filter: &KitFilter, state: &State| -> Vec<String> {
        kits::library(state, filter)
            .iter()
            .map(|card| card.kit.text("title").unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(
        titles(&KitFilter::default(), &world.state),
        ["accueil des nouveaux", "Zéro déchet"],
        "by title, accents and case ignored"
    );
    let only = |filter: KitFilter| titles(&filter, &world.state);
    assert_eq!(
        only(KitFilter {
            tag: Some("réunion".into()),
            ..KitFilter::default()
        }),
        ["Zéro déchet"]
    );
    assert_eq!(
        only(KitFilter {
            format: Some("faq".into()),
            ..KitFilter::default()
        }),
        ["accueil des nouveaux"]
    );
    assert_eq!(
        only(KitFilter {
            audience: Some("Bénévoles".into()),
            ..KitFilter::default()
        }),
        ["accueil des nouveaux"]
    );
    assert_eq!(
        only(KitFilter {
            language: Some("fr".into()),
            ..KitFilter::default()
        }),
        ["Zéro déchet"]
    );
    assert_eq!(
        only(KitFilter {
            pole: Some(world.lumiere),
            ..KitFilter::default()
        }),
        ["Zéro déchet"]
    );

    let facets = kits::facets(&world.state);
    assert_eq!(facets.formats, ["faq", "kit"]);
    assert_eq!(facets.languages, ["en", "fr"]);
    assert_eq!(facets.poles, [world.lumiere]);
    assert!(facets.tags.contains(&"groupe local".to_owned()));
}

#[test]
fn steps_are_grouped_by_phase_in_order() {
    let world = World::new();
    let draft = first_draft(&world);
    let phases = kits::phases(&draft.steps);
    assert_eq!(phases.len(), 2);
    assert_eq!(phases[0].0, "Jour 1");
    assert_eq!(phases[0].1.len(), 2);
    assert_eq!(phases[1].0, "Jour 3");
}

#[test]
fn two_devices_ticking_steps_offline_share_one_checklist_and_feedback_reaches_the_kit() {
    let mut world = World::new();
    let draft = first_draft(&world);
    let (kit, _) = kit(&mut world, "Kit", &draft);
    let (claire, yann) = (world.claire, world.yann);
    let mut phone = Device::new(1, Actor::new(claire, Access::Member));
    let mut laptop = Device::new(2, Actor::new(yann, Access::Member));

    let run = phone.ids.next();
    let tasks: Vec<Id> = (0..3).map(|_| phone.ids.next()).collect();
    let changes = kits::start(
        &world.state,
        kit,
        &RunFor::Group("Groupe de Nantes".into()),
        Some(claire),
        run,
        &tasks,
    )
    .expect("the kit has a version");
    assert_eq!(changes.len(), 4, "the run and one task per step");
    apply(&mut world, &mut phone, changes);
    let pool_task = world.state.existing(tasks[0]).expect("a task in the pool");
    assert_eq!(pool_task.text("title"), Some("Réserver la salle"));
    assert_eq!(pool_task.text("status"), Some("open"));

    // Both devices tick offline from the same state; the server receives both.
    let a = phone.op(check_step(run, "salle", true));
    let b = laptop.op(check_step(run, "bilan", true));
    world.state.receive(&a, &phone.actor);
    world.state.receive(&b, &laptop.actor);
    let record = world.state.existing(run).expect("the run").clone();
    let list = checklist(&world.state, &record);
    assert_eq!(list.done, 2);
    assert_eq!(list.percent(), 66);
    assert!(
        list.steps
            .iter()
            .any(|(step, done)| step.key == "affiche" && !done)
    );

    laptop.ok(&mut world.state, check_step(run, "salle", false));
    let record = world.state.existing(run).expect("the run").clone();
    assert_eq!(checklist(&world.state, &record).done, 1);

    let feedback = phone.ids.next();
    let changes = kits::finish(
        &record,
        Some(("idea", "Prévoir une affiche en anglais")),
        Some(claire),
        feedback,
    );
    apply(&mut world, &mut phone, changes);
    assert_eq!(
        world.state.existing(run).and_then(|run| run.text("status")),
        Some("finished")
    );
    let left = kits::feedback(&world.state, kit);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].text("kind"), Some("idea"));
    assert_eq!(kits::runs(&world.state, kit).len(), 1);
}

#[test]
fn attachments_are_checked_and_kept_with_their_version() {
    let mut world = World::new();
    let mut draft = first_draft(&world);
    let poster = FileRef {
        hash: "ab".repeat(32),
        name: " affiche.pdf ".to_owned(),
        content_type: "application/pdf".to_owned(),
        size: 52_000,
    };
    draft.attachments = vec![poster.clone()];
    let (_, version) = kit(&mut world, "Kit", &draft);
    let stored = world.state.existing(version).expect("the version");
    assert_eq!(
        kits::attachments(stored)[0].name,
        "affiche.pdf",
        "names are trimmed"
    );

    for bad in [
        FileRef {
            hash: "../x".to_owned(),
            ..poster.clone()
        },
        FileRef {
            content_type: "image/svg+xml".to_owned(),
            ..poster.clone()
        },
        FileRef {
            size: archipel_core::files::MAX_BYTES + 1,
            ..poster.clone()
        },
    ] {
        let mut draft = first_draft(&world);
        draft.attachments = vec![bad];
        let kit_id = world.admin.ids.next();
        let version_id = world.admin.ids.next();
        let changes = kits::create(kit_id, version_id, "Autre", "", None, &draft);
        world.admin.ok(&mut world.state, changes[0].clone());
        assert!(refused(&world.admin.send(&mut world.state, changes[1].clone())).is_some());
        assert!(world.state.existing(version_id).is_none());
    }
}

proptest! {
    /// Whatever is edited, the comparison's kept and added lines rebuild the
    /// newer body and its kept and removed lines the older one.
    #[test]
    fn a_comparison_rebuilds_both_versions(
        old in proptest::collection::vec("[a-zé ]{0,12}", 0..8),
        new in proptest::collection::vec("[a-zé ]{0,12}", 0..8),
    ) {
        let mut world = World::new();
        let mut draft = first_draft(&world);
        draft.body = old.join("\n");
        let (kit, first) = kit(&mut world, "Kit", &draft);
        let mut edited = draft.clone();
        edited.body = new.join("\n");
        edited.licence = "CC0".to_owned();
        let id = world.admin.ids.next();
        let change = kits::publish(&world.state, kit, &edited, "édition", id).expect("a change");
        world.admin.ok(&mut world.state, change);
        let older = world.state.existing(first).expect("v1").clone();
        let newer = world.state.existing(id).expect("v2").clone();
        let diff = kits::diff(&older, &newer);
        let rebuild = |keep: LineChange| -> Vec<String> {
            diff.body.iter().filter(|line| line.change == LineChange::Same || line.change == keep).map(|line| line.text().trim_end().to_owned()).collect()
        };
        let lines = |text: Option<&str>| -> Vec<String> {
            text.unwrap_or_default().lines().map(|line| line.trim_end().to_owned()).collect()
        };
        prop_assert_eq!(rebuild(LineChange::Removed), lines(older.text("body")));
        prop_assert_eq!(rebuild(LineChange::Added), lines(newer.text("body")));
    }
}
