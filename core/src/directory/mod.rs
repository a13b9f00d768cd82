//! The contact directory: areas, services, opening hours, postcode resolution and search.
