// The state holder on the JVM through the real veiviser-ffi library (generated Kotlin + JNA)
// and a real veiviser-server on loopback. Run by scripts/test-android-jvm.sh; no JUnit (Maven
// Central is not reachable here): `check` is always on, failures are counted, exit 1 on any.
// With VEIVISER_KOTLIN_INJECT_FAILURE=1 a deliberately failing test is added, so the script
// can prove that a failing check fails the run.
package no.veiviser.app.state

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import no.veiviser.core.Action
import no.veiviser.core.AppView
import no.veiviser.core.AreaPurpose
import no.veiviser.core.BannerKind
import no.veiviser.core.GuideStepView
import no.veiviser.core.Screen
import no.veiviser.core.ScreenId
import no.veiviser.core.SyncFailureKind
import no.veiviser.ffi.App
import no.veiviser.ffi.OpenOptions
import no.veiviser.ffi.Veiviser
import java.io.File
import java.nio.file.Files
import java.time.Instant
import java.util.concurrent.TimeUnit
import kotlin.system.exitProcess

val REPO = File(System.getenv("VEIVISER_REPO") ?: ".").absoluteFile
val SERVER_BIN = File(System.getenv("VEIVISER_SERVER_BIN") ?: "$REPO/target/debug/veiviser-server")
val TRUSTED_KEYS = File(REPO, "server/content/keys/DEMO-ONLY-trusted-keys.toml").readText()
val BUNDLED = File(REPO, "apps/cli/assets/demo-snapshot.json").readBytes()

/** Wednesday 2 December 2026 at 10:00 and 03:00 in Norway (UTC+1). */
val WED_10: Instant = Instant.parse("2026-12-02T09:00:00Z")
val WED_03: Instant = Instant.parse("2026-12-02T02:00:00Z")

class TestFailure(message: String) : Exception(message)

/** The effects the holder asked the platform for, in order. */
class RecordingPlatform(private val syncResult: suspend () -> SyncFailureKind? = { null }) : Platform {
    val dialled = mutableListOf<String>()
    val opened = mutableListOf<String>()
    val persisted = mutableListOf<String>()
    var syncs = 0
    override fun dial(telUri: String) { dialled += telUri }
    override fun openUrl(url: String) { opened += url }
    override fun persist(json: String) { persisted += json }
    override suspend fun sync(): SyncFailureKind? { syncs += 1; return syncResult() }
}

/** A device: a store folder, the app over it, the holder over the app. Closing frees them all. */
class Device(
    val dir: File = Files.createTempDirectory("veiviser-state").toFile(),
    saved: String? = null,
    clock: () -> Instant = { WED_10 },
    platformFor: (Veiviser) -> RecordingPlatform = { RecordingPlatform() },
) : AutoCloseable {
    val store: Veiviser = Veiviser.open(dir.path, OpenOptions(TRUSTED_KEYS, BUNDLED, null))
    val app = App(store, saved)
    val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    val platform = platformFor(store)
    val holder = AppStateHolder(app::dispatch, platform, scope, clock)

    override fun close() {
        scope.cancel()
        app.close()
        store.close()
    }
}

fun AppView.step(): GuideStepView =
    (screen as? Screen.GuideStep)?.step ?: throw TestFailure("expected a guide step, got $screenId")

/** Sends the action of the first answer/choice whose label contains [label]. */
fun Device.choose(label: String): AppView {
    val v = holder.view.value
    val actions = when (val s = v.screen) {
        is Screen.GuideStep -> s.step.options + (s.step.sectorPrompt?.choices ?: emptyList())
        is Screen.Area -> s.area.results + (s.area.bydelPicker?.choices ?: emptyList())
        is Screen.Home -> s.home.guides.mapNotNull { it.open }
        else -> emptyList()
    }
    val a = actions.firstOrNull { it.label.contains(label, ignoreCase = true) }
        ?: throw TestFailure("no choice '$label' on ${v.screenId}: ${actions.map { it.label }}")
    return holder.send(a.action)
}

/** Chooses Oslo 0582, bydel Bjerke, as the user's own area (from the home screen). */
fun Device.chooseBjerke() {
    holder.send(Action.OpenArea(AreaPurpose.DEFAULT))
    val area = holder.send(Action.SearchArea("0582"))
    val picker = (area.screen as Screen.Area).area.bydelPicker
        ?: throw TestFailure("0582 shows no bydel picker")
    check(picker.choices.any { it.label.contains("Alna") }) { "0582's picker lacks Alna: ${picker.choices.map { it.label }}" }
    choose("Bjerke")
}

