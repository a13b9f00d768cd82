//! The report-of-concern drafts (issue 12): encryption at rest, damage and wrong keys, expiry,
//! validation, the KS Fiks v2 export against the published schema, and the walk prefill.

use chrono::{DateTime, Duration, TimeZone, Utc};
use std::path::{Path, PathBuf};
use veiviser_core::drafts::fnr::with_check_digits;
use veiviser_core::drafts::store::is_draft_id;
use veiviser_core::drafts::*;
use veiviser_core::guide::load_guide_file;
use veiviser_core::guide::navigator::Session;
use veiviser_core::{Lang, Sector};

const CHILD: &str = "Zyxwvenia Qqmorkelund";

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap()
}

fn fnr() -> String {
    (100..1000)
        .find_map(|i| with_check_digits(&format!("150318{i}")))
        .unwrap()
}

fn profile() -> ReporterProfile {
    ReporterProfile {
        personnavn: "Kari Nordmann".into(),
        rolle: "pedagogisk leder".into(),
        telefonnummer: "+47 912 34 567".into(),
        epost: "kari.nordmann@eksempel-barnehage.no".into(),
        virksomhet_navn: "Eksempel barnehage".into(),
        orgnr: "999888777".into(),
        virksomhet_adresse: Adresse {
            adresselinje1: "Barnehageveien 1".into(),
            postnummer: "0580".into(),
            poststed: "Oslo".into(),
            ..Adresse::default()
        },
    }
}

fn complete_draft(id: String) -> Draft {
    let mut d = Draft::new(id, t0(), None, Lang::Nb);
    d.set_recipient(Recipient {
        kommunenummer: "0301".into(),
        kommunenavn: "Oslo".into(),
        bydelsnummer: "09".into(),
        bydelsnavn: "Bjerke".into(),
    });
    d.set_child(Child {
        personnavn: CHILD.into(),
        fnr: fnr(),
        ufoedt: false,
        telefonnummer: String::new(),
        adresse: Adresse {
            adresselinje1: "Eksempelgata 2".into(),
            postnummer: "0580".into(),
            poststed: "Oslo".into(),
            ..Adresse::default()
        },
        orientert: Some(false),
        orientert_grunn: "Barnet er tre år.".into(),
    });
    d.add_foresatt(
        Foresatt {
            personnavn: "Ola Qqmorkelund".into(),
            telefonnummer: "98765432".into(),
            orientert: Some(true),
            orientert_grunn: String::new(),
        },
        Lang::Nb,
    )
    .unwrap();
    d.add_observation(Observation {
        date: "2026-11-27".into(),
        time: "08:10".into(),
        what: "Blåmerker på begge overarmer ved levering.".into(),
        child_words: "Pappa klemte hardt".into(),
        child_words_time: "08:15".into(),
        witnesses: "Assistent i avdelingen".into(),
        duration: "Tredje gang denne måneden".into(),
    })
    .unwrap();
    d.add_conversation(Conversation {
        with_whom: ConversationWith::Parents,
        held: false,
        date: String::new(),
        summary: String::new(),
        why_not: "Avventer råd fra barneverntjenesten.".into(),
    })
    .unwrap();
    d.add_measure(Measure {
        date: "2026-11-01".into(),
        what: "Tettere oppfølging ved levering".into(),
        result: "Ingen endring".into(),
    })
    .unwrap();
    d.set_text(MeldingText {
        melding: "Vi er bekymret for barnets omsorgssituasjon.".into(),
        historie: "Bekymringen har vart siden september.".into(),
        andre_synspunkter: String::new(),
        behov_for_tolk: "Nei".into(),
        andre_hjelpeinstanser: "Helsestasjonen".into(),
    });
    d
}

fn open(dir: &Path, key: &MasterKey, now: DateTime<Utc>) -> (DraftStore, OpenReport) {
    DraftStore::open(dir, key.clone(), now).unwrap()
}

