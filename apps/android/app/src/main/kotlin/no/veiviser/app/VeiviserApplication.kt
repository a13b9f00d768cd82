// PLATFORM-ONLY: not built here (no Android SDK or Google Maven on these machines).
package no.veiviser.app

import android.app.Application
import androidx.work.BackoffPolicy
import androidx.work.Constraints
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.NetworkType
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkManager
import no.veiviser.ffi.OpenOptions
import no.veiviser.ffi.Veiviser
import java.io.File
import java.util.concurrent.TimeUnit

/**
 * Opens the content store once per process (the core allows one instance per folder) under
 * `noBackupFilesDir`, which Android never backs up or transfers, and schedules the periodic
 * content sync with WorkManager (exponential backoff when a sync fails).
 */
class VeiviserApplication : Application() {
    /** The content store, opened on first use. */
    val store: Veiviser by lazy {
        Veiviser.open(File(noBackupFilesDir, "veiviser").path, OpenOptions(trustedKeys(), bundledSnapshot(), null))
    }

    /** Where the app state (ids, language, sector, areas) is kept between runs. */
    val stateFile: File get() = File(noBackupFilesDir, "app-state.json")

    override fun onCreate() {
        super.onCreate()
        val request = PeriodicWorkRequestBuilder<SyncWorker>(12, TimeUnit.HOURS)
            .setConstraints(Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build())
            .setBackoffCriteria(BackoffPolicy.EXPONENTIAL, 30, TimeUnit.MINUTES)
            .build()
        WorkManager.getInstance(this)
            .enqueueUniquePeriodicWork("veiviser-sync", ExistingPeriodicWorkPolicy.KEEP, request)
    }

    /** The keys content must be signed with, built into the app (assets/trusted-keys.toml). */
    private fun trustedKeys(): String = assets.open("trusted-keys.toml").bufferedReader().readText()

    /** The signed first-launch snapshot (assets/demo-snapshot.json). */
    private fun bundledSnapshot(): ByteArray = assets.open("demo-snapshot.json").readBytes()

    companion object {
        /** The municipality's content server (the demo server while testing). */
        const val SERVER_URL = "https://veiviser.example.no"
    }
}
