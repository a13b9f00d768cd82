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
    /// A form post without its session's token.
    error_csrf: "Skjemaet kunne ikke sendes fordi siden er for gammel eller økten er utløpt. Ingenting er lagret. Gå tilbake, last inn siden på nytt og send skjemaet igjen.", "The form could not be sent because the page is too old or your session has expired. Nothing was saved. Go back, reload the page and send the form again.";
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
    /// 409 page title.
    error_conflict_title: "Utkastet er utdatert", "The draft is out of date";
    /// 409 page: the changes under the draft.
    stale_what_changed: "Dette er endret i publisert innhold siden utkastet ble laget", "This changed in the published content since the draft was made";
    /// Dashboard: a draft with errors.
    draft_has_errors: "har feil", "has errors";
    /// Dashboard: link to the stale list.
    stale_count_link: "Se utdatert innhold", "See stale content";
    /// Column: actions.
    col_actions: "Handlinger", "Actions";
    /// Live list caption.
    live_caption: "Publisert innhold", "Published content";
    /// Start a draft from a live record.
    edit_as_draft: "Lag utkast", "Make a draft";
    /// Rollback heading.
    rollback_title: "Rull tilbake", "Roll back";
    /// Rollback hint.
    rollback_hint: "Publiserer innholdet slik det var i en tidligere sekvens, som en ny sekvens (enhetene går aldri bakover). Tilbakerullingen må kontrolleres som et vanlig utkast.", "Republishes the content as it was at an earlier sequence, as a new sequence (devices never go backwards). The rollback is reviewed like any draft.";
    /// Rollback field.
    rollback_sequence: "Tidligere sekvensnummer", "Earlier sequence number";
    /// Rollback field.
    rollback_record: "Bare denne posten (id, valgfritt)", "Only this record (id, optional)";
    /// Rollback button.
    rollback_button: "Lag tilbakerulling", "Make a rollback";
    /// Stale list section.
    stale_unverified: "Kontakter som ikke er bekreftet på 12 måneder", "Directory entries not verified for 12 months";
    /// Stale list section.
    stale_estimated: "Åpningstider som er anslått", "Opening hours that are estimates";
    /// Stale list section.
    stale_overdue_guides: "Veivisere som har passert datoen for ny gjennomgang", "Guides past their review date";
    /// Stale list column.
    stale_last_verified: "Sist bekreftet", "Last verified";
    /// Stale list column.
    stale_channel: "Kanal nr.", "Channel no.";
    /// Stale list column.
    stale_next_review: "Ny gjennomgang", "Review due";
    /// Audit field.
    audit_actor: "Hvem", "Who";
    /// Audit field.
    audit_kind: "Hendelse", "Event";
    /// Audit field.
    audit_who: "Vis", "Show";
    /// Audit filter choice.
    audit_who_all: "Alle hendelser", "All events";
    /// Audit filter choice.
    audit_who_people: "Bare personer", "People only";
    /// Audit filter choice.
    audit_who_system: "system", "system";
    /// Audit filter button.
    audit_filter: "Filtrer", "Filter";
    /// Audit caption.
    audit_caption: "Revisjonslogg, nyeste først", "Audit log, newest first";
    /// Audit column.
    audit_when: "Når", "When";
    /// Audit column.
    audit_target: "Gjelder", "Target";
    /// Audit column.
    audit_detail: "Detaljer", "Detail";
    /// Guide field.
    meta_title: "Tittel", "Title";
    /// Guide field.
    meta_summary: "Kort om veiviseren", "Summary of the guide";
    /// Guide field.
    meta_start: "Første steg", "First step";
    /// Guide field.
    meta_acute: "Steget for «Akutt fare»", "The “Acute danger” step";
    /// Guide field.
    meta_next_review: "Ny faglig gjennomgang innen", "Next review due by";
    /// Draft page title.
    draft_title: "Utkast: {what}", "Draft: {what}";
    /// Draft is stale notice.
    draft_is_stale: "Noe av det samme innholdet er publisert siden utkastet ble laget. Se hva som er endret, og oppdater grunnlaget før du ber om kontroll.", "Some of the same content was published since the draft was made. See what changed, and update the base before asking for review.";
    /// Draft fact.
    draft_base: "Bygger på sekvens", "Based on sequence";
    /// Link to the review.
    open_review: "Åpne kontrollen", "Open the review";
    /// Rebase button.
    rebase_button: "Bygg på det som er publisert nå", "Base it on what is published now";
    /// The form editor cannot open the draft.
    form_cannot_open: "Skjemaet kan ikke åpne dette utkastet; rett det i TOML-teksten under.", "The form cannot open this draft; fix it in the TOML text below.";
    /// Draft section.
    draft_steps: "Steg", "Steps";
    /// Errors count word.
    errors_word: "feil", "errors";
    /// Edit step link.
    edit_step: "Rediger", "Edit";
    /// Delete step button.
    delete_step: "Slett steg", "Delete step";
    /// New step id field.
    new_step_id: "Id for nytt steg", "Id of the new step";
    /// Add step button.
    add_step: "Legg til steg", "Add step";
    /// Draft section.
    draft_guide_fields: "Om veiviseren", "About the guide";
    /// Flowchart acute note (no placeholder version).
    flow_acute_note: "«Akutt fare» kan velges fra hvert steg og er ikke tegnet som piler.", "“Acute danger” can be chosen from every step and is not drawn as arrows.";
    /// Review request heading.
    request_review_title: "Be om kontroll", "Request review";
    /// What's new field.
    whats_new: "Hva er nytt (vises for brukerne etter synkronisering)", "What's new (shown to users after sync)";
    /// What's new hint.
    whats_new_hint: "Skriv kort hva som er endret, for brukerne. Bokmål må fylles ut; nynorsk og engelsk er valgfritt.", "Write briefly what changed, for users. Bokmål is required; nynorsk and English are optional.";
    /// Request review button.
    request_review_button: "Send til kontroll", "Send for review";
    /// Urgent publish heading.
    urgent_title: "Hastepublisering", "Urgent publish";
    /// Urgent publish hint.
    urgent_hint: "Bare for feil som ikke kan vente (for eksempel feil nødnummer). Publiseres med en gang og må kontrolleres av en kontrollør til innen fristen.", "Only for errors that cannot wait (a wrong emergency number, say). Published at once; a second reviewer must confirm it before the deadline.";
    /// Urgent publish reason.
    urgent_reason: "Hvorfor kan det ikke vente?", "Why can it not wait?";
    /// Urgent publish button.
    urgent_button: "Publiser nå (hast)", "Publish now (urgent)";
    /// TOML section.
    toml_title: "TOML-fil", "TOML file";
    /// TOML download.
    toml_download: "Last ned TOML-filen", "Download the TOML file";
    /// TOML upload.
    toml_upload: "Lim inn eller rediger TOML-teksten", "Paste or edit the TOML text";
    /// TOML save.
    toml_save: "Lagre TOML-teksten", "Save the TOML text";
    /// Back to the draft.
    back_to_draft: "Tilbake til utkastet", "Back to the draft";
    /// Review state.
    review_pending: "Venter på kontroll", "Waiting for review";
    /// Review state.
    review_withdrawn: "Trukket (utkastet er endret etterpå)", "Withdrawn (the draft was changed afterwards)";
    /// Review state suffix.
    needs_second_review: "trenger ny kontroll", "needs second review";
    /// Review title.
    review_title: "Kontroll: {what}", "Review: {what}";
    /// Cannot decide: role.
    cannot_decide_role: "Bare en kontrollør kan godkjenne eller avvise.", "Only a reviewer can approve or decline.";
    /// Cannot decide: author.
    cannot_decide_author: "Du har skrevet dette utkastet, så du kan ikke godkjenne det selv. En annen kontrollør må gjøre det.", "You wrote this draft, so you cannot approve it yourself. Another reviewer must.";
    /// Decline comment is required.
    decline_comment_required: "Skriv en kommentar som sier hva som må endres.", "Write a comment that says what must change.";
    /// Review fact.
    review_requested_by: "Bedt om av", "Requested by";
    /// Review fact.
    review_deadline: "Frist for ny kontroll", "Second review deadline";
    /// Review fact.
    review_decided_by: "Avgjort av", "Decided by";
    /// Review fact.
    review_comment: "Kommentar", "Comment";
    /// Review fact.
    review_sequences: "Publisert som sekvens", "Published as sequence";
    /// Link to the draft.
    open_draft: "Åpne utkastet", "Open the draft";
    /// Review: draft has errors.
    review_invalid: "Utkastet har feil og kan ikke publiseres", "The draft has errors and cannot be published";
    /// Review decision heading.
    review_decision: "Avgjørelse", "Decision";
    /// Approve button.
    approve_button: "Godkjenn og publiser", "Approve and publish";
    /// Decline comment.
    decline_comment: "Kommentar (må fylles ut for å avvise)", "Comment (required to decline)";
    /// Decline button.
    decline_button: "Avvis", "Decline";
    /// Confirm second review button.
    confirm_button: "Bekreft hastepubliseringen (ny kontroll)", "Confirm the urgent publish (second review)";
    /// Preview heading.
    preview_title: "Forhåndsvisning", "Preview";
    /// Preview link.
    preview_open: "Gå gjennom utkastet slik de ansatte vil se det", "Walk through the draft as staff will see it";
    /// Diff heading.
    diff_fields_title: "Endringer felt for felt", "Changes field by field";
    /// No changes.
    diff_no_changes: "Ingen endringer mot det som er publisert.", "No changes against what is published.";
    /// Diff: step.
    diff_step: "Steg", "Step";
    /// Diff: added.
    diff_added: "nytt", "added";
    /// Diff: removed.
    diff_removed: "fjernet", "removed";
    /// Diff: changed.
    diff_changed: "endret", "changed";
    /// Diff text heading.
    diff_text_title: "Endringer i teksten (TOML)", "Changes in the text (TOML)";
    /// Diff graph heading.
    diff_graph_title: "Endringer i flyten", "Changes in the flow";
    /// Diff: edge added.
    diff_edge_added: "ny pil", "new arrow";
    /// Diff: edge removed.
    diff_edge_removed: "fjernet pil", "removed arrow";
    /// Diff column.
    diff_field: "Felt", "Field";
    /// Diff column.
    diff_live: "Publisert nå", "Live now";
    /// Diff column.
    diff_draft: "I utkastet", "In the draft";
    /// Preview hint.
    preview_hint: "Slik vil de ansatte se utkastet i appen. Trykk deg gjennom stegene; ingenting du gjør her lagres.", "This is how staff will see the draft in the app. Tap through the steps; nothing you do here is saved.";
    /// Preview language menu.
    preview_lang: "Språk i forhåndsvisningen", "Language of the preview";
    /// Preview frame title.
    preview_frame_title: "Appen med utkastet", "The app with the draft";
    /// Entry field.
    entry_name: "Navn", "Name";
    /// Entry field.
    entry_role: "Rolle", "Role";
    /// Entry field.
    entry_covers: "Dekker områdene (kommunenummer, KKKK-BB for bydel, eller national; skilt med komma)", "Covers the areas (municipality number, KKKK-BB for a district, or national; comma-separated)";
    /// Entry field.
    entry_source: "Kilde (hvor opplysningene er hentet fra)", "Source (where the facts come from)";
    /// Entry field.
    entry_last_verified: "Sist bekreftet", "Last verified";
    /// Entry field.
    entry_verified_today: "Jeg har bekreftet opplysningene i dag mot kilden over", "I verified the facts today against the source above";
    /// Entry section.
    entry_channels: "Kanaler", "Channels";
    /// Channel legend.
    channel_legend: "Kanal {n}", "Channel {n}";
    /// Blank channel row.
    channel_new: "Ny kanal (fyll ut for å legge til)", "New channel (fill in to add)";
    /// Channel field.
    channel_kind: "Type", "Kind";
    /// Channel field.
    channel_value: "Nummer eller adresse", "Number or address";
    /// Channel field.
    channel_hours: "Åpningstider (for eksempel 24/7 eller mon-fri 08:00-15:30)", "Opening hours (for example 24/7 or mon-fri 08:00-15:30)";
    /// Channel field.
    channel_estimated: "Åpningstidene er anslått", "The hours are an estimate";
    /// Channel field.
    channel_holidays: "Åpent på helligdager", "Open on public holidays";
    /// Channel field.
    channel_remove: "Fjern denne kanalen", "Remove this channel";
    /// Entry editor title.
    entry_editor_title: "Rediger kontakt {id}", "Edit directory entry {id}";
    /// Link to the entry editor.
    edit_entry: "Rediger kontakten i skjema", "Edit the entry in a form";
    /// New draft from TOML heading.
    new_from_toml: "Nytt utkast fra en TOML-fil", "New draft from a TOML file";
    /// New draft file name.
    new_file_name: "Filnavn", "File name";
    /// New draft button.
    new_from_toml_button: "Lag utkastet", "Make the draft";
}
