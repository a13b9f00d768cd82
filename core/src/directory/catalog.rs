//! The validated directory: every area and service, indexed for lookups.

use super::area::{
    area_id, is_bydelsnummer, is_kommunenummer, normalize_bydelsnummer, Area, NATIONAL_AREA_ID,
};
use super::fold::fold;
use super::service::{is_valid_entry_id, Service};
use crate::error::{ContentErrors, ContentIssue, Severity};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One record of the directory collection: an area or a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DirectoryEntry {
    /// An area (`area:KKKK-BB`).
    Area(Area),
    /// A service (`service:ID`).
    Service(Service),
}

impl DirectoryEntry {
    /// The stable record id: `area:<area id>` or `service:<service id>`.
    pub fn id(&self) -> String {
        match self {
            DirectoryEntry::Area(a) => format!("area:{}", a.id()),
            DirectoryEntry::Service(s) => format!("service:{}", s.id),
        }
    }
}

/// The validated contact directory. Build it with [`Directory::from_entries`] (synced
/// records) or through `directory::load` (files); it is never half-built.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    areas: Vec<Area>,
    services: Vec<Service>,
    area_by_id: HashMap<String, usize>,
    district_by_name: HashMap<(String, String), usize>,
    districts_by_kommune: HashMap<String, Vec<usize>>,
    services_by_area: HashMap<String, Vec<usize>>,
}

/// Collects findings with the file (or collection) each entry came from.
struct Findings(Vec<ContentIssue>);

impl Findings {
    fn error(&mut self, file: &str, entry: &str, field: &str, message: impl Into<String>) {
        self.0.push(ContentIssue {
            severity: Severity::Error,
            file: file.to_string(),
            position: None,
            step: (!entry.is_empty()).then(|| entry.to_string()),
            field: (!field.is_empty()).then(|| field.to_string()),
            message: message.into(),
        });
    }
}

impl Directory {
    /// Builds and validates a directory from records (e.g. synced ones); errors name the
    /// record id and field. Nothing is returned when anything is invalid.
    pub fn from_entries(entries: Vec<DirectoryEntry>) -> Result<Directory, ContentErrors> {
        Self::from_sourced(
            entries
                .into_iter()
                .map(|e| ("directory".to_string(), e))
                .collect(),
        )
    }

    /// Like [`Directory::from_entries`], with the file each entry was read from.
    pub(crate) fn from_sourced(
        entries: Vec<(String, DirectoryEntry)>,
    ) -> Result<Directory, ContentErrors> {
        let mut findings = Findings(Vec::new());
        let mut areas: Vec<(String, Area)> = Vec::new();
        let mut services: Vec<(String, Service)> = Vec::new();
        for (file, entry) in entries {
            match entry {
                DirectoryEntry::Area(a) => areas.push((file, a)),
                DirectoryEntry::Service(s) => services.push((file, s)),
            }
        }

        let mut dir = Directory::default();
        let mut area_files: Vec<String> = Vec::new();
        for (file, mut area) in areas {
            let shown = area.id();
            check_area(&mut area, &file, &shown, &mut findings);
            let id = area.id();
            if let Some(&first) = dir.area_by_id.get(&id) {
                let first: &Area = &dir.areas[first];
                findings.error(
                    &file,
                    &format!("area {id}"),
                    "",
                    format!("area `{id}` is defined twice (also as \"{}\")", first.name),
                );
                continue;
            }
            if let (Some(k), Some(_)) = (&area.kommune, &area.bydel) {
                let key = (k.clone(), fold(&area.name));
                if dir.district_by_name.contains_key(&key) {
                    findings.error(
                        &file,
                        &format!("area {id}"),
                        "name",
                        format!("two districts of {k} are named \"{}\": names must be unique within a municipality", area.name),
                    );
                }
                dir.district_by_name.insert(key, dir.areas.len());
                dir.districts_by_kommune
                    .entry(k.clone())
                    .or_default()
                    .push(dir.areas.len());
            }
            dir.area_by_id.insert(id, dir.areas.len());
            dir.areas.push(area);
            area_files.push(file);
        }
        // `served_by` must name a real bydel of the same municipality.
        for (area, file) in dir.areas.iter().zip(&area_files) {
            if let (Some(k), Some(by)) = (&area.kommune, &area.served_by) {
                let target = dir
                    .area_by_id
                    .get(&area_id(Some(k), Some(by)))
                    .map(|&i| &dir.areas[i]);
                if !target.is_some_and(Area::is_proper_district) {
                    findings.error(
                        file,
                        &format!("area {}", area.id()),
                        "served_by",
                        format!("`{by}` is not a bydel of {k} in the directory: define it with [[area]] kommune = \"{k}\", bydel = \"{by}\""),
                    );
                }
            }
        }

        let mut service_ids: HashMap<String, String> = HashMap::new();
        for (file, service) in services {
            let entry = service.id.clone();
            check_service(&service, &file, &dir.area_by_id, &mut findings);
            if let Some(first_file) = service_ids.get(&service.id) {
                findings.error(
                    &file,
                    &entry,
                    "id",
                    format!("service id `{entry}` is used twice (first in {first_file})"),
                );
                continue;
            }
            service_ids.insert(service.id.clone(), file);
            let index = dir.services.len();
            for covered in &service.covers {
                dir.services_by_area
                    .entry(covered.clone())
                    .or_default()
                    .push(index);
            }
            dir.services.push(service);
        }

        if findings.0.is_empty() {
            Ok(dir)
        } else {
            Err(ContentErrors(findings.0))
        }
    }