/** Walks "Fra bekymring til handling" to the violence/abuse step: not acute, child disclosed. */
fun Device.walkToViolenceStep(): GuideStepView {
    holder.send(Action.OpenGuide("fra-bekymring-til-handling"))
    var v = holder.view.value
    for (i in 0 until 10) {
        val s = v.step()
        if (s.step.id == "A2") return s
        v = when {
            s.sectorPrompt != null -> choose("Barnehage")
            s.step.id == "Q1" -> holder.send(s.options.first { (it.action as Action.Answer).optionId == "nei" }.action)
            s.step.id == "Q2" -> holder.send(s.options.first { (it.action as Action.Answer).optionId == "ja" }.action)
            s.continueAction != null -> holder.send(s.continueAction!!.action)
            else -> throw TestFailure("stuck at step ${s.step.id}")
        }
    }
    throw TestFailure("did not reach A2")
}

val tests = linkedMapOf<String, () -> Unit>(
    "first launch offline shows 112, 113 and 116 111 before anything else" to {
        Device().use { d ->
            val v = d.holder.view.value
            check(v.screenId == ScreenId.HOME) { "first frame is ${v.screenId}" }
            check(v.acuteBar.calls.map { it.number } == listOf("112", "113", "116 111")) { "acute bar: ${v.acuteBar.calls.map { it.number }}" }
            check(v.acuteBar.calls.map { it.telUri } == listOf("tel:112", "tel:113", "tel:116111")) { "tel: ${v.acuteBar.calls.map { it.telUri }}" }
            val home = (v.screen as Screen.Home).home
            check(home.guides.size >= 5) { "guides: ${home.guides.size}" }
            check(d.platform.persisted.size == 1) { "the first frame was persisted ${d.platform.persisted.size} times" }
            check(d.platform.syncs == 0 && d.platform.dialled.isEmpty()) { "the first frame did something" }
        }
    },
    "a call goes to the dialler with the digits, never dials by itself" to {
        Device().use { d ->
            d.holder.send(d.holder.view.value.acuteBar.calls[0].call.action)
            check(d.platform.dialled == listOf("tel:112")) { "dialled ${d.platform.dialled}" }
            check(d.holder.view.value.screenId == ScreenId.HOME) { "a call changed the screen" }
        }
    },
    "0582 Bjerke at 10:00 on a weekday: the violence step's numbers, each with a call" to {
        Device().use { d ->
            d.chooseBjerke()
            val s = d.walkToViolenceStep()
            val byUri = s.numbers.entries.filter { it.call != null }.associateBy { it.telUri }
            for (uri in listOf("tel:02800", "tel:22705650", "tel:116111")) {
                val e = byUri[uri] ?: throw TestFailure("no call to $uri: ${s.numbers.entries.map { it.title to it.telUri }}")
                check((e.call!!.action as Action.Call).telUri == uri) { "$uri's button calls ${e.call!!.action}" }
                check(e.call!!.accessibilityLabel.contains(e.title)) { "the $uri label does not name ${e.title}: ${e.call!!.accessibilityLabel}" }
            }
            val bydel = s.numbers.entries.firstOrNull { it.title.contains("Bjerke") }
                ?: throw TestFailure("no entry for bydel Bjerke: ${s.numbers.entries.map { it.title }}")
            check(bydel.noteText != null) { "Bjerke's barneverntjeneste has no note" }
            check(s.numbers.hasArea) { "the list is not for the chosen area" }
        }
    },
    "the walk survives process death: close everything, reopen, same step" to {
        val dir: File
        val saved: String
        Device().use { d ->
            d.chooseBjerke()
            d.walkToViolenceStep()
            dir = d.dir
            saved = d.platform.persisted.last()
        }
        Device(dir, saved).use { d ->
            val v = d.holder.view.value
            check(v.step().step.id == "A2") { "after reopening: ${v.screenId}" }
            check(v.step().numbers.entries.any { it.telUri == "tel:22705650" }) { "the reopened step lost its area" }
        }
    },
    "at 03:00 the after-hours service comes first for barnevern" to {
        Device(clock = { WED_03 }).use { d ->
            d.chooseBjerke()
            val v = d.holder.send(Action.OpenContacts(no.veiviser.core.ContactRole.BARNEVERN))
            val first = (v.screen as Screen.Contacts).contacts.numbers.entries.first()
            check(first.title.contains("Barnevernvakt")) { "first at 03:00: ${first.title}" }
        }
    },
    "2000 resolves to Lillestrøm: no Oslo service, the no-verified-local-entry notice" to {
        Device().use { d ->
            d.holder.send(Action.OpenArea(AreaPurpose.DEFAULT))
            val home = (d.holder.send(Action.SearchArea("2000")).screen as? Screen.Home)?.home
                ?: throw TestFailure("a postcode was not chosen at once")
            check(home.areaText.contains("Lillestrøm")) { "area: ${home.areaText}" }
            val v = d.holder.send(Action.OpenContacts(no.veiviser.core.ContactRole.BARNEVERN))
            val numbers = (v.screen as Screen.Contacts).contacts.numbers
            check(numbers.entries.none { it.serviceId.contains("oslo") }) { "an Oslo service for 2000: ${numbers.entries.map { it.serviceId }}" }
            check(numbers.notices.any { it.code == no.veiviser.core.NoticeCode.NO_VERIFIED_LOCAL_ENTRY }) { "notices: ${numbers.notices.map { it.code }}" }
        }
    },
    "the sync effect runs against a real server and the frame shows the result" to {
        val serverData = Files.createTempDirectory("veiviser-state-server").toFile()
        Server(serverData).use { server ->
            Device(platformFor = { store -> RecordingPlatform { syncContent(store, server.url) } }).use { d ->
                val before = (d.holder.send(Action.OpenSettings).screen as Screen.Settings).settings
                val n = d.platform.persisted.size
                d.holder.send(Action.SyncNow)
                // SyncNow, then the SyncFinished the holder sends after the sync: two frames saved.
                waitFor("SyncFinished") { d.platform.persisted.size >= n + 2 }
                check(d.platform.syncs == 1) { "${d.platform.syncs} syncs" }
                val after = (d.holder.view.value.screen as Screen.Settings).settings
                check(after.syncErrorText == null) { "sync error after a good sync: ${after.syncErrorText}" }
                check(after.syncLines != before.syncLines) { "the settings do not show the sync: ${after.syncLines}" }
            }
        }
    },
    "an offline sync is reported in plain words" to {
        Device(platformFor = { store -> RecordingPlatform { syncContent(store, "http://127.0.0.1:9") } }).use { d ->
            val n = d.platform.persisted.size
            d.holder.send(Action.SyncNow)
            waitFor("SyncFailed") { d.platform.persisted.size >= n + 2 }
            val home = (d.holder.send(Action.GoHome).screen as Screen.Home).home
            val banner = home.banners.firstOrNull { it.kind == BannerKind.SYNC_ERROR }
                ?: throw TestFailure("no sync-error banner: ${home.banners.map { it.kind }}")
            check(banner.text.isNotBlank()) { "empty sync-error banner" }
        }
    },
)

