//! The message catalog: every sentence and interface word Veiviser shows, in bokmål, nynorsk
//! and English, in one place.
//!
//! A message is a template; `{name}` marks a value filled in at render time
//! ([`Message::fill`]). The catalog's own test checks that every message has all three
//! languages and the same placeholders in each. Content text (guide steps, service names)
//! is not here: it comes with the content as [`LocalizedText`].
//! Short per-variant labels that live with their type (public holiday names, postcode
//! categories, contact-role labels, weekday names in opening hours) stay beside it.

use super::lang::Lang;
use super::text::LocalizedText;

/// One catalog message: a template in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message {
    /// A stable id (the constant's name), for tests and translators.
    pub id: &'static str,
    /// Bokmål.
    pub nb: &'static str,
    /// Nynorsk.
    pub nn: &'static str,
    /// English.
    pub en: &'static str,
}

impl Message {
    /// The template in `lang`, with placeholders left in.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nb => self.nb,
            Lang::Nn => self.nn,
            Lang::En => self.en,
        }
    }

    /// The message in `lang` with each `{name}` replaced by its value in `args`; an unknown
    /// placeholder is left as written.
    pub fn fill(&self, lang: Lang, args: &[(&str, &str)]) -> String {
        fill(self.get(lang), args)
    }

    /// The message in all three languages with the same values.
    pub fn localized(&self, args: &[(&str, &str)]) -> LocalizedText {
        LocalizedText::from_fn(|lang| self.fill(lang, args))
    }

    /// The placeholder names in `lang`'s template, in order.
    pub fn placeholders(&self, lang: Lang) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut rest = self.get(lang);
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    out.push(&after[..close]);
                    rest = &after[close + 1..];
                }
                None => break,
            }
        }
        out
    }
}

/// Replaces each `{name}` in `template` by its value in `args`.
fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let key = &after[..close];
        match args.iter().find(|(k, _)| *k == key) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Joins names as "A, B og C", with the catalog's word for "and" (or "or") in `lang`.
pub fn join_names(names: &[String], lang: Lang, word: Message) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), word.get(lang)),
    }
}