fn all_bytes_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn no_plaintext_of_the_child_anywhere_under_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let key = MasterKey::generate().unwrap();
    let (store, _) = open(&tmp.path().join("drafts"), &key, t0());
    let mut d = complete_draft(DraftStore::new_id().unwrap());
    store.save(&mut d, t0()).unwrap();
    store.save_profile(&profile()).unwrap();
    let fnr = fnr();
    for (path, bytes) in all_bytes_under(tmp.path()) {
        for needle in [
            CHILD.as_bytes(),
            fnr.as_bytes(),
            b"Qqmorkelund",
            b"Kari Nordmann",
        ] {
            assert!(
                !contains(&bytes, needle),
                "{} holds plaintext",
                path.display()
            );
        }
    }
    assert_eq!(store.load(&d.id).unwrap(), d);
    assert_eq!(store.load_profile().unwrap(), Some(profile()));
}

#[test]
fn a_flipped_byte_or_a_wrong_key_spoils_only_that_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("drafts");
    let key = MasterKey::generate().unwrap();
    let (store, _) = open(&dir, &key, t0());
    let mut ids = Vec::new();
    for _ in 0..3 {
        let mut d = complete_draft(DraftStore::new_id().unwrap());
        store.save(&mut d, t0()).unwrap();
        ids.push(d.id);
    }
    // Flip one byte in the body of the first draft.
    let path = dir.join(format!("{}.draft", ids[0]));
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.len() - 20;
    bytes[at] ^= 0x40;
    std::fs::write(&path, &bytes).unwrap();
    let err = store.load(&ids[0]).unwrap_err();
    assert!(matches!(err, DraftError::Damaged { .. }), "{err}");
    assert!(err.to_string().contains("damaged") && err.to_string().contains(&ids[0]));
    assert!(store.load(&ids[1]).is_ok() && store.load(&ids[2]).is_ok());
    let listed = store.list().unwrap();
    assert_eq!(listed.iter().filter(|l| l.draft.is_ok()).count(), 2);
    let summaries: Vec<DraftSummary> = listed
        .iter()
        .map(|l| view::summary(l, Lang::En, t0()))
        .collect();
    assert!(summaries.iter().any(|s| s.error.is_some()));
    // A wrong master key: every draft says so, nothing is destroyed, the right key still works.
    let other = MasterKey::generate().unwrap();
    let (wrong, report) = open(&dir, &other, t0() + Duration::days(1));
    assert!(report.expired.is_empty());
    let err = wrong.load(&ids[1]).unwrap_err();
    assert!(matches!(err, DraftError::WrongKey { .. }), "{err}");
    assert!(err.to_string().contains("another master key"));
    let (right, _) = open(&dir, &key, t0() + Duration::days(1));
    assert!(right.load(&ids[1]).is_ok() && right.load(&ids[2]).is_ok());
}

#[test]
fn expired_drafts_are_destroyed_at_open_and_not_recoverable() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("drafts");
    let key = MasterKey::generate().unwrap();
    let (store, _) = open(&dir, &key, t0());
    let mut keep = complete_draft(DraftStore::new_id().unwrap());
    let mut short = complete_draft(DraftStore::new_id().unwrap());
    short.set_retention_days(3).unwrap();
    assert!(short.set_retention_days(15).is_err());
    store.save(&mut short, t0()).unwrap();
    store.save(&mut keep, t0()).unwrap();
    let old_file = std::fs::read(dir.join(format!("{}.draft", short.id))).unwrap();
    let view = draft_view(&keep, Some(&profile()), Lang::Nb, t0());
    assert_eq!(view.days_left, 14);
    assert_eq!(view.expiry_text, "Slettes om 14 dager.");
    drop(store);
    // Three days later the short one is gone; the other is still there and says 11 days.
    let later = t0() + Duration::days(3);
    let (store, report) = open(&dir, &key, later);
    assert_eq!(report.expired, vec![short.id.clone()]);
    assert!(matches!(
        store.load(&short.id),
        Err(DraftError::NotFound { .. })
    ));
    assert_eq!(store.load(&keep.id).unwrap().days_left(later), 11);
    // Nothing of the old file (its wrapped data key or ciphertext) is left anywhere.
    let wrapped_key = &old_file[42 + 24..42 + 24 + 48];
    let body_tail = &old_file[old_file.len() - 48..];
    for (path, bytes) in all_bytes_under(tmp.path()) {
        assert!(
            !contains(&bytes, wrapped_key) && !contains(&bytes, body_tail),
            "{} still holds the destroyed draft",
            path.display()
        );
    }
    // Fourteen days after the last edit, the other one goes too.
    let (_, report) = open(&dir, &key, t0() + Duration::days(14));
    assert_eq!(report.expired, vec![keep.id.clone()]);
    assert!(all_bytes_under(&dir).is_empty());
}