/** Waits up to 30 s for [cond]. */
fun waitFor(what: String, cond: () -> Boolean) {
    val deadline = System.nanoTime() + 30_000_000_000L
    while (System.nanoTime() < deadline) {
        if (cond()) return
        Thread.sleep(50)
    }
    throw TestFailure("timed out waiting for $what")
}

/** The real server on a loopback port (`serve --demo`). */
class Server(data: File) : AutoCloseable {
    private val process: Process
    val url: String

    init {
        require(SERVER_BIN.isFile) { "$SERVER_BIN not found: build veiviser-server or set VEIVISER_SERVER_BIN" }
        process = ProcessBuilder(SERVER_BIN.path, "serve", "--demo", "--data", data.path, "--listen", "127.0.0.1:0")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start()
        val first = process.inputStream.bufferedReader().readLine() ?: ""
        check(first.startsWith("listening on http://")) { "veiviser-server did not start: '$first'" }
        url = first.removePrefix("listening on ")
    }

    override fun close() {
        process.destroy()
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor()
    }
}

fun main() {
    if (System.getenv("VEIVISER_KOTLIN_INJECT_FAILURE") == "1") {
        tests["INJECTED"] = { check(false) { "a deliberately failing check" } }
    }
    var failed = 0
    for ((name, test) in tests) {
        try {
            test()
            println("ok    $name")
        } catch (e: Throwable) {
            failed += 1
            println("FAIL  $name: ${e::class.simpleName}: ${e.message}")
        }
    }
    println("${tests.size - failed} passed, $failed failed")
    exitProcess(if (failed == 0) 0 else 1)
}
