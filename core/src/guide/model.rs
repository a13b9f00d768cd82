//! The guide model: a directed graph of steps with one start step and one acute exit.

use crate::i18n::LocalizedText;
use crate::legal::LegalRef;
use crate::roles::ContactRole;
use crate::sector::Sector;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The wire/authoring schema version this build writes.
pub const SCHEMA_VERSION: u32 = 1;

/// The feature level of this client; a guide with a higher `min_client_version` needs an app update.
///
/// Level 2 added cross-guide links ([`Step::links`]) and sector branches ([`Step::branch_on`]).
pub const CLIENT_VERSION: u32 = 2;

/// The client feature level a guide needs when it uses links or sector branches.
pub const LINKS_AND_BRANCHES_CLIENT_VERSION: u32 = 2;

/// A decision guide, as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Guide {
    /// Stable identifier, e.g. `fra-bekymring-til-handling`.
    pub id: String,
    /// Increases with every published edit.
    pub revision: u32,
    /// Format version of this document.
    #[serde(default = "default_schema_version")]
    pub schema_version: u32,
    /// Lowest client feature level that can show this guide.
    #[serde(default = "default_schema_version")]
    pub min_client_version: u32,
    /// Title shown in lists.
    pub title: LocalizedText,
    /// One or two sentences on when to use the guide.
    pub summary: LocalizedText,
    /// The sectors the guide is written for.
    pub audience: Vec<Sector>,
    /// Who reviewed the content, and when.
    pub review: Review,
    /// Id of the first step.
    pub start: String,
    /// Id of the urgent step reachable from every step ("acute danger now").
    pub acute_step: String,
    /// Legal provisions cited by steps, by id.
    #[serde(default)]
    pub legal: Vec<LegalRef>,
    /// The steps, in authored order.
    pub steps: Vec<Step>,
}

fn default_schema_version() -> u32 {
    SCHEMA_VERSION
}

/// Editorial review metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Name or role of the reviewer.
    pub reviewed_by: String,
    /// Date of the last review.
    pub reviewed_on: NaiveDate,
    /// When the content must be reviewed again (after this date it is overdue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_review: Option<NaiveDate>,
}

/// One node of the guide graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Identifier, unique within the guide.
    pub id: String,
    /// Optional short heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<LocalizedText>,
    /// The main text of the step.
    pub text: LocalizedText,
    /// What kind of step this is, with its outgoing edges.
    #[serde(flatten)]
    pub kind: StepKind,
    /// Urgent steps name at least one contact and are shown call-first.
    #[serde(default)]
    pub urgent: bool,
    /// Marks a deliberate loop back to an earlier step (allowed to close a cycle).
    #[serde(default)]
    pub loop_back: bool,
    /// Things to do or check at this step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<LocalizedText>,
    /// Contact roles to show, best first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactRole>,
    /// Ids of the guide's legal references that apply at this step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal: Vec<String>,
    /// Other guides this step points to, shown as actions ("how to talk with the child").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<GuideLink>,
    /// On a question: answered from the user's context instead of asking (e.g. the sector).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_on: Option<BranchOn>,
}

/// A link from a step to another guide of the same published set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideLink {
    /// The id of the target guide.
    pub guide: String,
    /// The visible label of the link, e.g. "Slik snakker du med barnet".
    pub label: LocalizedText,
}

/// What a branching question step is answered by, instead of asking the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BranchOn {
    /// The user's sector, chosen once: each option id is a sector id, or `other`.
    Sector,
}

impl BranchOn {
    /// Every branch key, in a stable order.
    pub const ALL: [BranchOn; 1] = [BranchOn::Sector];

    /// The option id that catches every value without its own option.
    pub const DEFAULT_OPTION: &'static str = "other";

    /// The identifier used in files and JSON (`sector`).
    pub fn id(self) -> &'static str {
        match self {
            BranchOn::Sector => "sector",
        }
    }
}

/// The kind of a step and where it leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StepKind {
    /// A single-choice question; each option leads to a step.
    Question {
        /// The choices, in display order.
        options: Vec<AnswerOption>,
    },
    /// Something to do or know, then continue to `next`.
    Action {
        /// The step that follows.
        next: String,
    },
    /// A closing summary; the walk ends here.
    End,
}

impl StepKind {
    /// The short name used in files and JSON (`question`, `action`, `end`).
    pub fn name(&self) -> &'static str {
        match self {
            StepKind::Question { .. } => "question",
            StepKind::Action { .. } => "action",
            StepKind::End => "end",
        }
    }
}

/// One choice of a question step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerOption {
    /// Identifier, unique within the step (what `--answer` takes).
    pub id: String,
    /// The visible label.
    pub label: LocalizedText,
    /// The step this choice leads to.
    pub next: String,
}

impl Step {
    /// On a sector branch, the option for `sector`: its own option, else the `other` option.
    ///
    /// `None` when the step does not branch on the sector, or no option fits.
    pub fn branch_option(&self, sector: Sector) -> Option<&AnswerOption> {
        let (Some(BranchOn::Sector), StepKind::Question { options }) = (self.branch_on, &self.kind)
        else {
            return None;
        };
        options
            .iter()
            .find(|o| o.id == sector.id())
            .or_else(|| options.iter().find(|o| o.id == BranchOn::DEFAULT_OPTION))
    }

    /// The ids of the steps this step leads to, in order.
    pub fn successors(&self) -> Vec<&str> {
        match &self.kind {
            StepKind::Question { options } => options.iter().map(|o| o.next.as_str()).collect(),
            StepKind::Action { next } => vec![next.as_str()],
            StepKind::End => Vec::new(),
        }
    }
}

impl Guide {
    /// The step with `id`, if any.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The legal reference with `id`, if any.
    pub fn legal_ref(&self, id: &str) -> Option<&LegalRef> {
        self.legal.iter().find(|l| l.id == id)
    }

    /// Whether the content is past its `next_review` date on `today` (never, without one).
    pub fn review_overdue(&self, today: NaiveDate) -> bool {
        self.review.next_review.is_some_and(|due| today > due)
    }

    /// Whether any step uses a feature of client level 2 (links or sector branches).
    pub fn uses_links_or_branches(&self) -> bool {
        self.steps
            .iter()
            .any(|s| !s.links.is_empty() || s.branch_on.is_some())
    }

    /// Whether an end step can be reached from the start (the acute exit does not count).
    pub fn has_reachable_end(&self) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut queue = vec![self.start.as_str()];
        while let Some(id) = queue.pop() {
            if !seen.insert(id) {
                continue;
            }
            let Some(step) = self.step(id) else { continue };
            if matches!(step.kind, StepKind::End) {
                return true;
            }
            queue.extend(step.successors());
        }
        false
    }

    /// The legal references a step cites that apply to `sector` (all of them when `None`).
    pub fn legal_for_step(&self, step: &Step, sector: Option<Sector>) -> Vec<&LegalRef> {
        step.legal
            .iter()
            .filter_map(|id| self.legal_ref(id))
            .filter(|l| l.applies_to(sector))
            .collect()
    }
}
