// PLATFORM-ONLY: not built here (no Android SDK or Google Maven on these machines).
package no.veiviser.app

import android.content.ActivityNotFoundException
import android.content.Intent
import android.net.Uri
import android.os.Bundle
import android.view.WindowManager
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.lifecycleScope
import no.veiviser.app.state.AppStateHolder
import no.veiviser.app.state.Platform
import no.veiviser.app.state.syncContent
import no.veiviser.app.ui.AppScreen
import no.veiviser.core.Action
import no.veiviser.core.ScreenId
import no.veiviser.core.SyncFailureKind
import no.veiviser.ffi.App
import java.io.File

/**
 * The one activity: the state holder over the app model, the Compose screens over the
 * holder's frames. Calls open the dialler (`ACTION_DIAL`: the user presses call; no
 * CALL_PHONE permission), the state is saved after every event (atomically, under
 * `noBackupFilesDir`), and walk screens are `FLAG_SECURE` (no screenshots, hidden in recents).
 */
class MainActivity : ComponentActivity(), Platform {
    private lateinit var holder: AppStateHolder
    private val application get() = getApplication() as VeiviserApplication

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val saved = application.stateFile.takeIf { it.isFile }?.readText()
        val app = App(application.store, saved)
        holder = AppStateHolder(app::dispatch, this, lifecycleScope)
        setContent {
            val view by holder.view.collectAsStateWithLifecycle()
            LaunchedEffect(view.screenId) { secureWhenWalking(view.screenId) }
            MaterialTheme { AppScreen(view, holder::send) }
        }
    }

    override fun onStart() {
        super.onStart()
        // Back in the foreground: the background sync may have brought content.
        holder.send(Action.Launch)
    }

    private fun secureWhenWalking(screen: ScreenId) {
        if (screen == ScreenId.GUIDE_STEP) {
            window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        } else {
            window.clearFlags(WindowManager.LayoutParams.FLAG_SECURE)
        }
    }

    override fun dial(telUri: String) {
        startActivity(Intent(Intent.ACTION_DIAL, Uri.parse(telUri)))
    }

    override fun openUrl(url: String) {
        try {
            startActivity(Intent(Intent.ACTION_VIEW, Uri.parse(url)))
        } catch (_: ActivityNotFoundException) {
            // No app for the link: nothing to open; the number and text stay on screen.
        }
    }

    override fun persist(json: String) {
        val file = application.stateFile
        val tmp = File(file.parentFile, file.name + ".tmp")
        tmp.writeText(json)
        tmp.renameTo(file)
    }

    override suspend fun sync(): SyncFailureKind? = syncContent(application.store, VeiviserApplication.SERVER_URL)
}
