//! One module per admin page: its template struct (the view the template reads) and the
//! function that builds it from the admin service's data.

pub mod login;
pub mod step_edit;

use crate::admin_web::editor::form::FieldError;

/// An error summary entry (shared by every form page).
pub type SummaryItem = FieldError;
