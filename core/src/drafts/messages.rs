//! Every sentence the draft feature shows, in nb, nn and en: guidance, field problems with
//! what to do, warnings, and the headings of the exports. Kept beside the feature (not in
//! the shared catalog) so it stays one concept; a test checks every message has all three.

use crate::i18n::Lang;

/// One message of the draft feature; [`Msg::text`] gives it in a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each variant's text is its documentation
pub enum Msg {
    // Guidance.
    GuideObserve,
    GuideChildWords,
    GuideNotAnonymous,
    GuideNeverEmail,
    GuideAcutePhone,
    GuideArchiveThenDelete,
    DeletedInDays,
    DeletedInOneDay,
    DeletedToday,
    WarnDoNotInformParents,
    ReasonViolenceBypass,
    // Prompts for one observation.
    PromptWhat,
    PromptChildWords,
    PromptWitnesses,
    PromptDuration,
    // Problems: what is missing or malformed, and what to do.
    NeedKommune,
    NeedBydel,
    BadKommunenummer,
    BadBydelsnummer,
    NeedReporterName,
    NeedReporterRole,
    NeedReporterPhone,
    NeedReporterEmail,
    NeedOrganisation,
    NeedOrganisationAddress,
    BadPhone,
    BadEmail,
    NeedChildName,
    NeedChildFnr,
    FnrLength,
    FnrDate,
    FnrCheckDigit,
    NeedChildAddress,
    NeedChildOrientert,
    NeedChildReason,
    NeedForesatt,
    TooManyForesatte,
    NeedForesattName,
    NeedForesattOrientert,
    NeedForesattReason,
    ForesattMustNotBeTold,
    NeedMelding,
    NeedHistorie,
    BadDate,
    BadTime,
    NeedObservationWhat,
    NeedChildWordsTime,
    NeedConversationWhyNot,
    // Export headings and labels.
    HObservations,
    HConversations,
    HMeasures,
    HLegalBasis,
    HFromGuide,
    HRecipient,
    HReporter,
    HChild,
    HForesatte,
    HInterpreter,
    HOtherServices,
    HMelding,
    HHistorie,
    HOtherViews,
    LName,
    LRole,
    LPhone,
    LEmail,
    LOrganisation,
    LOrgnr,
    LAddress,
    LFnr,
    LUnborn,
    LInformed,
    LReason,
    LChildWords,
    LWitnesses,
    LDuration,
    LResult,
    LWithChild,
    LWithParents,
    LWithOther,
    LNotHeld,
    LYes,
    LNo,
    LNotAnswered,
    LNone,
    LMissing,
    LUntitled,
}

