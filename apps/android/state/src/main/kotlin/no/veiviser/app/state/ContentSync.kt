// Plain Kotlin, no android.*: built and tested on the JVM here (scripts/test-android-jvm.sh)
// through the real veiviser-ffi library, and used unchanged by the Android app (the sync
// effect in the foreground, and the WorkManager worker in the background).
package no.veiviser.app.state

import no.veiviser.core.SyncFailureKind
import no.veiviser.ffi.Veiviser
import no.veiviser.ffi.VeiviserException

/** Why a sync failed, in the app model's terms (what the home screen says in plain words). */
fun syncFailureKind(e: VeiviserException): SyncFailureKind = when (e) {
    is VeiviserException.Offline, is VeiviserException.Backoff -> SyncFailureKind.OFFLINE
    is VeiviserException.SignatureInvalid, is VeiviserException.UntrustedKey,
    is VeiviserException.Rollback, is VeiviserException.SchemaTooNew,
    is VeiviserException.InvalidContent -> SyncFailureKind.REJECTED
    else -> SyncFailureKind.OTHER
}

/** Syncs [store] from [serverUrl]; null on success, else why it failed. Never throws for a
 *  sync failure (the old content stays; the app says so). */
suspend fun syncContent(store: Veiviser, serverUrl: String): SyncFailureKind? = try {
    store.sync(serverUrl, null, null, null)
    null
} catch (e: VeiviserException) {
    syncFailureKind(e)
}
