//! The core's small vocabularies (language, sector, contact role), exposed as they are.
//!
//! These are uniffi *remote* declarations: they mirror the core's enums so no conversion code
//! exists, and the build fails if the core's variants change without this file following.

use veiviser_core::{ContactRole, Lang, Sector};

/// A language the user reads Veiviser in; text falls back to bokmål when a translation is missing.
#[uniffi::remote(Enum)]
pub enum Lang {
    /// Norwegian bokmål (always present).
    Nb,
    /// Norwegian nynorsk.
    Nn,
    /// English.
    En,
}

/// Where the user works: decides which sector-specific legal rule a step shows.
#[uniffi::remote(Enum)]
pub enum Sector {
    /// Kindergarten (barnehage).
    Barnehage,
    /// School and after-school care (skole/SFO).
    Skole,
    /// Public health clinic and school health service.
    Helsestasjon,
    /// Dental health service.
    Tannhelse,
    /// General practitioner.
    Fastlege,
    /// The labour and welfare administration (NAV).
    Nav,
}

/// What kind of service to contact; shared by guide steps and the directory.
#[uniffi::remote(Enum)]
pub enum ContactRole {
    /// Emergency numbers: 112 police, 113 medical, 110 fire.
    Nodnummer,
    /// The police, non-urgent or the local station.
    Politi,
    /// The municipal child welfare service where the child lives.
    Barnevern,
    /// The child welfare emergency service, out of office hours.
    Barnevernvakt,
    /// Alarmtelefonen for barn og unge.
    Alarmtelefon,
    /// Statens barnehus.
    Barnehus,
    /// The emergency medical clinic.
    Legevakt,
    /// The crisis centre for violence in close relationships.
    Krisesenter,
    /// The public health clinic.
    Helsestasjon,
}