    /// Every record, areas first, in a stable order (for sync and export).
    pub fn entries(&self) -> Vec<DirectoryEntry> {
        self.areas
            .iter()
            .cloned()
            .map(DirectoryEntry::Area)
            .chain(self.services.iter().cloned().map(DirectoryEntry::Service))
            .collect()
    }

    /// Every area, in file order.
    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    /// Every service, in file order (the order within a role and area is "best first").
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The area with `id` (`national`, `KKKK`, `KKKK-BB`).
    pub fn area(&self, id: &str) -> Option<&Area> {
        self.area_by_id.get(id).map(|&i| &self.areas[i])
    }

    /// The service with `id`.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    /// The services covering the area `id`, in file order.
    pub fn services_covering(&self, id: &str) -> impl Iterator<Item = &Service> {
        self.services_by_area
            .get(id)
            .into_iter()
            .flatten()
            .map(|&i| &self.services[i])
    }

    /// The districts of `kommune`, through the per-municipality index.
    fn districts_of<'a>(&'a self, kommune: &str) -> impl Iterator<Item = &'a Area> + 'a {
        self.districts_by_kommune
            .get(kommune)
            .into_iter()
            .flatten()
            .map(|&i| &self.areas[i])
    }

    /// The districts (including Sentrum/Marka-like ones) of municipality `kommune`.
    pub fn districts<'a>(&'a self, kommune: &'a str) -> impl Iterator<Item = &'a Area> + 'a {
        self.districts_of(kommune)
    }

    /// The district of `kommune` that a label from the bydel data or the user names: a
    /// bydelsnummer (`4`, `04`) or a name ("Grünerløkka", "grunerlokka").
    pub fn district(&self, kommune: &str, label: &str) -> Option<&Area> {
        let label = label.trim();
        if !label.is_empty() && label.len() <= 2 && label.bytes().all(|b| b.is_ascii_digit()) {
            // "4" and "04" name the same bydel; compare two bytes without building an id
            // (this runs for every pair label of every answer).
            let l = label.as_bytes();
            let want = if l.len() == 1 {
                [b'0', l[0]]
            } else {
                [l[0], l[1]]
            };
            return self.districts_of(kommune).find(|a| {
                a.bydel.as_deref().is_some_and(
                    |b| matches!(b.as_bytes(), [x, y] if *x == want[0] && *y == want[1]),
                )
            });
        }
        self.district_by_name
            .get(&(kommune.to_string(), fold(label)))
            .map(|&i| &self.areas[i])
    }
}