#[test]
fn a_crash_mid_save_leaves_the_old_draft_and_the_temp_file_is_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("drafts");
    let key = MasterKey::generate().unwrap();
    let (store, _) = open(&dir, &key, t0());
    let mut d = complete_draft(DraftStore::new_id().unwrap());
    store.save(&mut d, t0()).unwrap();
    // What a kill between "write the temporary file" and "rename" leaves behind.
    std::fs::write(dir.join(format!("{}.tmp", d.id)), b"half a draf").unwrap();
    let (store, report) = open(&dir, &key, t0());
    assert_eq!(report.temp_files_removed, 1);
    assert_eq!(store.load(&d.id).unwrap(), d);
}

#[test]
fn delete_destroys_and_rotation_rewraps() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("drafts");
    let key = MasterKey::generate().unwrap();
    let (mut store, _) = open(&dir, &key, t0());
    let mut a = complete_draft(DraftStore::new_id().unwrap());
    let mut b = complete_draft(DraftStore::new_id().unwrap());
    store.save(&mut a, t0()).unwrap();
    store.save(&mut b, t0()).unwrap();
    store.save_profile(&profile()).unwrap();
    store.delete(&a.id).unwrap();
    assert!(matches!(
        store.load(&a.id),
        Err(DraftError::NotFound { .. })
    ));
    assert!(matches!(
        store.delete("../etc"),
        Err(DraftError::Invalid { .. })
    ));
    let new_key = MasterKey::generate().unwrap();
    assert!(store.rotate_master_key(new_key.clone()).unwrap().is_empty());
    assert_eq!(store.load(&b.id).unwrap(), b);
    let (old, _) = open(&dir, &key, t0());
    assert!(matches!(old.load(&b.id), Err(DraftError::WrongKey { .. })));
    let (new, _) = open(&dir, &new_key, t0());
    assert_eq!(new.load_profile().unwrap(), Some(profile()));
    new.delete_profile().unwrap();
    assert_eq!(new.load_profile().unwrap(), None);
    assert!(is_draft_id(&b.id));
}

#[test]
fn master_keys_from_key_files_and_passphrases() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("drafts.key");
    let k1 = MasterKey::load_or_create_key_file(&path).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = MasterKey::load_or_create_key_file(&path).unwrap_err();
        assert!(err.to_string().contains("chmod 600"), "{err}");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let k2 = MasterKey::load_or_create_key_file(&path).unwrap();
    let dir = tmp.path().join("drafts");
    let (s, _) = DraftStore::open(&dir, k1, t0()).unwrap();
    let mut d = complete_draft(DraftStore::new_id().unwrap());
    s.save(&mut d, t0()).unwrap();
    let (s2, _) = DraftStore::open(&dir, k2, t0()).unwrap();
    assert!(s2.load(&d.id).is_ok());
    let salt = key::load_or_create_salt(&tmp.path().join("salt")).unwrap();
    assert_eq!(
        salt,
        key::load_or_create_salt(&tmp.path().join("salt")).unwrap()
    );
    let p1 = MasterKey::from_passphrase("korrekt hest batteri", &salt).unwrap();
    let p2 = MasterKey::from_passphrase("korrekt hest batteri", &salt).unwrap();
    let (s3, _) = DraftStore::open(&tmp.path().join("pp"), p1, t0()).unwrap();
    s3.save(&mut d, t0()).unwrap();
    let (s4, _) = DraftStore::open(&tmp.path().join("pp"), p2, t0()).unwrap();
    assert!(s4.load(&d.id).is_ok());
    assert!(MasterKey::from_passphrase("kort", &salt).is_err());
}

