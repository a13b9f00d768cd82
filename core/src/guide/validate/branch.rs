//! Sector branches: a question answered by the user's sector, with one option per sector or
//! an `other` option, so every sector has a way on.

use super::Validator;
use crate::guide::model::{BranchOn, Step, StepKind};
use crate::sector::Sector;

impl Validator<'_> {
    /// A step with `branch_on` must be a question whose option ids are sector ids or `other`,
    /// covering every sector (or having `other`).
    pub(super) fn check_branch(&mut self, id: Option<&str>, step: &Step) {
        let Some(branch) = step.branch_on else {
            return;
        };
        let StepKind::Question { options } = &step.kind else {
            self.error(
                id,
                "branch_on",
                format!(
                    "only a question can branch: set kind = \"question\" with one option per {} (option ids: {}, or `{}`), or remove branch_on",
                    branch.id(),
                    Sector::valid_ids(),
                    BranchOn::DEFAULT_OPTION
                ),
            );
            return;
        };
        match branch {
            BranchOn::Sector => {
                for (k, o) in options.iter().enumerate() {
                    if o.id.is_empty()
                        || o.id == BranchOn::DEFAULT_OPTION
                        || Sector::ALL.iter().any(|s| s.id() == o.id)
                    {
                        continue;
                    }
                    let hint = super::closest(
                        &o.id,
                        Sector::ALL
                            .iter()
                            .map(|s| s.id())
                            .chain([BranchOn::DEFAULT_OPTION]),
                    )
                    .map(|x| format!("did you mean `{x}`? "))
                    .unwrap_or_default();
                    self.error(
                        id,
                        &format!("options[{k}].id"),
                        format!(
                            "option `{}` of a sector branch is not a sector: {hint}use a sector id ({}) or `{}` for every other sector",
                            o.id,
                            Sector::valid_ids(),
                            BranchOn::DEFAULT_OPTION
                        ),
                    );
                }
                let has_default = options.iter().any(|o| o.id == BranchOn::DEFAULT_OPTION);
                let missing: Vec<&str> = Sector::ALL
                    .iter()
                    .map(|s| s.id())
                    .filter(|s| !options.iter().any(|o| o.id == *s))
                    .collect();
                if !has_default && !missing.is_empty() {
                    self.error(
                        id,
                        "options",
                        format!(
                            "the sector branch has no way on for {}: add an option for each, or an option with id = \"{}\" for every other sector",
                            missing.join(", "),
                            BranchOn::DEFAULT_OPTION
                        ),
                    );
                }
            }
        }
    }
}
