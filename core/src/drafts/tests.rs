//! Unit tests of the draft module's private parts: the message catalog and the file format.

use super::envelope::{self, Header, Kind, HEADER_LEN};
use super::key::MasterKey;
use super::messages::{Msg, ALL};
use crate::i18n::Lang;

#[test]
fn every_message_has_nb_nn_and_en() {
    for m in ALL {
        let [nb, nn, en] = m.all();
        assert!(
            !nb.trim().is_empty() && !nn.trim().is_empty() && !en.trim().is_empty(),
            "{m:?}"
        );
        assert_ne!(nb, en, "{m:?} is not translated to English");
    }
    assert_eq!(
        Msg::DeletedInDays.with_n(Lang::Nn, 9),
        "Blir sletta om 9 dagar."
    );
}

#[test]
fn every_region_of_a_sealed_file_is_authenticated() {
    let key = MasterKey::generate().unwrap();
    let header = Header {
        kind: Kind::Draft,
        id: [7; 16],
        fingerprint: key.fingerprint(),
        expires_at: 1_900_000_000,
    };
    let file = envelope::seal(&key, &header, b"{\"secret\":true}").unwrap();
    assert_eq!(
        envelope::open(&key, &file, "x").unwrap().1.as_slice(),
        b"{\"secret\":true}"
    );
    // Flip one bit at every position after the fingerprint: each is caught.
    for at in 34..file.len() {
        let mut bad = file.clone();
        bad[at] ^= 0x01;
        assert!(
            envelope::open(&key, &bad, "x").is_err(),
            "byte {at} not authenticated"
        );
    }
    // The fingerprint region is a "wrong key" error, never a silent success.
    let mut bad = file.clone();
    bad[HEADER_LEN - 9] ^= 0x01;
    assert!(envelope::open(&key, &bad, "x").is_err());
    assert_eq!(format!("{key:?}"), "MasterKey(..)");
}