/// The published KS Fiks v2 schema, read from the reference data (never copied).
fn ks_fiks_validator() -> jsonschema::Validator {
    struct Adresse(serde_json::Value);
    impl jsonschema::Retrieve for Adresse {
        fn retrieve(
            &self,
            uri: &jsonschema::Uri<String>,
        ) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
            if uri.as_str().ends_with("adresse.json") {
                Ok(self.0.clone())
            } else {
                Err(format!("no such schema: {}", uri.as_str()).into())
            }
        }
    }
    let dir = veiviser_testkit::reference_dir().join("ks-fiks-bekymringsmelding");
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dir.join(name)).unwrap()).unwrap()
    };
    jsonschema::options()
        .with_retriever(Adresse(read("adresse.json")))
        .should_validate_formats(true)
        .build(&read("offentlig.bekymringsmelding.v2.json"))
        .expect("the KS Fiks schema builds")
}

#[test]
fn the_export_validates_against_the_ks_fiks_v2_schema() {
    let validator = ks_fiks_validator();
    let d = complete_draft(DraftStore::new_id().unwrap());
    for lang in Lang::ALL {
        let doc = ks_fiks_json(&d, Some(&profile()), t0(), lang).unwrap();
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{lang:?}: {errors:#?}");
        assert_eq!(doc["offentligBarn"][0]["fnr"], fnr());
        // The validator is not vacuous: a broken copy fails.
        let mut broken = doc.clone();
        broken["bydelsnummer"] = serde_json::json!("9");
        broken.as_object_mut().unwrap().remove("leveringskanal");
        assert_eq!(validator.iter_errors(&broken).count(), 2);
        assert_eq!(doc["bydelsnummer"], "09");
        let melding = doc["melding"]["melding"].as_str().unwrap();
        assert!(melding.contains("«Pappa klemte hardt»") && melding.contains("08:15"));
    }
    // A municipality without bydeler still validates ("00" and the kommune's name).
    let mut k = d.clone();
    k.set_recipient(Recipient {
        kommunenummer: "3201".into(),
        kommunenavn: "Bærum".into(),
        ..Recipient::default()
    });
    let doc = ks_fiks_json(&k, Some(&profile()), t0(), Lang::Nb).unwrap();
    assert!(validator.is_valid(&doc));
    assert_eq!(doc["bydelsnummer"], "00");
    // An unborn child.
    let mut u = d.clone();
    u.child.ufoedt = true;
    u.child.fnr.clear();
    assert!(validator.is_valid(&ks_fiks_json(&u, Some(&profile()), t0(), Lang::En).unwrap()));
    // The plain text follows the portal's order.
    let text = plain_text(&d, Some(&profile()), Lang::Nb);
    let order = [
        "KOMMUNE OG BYDEL",
        "OM DEG SOM MELDER",
        "OM BARNET",
        "FORESATTE",
        "BEHOV FOR TOLK",
        "ANDRE HJELPEINSTANSER",
        "BEKYMRINGEN",
        "HISTORIKK",
        "ANDRE SYNSPUNKTER",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|h| text.find(h).unwrap_or_else(|| panic!("{h}")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn an_incomplete_draft_lists_every_missing_field_by_name() {
    let d = Draft::new(DraftStore::new_id().unwrap(), t0(), None, Lang::En);
    let err = ks_fiks_json(&d, None, t0(), Lang::En).unwrap_err();
    let DraftError::Incomplete { problems } = &err else {
        panic!("{err}")
    };
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    for f in [
        "kommunenummer",
        "offentligMelder.personnavn",
        "offentligMelder.rolle",
        "offentligMelder.telefonnummer",
        "offentligMelder.epost",
        "offentligMelder.virksomhet.navn",
        "offentligMelder.virksomhet.adresse.adresselinje1",
        "offentligBarn[0].personnavn",
        "offentligBarn[0].fnr",
        "offentligBarn[0].adresse.adresselinje1",
        "offentligBarn[0].orientert",
        "foresatte",
        "melding.melding",
        "melding.historie",
    ] {
        assert!(fields.contains(&f), "{f} missing from {fields:?}");
    }
    assert!(problems.iter().all(|p| !p.message.is_empty()));
    assert!(err.to_string().contains("offentligBarn[0].fnr"));
    // Malformed phone, e-mail, bydel in Oslo.
    let mut d = complete_draft(DraftStore::new_id().unwrap());
    d.recipient.as_mut().unwrap().bydelsnummer.clear();
    let mut p = profile();
    p.telefonnummer = "ring meg".into();
    p.epost = "kari@".into();
    let fields: Vec<String> = validate(&d, Some(&p), Lang::Nn)
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(
        fields,
        [
            "bydelsnummer",
            "offentligMelder.telefonnummer",
            "offentligMelder.epost"
        ]
    );
}

#[test]
fn a_wrong_check_digit_is_caught() {
    let mut d = complete_draft(DraftStore::new_id().unwrap());
    let good = fnr();
    let last = good.chars().last().unwrap().to_digit(10).unwrap();
    d.child.fnr = format!("{}{}", &good[..10], (last + 1) % 10);
    let problems = validate(&d, Some(&profile()), Lang::Nb);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].field, "offentligBarn[0].fnr");
    assert!(problems[0].message.contains("Kontrollsifrene"));
    d.child.fnr = "1503181234".into();
    assert!(validate(&d, Some(&profile()), Lang::En)[0]
        .message
        .contains("11 digits"));
}

#[test]
fn a_walk_through_the_violence_bypass_prefills_orientert_false_for_every_foresatt() {
    let guide = load_guide_file(&veiviser_testkit::paths::shipped_guide_path())
        .unwrap()
        .guide;
    let mut s = Session::start(&guide).unwrap();
    for choice in ["next", "nei", "ja", "next"] {
        s.choose(&guide, choice).unwrap();
    }
    assert_eq!(s.current_step_id(), "A6");
    let origin = WalkOrigin::from_walk(&guide, &s, Some(Sector::Barnehage));
    assert!(origin.violence_bypass);
    assert_eq!(
        origin.legal_basis(),
        "barnevernsloven § 13-2, barnehageloven § 46"
    );
    assert_eq!(origin.path, ["S0", "Q1", "Q2", "A2", "A6"]);
    let mut d = Draft::new(DraftStore::new_id().unwrap(), t0(), Some(origin), Lang::Nb);
    d.add_foresatt(
        Foresatt {
            personnavn: "Mor".into(),
            ..Foresatt::default()
        },
        Lang::Nb,
    )
    .unwrap();
    d.add_foresatt(
        Foresatt {
            personnavn: "Far".into(),
            orientert: Some(true),
            ..Foresatt::default()
        },
        Lang::Nb,
    )
    .unwrap();
    assert_eq!(d.foresatte.len(), 2);
    for f in &d.foresatte {
        assert_eq!(f.orientert, Some(false));
        assert!(
            f.orientert_grunn
                .contains("mistanke om vold eller overgrep"),
            "{}",
            f.orientert_grunn
        );
    }
    for lang in Lang::ALL {
        let v = draft_view(&d, None, lang, t0());
        assert!(v.warning.is_some(), "{lang:?}");
        assert!(v.origin.as_deref().unwrap().contains("barnehageloven § 46"));
        assert_eq!(v.guidance.len(), 6);
    }
    // The export says so too, and states the legal basis.
    let mut full = complete_draft(d.id.clone());
    full.origin = d.origin.clone();
    full.set_foresatte(d.foresatte.clone(), Lang::Nb).unwrap();
    let doc = ks_fiks_json(&full, Some(&profile()), t0(), Lang::Nb).unwrap();
    for f in doc["foresatte"].as_array().unwrap() {
        assert_eq!(f["orientert"], false);
        assert!(f["orientertGrunn"]
            .as_str()
            .unwrap()
            .contains("vold eller overgrep"));
    }
    assert!(doc["melding"]["andreSynspunkter"]
        .as_str()
        .unwrap()
        .contains("barnevernsloven § 13-2"));
    assert!(ks_fiks_validator().is_valid(&doc));
    // A walk that did not go through the bypass prefills nothing.
    let mut s = Session::start(&guide).unwrap();
    for choice in ["next", "nei", "nei"] {
        s.choose(&guide, choice).unwrap();
    }
    let plain = Draft::new(
        DraftStore::new_id().unwrap(),
        t0(),
        Some(WalkOrigin::from_walk(&guide, &s, None)),
        Lang::Nb,
    );
    assert!(plain.foresatte.is_empty() && !plain.parents_must_not_be_told());
}