impl Msg {
    /// The message in `lang`; `{n}` marks a number filled in by the caller.
    pub fn text(self, lang: Lang) -> &'static str {
        let [nb, nn, en] = self.all();
        match lang {
            Lang::Nb => nb,
            Lang::Nn => nn,
            Lang::En => en,
        }
    }

    /// The message with `{n}` replaced by `n`.
    pub fn with_n(self, lang: Lang, n: u32) -> String {
        self.text(lang).replace("{n}", &n.to_string())
    }

    /// The message in nb, nn and en.
    pub fn all(self) -> [&'static str; 3] {
        use Msg::*;
        match self {
            GuideObserve => [
                "Skriv hva du så og hørte, ikke hva du tror det betyr: observasjon, ikke konklusjon.",
                "Skriv kva du såg og høyrde, ikkje kva du trur det tyder: observasjon, ikkje konklusjon.",
                "Write what you saw and heard, not what you think it means: observation, not conclusion.",
            ],
            GuideChildWords => [
                "Skriv barnets egne ord ordrett, med dato og klokkeslett.",
                "Skriv orda til barnet ordrett, med dato og klokkeslett.",
                "Write down the child's own words verbatim, with the date and time.",
            ],
            GuideNotAnonymous => [
                "Offentlig ansatte kan ikke melde anonymt: navnet ditt og arbeidsstedet ditt står i meldingen.",
                "Offentleg tilsette kan ikkje melde anonymt: namnet ditt og arbeidsstaden din står i meldinga.",
                "Public employees cannot report anonymously: your name and workplace are part of the report.",
            ],
            GuideNeverEmail => [
                "Send aldri meldingen med vanlig e-post. Bruk den nasjonale portalen for bekymringsmelding eller kommunens sikre kanal.",
                "Send aldri meldinga med vanleg e-post. Bruk den nasjonale portalen for bekymringsmelding eller den sikre kanalen til kommunen.",
                "Never send the report by ordinary e-mail. Use the national portal for reports of concern or the municipality's secure channel.",
            ],
            GuideAcutePhone => [
                "Er barnet i akutt fare, ring først: nødnummer 112 eller barnevernvakten. Send skriftlig melding etterpå.",
                "Er barnet i akutt fare, ring først: naudnummer 112 eller barnevernvakta. Send skriftleg melding etterpå.",
                "If the child is in acute danger, call first: emergency number 112 or the child welfare emergency service. Send the written report afterwards.",
            ],
            GuideArchiveThenDelete => [
                "Utkastet er en arbeidskopi som bare finnes på denne enheten. Når meldingen er sendt, arkiver den slik arbeidsstedet ditt krever, og slett utkastet.",
                "Utkastet er ein arbeidskopi som berre finst på denne eininga. Når meldinga er send, arkiver ho slik arbeidsstaden din krev, og slett utkastet.",
                "The draft is a working copy that exists only on this device. Once the report is sent, archive it as your workplace requires and delete the draft.",
            ],
            DeletedInDays => [
                "Slettes om {n} dager.",
                "Blir sletta om {n} dagar.",
                "Deleted in {n} days.",
            ],
            DeletedInOneDay => [
                "Slettes om 1 dag.",
                "Blir sletta om 1 dag.",
                "Deleted in 1 day.",
            ],
            DeletedToday => [
                "Slettes i dag.",
                "Blir sletta i dag.",
                "Deleted today.",
            ],
            WarnDoNotInformParents => [
                "Ikke informer foreldrene. Du har valgt mistanke om vold eller overgrep: å orientere dem kan sette barnet i fare og skade en etterforskning.",
                "Ikkje informer foreldra. Du har valt mistanke om vald eller overgrep: å orientere dei kan setje barnet i fare og skade ei etterforsking.",
                "Do not inform the parents. You chose suspected violence or abuse: telling them can put the child in danger and harm an investigation.",
            ],
            ReasonViolenceBypass => [
                "Ikke orientert: mistanke om vold eller overgrep. Å orientere foreldrene kan sette barnet i fare og skade en etterforskning.",
                "Ikkje orientert: mistanke om vald eller overgrep. Å orientere foreldra kan setje barnet i fare og skade ei etterforsking.",
                "Not informed: suspected violence or abuse. Informing the parents could put the child in danger and harm an investigation.",
            ],
            PromptWhat => [
                "Hva så eller hørte du? Beskriv det du faktisk observerte, for eksempel «blåmerker på begge overarmer», ikke «blir slått».",
                "Kva såg eller høyrde du? Beskriv det du faktisk observerte, til dømes «blåmerke på begge overarmane», ikkje «blir slått».",
                "What did you see or hear? Describe what you actually observed, for example “bruises on both upper arms”, not “is being hit”.",
            ],
            PromptChildWords => [
                "Sa barnet noe? Skriv ordene ordrett og klokkeslettet.",
                "Sa barnet noko? Skriv orda ordrett og klokkeslettet.",
                "Did the child say anything? Write the words verbatim and the time.",
            ],
            PromptWitnesses => [
                "Så eller hørte andre det samme? Hvem?",
                "Såg eller høyrde andre det same? Kven?",
                "Did anyone else see or hear it? Who?",
            ],
            PromptDuration => [
                "Hvor lenge har det vart, eller hvor ofte skjer det?",
                "Kor lenge har det vart, eller kor ofte skjer det?",
                "How long has it lasted, or how often does it happen?",
            ],
            NeedKommune => [
                "Velg kommunen der barnet bor (slå opp postnummeret).",
                "Vel kommunen der barnet bur (slå opp postnummeret).",
                "Choose the municipality where the child lives (look up the postcode).",
            ],
            NeedBydel => [
                "Velg bydelen der barnet bor: postnummeret alene avgjør ikke bydelen.",
                "Vel bydelen der barnet bur: postnummeret åleine avgjer ikkje bydelen.",
                "Choose the district (bydel) where the child lives: the postcode alone does not settle it.",
            ],
            BadKommunenummer => [
                "Kommunenummeret har fire sifre.",
                "Kommunenummeret har fire siffer.",
                "The municipality number has four digits.",
            ],
            BadBydelsnummer => [
                "Bydelsnummeret har to sifre.",
                "Bydelsnummeret har to siffer.",
                "The district number has two digits.",
            ],
            NeedReporterName => [
                "Fyll inn navnet ditt i profilen: offentlig ansatte kan ikke melde anonymt.",
                "Fyll inn namnet ditt i profilen: offentleg tilsette kan ikkje melde anonymt.",
                "Enter your name in your profile: public employees cannot report anonymously.",
            ],
            NeedReporterRole => [
                "Fyll inn rollen din i profilen (for eksempel pedagogisk leder).",
                "Fyll inn rolla di i profilen (til dømes pedagogisk leiar).",
                "Enter your role in your profile (for example head of department).",
            ],
            NeedReporterPhone => [
                "Fyll inn et telefonnummer barnevernet kan nå deg på.",
                "Fyll inn eit telefonnummer barnevernet kan nå deg på.",
                "Enter a phone number where the child welfare service can reach you.",
            ],
            NeedReporterEmail => [
                "Fyll inn e-postadressen din på jobben.",
                "Fyll inn e-postadressa di på jobben.",
                "Enter your work e-mail address.",
            ],
            NeedOrganisation => [
                "Fyll inn navnet på arbeidsstedet ditt.",
                "Fyll inn namnet på arbeidsstaden din.",
                "Enter the name of your workplace.",
            ],
            NeedOrganisationAddress => [
                "Fyll inn adressen til arbeidsstedet ditt.",
                "Fyll inn adressa til arbeidsstaden din.",
                "Enter your workplace's address.",
            ],
            BadPhone => [
                "Skriv telefonnummeret med sifre, gjerne med + foran, for eksempel +47 912 34 567.",
                "Skriv telefonnummeret med siffer, gjerne med + framfor, til dømes +47 912 34 567.",
                "Write the phone number in digits, optionally starting with +, for example +47 912 34 567.",
            ],
            BadEmail => [
                "Skriv en gyldig e-postadresse, for eksempel navn@virksomhet.no.",
                "Skriv ei gyldig e-postadresse, til dømes namn@verksemd.no.",
                "Write a valid e-mail address, for example name@organisation.no.",
            ],
            NeedChildName => [
                "Fyll inn barnets fulle navn.",
                "Fyll inn det fulle namnet til barnet.",
                "Enter the child's full name.",
            ],
            NeedChildFnr => [
                "Fyll inn barnets fødselsnummer (11 sifre), eller merk av for ufødt barn.",
                "Fyll inn fødselsnummeret til barnet (11 siffer), eller merk av for ufødt barn.",
                "Enter the child's national identity number (11 digits), or mark the child as unborn.",
            ],
            FnrLength => [
                "Fødselsnummeret skal ha nøyaktig 11 sifre.",
                "Fødselsnummeret skal ha nøyaktig 11 siffer.",
                "The national identity number has exactly 11 digits.",
            ],
            FnrDate => [
                "De seks første sifrene i fødselsnummeret er ikke en gyldig dato: sjekk nummeret.",
                "Dei seks første siffera i fødselsnummeret er ikkje ein gyldig dato: sjekk nummeret.",
                "The first six digits of the identity number are not a valid date: check the number.",
            ],
            FnrCheckDigit => [
                "Kontrollsifrene i fødselsnummeret stemmer ikke: sjekk nummeret på nytt.",
                "Kontrollsiffera i fødselsnummeret stemmer ikkje: sjekk nummeret på nytt.",
                "The check digits of the identity number do not match: check the number again.",
            ],
            NeedChildAddress => [
                "Fyll inn adressen der barnet bor.",
                "Fyll inn adressa der barnet bur.",
                "Enter the address where the child lives.",
            ],
            NeedChildOrientert => [
                "Svar på om barnet er orientert om meldingen.",
                "Svar på om barnet er orientert om meldinga.",
                "Say whether the child has been told about the report.",
            ],
            NeedChildReason => [
                "Skriv hvorfor barnet ikke er orientert.",
                "Skriv kvifor barnet ikkje er orientert.",
                "Write why the child has not been told.",
            ],
            NeedForesatt => [
                "Legg til minst én foresatt (høyst to).",
                "Legg til minst éin føresett (høgst to).",
                "Add at least one parent or guardian (two at most).",
            ],
            TooManyForesatte => [
                "Meldingen kan ha høyst to foresatte; skriv om flere under andre synspunkter.",
                "Meldinga kan ha høgst to føresette; skriv om fleire under andre synspunkt.",
                "The report can name two parents or guardians at most; write about others under other views.",
            ],
            NeedForesattName => [
                "Fyll inn navnet på den foresatte.",
                "Fyll inn namnet på den føresette.",
                "Enter the parent's or guardian's name.",
            ],
            NeedForesattOrientert => [
                "Svar på om den foresatte er orientert om meldingen.",
                "Svar på om den føresette er orientert om meldinga.",
                "Say whether this parent or guardian has been told about the report.",
            ],
            NeedForesattReason => [
                "Skriv hvorfor den foresatte ikke er orientert.",
                "Skriv kvifor den føresette ikkje er orientert.",
                "Write why this parent or guardian has not been told.",
            ],
            ForesattMustNotBeTold => [
                "Ved mistanke om vold eller overgrep skal foreldrene ikke orienteres: sett «orientert» til nei og skriv hvorfor.",
                "Ved mistanke om vald eller overgrep skal foreldra ikkje orienterast: set «orientert» til nei og skriv kvifor.",
                "When violence or abuse is suspected, the parents must not be told: set “informed” to no and write why.",
            ],
            NeedMelding => [
                "Skriv hva bekymringen gjelder, eller legg til minst én observasjon.",
                "Skriv kva bekymringa gjeld, eller legg til minst éin observasjon.",
                "Write what the concern is about, or add at least one observation.",
            ],
            NeedHistorie => [
                "Skriv hvor lenge bekymringen har vart og om det har vært bekymring før (skriv «ikke kjent» om du ikke vet).",
                "Skriv kor lenge bekymringa har vart og om det har vore bekymring før (skriv «ikkje kjent» om du ikkje veit).",
                "Write how long the concern has lasted and whether there were earlier concerns (write “not known” if you do not know).",
            ],
            BadDate => [
                "Skriv datoen som ÅÅÅÅ-MM-DD, for eksempel 2026-11-30.",
                "Skriv datoen som ÅÅÅÅ-MM-DD, til dømes 2026-11-30.",
                "Write the date as YYYY-MM-DD, for example 2026-11-30.",
            ],
            BadTime => [
                "Skriv klokkeslettet som TT:MM, for eksempel 08:15.",
                "Skriv klokkeslettet som TT:MM, til dømes 08:15.",
                "Write the time as HH:MM, for example 08:15.",
            ],
            NeedObservationWhat => [
                "Skriv hva du så eller hørte.",
                "Skriv kva du såg eller høyrde.",
                "Write what you saw or heard.",
            ],
            NeedChildWordsTime => [
                "Skriv når barnet sa det (TT:MM).",
                "Skriv når barnet sa det (TT:MM).",
                "Write when the child said it (HH:MM).",
            ],
            NeedConversationWhyNot => [
                "Skriv hvorfor samtalen ikke er gjennomført.",
                "Skriv kvifor samtalen ikkje er gjennomført.",
                "Write why the conversation has not been held.",
            ],
            HObservations => ["Observasjoner", "Observasjonar", "Observations"],
            HConversations => ["Samtaler", "Samtalar", "Conversations"],
            HMeasures => ["Tiltak som er prøvd", "Tiltak som er prøvde", "Measures already tried"],
            HLegalBasis => ["Hjemmel", "Heimel", "Legal basis"],
            HFromGuide => ["Veileder", "Rettleiar", "Guide"],
            HRecipient => ["Kommune og bydel", "Kommune og bydel", "Municipality and district"],
            HReporter => ["Om deg som melder", "Om deg som melder", "About you, the reporter"],
            HChild => ["Om barnet", "Om barnet", "About the child"],
            HForesatte => ["Foresatte", "Føresette", "Parents or guardians"],
            HInterpreter => ["Behov for tolk", "Behov for tolk", "Interpreter needed"],
            HOtherServices => ["Andre hjelpeinstanser", "Andre hjelpeinstansar", "Other services involved"],
            HMelding => ["Bekymringen", "Bekymringa", "The concern"],
            HHistorie => ["Historikk", "Historikk", "History"],
            HOtherViews => ["Andre synspunkter", "Andre synspunkt", "Other views"],
            LName => ["Navn", "Namn", "Name"],
            LRole => ["Rolle", "Rolle", "Role"],
            LPhone => ["Telefon", "Telefon", "Phone"],
            LEmail => ["E-post", "E-post", "E-mail"],
            LOrganisation => ["Virksomhet", "Verksemd", "Organisation"],
            LOrgnr => ["Org.nr.", "Org.nr.", "Org. no."],
            LAddress => ["Adresse", "Adresse", "Address"],
            LFnr => ["Fødselsnummer", "Fødselsnummer", "National identity number"],
            LUnborn => ["Ufødt", "Ufødd", "Unborn"],
            LInformed => ["Orientert", "Orientert", "Informed"],
            LReason => ["Grunn", "Grunn", "Reason"],
            LChildWords => ["Barnets egne ord", "Orda til barnet", "The child's own words"],
            LWitnesses => ["Andre som så eller hørte det", "Andre som såg eller høyrde det", "Others who saw or heard it"],
            LDuration => ["Varighet", "Varigheit", "Duration"],
            LResult => ["Resultat", "Resultat", "Result"],
            LWithChild => ["Samtale med barnet", "Samtale med barnet", "Conversation with the child"],
            LWithParents => ["Samtale med foreldrene", "Samtale med foreldra", "Conversation with the parents"],
            LWithOther => ["Samtale med andre", "Samtale med andre", "Conversation with others"],
            LNotHeld => ["Ikke gjennomført", "Ikkje gjennomført", "Not held"],
            LYes => ["Ja", "Ja", "Yes"],
            LNo => ["Nei", "Nei", "No"],
            LNotAnswered => ["Ikke besvart", "Ikkje svara på", "Not answered"],
            LNone => ["Ingen", "Ingen", "None"],
            LMissing => ["(mangler)", "(manglar)", "(missing)"],
            LUntitled => ["Utkast uten navn", "Utkast utan namn", "Untitled draft"],
        }
    }
}

