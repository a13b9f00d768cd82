//! Cross-guide links on one guide: well-formed ids and labels. Whether the target exists and
//! is not a dead end can only be checked across the published set ([`super::set`]).

use super::Validator;
use crate::guide::model::{Guide, Step, LINKS_AND_BRANCHES_CLIENT_VERSION};
use std::collections::HashSet;

impl Validator<'_> {
    /// Each link names a guide by a valid id (not this guide) and has a label in bokmål.
    pub(super) fn check_links(&mut self, guide: &Guide, id: Option<&str>, step: &Step) {
        let mut seen = HashSet::new();
        for (k, link) in step.links.iter().enumerate() {
            let at = |f: &str| format!("links[{k}].{f}");
            self.check_id(id, &at("guide"), &link.guide, &format!("link #{k}"));
            if !link.guide.is_empty() && link.guide == guide.id {
                self.error(
                    id,
                    &at("guide"),
                    format!(
                        "links to this guide itself (`{}`): link to another guide, or lead to the step with `next`",
                        link.guide
                    ),
                );
            }
            if !link.guide.is_empty() && !seen.insert(link.guide.as_str()) {
                self.warn(
                    id,
                    &at("guide"),
                    format!(
                        "guide `{}` is linked twice from this step: remove the duplicate",
                        link.guide
                    ),
                );
            }
            self.check_text(
                id,
                &at("label"),
                &link.label,
                &format!("the label of link #{k}"),
            );
        }
    }

    /// A guide using links or sector branches must say so in `min_client_version`, so an older
    /// app asks for an update instead of walking it wrongly.
    pub(super) fn check_feature_level(&mut self, guide: &Guide) {
        if guide.uses_links_or_branches()
            && guide.min_client_version < LINKS_AND_BRANCHES_CLIENT_VERSION
        {
            self.error(
                None,
                "min_client_version",
                format!(
                    "the guide uses cross-guide links or sector branches, which need client version {LINKS_AND_BRANCHES_CLIENT_VERSION}: set min_client_version = {LINKS_AND_BRANCHES_CLIENT_VERSION} so older apps say \"update the app\" instead of walking it wrongly"
                ),
            );
        }
    }
}
