//! Starting and editing a draft: a new draft (prefilled from a walk), and the checked edits
//! the apps and the CLI make. Nothing here is saved; the store saves.

use super::error::{DraftError, DraftResult};
use super::messages::Msg;
use super::model::{
    Child, Conversation, Draft, Foresatt, Measure, MeldingText, Observation, Recipient,
    DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS,
};
use super::origin::WalkOrigin;
use super::validate::{check_observation, is_date};
use crate::directory::resolve::Resolution;
use crate::i18n::Lang;
use chrono::{DateTime, Utc};

/// Most foresatte a KS Fiks melding names.
pub const MAX_FORESATTE: usize = 2;

impl Draft {
    /// A new, empty draft with id `id` at `now`, kept 14 days after the last edit. Started
    /// from a walk through the violence bypass, it has one foresatt with `orientert = false`
    /// and the reason prefilled (in `lang`).
    pub fn new(id: String, now: DateTime<Utc>, origin: Option<WalkOrigin>, lang: Lang) -> Draft {
        let mut draft = Draft {
            id,
            created_at: now,
            updated_at: now,
            retention_days: DEFAULT_RETENTION_DAYS,
            origin,
            recipient: None,
            child: Child::default(),
            foresatte: Vec::new(),
            observations: Vec::new(),
            conversations: Vec::new(),
            measures: Vec::new(),
            text: MeldingText::default(),
        };
        if draft.parents_must_not_be_told() {
            draft.foresatte.push(Foresatt::default());
            draft.apply_bypass(lang);
        }
        draft
    }

    /// After the violence bypass: every foresatt `orientert = false`, with the reason where
    /// none is written yet.
    fn apply_bypass(&mut self, lang: Lang) {
        if !self.parents_must_not_be_told() {
            return;
        }
        for f in &mut self.foresatte {
            f.orientert = Some(false);
            if f.orientert_grunn.trim().is_empty() {
                f.orientert_grunn = Msg::ReasonViolenceBypass.text(lang).to_string();
            }
        }
    }

    /// Sets how many days after the last edit the draft is destroyed (1..=14).
    pub fn set_retention_days(&mut self, days: u32) -> DraftResult<()> {
        if !(1..=MAX_RETENTION_DAYS).contains(&days) {
            return Err(DraftError::invalid(
                "retention_days",
                format!("choose 1 to {MAX_RETENTION_DAYS} days"),
            ));
        }
        self.retention_days = days;
        Ok(())
    }

    /// Adds a dated observation after checking its date, times and text.
    pub fn add_observation(&mut self, o: Observation) -> DraftResult<()> {
        let problems = check_observation(&o, self.observations.len(), Lang::En);
        if let Some(p) = problems.into_iter().next() {
            return Err(DraftError::invalid(&p.field, p.message));
        }
        self.observations.push(o);
        Ok(())
    }

    /// Replaces the observation at `index`.
    pub fn replace_observation(&mut self, index: usize, o: Observation) -> DraftResult<()> {
        if index >= self.observations.len() {
            return Err(DraftError::invalid(
                "index",
                "no observation with that number",
            ));
        }
        if let Some(p) = check_observation(&o, index, Lang::En).into_iter().next() {
            return Err(DraftError::invalid(&p.field, p.message));
        }
        self.observations[index] = o;
        Ok(())
    }

    /// Removes the observation at `index`.
    pub fn remove_observation(&mut self, index: usize) -> DraftResult<()> {
        if index >= self.observations.len() {
            return Err(DraftError::invalid(
                "index",
                "no observation with that number",
            ));
        }
        self.observations.remove(index);
        Ok(())
    }

    /// Adds a conversation held, or one not held with the reason.
    pub fn add_conversation(&mut self, c: Conversation) -> DraftResult<()> {
        if c.held && !is_date(&c.date) {
            return Err(DraftError::invalid("date", "write the date as YYYY-MM-DD"));
        }
        if !c.held && c.why_not.trim().is_empty() {
            return Err(DraftError::invalid(
                "why_not",
                "write why the conversation has not been held",
            ));
        }
        self.conversations.push(c);
        Ok(())
    }

    /// Adds a measure already tried.
    pub fn add_measure(&mut self, m: Measure) -> DraftResult<()> {
        if !m.date.is_empty() && !is_date(&m.date) {
            return Err(DraftError::invalid("date", "write the date as YYYY-MM-DD"));
        }
        if m.what.trim().is_empty() {
            return Err(DraftError::invalid("what", "write what was done"));
        }
        self.measures.push(m);
        Ok(())
    }

    /// Sets the child.
    pub fn set_child(&mut self, child: Child) {
        self.child = child;
    }

    /// Sets the foresatte (at most two); after the violence bypass each gets
    /// `orientert = false` and the reason (in `lang`).
    pub fn set_foresatte(&mut self, foresatte: Vec<Foresatt>, lang: Lang) -> DraftResult<()> {
        if foresatte.len() > MAX_FORESATTE {
            return Err(DraftError::invalid(
                "foresatte",
                "a melding names two parents or guardians at most",
            ));
        }
        self.foresatte = foresatte;
        self.apply_bypass(lang);
        Ok(())
    }

    /// Adds one foresatt (at most two); after the violence bypass it gets `orientert = false`.
    pub fn add_foresatt(&mut self, f: Foresatt, lang: Lang) -> DraftResult<()> {
        let mut all = self.foresatte.clone();
        // A prefilled empty slot is filled first.
        if let Some(slot) = all.iter_mut().find(|x| x.personnavn.trim().is_empty()) {
            let reason = std::mem::take(&mut slot.orientert_grunn);
            *slot = f;
            if slot.orientert_grunn.trim().is_empty() {
                slot.orientert_grunn = reason;
            }
        } else {
            all.push(f);
        }
        self.set_foresatte(all, lang)
    }

    /// Sets the free-text fields.
    pub fn set_text(&mut self, text: MeldingText) {
        self.text = text;
    }

    /// Sets the receiving kommune and bydel directly.
    pub fn set_recipient(&mut self, r: Recipient) {
        self.recipient = Some(r);
    }

    /// Sets the receiving kommune and bydel from a directory lookup of where the child lives.
    /// Fails when the lookup did not settle the municipality, or left several bydeler to
    /// choose from (then pass the chosen one to [`Draft::set_recipient`]).
    pub fn set_recipient_from(&mut self, res: &Resolution) -> DraftResult<()> {
        let Some(k) = &res.kommune else {
            return Err(DraftError::invalid(
                "kommunenummer",
                "the lookup found no municipality: give a postcode or kommunenummer",
            ));
        };
        if res.bydel.is_none() && !res.bydel_candidates.is_empty() {
            let names: Vec<&str> = res
                .bydel_candidates
                .iter()
                .map(|b| b.name.as_str())
                .collect();
            return Err(DraftError::invalid(
                "bydelsnummer",
                format!(
                    "the postcode lies in several bydeler ({}): choose one",
                    names.join(", ")
                ),
            ));
        }
        let (bydelsnummer, bydelsnavn) = match &res.bydel {
            Some(b) => (b.bydelsnummer.clone().unwrap_or_default(), b.name.clone()),
            None => (String::new(), String::new()),
        };
        self.recipient = Some(Recipient {
            kommunenummer: k.kommunenummer.clone(),
            kommunenavn: k.name.clone().unwrap_or_default(),
            bydelsnummer,
            bydelsnavn,
        });
        Ok(())
    }
}
