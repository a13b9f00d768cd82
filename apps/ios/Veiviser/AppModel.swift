// PLATFORM-ONLY: not built here (no Swift compiler on these machines). The Swift counterpart of
// the Android app's plain-Kotlin AppStateHolder (which is tested on the JVM here).
import Foundation
import SwiftUI
import UIKit

/// Between the generated `App` and the screens: the screens read `view` and call `send` with
/// the actions they found on the screen; the model adds the instant, dispatches, publishes the
/// frame and performs its effects in order (a `tel:` call opens the phone app's call sheet,
/// never dials by itself; the state is saved after every event; a sync reports back).
@MainActor
final class AppModel: ObservableObject {
    @Published private(set) var view: AppView
    private let app: App
    private let store: Veiviser
    private let stateFile: URL

    init(store: Veiviser, stateFile: URL) throws {
        self.store = store
        self.stateFile = stateFile
        let saved = try? String(contentsOf: stateFile, encoding: .utf8)
        app = try App(store: store, savedState: saved)
        view = try app.dispatch(event: Event(now: Date(), action: .launch))
        perform(view.effects)
    }

    /// Sends `action` (from a screen, or a lifecycle one).
    func send(_ action: Action) {
        do {
            view = try app.dispatch(event: Event(now: Date(), action: action))
            perform(view.effects)
        } catch {
            // The app model fails only on a storage error re-reading the store after a sync:
            // keep showing the last frame (its acute bar is always there).
        }
    }

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .dial(let telUri), .openUrl(let telUri):
                if let url = URL(string: telUri) { UIApplication.shared.open(url) }
            case .persistState(let json):
                try? json.write(to: stateFile, atomically: true, encoding: .utf8)
            case .sync:
                Task { await syncNow() }
            }
        }
    }

    /// Syncs the store, then tells the app model how it went.
    func syncNow() async {
        let failure = await ContentSync.sync(store: store)
        send(failure.map { .syncFailed(kind: $0) } ?? .syncFinished)
    }
}
