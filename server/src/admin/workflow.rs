//! The drafts of [`AdminService`]: create (also from live content), save, rebase, delete, the
//! diff a reviewer reads, and the checks every draft goes through (its content, and its base
//! against live). Review and approval are in [`crate::admin::approval`], urgent publishes
//! and rollbacks in [`crate::admin::urgent`].

use crate::admin::accounts::{random_bytes, Role};
use crate::admin::audit::Actor;
use crate::admin::drafts::{
    check_file, check_rollback, directory_entry_as_toml, guide_as_toml, parse_record_label,
    record_label, Checked, Draft, DraftKind, DraftState, RollbackSpec,
};
use crate::admin::review::{graph_diff, text_diff, GraphDiff, RecordDiff, Review, ReviewState};
use crate::admin::service::{AdminError, AdminService, Principal};
use crate::admin::store::Tree;
use crate::data_dir::CurrentRevision;
use crate::publishing::publish::records_of;
use crate::publishing::published::{self};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use utoipa::ToSchema;
use veiviser_core::sync::protocol::Collection;

pub(in crate::admin) const WRITERS: &[Role] = &[Role::Editor, Role::Reviewer];
pub(in crate::admin) const REVIEWERS: &[Role] = &[Role::Reviewer];
pub(in crate::admin) const READERS: &[Role] = &[Role::Editor, Role::Reviewer, Role::Admin];

/// A new draft.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewDraft {
    /// `guide` or `directory`.
    pub kind: DraftKind,
    /// The file name (default: `guides/draft.toml` or `directory/draft.toml`).
    #[serde(default)]
    pub file_name: Option<String>,
    /// The file's text.
    pub content: String,
}

/// A record that changed since the draft's base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BaseChange {
    /// `guides/ID`, …
    pub record: String,
    /// The draft's base sequence.
    pub base_sequence: u64,
    /// The collection's live sequence.
    pub live_sequence: u64,
    /// A unified diff of the record from the base to live.
    pub text: String,
}

/// What a reviewer reads: every record's change, and what changed under the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DraftDiff {
    /// Live → draft, per record.
    pub records: Vec<RecordDiff>,
    /// Base → live, per record the draft touches (non-empty: the draft is stale).
    pub stale: Vec<BaseChange>,
    /// The draft's findings (errors block publishing).
    pub issues: Vec<crate::admin::drafts::Issue>,
}

