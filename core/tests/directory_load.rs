//! Loading: the demo directory, strict TOML/JSON directory files, the register (UTF-8 and
//! Latin-1) and bydel pairs, errors naming file, line and field, and round trips through the
//! record form used by sync.

mod directory_support;

mod directory_load {
    use super::directory_support::*;
    use veiviser_core::directory::load::{
        bydel_pairs_from_path, directory_from_sources, parse_directory_file, places_from_sources,
        SourceBytes, SourceFile,
    };
    use veiviser_core::directory::postcodes::parse_register;
    use veiviser_core::directory::{
        AreaLevel, ChannelKind, Directory, DirectoryEntry, PlaceEntry, Places,
    };
    use veiviser_core::ContactRole;

    fn errors_of(files: &[(&str, &str)]) -> String {
        let files: Vec<SourceFile> = files
            .iter()
            .map(|(n, t)| SourceFile {
                name: n.to_string(),
                text: t.to_string(),
            })
            .collect();
        directory_from_sources(&files).unwrap_err().to_string()
    }

    const GOOD: &str = r#"
[[area]]
kommune = "3201"
name = "Bærum"
last_verified = 2026-11-01

[[service]]
id = "x"
name = "X"
role = "barnevern"
covers = ["3201"]
last_verified = "2026-11-01"
example_data = true
"#;

    #[test]
    fn demo_directory_loads_with_only_sourced_numbers() {
        let dir = demo_directory();
        // Every phone number is one the research notes source; anything else must be example data.
        let sourced = [
            "112",
            "113",
            "110",
            "02800",
            "116 117",
            "116 111",
            "22 70 56 50",
        ];
        for s in dir.services().iter() {
            for ch in s.channels.iter().filter(|c| c.kind == ChannelKind::Phone) {
                assert!(
                    s.example_data || sourced.contains(&ch.value.as_str()),
                    "{}: unsourced {}",
                    s.id,
                    ch.value
                );
            }
            assert!(s.source.is_some(), "{} names its source", s.id);
        }
        let national: Vec<&str> = dir
            .services_covering("national")
            .flat_map(|s| s.channels.iter().map(|c| c.value.as_str()))
            .collect();
        for n in ["112", "113", "110", "02800", "116 117", "116 111"] {
            assert!(national.contains(&n), "{n}");
        }
        // 116 111: phone 24/7, chat 16:15–22:45 (an estimate: the source gives no days).
        let alarm = dir.service("alarmtelefonen").unwrap();
        assert!(alarm.channels[0].hours.as_ref().unwrap().is_always());
        assert!(!alarm.channels[0].hours_estimated);
        assert_eq!(
            alarm.channels[1].hours.as_ref().unwrap().specs(),
            vec!["daily 16:15-22:45"]
        );
        assert!(alarm.channels[1].hours_estimated);
        assert!(!alarm.channels[1].open_on_public_holidays, "unsourced");
        // Every shipped service records how it was verified: against a written source.
        for s in dir.services().iter() {
            let v = s
                .verified
                .as_ref()
                .unwrap_or_else(|| panic!("{}: no verified", s.id));
            assert_eq!(
                v.how,
                veiviser_core::directory::VerifiedHow::WrittenSource,
                "{}",
                s.id
            );
            assert!(!v.by.is_empty(), "{}", s.id);
            assert_eq!(s.last_verified, v.on);
        }
        // Oslo: 15 bydeler plus Sentrum (served by 04) and Marka (shared).
        let proper: Vec<&str> = dir
            .districts("0301")
            .filter(|a| a.is_proper_district())
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(proper.len(), 15, "{proper:?}");
        assert_eq!(
            dir.area("0301-16").unwrap().served_by.as_deref(),
            Some("04")
        );
        assert!(dir.area("0301-17").unwrap().shared);
        // One barneverntjeneste per bydel, without a number, pointing to the fallback.
        for area in dir.districts("0301").filter(|a| a.is_proper_district()) {
            let bv: Vec<_> = dir
                .services_covering(&area.id())
                .filter(|s| s.role == ContactRole::Barnevern)
                .collect();
            assert_eq!(bv.len(), 1, "{}", area.name);
            assert!(
                bv[0].channels.is_empty(),
                "{}: no unsourced number",
                area.name
            );
            assert_eq!(bv[0].after_hours, Some(ContactRole::Barnevernvakt));
            assert!(bv[0].note.as_ref().unwrap().nb.contains("116 111"));
        }
        assert_eq!(dir.area("national").unwrap().level(), AreaLevel::National);
    }

