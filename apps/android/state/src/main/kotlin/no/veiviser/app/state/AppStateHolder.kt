// Plain Kotlin, no android.*: built and tested on the JVM here (scripts/test-android-jvm.sh)
// through the real veiviser-ffi library, and used unchanged by the Android app.
package no.veiviser.app.state

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import no.veiviser.core.Action
import no.veiviser.core.AppView
import no.veiviser.core.Effect
import no.veiviser.core.Event
import no.veiviser.core.SyncFailureKind
import java.time.Instant

/** The app model as the holder sees it: one event in, one frame out (the generated `App`). */
fun interface Dispatcher {
    /** Handles [event] and returns the frame to show with the effects to perform. */
    fun dispatch(event: Event): AppView
}

/** What only the platform can do: the effects of [Effect], performed as the core asks. */
interface Platform {
    /** Opens the dialler with [telUri] (Android `ACTION_DIAL`); never dials by itself. */
    fun dial(telUri: String)

    /** Opens [url] in the system's app. */
    fun openUrl(url: String)

    /** Saves the app state (replacing the last one), for `App.restore` after process death. */
    fun persist(json: String)

    /** Syncs the content now; returns null on success, else why it failed. */
    suspend fun sync(): SyncFailureKind?
}

/**
 * Between the generated `App` and the screens: the screens read [view] and call [send] with
 * the actions they found on the screen; the holder adds the instant from [clock], dispatches,
 * publishes the new frame and performs its effects in order (a sync in [scope], after which
 * it sends `SyncFinished` or `SyncFailed`). Calls are serialised: one event at a time.
 */
class AppStateHolder(
    private val app: Dispatcher,
    private val platform: Platform,
    private val scope: CoroutineScope,
    private val clock: () -> Instant = Instant::now,
) {
    private val lock = Any()
    private val frames = MutableStateFlow(dispatchLocked(Action.Launch))

    /** The frame to show; screens observe it. */
    val view: StateFlow<AppView> = frames.asStateFlow()

    init {
        perform(frames.value)
    }

    /** Sends [action] (from the screen, or a lifecycle one) and returns the new frame. */
    fun send(action: Action): AppView {
        val next = synchronized(lock) {
            val v = dispatchLocked(action)
            frames.value = v
            v
        }
        perform(next)
        return next
    }

    private fun dispatchLocked(action: Action): AppView = app.dispatch(Event(clock(), action))

    private fun perform(view: AppView) {
        for (effect in view.effects) {
            when (effect) {
                is Effect.Dial -> platform.dial(effect.telUri)
                is Effect.OpenUrl -> platform.openUrl(effect.url)
                is Effect.PersistState -> platform.persist(effect.json)
                is Effect.Sync -> scope.launch {
                    val failure = try {
                        platform.sync()
                    } catch (e: Exception) {
                        SyncFailureKind.OTHER
                    }
                    send(if (failure == null) Action.SyncFinished else Action.SyncFailed(failure))
                }
            }
        }
    }
}