/// Every message, for the completeness test.
#[cfg(test)]
pub(crate) const ALL: &[Msg] = {
    use Msg::*;
    &[
        GuideObserve, GuideChildWords, GuideNotAnonymous, GuideNeverEmail, GuideAcutePhone,
        GuideArchiveThenDelete, DeletedInDays, DeletedInOneDay, DeletedToday,
        WarnDoNotInformParents, ReasonViolenceBypass, PromptWhat, PromptChildWords,
        PromptWitnesses, PromptDuration, NeedKommune, NeedBydel, BadKommunenummer,
        BadBydelsnummer, NeedReporterName, NeedReporterRole, NeedReporterPhone,
        NeedReporterEmail, NeedOrganisation, NeedOrganisationAddress, BadPhone, BadEmail,
        NeedChildName, NeedChildFnr, FnrLength, FnrDate, FnrCheckDigit, NeedChildAddress,
        NeedChildOrientert, NeedChildReason, NeedForesatt, TooManyForesatte, NeedForesattName,
        NeedForesattOrientert, NeedForesattReason, ForesattMustNotBeTold, NeedMelding,
        NeedHistorie, BadDate, BadTime, NeedObservationWhat, NeedChildWordsTime,
        NeedConversationWhyNot, HObservations, HConversations, HMeasures, HLegalBasis,
        HFromGuide, HRecipient, HReporter, HChild, HForesatte, HInterpreter, HOtherServices,
        HMelding, HHistorie, HOtherViews, LName, LRole, LPhone, LEmail, LOrganisation, LOrgnr,
        LAddress, LFnr, LUnborn, LInformed, LReason, LChildWords, LWitnesses, LDuration,
        LResult, LWithChild, LWithParents, LWithOther, LNotHeld, LYes, LNo, LNotAnswered,
        LNone, LMissing, LUntitled,
    ]
};
