// PLATFORM-ONLY: not built here (no Swift compiler on these machines).
import Foundation

/// The content sync, for the sync effect and the background refresh task.
enum ContentSync {
    /// The municipality's content server (the demo server while testing).
    static let serverUrl = "https://veiviser.example.no"

    /// Syncs `store`; nil on success, else why it failed (the old content stays).
    static func sync(store: Veiviser) async -> SyncFailureKind? {
        do {
            _ = try await store.sync(serverUrl: serverUrl, transport: nil, listener: nil, cancel: nil)
            return nil
        } catch VeiviserError.Offline, VeiviserError.Backoff {
            return .offline
        } catch VeiviserError.SignatureInvalid, VeiviserError.UntrustedKey, VeiviserError.Rollback,
            VeiviserError.SchemaTooNew, VeiviserError.InvalidContent {
            return .rejected
        } catch {
            return .other
        }
    }
}
