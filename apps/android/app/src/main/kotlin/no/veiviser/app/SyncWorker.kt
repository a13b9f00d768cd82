// PLATFORM-ONLY: not built here (no Android SDK or Google Maven on these machines).
package no.veiviser.app

import android.content.Context
import androidx.work.CoroutineWorker
import androidx.work.WorkerParameters
import no.veiviser.app.state.syncContent
import no.veiviser.core.SyncFailureKind

/**
 * The periodic background sync. A failure the network may fix is retried with WorkManager's
 * exponential backoff; refused content is not retried (the old content stays and the app
 * says so on its next frame). The app model re-reads the store on its next `Launch`.
 */
class SyncWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        val app = applicationContext as VeiviserApplication
        return when (syncContent(app.store, VeiviserApplication.SERVER_URL)) {
            null -> Result.success()
            SyncFailureKind.OFFLINE, SyncFailureKind.OTHER -> Result.retry()
            SyncFailureKind.REJECTED -> Result.failure()
        }
    }
}
