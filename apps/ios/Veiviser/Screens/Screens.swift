// PLATFORM-ONLY: not built here (no Swift compiler on these machines). Screens take only the
// AppView and send only actions (tests/shell_screens.rs checks it).
import SwiftUI

/// Home: banners, the walk to continue, the guides, the user's area.
struct HomeScreen: View {
    let h: HomeView
    let send: Send

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            ForEach(Array(h.banners.enumerated()), id: \.offset) { _, b in
                Notice(text: b.text)
                if let a = b.action { ActionButton(action: a, send: send) }
            }
            if let resume = h.resume { ActionButton(action: resume, send: send) }
            SectionHeading(text: h.guidesHeading)
            if let empty = h.guidesEmptyText { Text(empty) }
            ForEach(Array(h.guides.enumerated()), id: \.offset) { _, g in
                SectionHeading(text: g.title)
                if let summary = g.summary { Text(summary) }
                if let text = g.unavailableText { Notice(text: text) }
                if let open = g.open { ActionButton(action: open, send: send) }
            }
            Text(h.areaText)
            ActionButton(action: h.areaAction, send: send)
            if let asOf = h.contentAsOfText { Text(asOf).font(.footnote) }
        }
    }
}

/// Contacts: the roles, then the numbers.
struct ContactsScreen: View {
    let c: ContactsScreenView
    let send: Send

    var body: some View {
        VStack(alignment: .leading) {
            ActionColumn(actions: c.roles, send: send)
            NumberList(list: c.numbers, send: send)
        }
    }
}

/// Area: a postcode or place, the matches, the bydel picker; the typed text is sent as is.
struct AreaScreen: View {
    let a: AreaView
    let send: Send
    @State private var query = ""

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Text(a.intro)
            if let current = a.currentText { Text(current) }
            TextField(a.inputLabel, text: $query)
                .textFieldStyle(.roundedBorder)
                .frame(minHeight: 48)
                .submitLabel(.search)
                .onSubmit { send(.searchArea(query: query)) }
                .onAppear { query = a.query }
            if let message = a.message { Notice(text: message) }
            ActionColumn(actions: a.results, send: send)
            if let picker = a.bydelPicker { ChoicePrompt(p: picker, send: send) }
            if let clear = a.clear { ActionButton(action: clear, send: send) }
            ActionButton(action: a.skip, send: send)
        }
    }
}

/// Settings: language, sector, default area, sync.
struct SettingsScreen: View {
    let s: SettingsView
    let send: Send

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            SectionHeading(text: s.languageHeading)
            ActionColumn(actions: s.languages, send: send)
            SectionHeading(text: s.sectorHeading)
            ActionColumn(actions: s.sectors, send: send)
            SectionHeading(text: s.areaHeading)
            Text(s.areaText)
            ActionButton(action: s.areaAction, send: send)
            if let clear = s.areaClear { ActionButton(action: clear, send: send) }
            SectionHeading(text: s.syncHeading)
            ForEach(Array(s.syncLines.enumerated()), id: \.offset) { _, line in Text(line) }
            if let error = s.syncErrorText { Notice(text: error) }
            ActionButton(action: s.syncAction, send: send)
        }
    }
}

/// What's new: changed guides, changed entries for the saved area, mark as read.
struct WhatsNewScreen: View {
    let w: WhatsNewView
    let send: Send

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            if let empty = w.emptyText { Text(empty) }
            if !w.guides.isEmpty { SectionHeading(text: w.guidesHeading); items(w.guides) }
            if !w.entries.isEmpty { SectionHeading(text: w.entriesHeading); items(w.entries) }
            ActionButton(action: w.dismiss, send: send)
        }
    }

    private func items(_ list: [WhatsNewItemView]) -> some View {
        ForEach(Array(list.enumerated()), id: \.offset) { _, item in
            VStack(alignment: .leading, spacing: 4) {
                SectionHeading(text: item.title)
                Text(item.changeText)
                if let summary = item.summary { Text(summary) }
                if let open = item.open { ActionButton(action: open, send: send) }
            }
        }
    }
}

/// About: demo warning, sources, accessibility, privacy, content version.
struct AboutScreen: View {
    let a: AboutView

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            if let warning = a.demoWarning { Notice(text: warning) }
            Text(a.intro)
            SectionHeading(text: a.sourcesHeading)
            ForEach(Array(a.sources.enumerated()), id: \.offset) { _, s in Text(s) }
            SectionHeading(text: a.accessibilityHeading)
            ForEach(Array(a.accessibility.enumerated()), id: \.offset) { _, s in Text(s) }
            SectionHeading(text: a.privacyHeading)
            ForEach(Array(a.privacy.enumerated()), id: \.offset) { _, s in Text(s) }
            Text(a.versionText).font(.footnote)
        }
    }
}
