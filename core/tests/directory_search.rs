//! Search over all places (full register and bydel pairs) and the demo services: folding of
//! æ/ae, ø/o, å/aa, é/e and tolerance of small typos.

mod directory_support;

mod directory_search {
    use super::directory_support::*;
    use veiviser_core::directory::{MatchQuality, SearchHit, SearchHitKind};

    fn first(query: &str) -> SearchHit {
        full_book()
            .search(query, 10)
            .unwrap()
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no hit for {query:?}"))
    }

    fn finds(query: &str, kind: SearchHitKind, name: &str) {
        let hits = full_book().search(query, 10).unwrap();
        assert!(
            hits.iter().any(|h| h.kind == kind && h.name == name),
            "{query:?} should find {kind:?} {name}: {:?}",
            hits.iter()
                .map(|h| (h.kind, h.name.as_str()))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn folds_norwegian_letters() {
        let hit = first("grunerlokka");
        assert_eq!(
            (hit.kind, hit.name.as_str()),
            (SearchHitKind::Bydel, "Grünerløkka")
        );
        assert_eq!(hit.quality, MatchQuality::Exact);
        finds("baerum", SearchHitKind::Kommune, "Bærum");
        finds("tromso", SearchHitKind::Kommune, "Tromsø");
        finds("aalesund", SearchHitKind::Kommune, "Ålesund");
        finds("ostensjo", SearchHitKind::Bydel, "Østensjø");
        finds("OSTBYEN", SearchHitKind::Bydel, "Østbyen");
    }

    #[test]
    fn tolerates_small_typos() {
        finds("grunerløka", SearchHitKind::Bydel, "Grünerløkka");
        finds("barum", SearchHitKind::Kommune, "Bærum");
        finds("alesund", SearchHitKind::Kommune, "Ålesund");
        finds("bergn", SearchHitKind::Kommune, "Bergen");
        finds("trondhiem", SearchHitKind::Kommune, "Trondheim");
        finds("sandvkia", SearchHitKind::Poststed, "Sandvika");
        let hit = full_book()
            .search("barum", 10)
            .unwrap()
            .into_iter()
            .find(|h| h.name == "Bærum")
            .unwrap();
        assert_eq!((hit.quality, hit.distance), (MatchQuality::Fuzzy, 1));
    }

    #[test]
    fn finds_services_words_and_postcodes() {
        let hit = first("alarmtelefonen");
        assert_eq!(
            (hit.kind, hit.id.as_str()),
            (SearchHitKind::Service, "alarmtelefonen")
        );
        finds("hanshaugen", SearchHitKind::Bydel, "St. Hanshaugen");
        finds("st hanshaugen", SearchHitKind::Bydel, "St. Hanshaugen");
        finds(
            "barnehus",
            SearchHitKind::Service,
            "Statens barnehus Oslo – råd og veiledning",
        );
        finds("midtbyen", SearchHitKind::Bydel, "Midtbyen");
        let hit = first("0582");
        assert_eq!(
            (hit.kind, hit.quality),
            (SearchHitKind::Postnummer, MatchQuality::Exact)
        );
        assert_eq!(hit.kommunenummer.as_deref(), Some("0301"));
        let hit = first("3201");
        assert_eq!(
            (hit.kind, hit.name.as_str()),
            (SearchHitKind::Kommune, "Bærum")
        );
        let sandvika = full_book()
            .search("sandvika", 5)
            .unwrap()
            .into_iter()
            .find(|h| h.kind == SearchHitKind::Poststed)
            .unwrap();
        assert!(sandvika.postnumre.contains(&"1300".to_string()));
    }

    #[test]
    fn exact_beats_fuzzy_and_nonsense_finds_nothing() {
        let hits = full_book().search("oslo", 10).unwrap();
        assert_eq!(hits[0].quality, MatchQuality::Exact);
        assert!(full_book().search("", 10).unwrap().is_empty());
        assert!(full_book().search("   ", 10).unwrap().is_empty());
        assert!(full_book().search("qxzvvj", 10).unwrap().is_empty());
        assert!(full_book().search("oslo", 3).unwrap().len() <= 3);
    }
}
