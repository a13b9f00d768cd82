// PLATFORM-ONLY: not built here (no Swift compiler on these machines). Screens take only the
// AppView and send only actions (tests/shell_screens.rs checks it).
import SwiftUI

/// One frame: the acute bar first, the heading, the screen, the navigation.
struct AppScreen: View {
    let view: AppView
    let send: Send

    var body: some View {
        ScrollView {
            VStack(alignment: .leading, spacing: 12) {
                AcuteBar(bar: view.acuteBar, send: send)
                Text(view.title).font(.title2.bold()).accessibilityAddTraits(.isHeader)
                switch view.screen {
                case .home(let home): HomeScreen(h: home, send: send)
                case .guideStep(let step): StepScreen(s: step, send: send)
                case .contacts(let contacts): ContactsScreen(c: contacts, send: send)
                case .area(let area): AreaScreen(a: area, send: send)
                case .settings(let settings): SettingsScreen(s: settings, send: send)
                case .whatsNew(let whatsNew): WhatsNewScreen(w: whatsNew, send: send)
                case .about(let about): AboutScreen(a: about)
                }
                ActionColumn(actions: view.nav, send: send)
            }
            .padding(12)
        }
        .environment(\.locale, Locale(identifier: view.lang == .en ? "en" : (view.lang == .nn ? "nn" : "nb")))
    }
}