    #[test]
    fn unknown_field_names_file_line_and_field() {
        let text = GOOD.replace(
            "role = \"barnevern\"",
            "role = \"barnevern\"\nphone = \"1\"",
        );
        let err = errors_of(&[("dir.toml", &text)]);
        assert!(
            err.starts_with("dir.toml:11:1: service[0].phone: unknown field `phone`"),
            "{err}"
        );
        assert!(
            err.contains("service[0]") && err.contains("unknown field `phone`"),
            "{err}"
        );
    }

    #[test]
    fn malformed_values_name_line_and_field_path() {
        let text = format!("{GOOD}\n[[service.channel]]\nkind = \"phone\"\nvalue = \"00\"\nhours = \"mon-fri 8-15\"\n");
        let err = errors_of(&[("dir.toml", &text)]);
        assert!(
            err.starts_with("dir.toml:18:9: service[0].channel[0].hours: "),
            "{err}"
        );
        assert!(
            err.contains("service[0].channel[0].hours") && err.contains("8-15"),
            "{err}"
        );
        let text = GOOD.replace("role = \"barnevern\"", "role = \"barnvern\"");
        let err = errors_of(&[("dir.toml", &text)]);
        assert!(
            err.starts_with("dir.toml:10:")
                && err.contains("service[0].role")
                && err.contains("barnvern"),
            "{err}"
        );
        let text = GOOD.replace(
            "last_verified = \"2026-11-01\"",
            "last_verified = \"1 Nov\"",
        );
        let err = errors_of(&[("dir.toml", &text)]);
        assert!(
            err.contains("service[0].last_verified") && err.contains("not a date"),
            "{err}"
        );
        let err = errors_of(&[("dir.toml", "[[service]\n")]);
        assert!(err.starts_with("dir.toml:1:"), "{err}");
    }

