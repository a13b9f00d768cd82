// The admin UI's messages (see `messages.rs`): name: "bokmål", "English";
messages! {
    /// The product name in the page header.
    app_name: "Veiviser – publisering", "Veiviser – publishing";
    /// Skip link to the main content.
    skip_to_content: "Hopp til innholdet", "Skip to content";
    /// Label of the main navigation.
    nav_label: "Hovedmeny", "Main menu";
    /// Navigation: the dashboard.
    nav_dashboard: "Oversikt", "Dashboard";
    /// Navigation: guides.
    nav_guides: "Veivisere", "Guides";
    /// Navigation: directory entries.
    nav_directory: "Kontaktkatalog", "Directory";
    /// Navigation: stale content.
    nav_stale: "Utdatert innhold", "Stale content";
    /// Navigation: audit log.
    nav_audit: "Revisjonslogg", "Audit log";
    /// The language switch's label.
    lang_switch_label: "Språk", "Language";
    /// The name of the other language, in that language (the switch link).
    lang_other_name: "English", "Norsk (bokmål)";
    /// Who is signed in.
    signed_in_as: "Logget inn som {name} ({role})", "Signed in as {name} ({role})";
    /// Sign-out button.
    sign_out: "Logg ut", "Sign out";
    /// Sign-in page title.
    sign_in_title: "Logg inn", "Sign in";
    /// Sign-in: user name field.
    sign_in_user: "Brukernavn", "User name";
    /// Sign-in: password field.
    sign_in_password: "Passord", "Password";
    /// Sign-in button.
    sign_in_button: "Logg inn", "Sign in";
    /// Sign-in failed.
    sign_in_failed: "Feil brukernavn eller passord.", "Wrong user name or password.";
    /// Sign-in rate limited.
    sign_in_limited: "For mange forsøk. Vent litt og prøv igjen.", "Too many attempts. Wait a while and try again.";
    /// Signed out.
    signed_out: "Du er logget ut.", "You are signed out.";
    /// The error summary's heading.
    error_summary_title: "Det er noe som må rettes", "There is a problem";
    /// A required field is empty.
    error_required: "Fyll ut dette feltet.", "Fill in this field.";
    /// Generic page error heading.
    error_title: "Noe gikk galt", "Something went wrong";
    /// Not signed in.
    error_unauthenticated: "Du må logge inn først.", "You need to sign in first.";
    /// Wrong role.
    error_forbidden: "Du har ikke tilgang til dette.", "You do not have access to this.";
    /// Not found.
    error_not_found: "Fant ikke siden.", "Page not found.";
    /// The form's CSRF token was missing or wrong.
    error_csrf: "Skjemaet er utløpt. Last siden på nytt og prøv igjen.", "The form has expired. Reload the page and try again.";
    /// Back to the dashboard.
    back_to_dashboard: "Tilbake til oversikten", "Back to the dashboard";
    /// Role names.
    role_editor: "redaktør", "editor";
    /// Role names.
    role_reviewer: "kontrollør", "reviewer";
    /// Role names.
    role_admin: "administrator", "admin";
    /// Dashboard heading.
    dashboard_title: "Oversikt", "Dashboard";
    /// Dashboard: my drafts.
    dashboard_my_drafts: "Mine utkast", "My drafts";
    /// Dashboard: waiting for review.
    dashboard_to_review: "Venter på kontroll", "Waiting for review";
    /// Dashboard: urgent publishes waiting for a second review.
    dashboard_second_review: "Hastepublisert – venter på ny kontroll", "Published urgently – needs second review";
    /// Dashboard: stale content.
    dashboard_stale: "Utdatert innhold", "Stale content";
    /// Empty list.
    list_empty: "Ingen.", "None.";
    /// Deadline of a second review.
    deadline: "Frist: {date}", "Deadline: {date}";
    /// The deadline has passed.
    deadline_passed: "Fristen er passert", "The deadline has passed";
    /// Start a new draft of a guide.
    new_guide_draft: "Nytt utkast av veiviser", "New draft of a guide";
    /// Start a new draft of a directory entry.
    new_directory_draft: "Nytt utkast av kontakt", "New draft of a directory entry";
    /// Column: what.
    col_what: "Hva", "What";
    /// Column: status.
    col_status: "Status", "Status";
    /// Column: author.
    col_author: "Skrevet av", "Author";
    /// Column: updated.
    col_updated: "Endret", "Updated";
    /// Draft statuses.
    status_draft: "Utkast", "Draft";
    /// Draft statuses.
    status_in_review: "Til kontroll", "In review";
    /// Draft statuses.
    status_declined: "Avvist", "Declined";
    /// Draft statuses.
    status_published: "Publisert", "Published";
    /// Flowchart: marker of the acute step.
    flow_acute_marker: "akutt", "acute";
    /// Flowchart: marker of an urgent step.
    flow_urgent_marker: "haster", "urgent";
    /// Flowchart: marker of the start step.
    flow_start_marker: "start", "start";
    /// Flowchart: the label of an action's way on.
    flow_next: "Neste", "Next";
    /// Flowchart: accessible name of the drawing.
    flow_svg_label: "Flytdiagram over stegene. Den samme informasjonen står i tekstoversikten under.", "Flowchart of the steps. The same information is in the text outline below.";
    /// Flowchart heading.
    flow_title: "Flytdiagram", "Flowchart";
    /// Text outline heading.
    flow_outline_title: "Stegene som tekst", "The steps as text";
    /// The acute exit is reachable from every step.
    flow_acute_from_every_step: "«Akutt fare» fører fra hvert steg til {id}.", "“Acute danger” leads from every step to {id}.";
    /// Outline: an edge to a step that does not exist.
    flow_missing_target: "finnes ikke", "does not exist";
    /// Outline: leads to.
    flow_leads_to: "fører til", "leads to";
    /// Flowchart could not be drawn.
    flow_no_drawing: "Flytdiagrammet kunne ikke tegnes; tekstoversikten under er fullstendig.", "The flowchart could not be drawn; the text outline below is complete.";
    /// Step kind.
    kind_question: "Spørsmål", "Question";
    /// Step kind.
    kind_action: "Handling", "Action";
    /// Step kind.
    kind_end: "Slutt", "End";
    /// Language names (editor columns).
    lang_nb: "Bokmål", "Bokmål (Norwegian)";
    /// Language names (editor columns).
    lang_nn: "Nynorsk", "Nynorsk (Norwegian)";
    /// Language names (editor columns).
    lang_en: "Engelsk", "English";
    /// The empty choice of a target step.
    choose_step: "— velg steg —", "— choose a step —";
    /// Step editor field.
    field_kind: "Type steg", "Kind of step";
    /// Step editor field.
    field_title: "Overskrift", "Heading";
    /// Step editor field.
    field_text: "Tekst", "Text";
    /// Step editor field.
    field_urgent: "Haster (vis kontakter først)", "Urgent (show contacts first)";
    /// Step editor field.
    field_loop_back: "Går bevisst tilbake til et tidligere steg", "Deliberately loops back to an earlier step";
    /// Step editor field.
    field_next: "Neste steg", "Next step";
    /// Step editor: the blank answer row.
    option_new: "Nytt svar (fyll ut for å legge til)", "New answer (fill in to add)";
    /// Step editor: an answer's legend.
    option_legend: "Svar {n}", "Answer {n}";
    /// Step editor field.
    field_option_id: "Svar-id", "Answer id";
    /// Step editor field.
    field_option_label: "Svartekst", "Answer text";
    /// Step editor field.
    field_option_next: "Fører til steg", "Leads to step";
    /// Step editor: remove an answer.
    option_remove: "Fjern dette svaret", "Remove this answer";
    /// Step editor: a checklist item's label.
    checklist_item: "Sjekkpunkt {n}", "Checklist item {n}";
    /// Step editor: heading of the answers.
    step_options: "Svar", "Answers";
    /// Step editor: heading of the checklist.
    step_checklist: "Sjekkliste (la en rad stå tom for å fjerne den)", "Checklist (leave a row empty to remove it)";
    /// Step editor: contact roles.
    step_contacts: "Kontakter som vises", "Contacts shown";
    /// Step editor: legal references.
    step_legal: "Lovhenvisninger", "Legal references";
    /// Step editor: no legal references defined in the guide.
    step_no_legal: "Veiviseren har ingen lovhenvisninger ennå.", "The guide has no legal references yet.";
    /// Step editor: save.
    save: "Lagre", "Save";
    /// Saved.
    saved: "Lagret. Utkastet er gyldig.", "Saved. The draft is valid.";
    /// Saved with errors.
    saved_with_errors: "Lagret, men utkastet har feil som må rettes før kontroll.", "Saved, but the draft has errors to fix before review.";
    /// Errors in other steps.
    errors_elsewhere: "Feil i andre deler av utkastet", "Errors in other parts of the draft";
    /// Warnings.
    warnings_title: "Merknader (hindrer ikke publisering)", "Notes (do not block publishing)";
    /// Step editor heading.
    step_editor_title: "Rediger steg {id}", "Edit step {id}";
    /// Bokmål is required.
    required_marker: "(må fylles ut)", "(required)";
    /// Demo banner.
    demo_banner: "DEMO: demokontoer og demonøkkel. Aldri bruk dette for ekte innhold.", "DEMO: demo accounts and the demo key. Never use this for real content.";
}