pub(in crate::admin) fn new_id() -> String {
    random_bytes::<12>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub(in crate::admin) fn user(p: &Principal) -> Actor {
    Actor::User(p.name.clone())
}

fn record_toml(collection: Collection, v: &Value) -> String {
    let r = match collection {
        Collection::Guides => guide_as_toml(v),
        Collection::Directory => directory_entry_as_toml(v),
        _ => Err(String::new()),
    };
    r.unwrap_or_else(|_| serde_json::to_string_pretty(v).unwrap_or_default())
}

fn guide_of(v: Option<&Value>) -> Option<veiviser_core::guide::Guide> {
    v.and_then(|v| serde_json::from_value(v.clone()).ok())
}

impl AdminService {
    pub(in crate::admin) fn current(
        &self,
    ) -> Result<BTreeMap<Collection, CurrentRevision>, AdminError> {
        let scan = self
            .data
            .scan()
            .map_err(|e| AdminError::Internal(e.to_string()))?;
        self.data
            .current(&scan)
            .map_err(|e| AdminError::Internal(e.to_string()))
    }

    pub(in crate::admin) fn head(&self) -> Result<u64, AdminError> {
        Ok(self
            .data
            .scan()
            .map_err(|e| AdminError::Internal(e.to_string()))?
            .head())
    }

    /// The records of `collection` as of sequence `seq` (its newest revision at or before).
    pub(in crate::admin) fn records_at(
        &self,
        collection: Collection,
        seq: u64,
    ) -> Result<BTreeMap<String, Value>, AdminError> {
        let scan = self
            .data
            .scan()
            .map_err(|e| AdminError::Internal(e.to_string()))?;
        let newest = scan
            .batches
            .values()
            .flat_map(|b| &b.revisions)
            .filter(|r| r.collection == collection && r.sequence <= seq)
            .max_by_key(|r| r.sequence);
        match newest {
            Some(r) => {
                let (_, cs) = published::read_revision(&self.data.published(), r)
                    .map_err(|e| AdminError::Internal(e.to_string()))?;
                Ok(records_of(&cs))
            }
            None => Ok(BTreeMap::new()),
        }
    }

    pub(in crate::admin) fn check(
        &self,
        draft: &Draft,
        current: &BTreeMap<Collection, CurrentRevision>,
    ) -> Result<Checked, AdminError> {
        Ok(match (&draft.kind, &draft.rollback) {
            (DraftKind::Rollback, Some(spec)) => {
                let earlier = self.records_at(spec.collection, spec.sequence)?;
                check_rollback(spec, &earlier, current)
            }
            (kind, _) => check_file(*kind, &draft.file_name, &draft.content, current),
        })
    }

    pub(in crate::admin) fn apply_check(draft: &mut Draft, checked: &Checked) {
        draft.issues = checked.issues.clone();
        draft.valid = checked.states.is_some();
        if !checked.touches.is_empty() || draft.valid {
            draft.touches = checked
                .touches
                .iter()
                .map(|(c, id)| record_label(*c, id))
                .collect();
        }
    }

    /// What changed between the draft's base and `current`, per record it touches.
    pub(in crate::admin) fn base_changes(
        &self,
        draft: &Draft,
        current: &BTreeMap<Collection, CurrentRevision>,
    ) -> Result<Vec<BaseChange>, AdminError> {
        let mut out = Vec::new();
        let mut base_cache: BTreeMap<Collection, BTreeMap<String, Value>> = BTreeMap::new();
        for label in &draft.touches {
            let Some((c, id)) = parse_record_label(label) else {
                continue;
            };
            let live_rev = current.get(&c);
            let live_seq = live_rev.map_or(0, |r| r.changeset.sequence);
            if live_seq <= draft.base_sequence {
                continue;
            }
            if let std::collections::btree_map::Entry::Vacant(e) = base_cache.entry(c) {
                e.insert(self.records_at(c, draft.base_sequence)?);
            }
            let base = base_cache[&c].get(&id);
            let live = live_rev.and_then(|r| r.changeset.records.iter().find(|x| x.id == id));
            let live = live.map(|r| &r.data);
            if base != live {
                let show = |v: Option<&Value>| v.map(|v| record_toml(c, v)).unwrap_or_default();
                out.push(BaseChange {
                    record: label.clone(),
                    base_sequence: draft.base_sequence,
                    live_sequence: live_seq,
                    text: text_diff(&show(base), &show(live)),
                });
            }
        }
        Ok(out)
    }

    pub(in crate::admin) fn stale_error(changes: &[BaseChange]) -> AdminError {
        AdminError::Conflict {
            message: "the draft's base is no longer live: someone published a change to the same records since the draft was made; look at what changed, then rebase the draft".into(),
            details: json!({ "changed": changes }),
        }
    }

    pub(in crate::admin) fn load_draft(&self, id: &str) -> Result<Draft, AdminError> {
        self.store
            .get::<Draft>(Tree::Drafts, id)?
            .ok_or_else(|| AdminError::NotFound(format!("no draft `{id}`")))
    }

    pub(in crate::admin) fn load_review(&self, id: &str) -> Result<Review, AdminError> {
        self.store
            .get::<Review>(Tree::Reviews, id)?
            .ok_or_else(|| AdminError::NotFound(format!("no review `{id}`")))
    }

    /// Adds `by` to the authors, checks the draft against live, stores it and records
    /// `event` in the audit log (with `detail` of the checked draft).
    pub(in crate::admin) fn check_and_store(
        &self,
        by: &Principal,
        draft: &mut Draft,
        event: &str,
        detail: impl FnOnce(&Draft) -> String,
    ) -> Result<(), AdminError> {
        draft.updated_at = Utc::now();
        if !draft.authors.contains(&by.name) {
            draft.authors.push(by.name.clone());
        }
        let checked = self.check(draft, &self.current()?)?;
        Self::apply_check(draft, &checked);
        self.store.put(Tree::Drafts, &draft.id, draft)?;
        let detail = detail(draft);
        self.audit_event(user(by), event, &format!("draft:{}", draft.id), detail)?;
        Ok(())
    }

    // ---- drafts ----

    /// Every draft, newest first.
    pub fn drafts(&self, by: &Principal) -> Result<Vec<Draft>, AdminError> {
        by.require(READERS, "reading drafts")?;
        let mut all: Vec<Draft> = self.store.all(Tree::Drafts)?;
        all.sort_by_key(|d| std::cmp::Reverse(d.updated_at));
        Ok(all)
    }

    /// One draft.
    pub fn draft(&self, by: &Principal, id: &str) -> Result<Draft, AdminError> {
        by.require(READERS, "reading drafts")?;
        self.load_draft(id)
    }

    /// Creates a draft, checked against the live state (findings are kept on the draft; an
    /// invalid draft is saved so the editor can fix it).
    pub fn create_draft(&self, by: &Principal, new: &NewDraft) -> Result<Draft, AdminError> {
        by.require(WRITERS, "writing drafts")?;
        if new.kind == DraftKind::Rollback {
            return Err(AdminError::BadRequest {
                field: "kind".into(),
                message: "make a rollback with the rollback action".into(),
            });
        }
        let file_name = match &new.file_name {
            Some(f) => check_file_name(new.kind, f)?,
            None if new.kind == DraftKind::Guide => "guides/draft.toml".into(),
            None => "directory/draft.toml".into(),
        };
        let _g = self.state_lock();
        let mut draft = fresh_draft(
            by,
            new.kind,
            file_name,
            new.content.clone(),
            None,
            self.head()?,
        );
        self.check_and_store(by, &mut draft, "draft_created", |d| d.touches.join(", "))?;
        Ok(draft)
    }

    /// Starts a draft from a live guide or directory entry (its TOML).
    pub fn draft_from_live(
        &self,
        by: &Principal,
        collection: Collection,
        id: &str,
    ) -> Result<Draft, AdminError> {
        by.require(WRITERS, "writing drafts")?;
        let current = self.current()?;
        let record = current
            .get(&collection)
            .and_then(|r| r.changeset.records.iter().find(|x| x.id == id))
            .ok_or_else(|| AdminError::NotFound(format!("{collection}/{id} is not published")))?;
        let (kind, content, file_name) = match collection {
            Collection::Guides => (
                DraftKind::Guide,
                guide_as_toml(&next_revision(&record.data)),
                format!("guides/{id}.toml"),
            ),
            Collection::Directory => (
                DraftKind::Directory,
                directory_entry_as_toml(&record.data),
                format!("directory/{}.toml", id.replace(':', "-")),
            ),
            _ => {
                return Err(AdminError::BadRequest {
                    field: "collection".into(),
                    message: "only guides and directory entries are edited as drafts".into(),
                })
            }
        };
        let content = content.map_err(AdminError::Internal)?;
        self.create_draft(
            by,
            &NewDraft {
                kind,
                file_name: Some(file_name),
                content,
            },
        )
    }

    /// Saves new content; the caller becomes an author. Saving a draft in review withdraws
    /// the review (the reviewer must see what is published).
    pub fn save_draft(&self, by: &Principal, id: &str, content: &str) -> Result<Draft, AdminError> {
        by.require(WRITERS, "writing drafts")?;
        let _g = self.state_lock();
        let mut draft = self.load_draft(id)?;
        if draft.kind == DraftKind::Rollback {
            return Err(AdminError::Conflict {
                message: "a rollback has no text to edit".into(),
                details: json!({ "draft": id }),
            });
        }
        match &draft.state {
            DraftState::Published { .. } => {
                return Err(AdminError::Conflict {
                    message: "this draft is published; start a new draft from the live content"
                        .into(),
                    details: json!({ "draft": id }),
                })
            }
            DraftState::InReview { review } => {
                let mut r = self.load_review(review)?;
                r.state = ReviewState::Withdrawn;
                self.store.put(Tree::Reviews, &r.id, &r)?;
                self.audit_event(
                    user(by),
                    "review_withdrawn",
                    &format!("review:{}", r.id),
                    "the draft was saved again",
                )?;
            }
            DraftState::Editing => {}
        }
        draft.content = content.to_string();
        draft.state = DraftState::Editing;
        self.check_and_store(by, &mut draft, "draft_saved", |d| {
            if d.valid { "valid" } else { "has errors" }.into()
        })?;
        Ok(draft)
    }

    /// Moves the draft's base to the live sequence, after the editor has looked at what
    /// changed (the caller becomes an author).
    pub fn rebase_draft(&self, by: &Principal, id: &str) -> Result<Draft, AdminError> {
        by.require(WRITERS, "writing drafts")?;
        let _g = self.state_lock();
        let mut draft = self.load_draft(id)?;
        if !matches!(draft.state, DraftState::Editing) {
            return Err(AdminError::Conflict {
                message: "only a draft being edited can be rebased".into(),
                details: json!({ "draft": id }),
            });
        }
        draft.base_sequence = self.head()?;
        self.check_and_store(by, &mut draft, "draft_rebased", |d| {
            format!("base {}", d.base_sequence)
        })?;
        Ok(draft)
    }

    /// Deletes a draft that is not in review or published.
    pub fn delete_draft(&self, by: &Principal, id: &str) -> Result<(), AdminError> {
        by.require(WRITERS, "deleting drafts")?;
        let _g = self.state_lock();
        let draft = self.load_draft(id)?;
        if !matches!(draft.state, DraftState::Editing) {
            return Err(AdminError::Conflict {
                message: "only a draft being edited can be deleted".into(),
                details: json!({ "draft": id }),
            });
        }
        self.store.remove(Tree::Drafts, id)?;
        self.audit_event(user(by), "draft_deleted", &format!("draft:{id}"), "")?;
        Ok(())
    }

    /// The diff of a draft against live, and what changed under it.
    pub fn diff(&self, by: &Principal, id: &str) -> Result<DraftDiff, AdminError> {
        by.require(READERS, "reading drafts")?;
        let draft = self.load_draft(id)?;
        let current = self.current()?;
        let checked = self.check(&draft, &current)?;
        let mut records = Vec::new();
        for ((c, rid), new) in &checked.records {
            let live = current
                .get(c)
                .and_then(|r| r.changeset.records.iter().find(|x| &x.id == rid))
                .map(|r| &r.data);
            let new = new.as_ref();
            if live == new {
                continue;
            }
            let show = |v: Option<&Value>| v.map(|v| record_toml(*c, v)).unwrap_or_default();
            let graph: Option<GraphDiff> = (*c == Collection::Guides)
                .then(|| graph_diff(guide_of(live).as_ref(), guide_of(new).as_ref()));
            records.push(RecordDiff {
                record: record_label(*c, rid),
                change: match (live, new) {
                    (None, _) => "added",
                    (_, None) => "removed",
                    _ => "changed",
                }
                .into(),
                text: text_diff(&show(live), &show(new)),
                graph,
            });
        }
        let mut draft = draft;
        Self::apply_check(&mut draft, &checked);
        Ok(DraftDiff {
            records,
            stale: self.base_changes(&draft, &current)?,
            issues: checked.issues,
        })
    }
}

/// A new draft by `by`, being edited, not yet checked.
pub(in crate::admin) fn fresh_draft(
    by: &Principal,
    kind: DraftKind,
    file_name: String,
    content: String,
    rollback: Option<RollbackSpec>,
    base_sequence: u64,
) -> Draft {
    let now = Utc::now();
    Draft {
        id: new_id(),
        kind,
        file_name,
        content,
        rollback,
        base_sequence,
        authors: vec![by.name.clone()],
        created_by: by.name.clone(),
        created_at: now,
        updated_at: now,
        state: DraftState::Editing,
        touches: Vec::new(),
        issues: Vec::new(),
        valid: false,
    }
}

/// A guide record with its revision raised by one (a draft of a live guide is its next
/// revision, as `import` requires of changed content).
fn next_revision(record: &Value) -> Value {
    let mut r = record.clone();
    if let Some(o) = r.as_object_mut() {
        let rev = o.get("revision").and_then(Value::as_u64).unwrap_or(0);
        o.insert("revision".into(), Value::from(rev + 1));
    }
    r
}
fn check_file_name(kind: DraftKind, name: &str) -> Result<String, AdminError> {
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/'));
    let ext_ok = match kind {
        DraftKind::Guide => name.ends_with(".toml"),
        _ => name.ends_with(".toml") || name.ends_with(".json"),
    };
    if ok_chars && ext_ok && !name.contains("..") && !name.starts_with('/') && name.len() <= 200 {
        Ok(name.to_string())
    } else {
        Err(AdminError::BadRequest {
            field: "file_name".into(),
            message: "a relative file name of letters, digits, `.`, `-`, `_` and `/`, ending in .toml (or .json for a directory file)".into(),
        })
    }
}
