// PLATFORM-ONLY: not built here (no Swift compiler on these machines).
import BackgroundTasks
import SwiftUI

/// The app: opens the store in Application Support, excluded from backup
/// (`isExcludedFromBackup`), shows the screens over the app model, and syncs in the background
/// with `BGAppRefreshTask` (identifier in Info.plist).
@main
struct VeiviserApp: SwiftUI.App {
    static let refreshTask = "no.veiviser.app.sync"
    @Environment(\.scenePhase) private var scenePhase
    @StateObject private var model: AppModel

    init() {
        let store = Storage.openStore()
        _model = StateObject(wrappedValue: try! AppModel(store: store, stateFile: Storage.stateFile))
        BGTaskScheduler.shared.register(forTaskWithIdentifier: Self.refreshTask, using: nil) { task in
            Self.handleRefresh(task as! BGAppRefreshTask, store: store)
        }
    }

    var body: some Scene {
        WindowGroup {
            AppScreen(view: model.view, send: model.send)
        }
        .onChange(of: scenePhase) { phase in
            if phase == .active { model.send(.launch) }
            if phase == .background { Self.scheduleRefresh() }
        }
    }

    /// Asks for the next background refresh (iOS decides when; at most every 12 hours here).
    static func scheduleRefresh() {
        let request = BGAppRefreshTaskRequest(identifier: refreshTask)
        request.earliestBeginDate = Date(timeIntervalSinceNow: 12 * 3600)
        try? BGTaskScheduler.shared.submit(request)
    }

    private static func handleRefresh(_ task: BGAppRefreshTask, store: Veiviser) {
        scheduleRefresh()
        let work = Task {
            let failure = await ContentSync.sync(store: store)
            task.setTaskCompleted(success: failure == nil)
        }
        task.expirationHandler = { work.cancel() }
    }
}

/// Where the app keeps its files: Application Support, never backed up.
enum Storage {
    static var folder: URL {
        var dir = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
            .appendingPathComponent("veiviser", isDirectory: true)
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try? dir.setResourceValues(values)
        return dir
    }

    /// The app state (ids, language, sector, areas) between runs.
    static var stateFile: URL { folder.appendingPathComponent("app-state.json") }

    /// The content store, with the keys and snapshot built into the app.
    static func openStore() -> Veiviser {
        let bundle = Bundle.main
        let keys = try! String(contentsOf: bundle.url(forResource: "trusted-keys", withExtension: "toml")!, encoding: .utf8)
        let snapshot = bundle.url(forResource: "demo-snapshot", withExtension: "json").flatMap { try? Data(contentsOf: $0) }
        return try! Veiviser.open(
            dataDir: folder.appendingPathComponent("store").path,
            options: OpenOptions(trustedKeys: keys, bundledSnapshot: snapshot, maxContentAgeDays: nil))
    }
}