    #[test]
    fn json_directory_files_are_strict_too() {
        let good = r#"{"area": [{"kommune": "3201", "name": "Bærum", "last_verified": "2026-11-01"}],
 "service": [{"id": "x", "name": {"nb": "X", "en": "X"}, "role": "barnevern", "covers": ["3201"],
   "last_verified": "2026-11-01", "example_data": true}]}"#;
        let entries = parse_directory_file("dir.json", good).unwrap();
        assert_eq!(entries.len(), 2);
        let bad = good.replace(
            "\"example_data\": true",
            "\"example_data\": true, \"fax\": 1",
        );
        let err = parse_directory_file("dir.json", &bad)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("dir.json:3:")
                && err.contains("service[0]")
                && err.contains("unknown field `fax`"),
            "{err}"
        );
        let bad = good.replace(
            "{\"nb\": \"X\", \"en\": \"X\"}",
            "{\"nb\": \"X\", \"se\": \"X\"}",
        );
        let err = parse_directory_file("dir.json", &bad)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("service[0].name") && err.contains("se"),
            "{err}"
        );
    }

    #[test]
    fn validation_errors_name_file_entry_and_field() {
        let text = GOOD.replace("covers = [\"3201\"]", "covers = [\"3201\", \"0301-1\"]");
        let err = errors_of(&[("dir.toml", &text)]);
        assert_eq!(err, "dir.toml: step x: covers[1]: unknown area `0301-1`: define it with [[area]], or use \"national\"");
        let text =
            format!("{GOOD}\n[[service.channel]]\nkind = \"phone\"\nvalue = \"22 33 44 55\"\n")
                .replace("example_data = true\n", "");
        let err = errors_of(&[("dir.toml", &text)]);
        assert!(err.contains("step x: source: say where"), "{err}");
        let err = errors_of(&[("a.toml", GOOD), ("b.toml", GOOD)]);
        assert!(
            err.contains("b.toml: step area 3201:")
                && err
                    .contains("b.toml: step x: id: service id `x` is used twice (first in a.toml)"),
            "{err}"
        );
    }

    #[test]
    fn a_load_with_errors_yields_nothing() {
        let service_only = &GOOD[GOOD.find("[[service]]").unwrap()..];
        let bad = service_only.replace("name = \"X\"", "name = \"\"");
        let files = vec![
            SourceFile {
                name: "good.toml".into(),
                text: GOOD.replace("id = \"x\"", "id = \"y\""),
            },
            SourceFile {
                name: "bad.toml".into(),
                text: bad,
            },
        ];
        let result: Result<Directory, _> = directory_from_sources(&files);
        let err = result.unwrap_err();
        assert_eq!(err.0.len(), 1);
        assert_eq!(err.0[0].file, "bad.toml");
    }

    #[test]
    fn malformed_register_rows_name_file_line_and_field() {
        let text = "0001\tOSLO\t0301\tOSLO\tP\n\n0010\tOSLO\t0301\tOSLO\n0015\tOSLO\t03O1\tOSLO\tB\n0018\tOSLO\t0301\tOSLO\tX\n0001\tOSLO\t0301\tOSLO\tP\n";
        let err = parse_register("postal_codes.tab", text.as_bytes()).unwrap_err();
        let lines: Vec<String> = err.0.iter().map(|i| i.to_string()).collect();
        assert_eq!(lines.len(), 4, "{lines:#?}");
        assert!(
            lines[0].starts_with(
                "postal_codes.tab:3:20: kategori: the line has 4 tab-separated fields"
            ),
            "{}",
            lines[0]
        );
        assert_eq!(
            lines[1],
            "postal_codes.tab:4:11: kommunenummer: `03O1` is not a 4-digit kommunenummer"
        );
        assert_eq!(
            lines[2],
            "postal_codes.tab:5:21: kategori: `X` is not a category: use G, P, B, S or F"
        );
        assert_eq!(
            lines[3],
            "postal_codes.tab:6:1: postnummer: postcode 0001 is listed twice (first on line 1)"
        );
    }

    #[test]
    fn register_reads_latin1_and_crlf() {
        let latin1: &[u8] =
            b"1300\tSANDVIKA\t3201\tB\xC6RUM\tP\r\n9008\tTROMS\xD8\t5501\tTROMS\xD8\tG\r\n";
        let rows = parse_register("ansi.tab", latin1).unwrap();
        assert_eq!(rows[0].kommunenavn, "BÆRUM");
        assert_eq!(rows[1].poststed, "TROMSØ");
        let utf8 = "1300\tSANDVIKA\t3201\tBÆRUM\tP\n".as_bytes();
        assert_eq!(
            parse_register("utf8.tab", utf8).unwrap()[0].kommunenavn,
            "BÆRUM"
        );
    }

    #[test]
    fn full_register_is_identical_when_read_as_latin1() {
        let path = reference_dir().join("postnummer/postal_codes.tab");
        let utf8 = std::fs::read_to_string(&path).unwrap();
        let latin1: Vec<u8> = utf8
            .chars()
            .map(|c| u8::try_from(u32::from(c)).expect("register text fits Latin-1"))
            .collect();
        let a = parse_register("utf8", utf8.as_bytes()).unwrap();
        let b = parse_register("latin1", &latin1).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.len(), 5122);
    }

    #[test]
    fn bydel_pairs_take_the_municipality_from_the_file_name() {
        let dir = reference_dir();
        let rows = parse_register(
            "r",
            &std::fs::read(dir.join("postnummer/postal_codes.tab")).unwrap(),
        )
        .unwrap();
        let pairs =
            bydel_pairs_from_path(&dir.join("bydel-postnummer/trondheim.tsv"), &rows).unwrap();
        assert!(pairs.iter().all(|p| p.kommunenummer == "5001"));
        let tmp = tempfile::tempdir().unwrap();
        let odd = tmp.path().join("nowhere.tsv");
        std::fs::write(&odd, "0582\t9\n").unwrap();
        let err = bydel_pairs_from_path(&odd, &rows).unwrap_err().to_string();
        assert!(
            err.contains("nowhere.tsv:1:7: kommunenummer: no municipality"),
            "{err}"
        );
        std::fs::write(&odd, "0582\t9\t0301\n0582\t\t0301\n").unwrap();
        let err = bydel_pairs_from_path(&odd, &rows).unwrap_err().to_string();
        assert!(err.contains("nowhere.tsv:2:6: bydel: is empty"), "{err}");
    }

    #[test]
    fn shipped_places_load() {
        let base = demo_directory_dir().join("places");
        let register = SourceBytes {
            name: "postnummer.tab".into(),
            bytes: std::fs::read(base.join("postnummer.tab")).unwrap(),
        };
        let pairs: Vec<SourceBytes> = ["oslo.tsv", "trondheim.tsv"]
            .iter()
            .map(|n| SourceBytes {
                name: n.to_string(),
                bytes: std::fs::read(base.join("bydel").join(n)).unwrap(),
            })
            .collect();
        let places = places_from_sources(&register, &pairs).unwrap();
        // Bring's whole register (demo content): every postcode resolves.
        assert_eq!(places.rows().len(), 5122);
        assert_eq!(places.postcode("5003").unwrap().kommunenummer, "4601");
        assert_eq!(places.postcode("2000").unwrap().kommunenummer, "3205");
    }

    #[test]
    fn records_round_trip_for_sync() {
        let dir = demo_directory();
        let entries = dir.entries();
        let json = serde_json::to_string(&entries).unwrap();
        let back: Vec<DirectoryEntry> = serde_json::from_str(&json).unwrap();
        let rebuilt = Directory::from_entries(back).unwrap();
        assert_eq!(rebuilt.entries(), entries);
        let ids: std::collections::HashSet<String> =
            entries.iter().map(DirectoryEntry::id).collect();
        assert_eq!(ids.len(), entries.len(), "record ids are unique");
        assert!(ids.contains("service:alarmtelefonen") && ids.contains("area:0301-04"));

        let places = full_places();
        let records = places.entries();
        let json = serde_json::to_string(&records).unwrap();
        let back: Vec<PlaceEntry> = serde_json::from_str(&json).unwrap();
        let rebuilt = Places::from_entries(back).unwrap();
        assert_eq!(rebuilt.entries(), records);
        let ids: std::collections::HashSet<String> = records.iter().map(PlaceEntry::id).collect();
        assert_eq!(ids.len(), records.len());
        assert!(ids.contains("postcode:0582") && ids.contains("bydel:0301:0582:09"));
    }

    #[test]
    fn invalid_records_are_refused_with_record_and_field() {
        let mut entries = demo_directory().entries();
        if let Some(DirectoryEntry::Service(s)) = entries
            .iter_mut()
            .find(|e| e.id() == "service:alarmtelefonen")
        {
            s.covers = vec!["9999".into()];
        }
        let err = Directory::from_entries(entries).unwrap_err().to_string();
        assert_eq!(err, "directory: step alarmtelefonen: covers[0]: unknown area `9999`: define it with [[area]], or use \"national\"");
        let mut records = full_places().entries();
        if let Some(PlaceEntry::Postcode(r)) = records.first_mut() {
            r.kommunenummer = "31".into();
        }
        let err = Places::from_entries(records).unwrap_err().to_string();
        assert!(
            err.starts_with("places: step postcode:0001: kommunenummer:"),
            "{err}"
        );
    }
}