macro_rules! catalog {
    ($( $(#[doc = $doc:literal])+ $name:ident = { $nb:literal, $nn:literal, $en:literal } )+) => {
        $(
            $(#[doc = $doc])+
            pub const $name: Message = Message { id: stringify!($name), nb: $nb, nn: $nn, en: $en };
        )+
        /// Every message in the catalog, for the completeness test and translators.
        pub const ALL: &[Message] = &[$($name),+];
    };
}

catalog! {
    // ---- Words used inside other messages.
    /// "and", joining the last of several names.
    AND = { "og", "og", "and" }
    /// "or", joining the last of several names.
    OR = { "eller", "eller", "or" }
    /// "Norway": the name of the national area.
    NORWAY = { "Norge", "Noreg", "Norway" }

    // ---- Notices: where the child lives.
    /// The postcode is not in the register.
    NOTICE_UNKNOWN_POSTCODE = {
        "Postnummer {postnummer} finnes ikke i postnummerregisteret på denne enheten. Under står de nasjonale numrene.",
        "Postnummer {postnummer} finst ikkje i postnummerregisteret på denne eininga. Under står dei nasjonale numra.",
        "Postcode {postnummer} is not in the postcode register on this device. The national numbers are listed below."
    }
    /// A post-box postcode says nothing about where the child lives.
    NOTICE_POST_BOX_POSTCODE = {
        "{postnummer} er et postboksnummer og sier ikke hvor barnet bor. Bruk postnummeret til barnets bostedsadresse om du kan.",
        "{postnummer} er eit postboksnummer og seier ikkje kvar barnet bur. Bruk postnummeret til bustadadressa til barnet om du kan.",
        "{postnummer} is a post-box postcode and says nothing about where the child lives. Use the postcode of the child's home address if you can."
    }
    /// A service postcode says nothing about where the child lives.
    NOTICE_SERVICE_POSTCODE = {
        "{postnummer} er et servicepostnummer og sier ikke hvor barnet bor. Bruk postnummeret til barnets bostedsadresse om du kan.",
        "{postnummer} er eit servicepostnummer og seier ikkje kvar barnet bur. Bruk postnummeret til bustadadressa til barnet om du kan.",
        "{postnummer} is a service postcode and says nothing about where the child lives. Use the postcode of the child's home address if you can."
    }
    /// Part of the postcode lies in another municipality.
    NOTICE_ALSO_IN_OTHER_KOMMUNE = {
        "Deler av postnummer {postnummer} hører til {kommune} (bydel {bydel}). Sjekk barnets adresse.",
        "Delar av postnummer {postnummer} høyrer til {kommune} (bydel {bydel}). Sjekk adressa til barnet.",
        "Part of postcode {postnummer} belongs to {kommune} (bydel {bydel}). Check the child's address."
    }
    /// The municipality has bydeler and the postcode does not say which.
    NOTICE_BYDEL_UNKNOWN_FOR_POSTCODE = {
        "{place} er delt i bydeler, og postnummer {postnummer} sier ikke hvilken. Velg barnets bydel.",
        "{place} er delt i bydelar, og postnummer {postnummer} seier ikkje kva for ein. Vel bydelen til barnet.",
        "{place} is divided into bydeler and postcode {postnummer} does not say which. Choose the child's bydel."
    }
    /// The municipality has bydeler and none was given.
    NOTICE_BYDEL_UNKNOWN = {
        "{place} er delt i bydeler. Velg barnets bydel for å få riktig barneverntjeneste.",
        "{place} er delt i bydelar. Vel bydelen til barnet for å få rett barnevernteneste.",
        "{place} is divided into bydeler. Choose the child's bydel to get the right child welfare service."
    }
    /// The municipality number is not known.
    NOTICE_UNKNOWN_KOMMUNE = {
        "Kommunenummer {kommune} er ukjent på denne enheten. Under står de nasjonale numrene.",
        "Kommunenummer {kommune} er ukjent på denne eininga. Under står dei nasjonale numra.",
        "Municipality number {kommune} is not known on this device. The national numbers are listed below."
    }
    /// The given bydel does not exist in the municipality.
    NOTICE_UNKNOWN_BYDEL = {
        "{place} har ingen bydel «{label}». Velg en av bydelene som er listet.",
        "{place} har ingen bydel «{label}». Vel ein av bydelane som er lista.",
        "{place} has no bydel \"{label}\". Choose one of the bydeler listed."
    }
    /// The postcode can belong to several bydeler.
    NOTICE_BYDEL_NOT_SETTLED_FOR_POSTCODE = {
        "Postnummer {postnummer} i {place} kan høre til flere bydeler: {names}. Postnummeret alene avgjør ikke hvilken – sjekk barnets adresse og velg bydel.",
        "Postnummer {postnummer} i {place} kan høyre til fleire bydelar: {names}. Postnummeret åleine avgjer ikkje kva for ein – sjekk adressa til barnet og vel bydel.",
        "Postcode {postnummer} in {place} can belong to several bydeler: {names}. The postcode alone does not settle which – check the child's address and choose the bydel."
    }
    /// The area can belong to several bydeler.
    NOTICE_BYDEL_NOT_SETTLED = {
        "Området i {place} kan høre til flere bydeler: {names}. Postnummeret alene avgjør ikke hvilken – sjekk barnets adresse og velg bydel.",
        "Området i {place} kan høyre til fleire bydelar: {names}. Postnummeret åleine avgjer ikkje kva for ein – sjekk adressa til barnet og vel bydel.",
        "The area in {place} can belong to several bydeler: {names}. The postcode alone does not settle which – check the child's address and choose the bydel."
    }
    /// An area that is not a bydel of its own is served by another bydel.
    NOTICE_SERVED_BY_OTHER_BYDEL = {
        "{area} er ikke en egen bydel; området betjenes av bydel {target}.",
        "{area} er ikkje ein eigen bydel; området blir betent av bydel {target}.",
        "{area} is not a bydel of its own; it is served by bydel {target}."
    }
    /// Part of the postcode lies in an area shared by several bydeler.
    NOTICE_SHARED_AREA_FOR_POSTCODE = {
        "Deler av postnummer {postnummer} ligger i {area}, som deles av flere bydeler. Aktuelle bydeler: {names}.",
        "Delar av postnummer {postnummer} ligg i {area}, som blir delt av fleire bydelar. Aktuelle bydelar: {names}.",
        "Part of postcode {postnummer} lies in {area}, which is shared by several bydeler. Possible bydeler: {names}."
    }
    /// The area lies in an area shared by several bydeler.
    NOTICE_SHARED_AREA = {
        "Området ligger i {area}, som deles av flere bydeler. Aktuelle bydeler: {names}.",
        "Området ligg i {area}, som blir delt av fleire bydelar. Aktuelle bydelar: {names}.",
        "The area lies in {area}, which is shared by several bydeler. Possible bydeler: {names}."
    }

    // ---- Notices: the answer.
    /// No verified local entry for the role.
    NOTICE_NO_VERIFIED_LOCAL_ENTRY = {
        "Ingen verifisert lokal oppføring for {role} i {place}. Bruk numrene under – de nasjonale numrene gjelder i hele landet.",
        "Ingen verifisert lokal oppføring for {role} i {place}. Bruk numra under – dei nasjonale numra gjeld i heile landet.",
        "No verified local entry for {role} in {place}. Use the numbers below – the national numbers work everywhere in Norway."
    }
    /// The office is closed now; `{why}` is one of the reasons below or a holiday name.
    NOTICE_OFFICE_CLOSED = {
        "{name} er stengt nå ({why}).",
        "{name} er stengd no ({why}).",
        "{name} is closed now ({why})."
    }
    /// Who to contact instead of a closed office.
    NOTICE_CONTACT_INSTEAD = {
        " Kontakt {names} i stedet.",
        " Kontakt {names} i staden.",
        " Contact {names} instead."
    }
    /// Why the office is closed: one of its own closed dates.
    CLOSED_TODAY = { "stengt i dag", "stengd i dag", "closed today" }
    /// Why the office is closed: outside its weekly hours.
    OUTSIDE_OPENING_HOURS = { "utenfor åpningstid", "utanfor opningstida", "outside opening hours" }
    /// The answer contains example data.
    NOTICE_EXAMPLE_DATA = {
        "Svaret inneholder EKSEMPELDATA: ikke bruk disse oppføringene i en ekte sak.",
        "Svaret inneheld EKSEMPELDATA: ikkje bruk desse oppføringane i ei ekte sak.",
        "The answer contains EXAMPLE DATA: do not rely on these entries in a real case."
    }
    /// Some entries were verified long ago.
    NOTICE_STALE_ENTRIES = {
        "Noen oppføringer ble sist bekreftet for mer enn 12 måneder siden: sjekk numrene.",
        "Nokre oppføringar vart sist stadfesta for meir enn 12 månader sidan: sjekk numra.",
        "Some entries were last verified more than 12 months ago: check the numbers."
    }

    // ---- The contacts screen.
    /// The heading: role label, role id, local time, urgent mark.
    CONTACTS_HEADING = {
        "Hvem du kontakter: {role} ({role_id}) – {time}",
        "Kven du kontaktar: {role} ({role_id}) – {time}",
        "Who to contact: {role} ({role_id}) – {time}"
    }
    /// Appended to the heading on an urgent step.
    URGENT_MARK = { " – HASTER", " – HASTAR", " – URGENT" }
    /// The postcode line.
    POSTCODE_LINE = {
        "Postnummer: {postnummer} {poststed} ({category})",
        "Postnummer: {postnummer} {poststed} ({category})",
        "Postcode: {postnummer} {poststed} ({category})"
    }
    /// The municipality line.
    KOMMUNE_LINE = {
        "Kommune: {name} ({kommunenummer})",
        "Kommune: {name} ({kommunenummer})",
        "Municipality: {name} ({kommunenummer})"
    }
    /// The settled bydel line.
    BYDEL_LINE = { "Bydel: {name}", "Bydel: {name}", "Bydel: {name}" }
    /// The candidate bydeler line.
    BYDEL_CANDIDATES_LINE = {
        "Bydel ikke avgjort – mulige bydeler: {names}",
        "Bydel ikkje avgjort – moglege bydelar: {names}",
        "Bydel not settled – candidates: {names}"
    }
    /// The example-data banner over the answer.
    EXAMPLE_DATA_BANNER = {
        "!!! EKSEMPELDATA: ikke bruk disse oppføringene i en ekte sak.",
        "!!! EKSEMPELDATA: ikkje bruk desse oppføringane i ei ekte sak.",
        "!!! EXAMPLE DATA: do not rely on these entries in a real case."
    }
    /// Why a contact is listed: an emergency number on an urgent step.
    REASON_URGENT = { "nødnummer", "naudnummer", "emergency" }
    /// Why a contact is listed: the responsible service.
    REASON_PRIMARY = { "ansvarlig tjeneste", "ansvarleg teneste", "responsible service" }
    /// Why a contact is listed: after hours or as a fallback.
    REASON_AFTER_HOURS = { "utenfor kontortid / reserve", "utanfor kontortid / reserve", "after hours / fallback" }
    /// Why a contact is listed: the national safety net.
    REASON_NATIONAL = { "nasjonalt", "nasjonalt", "national" }
    /// The mark on an example-data contact.
    EXAMPLE_DATA_MARK = { "[EKSEMPELDATA]", "[EKSEMPELDATA]", "[EXAMPLE DATA]" }
    /// A contact with no channel.
    NO_VERIFIED_CONTACT_DETAILS = {
        "ingen verifisert kontaktinformasjon",
        "ingen verifisert kontaktinformasjon",
        "no verified contact details"
    }
    /// A channel's state, loud: open.
    STATE_OPEN = { "ÅPEN", "OPEN", "OPEN" }
    /// A channel's state, loud: closed.
    STATE_CLOSED = { "STENGT", "STENGD", "CLOSED" }
    /// A channel's state: the hours are an estimate, so it is never reported as open.
    STATE_HOURS_NOT_CONFIRMED = {
        "Åpningstid ikke bekreftet – ring for å sjekke",
        "Opningstida er ikkje stadfesta – ring for å sjekke",
        "Hours not confirmed – call to check"
    }
    /// How the entry was verified: against a written source.
    VERIFIED_WRITTEN_SOURCE = {
        "Sjekket mot skriftlig kilde {date}",
        "Sjekka mot skriftleg kjelde {date}",
        "Checked against a written source on {date}"
    }
    /// How the entry was verified: confirmed by the service itself.
    VERIFIED_WITH_SERVICE = {
        "Bekreftet av tjenesten {date}",
        "Stadfesta av tenesta {date}",
        "Confirmed with the service on {date}"
    }
    /// Said once above a contact list when no listed number was confirmed by its service.
    NONE_CONFIRMED_WITH_SERVICE = {
        "Ingen av numrene her er bekreftet av tjenestene selv, bare sjekket mot skriftlige kilder.",
        "Ingen av numra her er stadfesta av tenestene sjølve, berre sjekka mot skriftlege kjelder.",
        "None of these numbers have been confirmed with the services themselves, only checked against written sources."
    }
    /// A channel's state: hours unknown.
    STATE_UNKNOWN = { "ukjent åpningstid", "ukjend opningstid", "hours unknown" }
    /// When a closed channel opens next.
    OPENS_AT = { "åpner {time}", "opnar {time}", "opens {time}" }
    /// The visiting address.
    ADDRESS_LINE = { "Adresse: {address}", "Adresse: {address}", "Address: {address}" }
    /// When the entry was last verified.
    LAST_VERIFIED = { "Sist bekreftet {date}", "Sist stadfesta {date}", "Last verified {date}" }
    /// Appended to the last-verified text of a stale entry.
    STALE_MARK = {
        " – MER ENN 12 MÅNEDER SIDEN, sjekk nummeret",
        " – MEIR ENN 12 MÅNADER SIDAN, sjekk nummeret",
        " – MORE THAN 12 MONTHS AGO, check the number"
    }
    /// Where the answer's data came from.
    SOURCES_LINE = {
        "Katalog: {directory} · postnumre: {postcodes} ({count}) · bydeler: {bydel_pairs}",
        "Katalog: {directory} · postnummer: {postcodes} ({count}) · bydelar: {bydel_pairs}",
        "Directory: {directory} · postcodes: {postcodes} ({count}) · bydeler: {bydel_pairs}"
    }
    /// The built-in demo directory, as a source.
    SOURCE_BUILT_IN_DEMO = { "innebygd demo", "innebygd demo", "built-in demo" }
    /// Bring's postcode register built in as demo content, as a source.
    SOURCE_BUILT_IN_REGISTER = {
        "innebygd postnummerregister fra Bring (demoinnhold, 22.01.2026)",
        "innebygd postnummerregister frå Bring (demoinnhald, 22.01.2026)",
        "built-in Bring postcode register (demo content, 2026-01-22)"
    }
    /// The built-in bydel-pair sample, as a source.
    SOURCE_BUILT_IN_SAMPLE = {
        "innebygd utvalg (ikke hele registeret)",
        "innebygd utval (ikkje heile registeret)",
        "built-in sample (not the register)"
    }

    /// Monday, short (in dates such as "man. 23.11.2026 09:00").
    WEEKDAY_MON = { "man.", "mån.", "Mon" }
    /// Tuesday, short.
    WEEKDAY_TUE = { "tir.", "tys.", "Tue" }
    /// Wednesday, short.
    WEEKDAY_WED = { "ons.", "ons.", "Wed" }
    /// Thursday, short.
    WEEKDAY_THU = { "tor.", "tor.", "Thu" }
    /// Friday, short.
    WEEKDAY_FRI = { "fre.", "fre.", "Fri" }
    /// Saturday, short.
    WEEKDAY_SAT = { "lør.", "lau.", "Sat" }
    /// Sunday, short.
    WEEKDAY_SUN = { "søn.", "sun.", "Sun" }

    // ---- Search.
    /// No search hits.
    SEARCH_NO_HITS = { "Ingen treff for «{query}».", "Ingen treff for «{query}».", "No results for \"{query}\"." }
    /// A search hit that is a service.
    HIT_SERVICE = { "tjeneste", "teneste", "service" }
    /// A search hit that is a bydel.
    HIT_BYDEL = { "bydel", "bydel", "bydel" }
    /// A search hit that is a municipality.
    HIT_KOMMUNE = { "kommune", "kommune", "municipality" }
    /// A search hit that is a post town.
    HIT_POSTSTED = { "poststed", "poststad", "post town" }
    /// A search hit that is a postcode.
    HIT_POSTNUMMER = { "postnummer", "postnummer", "postcode" }
    /// The detail of a bydel hit.
    SEARCH_DETAIL_BYDEL = { "Bydel {number} i {kommune}", "Bydel {number} i {kommune}", "Bydel {number} in {kommune}" }
    /// The detail of a bydel hit known only from the postcode pairs.
    SEARCH_DETAIL_BYDEL_OF = { "Bydel i {kommune}", "Bydel i {kommune}", "Bydel in {kommune}" }
    /// The detail of a municipality hit.
    SEARCH_DETAIL_KOMMUNE = { "Kommune {kommunenummer}", "Kommune {kommunenummer}", "Municipality {kommunenummer}" }
    /// A search hit that is a guide (its title or summary matched).
    HIT_GUIDE = { "veileder", "rettleiar", "guide" }
    /// A search hit that is a step of a guide.
    HIT_GUIDE_STEP = { "veiledersteg", "rettleiarsteg", "guide step" }
    /// The detail of a guide hit: it opens at the start.
    HIT_GUIDE_OPENS = { "åpnes fra begynnelsen", "blir opna frå byrjinga", "opens at the start" }

    // ---- Walking a guide.
    /// The guide was updated and the answers were replayed.
    RESUME_REPLAYED = {
        "Veilederen er oppdatert (versjon {revision}). Svarene dine er tatt med videre.",
        "Rettleiaren er oppdatert (versjon {revision}). Svara dine er tekne med vidare.",
        "The guide was updated (revision {revision}). Your answers were carried over."
    }
    /// The guide changed and the walk starts over.
    RESUME_RESTARTED = {
        "Veilederen er endret (versjon {revision}), og stegene du var på finnes ikke lenger. Du starter fra begynnelsen.",
        "Rettleiaren er endra (versjon {revision}), og stega du var på finst ikkje lenger. Du startar frå byrjinga.",
        "The guide has changed (revision {revision}) and the steps you were on no longer exist. You start from the beginning."
    }
    /// Beside an answer the app chose from the user's sector, without asking.
    CHOSEN_FROM_SECTOR = { "valgt ut fra sektoren din", "valt ut frå sektoren din", "chosen from your sector" }
    /// "Path": the steps walked so far.
    WALK_PATH = { "Vei", "Veg", "Path" }
    /// Banner over the contacts of an urgent step.
    WALK_CALL_FIRST = { "AKUTT – RING FØRST", "AKUTT – RING FYRST", "ACUTE – CALL FIRST" }
    /// Heading of the contacts of a normal step.
    WALK_CONTACTS = { "Kontakt", "Kontakt", "Contact" }
    /// Heading of the checklist.
    WALK_CHECKLIST = { "Sjekkliste", "Sjekkliste", "Checklist" }
    /// Heading of the legal references.
    WALK_LEGAL = { "Lovhjemler", "Lovheimlar", "Legal basis" }
    /// Heading of the options.
    WALK_CHOOSE = { "Velg", "Vel", "Choose" }
    /// How to continue past an action step.
    WALK_CONTINUE = { "Gå videre", "Gå vidare", "Continue" }
    /// The acute exit, always visible.
    WALK_ACUTE = { "Akutt fare nå", "Akutt fare no", "Acute danger now" }
    /// Shown on an end step.
    WALK_END = { "Veiledningen er ferdig.", "Rettleiinga er ferdig.", "The guide is complete." }
    /// Heading of the summary.
    WALK_SUMMARY = { "Dette har du gått gjennom", "Dette har du gått gjennom", "What you went through" }
    /// Label of a guide's revision.
    WALK_REVISION = { "versjon", "versjon", "revision" }
    /// Heading of the links from a step to other guides.
    WALK_LINKS = { "Se også", "Sjå òg", "See also" }
    /// Beside a link whose guide is not on this device.
    WALK_LINK_UNAVAILABLE = { "ikke på denne enheten", "ikkje på denne eininga", "not on this device" }
    /// "back".
    WALK_BACK = { "tilbake", "tilbake", "back" }
    /// "restart".
    WALK_RESTART = { "start på nytt", "start på nytt", "restart" }
    /// "quit".
    WALK_QUIT = { "avslutt", "avslutt", "quit" }

    // ---- Guide list and sync status.
    /// No guides stored yet.
    GUIDES_NONE = {
        "ingen veiledere lagret ennå: kjør `veiviser sync --server URL`",
        "ingen rettleiarar lagra enno: køyr `veiviser sync --server URL`",
        "no guides stored yet: run `veiviser sync --server URL`"
    }
    /// A guide that cannot be shown (e.g. it needs a newer app).
    GUIDE_UNAVAILABLE = { "utilgjengelig: {why}", "utilgjengeleg: {why}", "unavailable: {why}" }
    /// The guide list's line for one guide's revision.
    GUIDE_REVISION = { "versjon {revision}", "versjon {revision}", "rev {revision}" }
    /// Not modified since the last sync.
    SYNC_UP_TO_DATE = {
        "oppdatert mot {server} (304 Not Modified)",
        "oppdatert mot {server} (304 Not Modified)",
        "up to date with {server} (304 Not Modified)"
    }
    /// Synced.
    SYNC_SYNCED = { "synkronisert fra {server}", "synkronisert frå {server}", "synced from {server}" }
    /// One collection's change, fetched.
    SYNC_RECORDS_CHANGED = {
        "{outcome}, {count} oppføring(er) endret, {bytes} byte",
        "{outcome}, {count} oppføring(ar) endra, {bytes} byte",
        "{outcome}, {count} record{plural} changed, {bytes} bytes"
    }
    /// A collection that did not change.
    SYNC_UNCHANGED = { "uendret", "uendra", "unchanged" }
    /// A collection the server said had not changed (304).
    SYNC_NOT_MODIFIED = { "ikke endret", "ikkje endra", "not modified" }
    /// What the device holds of one collection.
    CONTENT_AS_OF = {
        "innhold per {collection}: sekvens {sequence}, publisert {published} ({records} oppføringer, fra {source})",
        "innhald per {collection}: sekvens {sequence}, publisert {published} ({records} oppføringar, frå {source})",
        "content as of {collection}: sequence {sequence}, published {published} ({records} records, from {source})"
    }
    /// Sync progress: asking the server what is new.
    SYNC_STAGE_POLLING = { "spør etter oppdateringer", "spør etter oppdateringar", "asking for updates" }
    /// Sync progress: downloading one collection.
    SYNC_STAGE_FETCHING = { "henter {collection}", "hentar {collection}", "fetching {collection}" }
    /// Sync progress: merging into a staged copy.
    SYNC_STAGE_STAGING = { "mellomlagrer", "mellomlagrar", "staging" }
    /// Sync progress: checking signatures.
    SYNC_STAGE_VERIFYING = { "kontrollerer signaturer", "kontrollerer signaturar", "verifying signatures" }
    /// Sync progress: swapping the new content in.
    SYNC_STAGE_APPLYING = { "tar i bruk", "tek i bruk", "applying" }
    /// Sync progress: finished.
    SYNC_STAGE_DONE = { "ferdig", "ferdig", "done" }
    /// The newest content is older than the limit: sync may not reach the right server.
    SYNC_CONTENT_STALE = {
        "innholdet ble publisert for {days} dager siden (grense {limit}): serveren kan være nede eller strømmen frosset; sjekk at synkroniseringen når riktig server",
        "innhaldet vart publisert for {days} dagar sidan (grense {limit}): tenaren kan vere nede eller straumen frosen; sjekk at synkroniseringa når rett tenar",
        "content was published {days} days ago (limit {limit}): the server may be down or the feed frozen; check that sync reaches the right server"
    }
    /// A guide needs a newer app.
    GUIDE_NEEDS_UPDATE = {
        "veilederen «{id}» trenger en nyere versjon av Veiviser (innholdsformat {needed}, denne appen støtter {supported}): oppdater appen for å åpne den",
        "rettleiaren «{id}» treng ein nyare versjon av Veiviser (innhaldsformat {needed}, denne appen støttar {supported}): oppdater appen for å opne han",
        "guide `{id}` needs a newer version of Veiviser (content format {needed}, this app supports {supported}): update the app to open it"
    }
    /// Bytes and requests of a sync.
    SYNC_WIRE = {
        "{bytes} byte overført i {requests} forespørsel/forespørsler",
        "{bytes} byte overført i {requests} førespurnad(er)",
        "{bytes} bytes on the wire in {requests} request{plural}"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_message_has_all_three_languages_and_the_same_placeholders() {
        let mut ids = BTreeSet::new();
        for m in ALL {
            assert!(ids.insert(m.id), "{} is listed twice", m.id);
            for lang in Lang::ALL {
                assert!(
                    !m.get(lang).trim().is_empty(),
                    "{} has no {lang} text",
                    m.id
                );
            }
            let nb: BTreeSet<_> = m.placeholders(Lang::Nb).into_iter().collect();
            for lang in [Lang::Nn, Lang::En] {
                let other: BTreeSet<_> = m.placeholders(lang).into_iter().collect();
                // English may add `{plural}`; every other placeholder must match.
                let other: BTreeSet<_> = other.into_iter().filter(|p| *p != "plural").collect();
                assert_eq!(nb, other, "{}: placeholders differ in {lang}", m.id);
            }
        }
    }

    #[test]
    fn nynorsk_is_not_bokmal() {
        // Words that are bokmål only must not appear in nynorsk text.
        for m in ALL {
            let words: Vec<&str> =
                m.nn.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
            for bokmal in [
                "ikke",
                "hva",
                "hvor",
                "hvilken",
                "åpningstid",
                "nå",
                "noen",
                "mer",
            ] {
                assert!(!words.contains(&bokmal), "{}: `{bokmal}` in nynorsk", m.id);
            }
        }
    }

    #[test]
    fn fill_replaces_known_placeholders_only() {
        assert_eq!(
            RESUME_REPLAYED.fill(Lang::En, &[("revision", "3")]),
            "The guide was updated (revision 3). Your answers were carried over."
        );
        assert_eq!(fill("a {x} {y} {", &[("x", "1")]), "a 1 {y} {");
        assert_eq!(
            join_names(&["A".into(), "B".into(), "C".into()], Lang::Nb, AND),
            "A, B og C"
        );
    }
}