fn check_area(area: &mut Area, file: &str, shown: &str, findings: &mut Findings) {
    let entry = format!("area {shown}");
    if let Some(k) = &area.kommune {
        if !is_kommunenummer(k) {
            findings.error(
                file,
                &entry,
                "kommune",
                format!("`{k}` is not a 4-digit kommunenummer (e.g. \"0301\")"),
            );
        }
    }
    if let Some(b) = &area.bydel {
        if area.kommune.is_none() {
            findings.error(
                file,
                &entry,
                "bydel",
                "a bydel needs its kommune: add kommune = \"KKKK\"",
            );
        }
        if !is_bydelsnummer(b) {
            findings.error(
                file,
                &entry,
                "bydel",
                format!("`{b}` is not a 2-digit bydelsnummer (e.g. \"04\")"),
            );
        }
    }
    if area.name.trim().is_empty() {
        findings.error(file, &entry, "name", "is empty: give the area's name");
    }
    if let Some(by) = area.served_by.clone() {
        if area.bydel.is_none() {
            findings.error(
                file,
                &entry,
                "served_by",
                "only a district (with bydel) can be served by another bydel",
            );
        }
        match normalize_bydelsnummer(&by) {
            Some(n) if Some(&n) == area.bydel.as_ref() => findings.error(
                file,
                &entry,
                "served_by",
                "a district cannot be served by itself",
            ),
            Some(n) => area.served_by = Some(n),
            None => findings.error(
                file,
                &entry,
                "served_by",
                format!("`{by}` is not a bydelsnummer"),
            ),
        }
        if area.shared {
            findings.error(
                file,
                &entry,
                "shared",
                "a district is either served by one bydel or shared, not both",
            );
        }
    }
    if area.shared && area.bydel.is_none() {
        findings.error(
            file,
            &entry,
            "shared",
            "only a district (with bydel) can be shared",
        );
    }
}

fn check_service(
    service: &Service,
    file: &str,
    areas: &HashMap<String, usize>,
    findings: &mut Findings,
) {
    let entry = service.id.as_str();
    if !is_valid_entry_id(entry) {
        findings.error(
            file,
            entry,
            "id",
            format!("`{entry}` is not a valid id: use lower-case letters, digits and -"),
        );
    }
    if service.name.nb.trim().is_empty() {
        findings.error(file, entry, "name", "the bokmål name is empty");
    }
    if service.covers.is_empty() {
        findings.error(
            file,
            entry,
            "covers",
            "is empty: list the areas the service covers (\"national\", \"KKKK\" or \"KKKK-BB\")",
        );
    }
    for (i, covered) in service.covers.iter().enumerate() {
        if covered != NATIONAL_AREA_ID && !areas.contains_key(covered) {
            findings.error(
                file,
                entry,
                &format!("covers[{i}]"),
                format!("unknown area `{covered}`: define it with [[area]], or use \"national\""),
            );
        }
    }
    for (i, channel) in service.channels.iter().enumerate() {
        if let Some(problem) = channel.value_problem() {
            findings.error(file, entry, &format!("channel[{i}].value"), problem);
        }
        if channel.hours_estimated && channel.hours.is_none() {
            findings.error(
                file,
                entry,
                &format!("channel[{i}].hours_estimated"),
                "nothing to estimate: remove hours_estimated or give the estimated hours",
            );
        }
    }
    if let Some(v) = &service.verified {
        if v.how == super::verification::VerifiedHow::WithService && v.by.trim().is_empty() {
            findings.error(
                file,
                entry,
                "verified.by",
                "say who confirmed the entry with the service (name, role)",
            );
        }
    }
    if service.after_hours == Some(service.role) {
        findings.error(
            file,
            entry,
            "after_hours",
            "cannot be the service's own role",
        );
    }
    if !service.channels.is_empty()
        && !service.example_data
        && service
            .source
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
    {
        findings.error(
            file,
            entry,
            "source",
            "say where the contact details come from (URL or document), or set example_data = true",
        );
    }
}
