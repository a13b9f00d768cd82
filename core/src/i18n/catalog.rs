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
    /// Where `veiviser walk GUIDE_ID` read the guide (on stderr).
    WALK_FROM_STORE = {
        "veiviser: veilederen «{id}» versjon {revision} fra den lokale lagringen {folder}: {as_of}",
        "veiviser: rettleiaren «{id}» versjon {revision} frå den lokale lagringa {folder}: {as_of}",
        "veiviser: guide `{id}` revision {revision} from the local store {folder}: {as_of}"
    }
    /// What the local store holds of one collection.
    STORE_AS_OF = {
        "innhold per sekvens {sequence}, publisert {published}",
        "innhald per sekvens {sequence}, publisert {published}",
        "content as of sequence {sequence}, published {published}"
    }
    /// The local store holds nothing of a collection.
    STORE_NOTHING = {
        "ingenting lagret ennå: kjør `veiviser sync`",
        "ingenting lagra enno: køyr `veiviser sync`",
        "nothing stored yet: run `veiviser sync`"
    }
    /// The walk's session file cannot be read.
    WALK_SESSION_UNREADABLE = {
        "{file}: kan ikke lese øktfilen: {error}",
        "{file}: kan ikkje lese øktfila: {error}",
        "{file}: cannot read the session file: {error}"
    }
    /// The walk's session file is not a session.
    WALK_SESSION_INVALID = {
        "{file}: ikke en Veiviser-øktfil ({error}): slett den for å starte veiledningen på nytt",
        "{file}: ikkje ei Veiviser-øktfil ({error}): slett ho for å starte rettleiinga på nytt",
        "{file}: not a Veiviser session file ({error}): delete it to start the walk over"
    }
    /// The walk's session file is for another guide.
    WALK_SESSION_OTHER_GUIDE = {
        "{file}: {error}; bruk en annen --session-fil for denne veilederen",
        "{file}: {error}; bruk ei anna --session-fil for denne rettleiaren",
        "{file}: {error}; use another --session file for this guide"
    }
    /// The walk's session could not be saved.
    WALK_SESSION_SAVE_FAILED = {
        "{file}: kan ikke lagre økten: {error}",
        "{file}: kan ikkje lagre økta: {error}",
        "{file}: cannot save the session: {error}"
    }
    /// A scripted answer the current step does not offer (`veiviser walk --answer`).
    WALK_INVALID_ANSWER = {
        "--answer {option} (svar {n} av {total}): steg «{step}» har ikke valget «{option}»; gyldige valg her: {valid}",
        "--answer {option} (svar {n} av {total}): steg «{step}» har ikkje valet «{option}»; gyldige val her: {valid}",
        "--answer {option} (answer {n} of {total}): step `{step}` has no option `{option}`; valid ids here: {valid}"
    }

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

    // ---- The staff app (core/src/app): frame, acute bar, navigation.
    /// The acute bar's heading.
    APP_ACUTE_HEADING = { "Akutt hjelp", "Akutt hjelp", "Emergency help" }
    /// Who answers 112.
    APP_ACUTE_POLICE = { "Politi", "Politi", "Police" }
    /// Who answers 113.
    APP_ACUTE_AMBULANCE = { "Ambulanse", "Ambulanse", "Ambulance" }
    /// Who answers 116 111.
    APP_ACUTE_ALARMTELEFON = { "Alarmtelefonen for barn og unge", "Alarmtelefonen for barn og unge", "Helpline for children and young people" }
    /// A call button's visible label.
    APP_CALL = { "Ring {number}", "Ring {number}", "Call {number}" }
    /// A call button's screen-reader label: the service and the digits one by one.
    APP_CALL_A11Y = { "Ring {number}, {name}, {digits}", "Ring {number}, {name}, {digits}", "Call {number}, {name}, {digits}" }
    /// Navigation: home.
    APP_NAV_HOME = { "Hjem", "Heim", "Home" }
    /// Navigation: contacts.
    APP_NAV_CONTACTS = { "Kontakter", "Kontaktar", "Contacts" }
    /// Navigation: settings.
    APP_NAV_SETTINGS = { "Innstillinger", "Innstillingar", "Settings" }
    /// Navigation: about.
    APP_NAV_ABOUT = { "Om appen", "Om appen", "About" }
    /// Title of the home screen.
    APP_TITLE_HOME = { "Veiviser", "Veiviser", "Veiviser" }
    /// Title of the contacts screen.
    APP_TITLE_CONTACTS = { "Hvem kan du kontakte?", "Kven kan du kontakte?", "Who can you contact?" }
    /// Title of the area screen.
    APP_TITLE_AREA = { "Velg område", "Vel område", "Choose area" }
    /// Title of the settings screen.
    APP_TITLE_SETTINGS = { "Innstillinger", "Innstillingar", "Settings" }
    /// Title of the what's-new screen.
    APP_TITLE_WHATS_NEW = { "Nytt siden sist", "Nytt sidan sist", "What's new" }
    /// Title of the about screen.
    APP_TITLE_ABOUT = { "Om Veiviser", "Om Veiviser", "About Veiviser" }
    /// "Skip" on a question asked inline.
    APP_SKIP = { "Hopp over", "Hopp over", "Skip" }

    // ---- The staff app: home.
    /// Heading of the guide list.
    APP_GUIDES_HEADING = { "Veiledere", "Rettleiarar", "Guides" }
    /// No guides on the device.
    APP_GUIDES_NONE = { "Det er ingen veiledere på enheten ennå. Koble til nettet og oppdater innholdet i innstillingene.", "Det er ingen rettleiarar på eininga enno. Kopla til nettet og oppdater innhaldet i innstillingane.", "There are no guides on this device yet. Connect to the internet and update the content in the settings." }
    /// A guide that needs a newer app.
    APP_GUIDE_NEEDS_UPDATE = { "Denne veilederen krever en nyere versjon av appen. Oppdater appen for å åpne den.", "Denne rettleiaren krev ein nyare versjon av appen. Oppdater appen for å opne han.", "This guide needs a newer version of the app. Update the app to open it." }
    /// Screen-reader label of a guide in the list.
    APP_OPEN_GUIDE_A11Y = { "Åpne veilederen «{title}»", "Opne rettleiaren «{title}»", "Open the guide \"{title}\"" }
    /// Open a guide.
    APP_OPEN_GUIDE = { "Åpne veilederen", "Opne rettleiaren", "Open the guide" }
    /// Continue the walk in progress.
    APP_RESUME_WALK = { "Fortsett: {guide} – {step}", "Hald fram: {guide} – {step}", "Continue: {guide} – {step}" }
    /// The user's default area.
    APP_YOUR_AREA = { "Ditt område: {place}", "Ditt område: {place}", "Your area: {place}" }
    /// No default area chosen.
    APP_YOUR_AREA_NONE = { "Ditt område: ikke valgt. Uten område får du bare nasjonale numre.", "Ditt område: ikkje valt. Utan område får du berre nasjonale nummer.", "Your area: not chosen. Without an area you get national numbers only." }
    /// When the content on the device was published.
    APP_CONTENT_AS_OF = { "Innholdet er fra {date}.", "Innhaldet er frå {date}.", "The content is from {date}." }
    /// No content on the device.
    APP_CONTENT_NONE = { "Det er ikke noe innhold på enheten ennå.", "Det er ikkje noko innhald på eininga enno.", "There is no content on this device yet." }
    /// Banner: a sync brought changes.
    APP_BANNER_WHATS_NEW = { "Innholdet er oppdatert. Se hva som er endret.", "Innhaldet er oppdatert. Sjå kva som er endra.", "The content was updated. See what changed." }
    /// Open the what's-new screen.
    APP_OPEN_WHATS_NEW = { "Se endringene", "Sjå endringane", "See the changes" }
    /// Banner: the content is older than its limit.
    APP_BANNER_STALE = { "Innholdet er {days} dager gammelt (fra {date}). Numre og veiledere kan ha endret seg – oppdater når du har nett.", "Innhaldet er {days} dagar gammalt (frå {date}). Nummer og rettleiarar kan ha endra seg – oppdater når du har nett.", "The content is {days} days old (from {date}). Numbers and guides may have changed – update when you are online." }
    /// Banner: the content is the public demo.
    APP_BANNER_DEMO = { "Dette er demoinnhold, ikke kommunens eget. Sjekk numrene før du bruker dem i en ekte sak.", "Dette er demoinnhald, ikkje kommunen sitt eige. Sjekk numra før du brukar dei i ei ekte sak.", "This is demo content, not the municipality's own. Check the numbers before you use them in a real case." }
    /// Banner: the directory holds example data.
    APP_BANNER_EXAMPLE_DATA = { "Noen kontakter er eksempeldata og er merket slik. Ikke bruk dem i en ekte sak.", "Nokre kontaktar er eksempeldata og er merkte slik. Ikkje bruk dei i ei ekte sak.", "Some contacts are example data and are marked as such. Do not use them in a real case." }
    /// Banner: opening the content had to repair it.
    APP_BANNER_REPAIRED = { "Innholdet på enheten var skadet og er satt tilbake til innholdet som fulgte med appen. Oppdater når du har nett.", "Innhaldet på eininga var skadd og er sett tilbake til innhaldet som følgde med appen. Oppdater når du har nett.", "The content on this device was damaged and has been reset to the content that came with the app. Update when you are online." }
    /// Sync failed: no network.
    APP_SYNC_FAILED_OFFLINE = { "Fikk ikke oppdatert innholdet {time}: ingen kontakt med serveren. Du bruker innholdet som er lagret.", "Fekk ikkje oppdatert innhaldet {time}: ingen kontakt med tenaren. Du brukar innhaldet som er lagra.", "Could not update the content at {time}: no connection to the server. You are using the stored content." }
    /// Sync failed: the server's content was refused.
    APP_SYNC_FAILED_REJECTED = { "Fikk ikke oppdatert innholdet {time}: det som kom fra serveren, kunne ikke godkjennes. Du bruker innholdet som er lagret.", "Fekk ikkje oppdatert innhaldet {time}: det som kom frå tenaren, kunne ikkje godkjennast. Du brukar innhaldet som er lagra.", "Could not update the content at {time}: what the server sent could not be accepted. You are using the stored content." }
    /// Sync failed: anything else.
    APP_SYNC_FAILED_OTHER = { "Fikk ikke oppdatert innholdet {time}. Du bruker innholdet som er lagret.", "Fekk ikkje oppdatert innhaldet {time}. Du brukar innhaldet som er lagra.", "Could not update the content at {time}. You are using the stored content." }
    /// Try the sync again.
    APP_SYNC_RETRY = { "Prøv igjen", "Prøv igjen", "Try again" }

    // ---- The staff app: a walk.
    /// Position in the walk.
    APP_STEP_N = { "Steg {n}", "Steg {n}", "Step {n}" }
    /// Screen-reader label of the acute exit.
    APP_ACUTE_EXIT_A11Y = { "Akutt fare nå: gå til det som må gjøres straks", "Akutt fare no: gå til det som må gjerast straks", "Acute danger now: go to what must be done at once" }
    /// Back one step.
    APP_BACK = { "Tilbake", "Tilbake", "Back" }
    /// Screen-reader label of back.
    APP_BACK_A11Y = { "Tilbake til forrige steg", "Tilbake til førre steg", "Back to the previous step" }
    /// Start over.
    APP_RESTART = { "Start på nytt", "Start på nytt", "Start over" }
    /// Screen-reader label of start over.
    APP_RESTART_A11Y = { "Start på nytt fra første steg i veiledningen", "Start på nytt frå første steg i rettleiinga", "Start over from the guide's first step" }
    /// End the walk.
    APP_END_WALK = { "Avslutt", "Avslutt", "End" }
    /// Screen-reader label of end.
    APP_END_WALK_A11Y = { "Avslutt veiledningen og slett området du valgte for barnet", "Avslutt rettleiinga og slett området du valde for barnet", "End the guide and delete the area you chose for the child" }
    /// The sector question.
    APP_SECTOR_QUESTION = { "Hvor jobber du?", "Kvar jobbar du?", "Where do you work?" }
    /// Why the sector is asked.
    APP_SECTOR_WHY = { "Da viser veilederen reglene som gjelder for deg. Du kan endre det i innstillingene.", "Då viser rettleiaren reglane som gjeld for deg. Du kan endre det i innstillingane.", "Then the guide shows the rules that apply to you. You can change it in the settings." }
    /// Screen-reader label of skipping the sector.
    APP_SKIP_SECTOR_A11Y = { "Hopp over spørsmålet om hvor du jobber", "Hopp over spørsmålet om kvar du jobbar", "Skip the question about where you work" }
    /// No sector.
    APP_SECTOR_NONE = { "Ikke valgt", "Ikkje valt", "Not chosen" }
    /// Sector: kindergarten.
    SECTOR_BARNEHAGE = { "Barnehage", "Barnehage", "Kindergarten" }
    /// Sector: school.
    SECTOR_SKOLE = { "Skole og SFO", "Skule og SFO", "School and after-school care" }
    /// Sector: health clinic.
    SECTOR_HELSESTASJON = { "Helsestasjon og skolehelsetjeneste", "Helsestasjon og skulehelseteneste", "Health clinic and school health service" }
    /// Sector: dental care.
    SECTOR_TANNHELSE = { "Tannhelsetjenesten", "Tannhelsetenesta", "Dental health service" }
    /// Sector: GP.
    SECTOR_FASTLEGE = { "Fastlege", "Fastlege", "General practitioner" }
    /// Sector: NAV.
    SECTOR_NAV = { "NAV", "NAV", "NAV (labour and welfare)" }

    // ---- The staff app: numbers.
    /// Heading of the numbers on a step that is not urgent.
    APP_NUMBERS_HEADING = { "Hvem du kan kontakte", "Kven du kan kontakte", "Who you can contact" }
    /// The area the numbers are for.
    APP_NUMBERS_FOR_AREA = { "Numre for {place}", "Nummer for {place}", "Numbers for {place}" }
    /// No area chosen.
    APP_NUMBERS_NO_AREA = { "Ingen område valgt: bare nasjonale numre. Velg område for å få barnevernet og andre tjenester der barnet bor.", "Ikkje noko område valt: berre nasjonale nummer. Vel område for å få barnevernet og andre tenester der barnet bur.", "No area chosen: national numbers only. Choose an area to get the child welfare service and other services where the child lives." }
    /// Choose an area.
    APP_CHOOSE_AREA = { "Velg område", "Vel område", "Choose area" }
    /// Change the area.
    APP_CHANGE_AREA = { "Endre område", "Endre område", "Change area" }
    /// Screen-reader label of skipping the area.
    APP_SKIP_AREA_A11Y = { "Hopp over: fortsett uten område, med bare nasjonale numre", "Hopp over: hald fram utan område, med berre nasjonale nummer", "Skip: continue without an area, with national numbers only" }
    /// A service with no sourced number.
    APP_NO_NUMBER = { "Ikke noe verifisert telefonnummer – se merknaden.", "Ikkje noko verifisert telefonnummer – sjå merknaden.", "No verified phone number – see the note." }
    /// Other services reached on the same number.
    APP_ALSO_ANSWERS = { "Samme nummer: {names}", "Same nummer: {names}", "Same number: {names}" }
    /// The after-hours service during office hours.
    APP_REASON_IF_NO_ANSWER = { "Hvis {name} ikke svarer", "Om {name} ikkje svarar", "If {name} does not answer" }
    /// The after-hours service outside office hours.
    APP_REASON_OUTSIDE_OFFICE_HOURS = { "Utenfor kontortid", "Utanfor kontortid", "Outside office hours" }
    /// The fallback when there is no local office for the role.
    APP_REASON_NO_LOCAL_OFFICE = { "Når du ikke finner det lokale kontoret", "Når du ikkje finn det lokale kontoret", "When you cannot find the local office" }
    /// A web or chat link of a service.
    APP_OPEN_LINK = { "{kind}: {value}", "{kind}: {value}", "{kind}: {value}" }
    /// Screen-reader label of a web or chat link.
    APP_OPEN_LINK_A11Y = { "{kind}: {value} – åpne for {name}", "{kind}: {value} – opne for {name}", "{kind}: {value} – open for {name}" }
    /// Screen-reader label of a role on the contacts screen.
    APP_SHOW_ROLE_A11Y = { "Vis hvem du kan kontakte: {role}", "Vis kven du kan kontakte: {role}", "Show who you can contact: {role}" }

    // ---- The staff app: area.
    /// Why the area is asked, for a walk.
    APP_AREA_INTRO_WALK = { "Hvor bor barnet? Postnummer eller sted gir riktig barnevern og andre lokale tjenester. Området lagres bare med denne veiledningen og slettes når du avslutter den.", "Kvar bur barnet? Postnummer eller stad gir rett barnevern og andre lokale tenester. Området blir berre lagra med denne rettleiinga og blir sletta når du avsluttar ho.", "Where does the child live? A postcode or place gives the right child welfare service and other local services. The area is kept only with this guide and deleted when you end it." }
    /// Why the area is asked, for the default.
    APP_AREA_INTRO_DEFAULT = { "Ditt område er der du jobber. Det brukes når du ikke har valgt område for et barn.", "Ditt område er der du jobbar. Det blir brukt når du ikkje har valt område for eit barn.", "Your area is where you work. It is used when you have not chosen an area for a child." }
    /// The area search field.
    APP_AREA_INPUT = { "Postnummer eller sted", "Postnummer eller stad", "Postcode or place" }
    /// A search hit on the area screen.
    APP_AREA_HIT = { "{name} – {detail}", "{name} – {detail}", "{name} – {detail}" }
    /// Screen-reader label of a search hit.
    APP_CHOOSE_AREA_A11Y = { "Velg {place}", "Vel {place}", "Choose {place}" }
    /// A number that is not a postcode.
    APP_AREA_NOT_A_POSTCODE = { "«{query}» er ikke et postnummer. Et postnummer har fire sifre, for eksempel 0582.", "«{query}» er ikkje eit postnummer. Eit postnummer har fire siffer, til dømes 0582.", "\"{query}\" is not a postcode. A postcode has four digits, for example 0582." }
    /// The bydel question.
    APP_BYDEL_QUESTION = { "{place} hører til flere bydeler. Hvilken bydel bor barnet i?", "{place} høyrer til fleire bydelar. Kva for ein bydel bur barnet i?", "{place} belongs to several bydeler. Which bydel does the child live in?" }
    /// Why the bydel is asked.
    APP_BYDEL_WHY = { "Hver bydel har sin egen barneverntjeneste. Sjekk barnets adresse.", "Kvar bydel har si eiga barnevernteneste. Sjekk adressa til barnet.", "Each bydel has its own child welfare service. Check the child's address." }
    /// Screen-reader label of a bydel.
    APP_CHOOSE_BYDEL_A11Y = { "Velg bydel {name}", "Vel bydel {name}", "Choose bydel {name}" }
    /// Forget the area.
    APP_CLEAR_AREA = { "Fjern området", "Fjern området", "Remove the area" }
    /// Go on without an area.
    APP_AREA_SKIP = { "Fortsett uten område", "Hald fram utan område", "Continue without an area" }
    /// Screen-reader label of choosing, changing or removing the user's own area (`action` is
    /// the visible label, so the name contains it).
    APP_DEFAULT_AREA_A11Y = { "{action} – ditt eget område", "{action} – ditt eige område", "{action} – your own area" }

    // ---- The staff app: settings.
    /// Heading of the language choice.
    APP_LANGUAGE_HEADING = { "Språk", "Språk", "Language" }
    /// Bokmål, by its own name.
    APP_LANG_NB = { "Bokmål", "Bokmål", "Bokmål (Norwegian)" }
    /// Nynorsk, by its own name.
    APP_LANG_NN = { "Nynorsk", "Nynorsk", "Nynorsk (Norwegian)" }
    /// English.
    APP_LANG_EN = { "English", "English", "English" }
    /// Heading of the default area.
    APP_AREA_HEADING = { "Ditt område", "Området ditt", "Your area" }
    /// Heading of the sync section.
    APP_SYNC_HEADING = { "Oppdatering av innhold", "Oppdatering av innhald", "Content updates" }
    /// Sync now.
    APP_SYNC_NOW = { "Oppdater nå", "Oppdater no", "Update now" }
    /// When the last sync finished.
    APP_SYNCED_AT = { "Sist oppdatert {time}.", "Sist oppdatert {time}.", "Last updated {time}." }

    // ---- The staff app: what's new.
    /// Heading of changed guides.
    APP_WHATS_NEW_GUIDES = { "Endrede veiledere", "Endra rettleiarar", "Changed guides" }
    /// Heading of changed entries.
    APP_WHATS_NEW_ENTRIES = { "Endringer i kontakter for {place}", "Endringar i kontaktar for {place}", "Changes in contacts for {place}" }
    /// A guide's new revision.
    APP_WHATS_NEW_REVISION = { "versjon {from} → {to}", "versjon {from} → {to}", "revision {from} → {to}" }
    /// A new guide.
    APP_WHATS_NEW_NEW_GUIDE = { "ny veileder", "ny rettleiar", "new guide" }
    /// A changed entry.
    APP_WHATS_NEW_ENTRY_CHANGED = { "ny eller endret", "ny eller endra", "new or changed" }
    /// A removed entry.
    APP_WHATS_NEW_ENTRY_REMOVED = { "fjernet", "fjerna", "removed" }
    /// Nothing changed.
    APP_WHATS_NEW_NONE = { "Ingen endringer siden sist.", "Ingen endringar sidan sist.", "No changes since last time." }
    /// Mark as read.
    APP_WHATS_NEW_DISMISS = { "Merk som lest", "Merk som lese", "Mark as read" }

    // ---- The staff app: about.
    /// The demo-content warning.
    APP_ABOUT_DEMO = { "DEMOINNHOLD: Veilederne og kontaktene her er en demonstrasjon, signert med en offentlig demonøkkel. Kommunen din må publisere sitt eget innhold før appen brukes i en ekte sak.", "DEMOINNHALD: Rettleiarane og kontaktane her er ein demonstrasjon, signert med ein offentleg demonøkkel. Kommunen din må publisere sitt eige innhald før appen blir brukt i ei ekte sak.", "DEMO CONTENT: the guides and contacts here are a demonstration, signed with a public demo key. Your municipality must publish its own content before the app is used in a real case." }
    /// What Veiviser is.
    APP_ABOUT_INTRO = { "Veiviser hjelper deg som jobber med barn å handle riktig når du er bekymret for et barn: hva du gjør, hvem du ringer og hvilke regler som gjelder. Alt virker uten nett.", "Veiviser hjelper deg som jobbar med barn å handle rett når du er uroleg for eit barn: kva du gjer, kven du ringjer og kva for reglar som gjeld. Alt verkar utan nett.", "Veiviser helps you who work with children to act right when you are worried about a child: what to do, whom to call and which rules apply. Everything works offline." }
    /// Heading of the sources.
    APP_ABOUT_SOURCES = { "Kilder", "Kjelder", "Sources" }
    /// One guide's review.
    APP_ABOUT_GUIDE_SOURCE = { "«{title}» er gjennomgått av {reviewer} {date}.", "«{title}» er gjennomgått av {reviewer} {date}.", "\"{title}\" was reviewed by {reviewer} on {date}." }
    /// Where the directory's facts come from.
    APP_ABOUT_DIRECTORY_SOURCE = { "Kontaktene: hver oppføring viser kilden og når den sist ble bekreftet. Et nummer uten kilde blir aldri vist.", "Kontaktane: kvar oppføring viser kjelda og når ho sist vart stadfesta. Eit nummer utan kjelde blir aldri vist.", "Contacts: every entry shows its source and when it was last verified. A number without a source is never shown." }
    /// Where the postcodes come from.
    APP_ABOUT_PLACES_SOURCE = { "Postnumre: Bring sitt postnummerregister ({count} postnumre på enheten).", "Postnummer: postnummerregisteret til Bring ({count} postnummer på eininga).", "Postcodes: Bring's postcode register ({count} postcodes on this device)." }
    /// Heading of the accessibility statement.
    APP_ABOUT_A11Y_HEADING = { "Tilgjengelighet", "Tilgjenge", "Accessibility" }
    /// Accessibility statement, first paragraph.
    APP_ABOUT_A11Y_1 = { "Veiviser skal kunne brukes av alle, også med skjermleser, forstørret tekst og uten farger. Vi følger WCAG 2.1 nivå AA.", "Veiviser skal kunne brukast av alle, også med skjermlesar, forstørra tekst og utan fargar. Vi følgjer WCAG 2.1 nivå AA.", "Veiviser is meant to be usable by everyone, also with a screen reader, enlarged text and without colours. We follow WCAG 2.1 level AA." }
    /// Accessibility statement, second paragraph.
    APP_ABOUT_A11Y_2 = { "Hver knapp sier hva den gjør, og en ringeknapp sier hvem du ringer og nummeret. Akutt hjelp er alltid øverst på skjermen.", "Kvar knapp seier kva han gjer, og ein ringjeknapp seier kven du ringjer og nummeret. Akutt hjelp er alltid øvst på skjermen.", "Every button says what it does, and a call button says whom you call and the number. Emergency help is always at the top of the screen." }
    /// Accessibility statement, third paragraph.
    APP_ABOUT_A11Y_3 = { "Finner du noe som ikke virker, si fra til den som har gitt deg appen i kommunen din.", "Finn du noko som ikkje verkar, sei frå til den som har gitt deg appen i kommunen din.", "If you find something that does not work, tell whoever gave you the app in your municipality." }
    /// Heading of the privacy text.
    APP_ABOUT_PRIVACY_HEADING = { "Personvern", "Personvern", "Privacy" }
    /// Privacy, first paragraph.
    APP_ABOUT_PRIVACY_1 = { "Appen lagrer bare språk, sektor, ditt område og hvor du er i en veileder. Området du velger for et barn, slettes når du avslutter veiledningen.", "Appen lagrar berre språk, sektor, området ditt og kvar du er i ein rettleiar. Området du vel for eit barn, blir sletta når du avsluttar rettleiinga.", "The app keeps only the language, the sector, your area and where you are in a guide. The area you choose for a child is deleted when you end the guide." }
    /// Privacy, second paragraph.
    APP_ABOUT_PRIVACY_2 = { "Ingenting om barnet sendes over nettet. Oppdateringer henter bare innhold.", "Ingenting om barnet blir sendt over nettet. Oppdateringar hentar berre innhald.", "Nothing about the child is sent over the network. Updates only fetch content." }
    /// The content format this app reads.
    APP_ABOUT_VERSION = { "Innholdsformat {version}", "Innhaldsformat {version}", "Content format {version}" }
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
