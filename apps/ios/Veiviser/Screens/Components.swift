// PLATFORM-ONLY: not built here (no Swift compiler on these machines). Screens take only the
// AppView and send only actions (tests/shell_screens.rs checks it).
import SwiftUI

/// Sends an action: what every screen gets besides its view.
typealias Send = (Action) -> Void

/// The acute colour, also used by the HTML rendering (style.css `--acute`).
let acuteColor = Color(red: 0xA1 / 255, green: 0x00, blue: 0x1B / 255)

/// One action as a button: at least 48×48 pt, read by VoiceOver as its accessibility label.
/// A call opens the `tel:` link through the action (the shell opens it; the user presses call).
struct ActionButton: View {
    let action: ActionView
    let send: Send

    var body: some View {
        Button { send(action.action) } label: {
            Text(action.label)
                .fontWeight(action.style == .danger ? .bold : .semibold)
                .frame(maxWidth: .infinity, minHeight: 48, alignment: .leading)
                .padding(.horizontal, 12)
        }
        .buttonStyle(.borderedProminent)
        .tint(action.style == .danger ? acuteColor : (action.style == .primary ? .accentColor : .secondary))
        .accessibilityLabel(Text(action.accessibilityLabel))
        // Voice Control users say what they see: the visible label is an input label too.
        .accessibilityInputLabels([Text(action.label), Text(action.accessibilityLabel)])
        .accessibilityAddTraits(action.selected ? [.isSelected] : [])
    }
}

/// Several actions, one under the other.
struct ActionColumn: View {
    let actions: [ActionView]
    let send: Send

    var body: some View {
        VStack(spacing: 8) {
            ForEach(Array(actions.enumerated()), id: \.offset) { _, a in ActionButton(action: a, send: send) }
        }
    }
}

/// A sentence from the core in a highlighted box.
struct Notice: View {
    let text: String

    var body: some View {
        Text(text)
            .frame(maxWidth: .infinity, alignment: .leading)
            .padding(12)
            .background(Color(red: 1, green: 0.96, blue: 0.84))
    }
}

/// A section heading, marked as a heading for VoiceOver.
struct SectionHeading: View {
    let text: String

    var body: some View {
        Text(text).font(.headline).accessibilityAddTraits(.isHeader).padding(.top, 12)
    }
}

/// 112, 113 and 116 111, one tap each, first on every screen.
struct AcuteBar: View {
    let bar: AcuteBarView
    let send: Send

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Text(bar.heading).font(.headline).foregroundColor(.white).accessibilityAddTraits(.isHeader)
            ViewThatFits {
                HStack { calls }
                VStack { calls }
            }
        }
        .padding(8)
        .background(acuteColor)
    }

    private var calls: some View {
        ForEach(Array(bar.calls.enumerated()), id: \.offset) { _, call in
            Button { send(call.call.action) } label: {
                VStack(alignment: .leading) {
                    Text(call.call.label).font(.title3.bold())
                    Text(call.name).font(.footnote)
                }
                .frame(maxWidth: .infinity, minHeight: 48, alignment: .leading)
                .padding(8)
                .background(Color.white)
                .foregroundColor(acuteColor)
            }
            .accessibilityLabel(Text(call.call.accessibilityLabel))
            .accessibilityInputLabels([Text(call.call.label), Text(call.call.accessibilityLabel)])
        }
    }
}
