// The Kotlin/JVM binding suite: the generated Kotlin + JNA, called the way the Android app
// will, against a real veiviser-server on loopback. Run by scripts/test-bindings.sh.
//
// Kotlin's `assert` is disabled on the JVM by default, so every check uses `check`/`require`
// (always on) or `expectThrows`; each test runs in isolation, failures are counted, and the
// program exits 1 if any failed. With VEIVISER_KOTLIN_INJECT_FAILURE=1 one deliberately
// failing test is added, so CI can prove that a failing check makes the program exit non-zero.
//
// Environment: VEIVISER_REPO (the repo root), VEIVISER_SERVER_BIN (the server binary),
// VEIVISER_CLI_BIN (the `veiviser` CLI, for the check that the contacts screen is the same object).

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import no.veiviser.core.*
import no.veiviser.ffi.*
import java.io.File
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpResponse as JdkHttpResponse
import java.nio.file.Files
import java.time.Instant
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.system.exitProcess

val REPO = File(System.getenv("VEIVISER_REPO") ?: ".").absoluteFile
val SERVER_BIN = File(System.getenv("VEIVISER_SERVER_BIN") ?: "$REPO/target/debug/veiviser-server")
val CLI_BIN = File(System.getenv("VEIVISER_CLI_BIN") ?: "$REPO/target/debug/veiviser")
val DEMO_GUIDE = File(REPO, "server/content/guides/fra-bekymring-til-handling.toml")
val TRUSTED_KEYS_FILE = File(REPO, "server/content/keys/DEMO-ONLY-trusted-keys.toml")
val TRUSTED_KEYS = TRUSTED_KEYS_FILE.readText()
const val GUIDE_ID = "fra-bekymring-til-handling"
const val SYNC_TIMEOUT_MS = 60_000L

// ---------------------------------------------------------------------------------------------
// The staff app: fixed instants, and the moves a user makes.

/** Wednesday 2 December 2026 at 10:00 and 03:00 in Oslo (CET, UTC+1). */
val WEDNESDAY_10: Instant = Instant.parse("2026-12-02T09:00:00Z")
val WEDNESDAY_03: Instant = Instant.parse("2026-12-02T02:00:00Z")
const val VIOLENCE = "mistanke-om-vold-og-overgrep"

/** The state the shell must save: every frame's last effect. */
fun persisted(view: AppView): String = (view.effects.last() as Effect.PersistState).json

fun numbersOf(view: AppView): NumberListView = when (val s = view.screen) {
    is Screen.GuideStep -> s.step.numbers
    is Screen.Contacts -> s.contacts.numbers
    else -> throw TestFailure("no numbers on ${view.screenId}")
}

/** Opens the violence/abuse guide and answers like a user who is unsure: step A-ANONYM. */
fun walkToViolenceStep(app: App): AppView {
    app.dispatch(Event(WEDNESDAY_10, Action.OpenGuide(VIOLENCE)))
    app.dispatch(Event(WEDNESDAY_10, Action.Next))
    app.dispatch(Event(WEDNESDAY_10, Action.Answer("nei")))
    app.dispatch(Event(WEDNESDAY_10, Action.Next))
    val view = app.dispatch(Event(WEDNESDAY_10, Action.Answer("usikker")))
    check((view.screen as Screen.GuideStep).step.step.id == "A-ANONYM")
    return view
}

/** Types 0582 on the area screen and picks Bjerke from the bydel picker. */
fun chooseBjerke(app: App, purpose: AreaPurpose): AppView {
    app.dispatch(Event(WEDNESDAY_10, Action.OpenArea(purpose)))
    val area = (app.dispatch(Event(WEDNESDAY_10, Action.SearchArea("0582"))).screen as Screen.Area).area
    val picker = area.bydelPicker ?: throw TestFailure("0582 spans several bydeler: no picker")
    check(picker.choices.size >= 2) { "${picker.choices}" }
    return app.dispatch(Event(WEDNESDAY_10, picker.choices.single { it.label == "Bjerke" }.action))
}

// ---------------------------------------------------------------------------------------------
// A tiny test harness (no JUnit: Maven Central is not reachable from CI machines).

class TestFailure(message: String) : Exception(message)

inline fun <reified E : Throwable> expectThrows(what: String, block: () -> Unit): E {
    try {
        block()
    } catch (e: Throwable) {
        if (e is E) return e
        throw TestFailure("$what: expected ${E::class.simpleName}, got ${e::class.qualifiedName}: ${e.message}")
    }
    throw TestFailure("$what: expected ${E::class.simpleName}, nothing was thrown")
}

fun tempDir(name: String): File = Files.createTempDirectory("veiviser-kt-$name").toFile()

fun runCommand(vararg args: String) {
    val p = ProcessBuilder(*args).directory(REPO).redirectErrorStream(true).start()
    val out = p.inputStream.bufferedReader().readText()
    check(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) { "${args.joinToString(" ")} failed: $out" }
}

/** Runs the `veiviser` CLI and returns its standard output. */
fun runCli(vararg args: String): String {
    require(CLI_BIN.isFile) { "$CLI_BIN not found: build veiviser or set VEIVISER_CLI_BIN" }
    val p = ProcessBuilder(CLI_BIN.path, *args).directory(REPO).redirectError(ProcessBuilder.Redirect.DISCARD).start()
    val out = p.inputStream.bufferedReader().readText()
    check(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) { "veiviser ${args.joinToString(" ")} failed" }
    return out
}

// ---------------------------------------------------------------------------------------------
// The same object in JSON and in Kotlin: a small JSON reader, a record-to-JSON-value conversion
// (field names back to the Rust snake_case names, enums to their serde ids) and a comparison
// that lists every difference with its path.

/** Reads one JSON document into maps, lists, strings, longs, doubles, booleans and nulls. */
class JsonReader(private val s: String) {
    private var i = 0
    fun document(): Any? = value().also { ws(); check(i == s.length) { "trailing JSON at $i" } }
    private fun ws() { while (i < s.length && s[i].isWhitespace()) i++ }
    private fun expect(c: Char) { ws(); check(i < s.length && s[i] == c) { "expected '$c' at $i" }; i++ }
    private fun peek(): Char { ws(); return s[i] }
    private fun value(): Any? = when (peek()) {
        '{' -> obj()
        '[' -> list()
        '"' -> string()
        't' -> literal("true", true)
        'f' -> literal("false", false)
        'n' -> literal("null", null)
        else -> number()
    }
    private fun literal(word: String, v: Any?): Any? { check(s.startsWith(word, i)) { "bad literal at $i" }; i += word.length; return v }
    private fun obj(): Map<String, Any?> {
        expect('{')
        val m = LinkedHashMap<String, Any?>()
        if (peek() == '}') { i++; return m }
        while (true) {
            ws(); val k = string(); expect(':'); m[k] = value()
            if (peek() == ',') { i++ } else { expect('}'); return m }
        }
    }
    private fun list(): List<Any?> {
        expect('[')
        val l = mutableListOf<Any?>()
        if (peek() == ']') { i++; return l }
        while (true) {
            l.add(value())
            if (peek() == ',') { i++ } else { expect(']'); return l }
        }
    }
    private fun string(): String {
        expect('"')
        val b = StringBuilder()
        while (true) {
            val c = s[i++]
            when (c) {
                '"' -> return b.toString()
                '\\' -> when (val e = s[i++]) {
                    'n' -> b.append('\n'); 't' -> b.append('\t'); 'r' -> b.append('\r')
                    'b' -> b.append('\b'); 'f' -> b.append('\u000c')
                    'u' -> { b.append(s.substring(i, i + 4).toInt(16).toChar()); i += 4 }
                    else -> b.append(e)
                }
                else -> b.append(c)
            }
        }
    }
    private fun number(): Any {
        val start = i
        while (i < s.length && (s[i].isDigit() || s[i] in "+-.eE")) i++
        val t = s.substring(start, i)
        return t.toLongOrNull() ?: t.toDouble()
    }
}

/** Enums whose serde id is not their variant name in lower case. */
val SERDE_IDS = mapOf("PostcodeCategory" to mapOf("STREET" to "G", "POST_BOX" to "P", "BOTH" to "B", "SERVICE" to "S", "SEVERAL" to "F"))

fun snakeCase(name: String): String = name.replace(Regex("([A-Z])")) { "_" + it.value.lowercase() }

/** A generated record as the JSON value serde writes for the Rust type. */
fun plain(value: Any?): Any? = when (value) {
    null, is String, is Boolean -> value
    is Number -> value.toLong()
    is UInt -> value.toLong()
    is ULong -> value.toLong()
    is Enum<*> -> SERDE_IDS[value.javaClass.simpleName]?.get(value.name) ?: value.name.lowercase()
    is List<*> -> value.map { plain(it) }
    else -> value.javaClass.declaredFields
        .filter { !java.lang.reflect.Modifier.isStatic(it.modifiers) }
        .associate { f -> f.isAccessible = true; snakeCase(f.name) to plain(f.get(value)) }
}

/** Every difference between the CLI's JSON and the binding's record; a key serde skips (absent) must be null. */
fun differences(cli: Any?, binding: Any?, path: String = ""): List<String> = when {
    cli is Map<*, *> && binding is Map<*, *> -> (cli.keys + binding.keys).map { it as String }.sorted().flatMap { k ->
        val where = if (path.isEmpty()) k else "$path.$k"
        when {
            k !in binding -> listOf("$where: only in the CLI's JSON")
            k !in cli -> if (binding[k] == null) emptyList() else listOf("$where: only in the binding (${binding[k]})")
            else -> differences(cli[k], binding[k], where)
        }
    }
    cli is List<*> && binding is List<*> ->
        if (cli.size != binding.size) listOf("$path: ${cli.size} items in the CLI's JSON, ${binding.size} in the binding")
        else cli.indices.flatMap { differences(cli[it], binding[it], "$path[$it]") }
    cli == binding -> emptyList()
    else -> listOf("$path: CLI $cli != binding $binding")
}

// ---------------------------------------------------------------------------------------------
// The real server on a loopback port.

class Server(val data: File, vararg extra: String) : AutoCloseable {
    private val process: Process
    val url: String

    init {
        require(SERVER_BIN.isFile) { "$SERVER_BIN not found: build veiviser-server or set VEIVISER_SERVER_BIN" }
        process = ProcessBuilder(
            SERVER_BIN.path, "serve", "--demo", "--data", data.path, "--listen", "127.0.0.1:0",
            "--rescan-secs", "1", *extra,
        ).redirectError(ProcessBuilder.Redirect.DISCARD).start()
        val first = process.inputStream.bufferedReader().readLine() ?: ""
        check(first.startsWith("listening on http://")) { "veiviser-server did not start: '$first'" }
        url = first.removePrefix("listening on ")
    }

    fun latestSequence(): Long {
        val resp = HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(URI.create("$url/v1/latest")).build(),
            JdkHttpResponse.BodyHandlers.ofString(),
        )
        return Regex("^\\{\"sequence\":(\\d+)").find(resp.body())!!.groupValues[1].toLong()
    }

    /** Publishes files with `veiviser-server import` and waits until the server serves them. */
    fun publish(vararg files: File) {
        val before = latestSequence()
        runCommand(SERVER_BIN.path, "import", "--data", data.path, "--demo", "--actor", "binding-tests",
            *files.map { it.path }.toTypedArray())
        val deadline = System.nanoTime() + 20_000_000_000L
        while (System.nanoTime() < deadline) {
            if (latestSequence() > before) return
            Thread.sleep(200)
        }
        throw TestFailure("the server did not pick up the imported content within 20 s")
    }

    override fun close() {
        process.destroy()
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor()
    }
}

/** The demo guide with a new revision and an edited title (same steps, so sessions replay). */
fun editedGuide(revision: Int): File {
    val text = DEMO_GUIDE.readText()
    check("\nrevision = 1\n" in text)
    val edited = text.replaceFirst("\nrevision = 1\n", "\nrevision = $revision\n")
        .replaceFirst("\"Jeg er bekymret\"", "\"Jeg er bekymret (revidert)\"")
    val out = File(tempDir("guide-r$revision"), DEMO_GUIDE.name)
    out.writeText(edited)
    return out
}

fun openStore(dir: File, bundled: ByteArray? = null, maxAgeDays: UInt? = null): Veiviser =
    Veiviser.open(dir.path, OpenOptions(trustedKeys = TRUSTED_KEYS, bundledSnapshot = bundled, maxContentAgeDays = maxAgeDays))

fun syncNow(store: Veiviser, url: String, transport: HttpTransport? = null, listener: SyncListener? = null,
            cancel: CancelHandle? = null): SyncReport =
    runBlocking { withTimeout(SYNC_TIMEOUT_MS) { store.sync(url, transport, listener, cancel) } }

fun sequences(store: Veiviser): Map<ContentCollection, ULong> = store.contentAsOf().associate { it.collection to it.sequence }

fun guideRevision(store: Veiviser): UInt = store.listGuides(Lang.NB).guides.single { it.id == GUIDE_ID }.revision!!

// ---------------------------------------------------------------------------------------------
// Listeners and transports an app would write.

class Recorder : SyncListener {
    val events = java.util.Collections.synchronizedList(mutableListOf<SyncProgress>())
    val threads = java.util.Collections.synchronizedSet(mutableSetOf<String>())
    override fun onProgress(progress: SyncProgress) {
        events.add(progress)
        threads.add(Thread.currentThread().name)
    }
    fun stages(): List<SyncStage> = events.map { it.stage }
}

/** The app's own network stack (java.net.http), used instead of the built-in client. */
open class JdkTransport : HttpTransport {
    val urls = java.util.Collections.synchronizedList(mutableListOf<String>())
    private val client = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build()

    override fun send(request: HttpRequest): HttpResponse {
        urls.add(request.url)
        val builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url)).GET()
        request.headers.forEach { builder.header(it.name, it.value) }
        val resp = try {
            client.send(builder.build(), JdkHttpResponse.BodyHandlers.ofByteArray())
        } catch (e: java.io.IOException) {
            throw VeiviserException.Offline("${request.url}: $e")
        }
        val headers = resp.headers().map().flatMap { (k, vs) -> vs.map { HttpHeader(k, it) } }
        return HttpResponse(resp.statusCode().toUShort(), headers, resp.body(), resp.body().size.toULong())
    }
}

/** A test proxy: forwards through the built-in transport, flips one byte in a guide record. */
class TamperingProxy : HttpTransport {
    private val inner = defaultTransport()
    val tampered = AtomicInteger()
    override fun send(request: HttpRequest): HttpResponse {
        val resp = inner.send(request)
        if ("/collections/guides/changeset" !in request.url || resp.status.toInt() != 200) return resp
        val body = resp.body.copyOf()
        val at = String(body, Charsets.ISO_8859_1).indexOf("bekymret")
        check(at > 0) { "expected guide text in the changeset" }
        body[at] = (body[at].toInt() xor 0x20).toByte()
        tampered.incrementAndGet()
        return resp.copy(body = body)
    }
}

/** A test proxy that records responses and can replay them later (a replay attack). */
class ReplayProxy : HttpTransport {
    private val inner = defaultTransport()
    private val recorded = java.util.concurrent.ConcurrentHashMap<String, HttpResponse>()
    @Volatile var replaying = false
    override fun send(request: HttpRequest): HttpResponse {
        val path = request.url.substringBefore('?').substringAfter("/v1/")
        if (replaying) return recorded.getValue(path)
        return inner.send(request).also { recorded[path] = it }
    }
}

// ---------------------------------------------------------------------------------------------
// The tests.

val tests = linkedMapOf<String, () -> Unit>()
fun test(name: String, body: () -> Unit) { tests[name] = body }

fun defineTests() {
    test("client version is the core feature level") {
        check(clientVersion() == 2u) { "clientVersion ${clientVersion()}" }
    }

    test("first sync reports progress and content as of, then not modified") {
        Server(tempDir("srv")).use { server ->
            openStore(tempDir("dev")).use { store ->
                check(store.contentAsOf().isEmpty() && store.notices().isEmpty())
                val rec = Recorder()
                val report = syncNow(store, server.url, listener = rec)
                check(report.server == server.url && !report.pollNotModified)
                check(report.collections.map { it.outcome } == listOf(SyncOutcome.FULL, SyncOutcome.FULL, SyncOutcome.FULL)) { "$report" }
                check(report.requests == 4u && report.wireBytes > 0u && report.needsUpdate.isEmpty())
                val distinct = rec.stages().filterIndexed { i, s -> i == 0 || rec.stages()[i - 1] != s }
                check(distinct == listOf(SyncStage.POLLING, SyncStage.FETCHING, SyncStage.STAGING,
                    SyncStage.VERIFYING, SyncStage.APPLYING, SyncStage.DONE)) { "stages $distinct" }
                check(rec.events.filter { it.stage == SyncStage.FETCHING }.map { it.collection } ==
                    listOf(ContentCollection.GUIDES, ContentCollection.DIRECTORY, ContentCollection.PLACES))
                check(Thread.currentThread().name !in rec.threads) { "listener ran on the caller thread" }
                val asOf = store.contentAsOf()
                check(asOf.size == 3 && asOf.all { it.source == server.url && it.records > 0u })
                check(asOf.all { it.publishedAt.isBefore(Instant.now().plusSeconds(60)) })
                val status = store.syncStatus(Lang.EN, report)
                check(status.headline!!.contains(server.url) && status.needsUpdate.isEmpty()) { "$status" }
                check(status.collections.map { it.collection } == listOf("guides", "directory", "places"))
                check(status.contentAsOf.size == 3 && status.contentAsOf.all { "sequence" in it.text }) { "$status" }
                val idle = store.syncStatus(Lang.NB, null)
                check(idle.headline == null && idle.collections.isEmpty() && idle.contentAsOf.size == 3)
                val again = syncNow(store, server.url)
                check(again.pollNotModified && again.requests == 1u) { "$again" }
            }
        }
    }

    test("walk the report path for barnehage, errors, summary") {
        Server(tempDir("srv")).use { server ->
            val store = openStore(tempDir("dev"))
            syncNow(store, server.url)
            val list = store.listGuides(Lang.NB)
            val listed = list.guides.single { it.id == GUIDE_ID }
            check(list.emptyText == null && list.guides.all { it.unavailable == null })
            check(listed.title == "Fra bekymring til handling")
            check(Sector.BARNEHAGE in listed.audience && listed.reviewedOn!!.length == 10 && listed.summary != null)
            val s = store.startGuide(GUIDE_ID, Lang.NB, Sector.BARNEHAGE)
            check(s.guideId() == GUIDE_ID && s.guideRevision() == 1u)
            check(s.currentStep().id == "S0" && !s.currentStep().canGoBack)
            expectThrows<VeiviserException.InvalidState>("back at start") { s.back() }
            var step = s.nextStep()
            check(step.id == "Q1" && step.kind == StepViewKind.QUESTION && step.options.map { it.id } == listOf("ja", "nei"))
            val bad = expectThrows<VeiviserException.InvalidAnswer>("bad answer") { s.answer("kanskje") }
            check(bad.stepId == "Q1" && bad.optionId == "kanskje" && bad.validOptions == listOf("ja", "nei"))
            expectThrows<VeiviserException.InvalidState>("next on a question") { s.nextStep() }
            s.answer("nei"); s.answer("nei"); s.nextStep(); s.answer("barnehage"); s.nextStep(); s.nextStep(); s.answer("nei")
            step = s.answer("ja")
            check(step.id == "A6" && step.contacts == listOf(ContactRole.BARNEVERN)) { "$step" }
            val citations = step.legal.map { it.citation }
            check("barnevernsloven § 13-2" in citations && "barnehageloven § 46" in citations) { "$citations" }
            check("helsepersonelloven § 33" !in citations)
            check(s.path() == listOf("S0", "Q1", "Q2", "A3", "SEKTOR", "A3-BH", "A4", "Q3", "Q4", "A6")) { "${s.path()}" }
            val summary = s.summary()
            check(summary.map { it.stepId } == s.path())
            check(summary[0].taken == Taken.Next && summary.last().taken == null)
            check((summary[1].taken as Taken.Answer).option == "nei")
            expectThrows<VeiviserException.NotFound>("unknown guide") { store.startGuide("finnes-ikke", Lang.NB, null) }
            expectThrows<VeiviserException.InvalidInput>("bad saved session") { store.resumeGuide("{nope", Lang.NB, null) }
            s.close()
            store.close()
        }
    }

    test("acute exit from any step, back and restart; a dentist sees the health rule") {
        Server(tempDir("srv")).use { server ->
            val store = openStore(tempDir("dev"))
            syncNow(store, server.url)
            val s = store.startGuide(GUIDE_ID, Lang.EN, Sector.TANNHELSE)
            s.nextStep(); s.answer("nei")
            val acute = s.acuteExit()
            check(acute.id == "A1" && acute.urgent && acute.isAcuteStep && acute.contacts.first() == ContactRole.NODNUMMER)
            check(s.summary().dropLast(1).last().taken == Taken.Acute)
            check(s.back().id == "Q2")
            s.answer("nei"); s.nextStep(); s.answer("tannhelse"); s.nextStep(); s.nextStep(); s.answer("nei")
            val report = s.answer("ja")
            check(report.title == "Send a report of concern")
            check("helsepersonelloven § 33" in report.legal.map { it.citation })
            check(s.restart().id == "S0" && s.path() == listOf("S0"))
        }
    }

    test("resume after re-opening the store, and on a new revision") {
        Server(tempDir("srv")).use { server ->
            val dir = tempDir("dev")
            var store = openStore(dir)
            syncNow(store, server.url)
            val s = store.startGuide(GUIDE_ID, Lang.NB, Sector.BARNEHAGE)
            s.nextStep(); s.answer("nei"); s.answer("ja")
            val saved = s.save()
            s.close(); store.close()
            store = openStore(dir)
            val resumed = store.resumeGuide(saved, Lang.NB, Sector.BARNEHAGE)
            check(resumed.view == ResumeView("exact", null, null, null)) { "${resumed.view}" }
            check(resumed.session.currentStep().id == "A2" && resumed.session.path() == listOf("S0", "Q1", "Q2", "A2"))
            server.publish(editedGuide(2))
            syncNow(store, server.url)
            val replayed = store.resumeGuide(saved, Lang.NB, null)
            check(replayed.view.outcome == "replayed" && replayed.view.fromRevision == 1u && replayed.view.toRevision == 2u) { "${replayed.view}" }
            check(replayed.view.message?.contains("versjon 2") == true)
            check(replayed.session.guideRevision() == 2u && replayed.session.currentStep().id == "A2")
            check(replayed.session.summary()[0].heading == "Jeg er bekymret (revidert)")
        }
    }

    test("a listener may call back into the store, even sync, without deadlock") {
        Server(tempDir("srv")).use { server ->
            val store = openStore(tempDir("dev"))
            syncNow(store, server.url)
            server.publish(editedGuide(2))
            val revisionsSeen = mutableListOf<UInt>()
            var nested: SyncReport? = null
            val listener = object : SyncListener {
                override fun onProgress(progress: SyncProgress) {
                    revisionsSeen.add(guideRevision(store))
                    store.contentAsOf()
                    store.startGuide(GUIDE_ID, Lang.NB, null).use { it.nextStep() }
                    check(store.contactsForArea("0301", null, ContactRole.BARNEVERN, null, false, Lang.NB).contacts.isNotEmpty())
                    if (progress.stage == SyncStage.VERIFYING) nested = syncNow(store, server.url)
                    if (progress.stage == SyncStage.FETCHING) throw IllegalStateException("a failing listener must not fail the sync")
                }
            }
            val report = syncNow(store, server.url, listener = listener)
            check(report.collections.first { it.collection == ContentCollection.GUIDES }.outcome == SyncOutcome.DELTA)
            check(nested != null && nested!!.requests >= 1u)
            check(revisionsSeen.first() == 1u && guideRevision(store) == 2u)
        }
    }

    test("an app transport (java.net.http) carries the sync") {
        Server(tempDir("srv")).use { server ->
            val store = openStore(tempDir("dev"))
            val transport = JdkTransport()
            val report = syncNow(store, server.url, transport = transport)
            check(transport.urls.first() == "${server.url}/v1/latest" && transport.urls.size.toUInt() == report.requests)
            check(guideRevision(store) == 1u)
        }
    }

    test("a tampered response raises SignatureInvalid and keeps the old content") {
        Server(tempDir("srv")).use { server ->
            val store = openStore(tempDir("dev"))
            syncNow(store, server.url)
            val before = sequences(store)
            server.publish(editedGuide(2))
            val proxy = TamperingProxy()
            val err = expectThrows<VeiviserException.SignatureInvalid>("tampered") { syncNow(store, server.url, transport = proxy) }
            check(proxy.tampered.get() == 1 && err.collection == "guides" && "signature" in err.detail)
            check(sequences(store) == before && guideRevision(store) == 1u)
            syncNow(store, server.url)
            check(guideRevision(store) == 2u)
        }
    }

    for (stage in listOf(SyncStage.STAGING, SyncStage.VERIFYING)) {
        test("cancel at $stage (mid-apply) keeps the old content") {
            Server(tempDir("srv")).use { server ->
                val store = openStore(tempDir("dev"))
                syncNow(store, server.url)
                val before = sequences(store)
                server.publish(editedGuide(2))
                val handle = CancelHandle()
                val rec = Recorder()
                val listener = object : SyncListener {
                    override fun onProgress(progress: SyncProgress) {
                        rec.onProgress(progress)
                        if (progress.stage == stage) handle.cancel()
                    }
                }
                expectThrows<VeiviserException.Cancelled>("cancelled") { syncNow(store, server.url, listener = listener, cancel = handle) }
                check(handle.isCancelled() && stage in rec.stages() && SyncStage.APPLYING !in rec.stages())
                check(sequences(store) == before && guideRevision(store) == 1u)
                syncNow(store, server.url, cancel = CancelHandle())
                check(guideRevision(store) == 2u)
            }
        }
    }

    test("cancelling the coroutine cancels the sync") {
        Server(tempDir("srv")).use { server ->
            val store = openStore(tempDir("dev"))
            val entered = CountDownLatch(1)
            val release = CountDownLatch(1)
            val slow = object : JdkTransport() {
                override fun send(request: HttpRequest): HttpResponse {
                    entered.countDown()
                    release.await(60, TimeUnit.SECONDS)
                    return super.send(request)
                }
            }
            runBlocking {
                val job = launch(Dispatchers.Default) { store.sync(server.url, slow, null, null) }
                while (entered.count > 0L) delay(10)
                job.cancelAndJoin()
            }
            release.countDown()
            val stopNow = CancelHandle().also { it.cancel() }
            expectThrows<VeiviserException.Cancelled>("pre-cancelled") { syncNow(store, server.url, cancel = stopNow) }
            check(slow.urls == listOf("${server.url}/v1/latest")) { "${slow.urls}" }
            check(store.contentAsOf().isEmpty())
        }
    }

    test("offline, backoff, rollback and untrusted key") {
        val store = openStore(tempDir("dev"))
        val port = ServerSocket().use { it.bind(InetSocketAddress("127.0.0.1", 0)); it.localPort }
        val offline = expectThrows<VeiviserException.Offline>("offline") { syncNow(store, "http://127.0.0.1:$port") }
        check("$port" in offline.detail)
        Server(tempDir("busy"), "--max-in-flight", "0", "--retry-after", "7").use { busy ->
            val busyStore = openStore(tempDir("dev-busy"))
            val backoff = expectThrows<VeiviserException.Backoff>("busy") { syncNow(busyStore, busy.url) }
            check(backoff.seconds == 7uL)
            val transport = JdkTransport()
            expectThrows<VeiviserException.Backoff>("remembered") { syncNow(busyStore, busy.url, transport = transport) }
            check(transport.urls.isEmpty())
        }
        Server(tempDir("srv")).use { server ->
            val proxy = ReplayProxy()
            syncNow(store, server.url, transport = proxy)
            server.publish(editedGuide(2))
            syncNow(store, server.url)
            val before = sequences(store)
            proxy.replaying = true
            val rollback = expectThrows<VeiviserException.Rollback>("replay") { syncNow(store, server.url, transport = proxy) }
            check(rollback.offered < rollback.seen && rollback.seen == before[ContentCollection.GUIDES])
            check(sequences(store) == before && guideRevision(store) == 2u)
            val other = Veiviser.open(tempDir("other").path,
                OpenOptions(trustedKeys = "other-0a1b2c3d = \"LSsY7Lx6+3OiZSXYyGeCp/xSfrysjWsO6Nbb4Gcvv2g=\"\n"))
            val untrusted = expectThrows<VeiviserException.UntrustedKey>("untrusted") { syncNow(other, server.url) }
            check(untrusted.keyId == "demo-only-b6d92906" && other.contentAsOf().isEmpty())
        }
    }

    test("bad options and folders; one instance per folder") {
        expectThrows<VeiviserException.InvalidInput>("bad keys") {
            Veiviser.open(tempDir("x").path, OpenOptions(trustedKeys = "this is not toml ="))
        }
        val file = File(tempDir("f"), "a-file").apply { writeText("not a folder") }
        expectThrows<VeiviserException.Storage>("file as folder") { openStore(file) }
        expectThrows<VeiviserException.Storage>("bad snapshot") { openStore(tempDir("y"), bundled = "{}".toByteArray()) }
        Server(tempDir("srv")).use { server ->
            val dir = tempDir("dev")
            val first = openStore(dir)
            val second = openStore(dir)
            syncNow(first, server.url)
            check(sequences(second) == sequences(first) && guideRevision(second) == 1u)
        }
    }

    test("storage errors reach the error reporter, offline does not") {
        val store = openStore(tempDir("rep"))
        val reports = java.util.Collections.synchronizedList(mutableListOf<ErrorReport>())
        setErrorReporter(object : ErrorReporter {
            override fun report(report: ErrorReport) { reports.add(report) }
        })
        val dir = tempDir("f2")
        try {
            val file = File(dir, "a-file").apply { writeText("not a folder") }
            expectThrows<VeiviserException.Storage>("file as folder") { openStore(file) }
            val port = ServerSocket().use { it.bind(InetSocketAddress("127.0.0.1", 0)); it.localPort }
            expectThrows<VeiviserException.Offline>("offline") { syncNow(store, "http://127.0.0.1:$port") }
        } finally {
            setErrorReporter(null)
        }
        check(reports.map { it.kind } == listOf("Storage")) { "$reports" }
        check(dir.path !in reports[0].detail && "<path>" in reports[0].detail) { "${reports[0]}" }
    }

    test("the bundled snapshot works before the first sync, with no network") {
        val snapshot = File(tempDir("snap"), "bundled.json")
        runCommand(SERVER_BIN.path, "export", "--demo", "--out", snapshot.path)
        val store = openStore(tempDir("dev"), bundled = snapshot.readBytes(), maxAgeDays = 36500u)
        check(store.contentAsOf().map { it.source }.toSet() == setOf("bundled"))
        check(store.startGuide(GUIDE_ID, Lang.NB, null).nextStep().id == "Q1")
        check(store.notices().isEmpty())
    }

    test("a damaged store is rebuilt from the bundled snapshot and says so") {
        Server(tempDir("srv")).use { server ->
            val snapshot = File(tempDir("snap"), "bundled.json")
            runCommand(SERVER_BIN.path, "export", "--demo", "--out", snapshot.path)
            val dir = tempDir("dev")
            openStore(dir, bundled = snapshot.readBytes(), maxAgeDays = 36500u).use { syncNow(it, server.url) }
            File(dir, "store").listFiles()!!.filter { it.isFile }.forEach { it.writeText("garbage".repeat(100)) }
            openStore(dir, bundled = snapshot.readBytes(), maxAgeDays = 36500u).use { store ->
                check(store.notices().any { "rebuilt" in it }) { "${store.notices()}" }
                check(store.contentAsOf().map { it.source }.toSet() == setOf("bundled") && guideRevision(store) == 1u)
            }
        }
    }

    test("who to call at fixed instants: office by day, fallback at night and on 17 May") {
        Server(tempDir("srv")).use { server ->
            val store = openStore(tempDir("dev"))
            syncNow(store, server.url)
            val morning = Instant.parse("2026-11-25T09:00:00Z")
            val day = store.contactsForArea("0301", null, ContactRole.BARNEHUS, morning, false, Lang.NB)
            check(day.at == "2026-11-25T10:00:00+01:00" && day.role == ContactRole.BARNEHUS && !day.urgent)
            val first = day.contacts.first()
            // The barnehus hours are an estimate (issue 10): listed first by day, never reported open.
            check(first.serviceId == "statens-barnehus-oslo" && first.reason == AdviceReason.PRIMARY && first.state == OpenState.HOURS_NOT_CONFIRMED)
            check(first.channels[0].kind == ChannelKind.PHONE && first.channels[0].hoursText == "man–fre 08:00–15:30")
            check(first.channels[0].uri.startsWith("tel:") && day.lang == Lang.NB && day.heading.startsWith("Hvem du kontakter:"))
            check(first.lastVerified == "2026-11-22" && !first.stale && day.kommune == KommuneSummary("0301", "Oslo"))
            val night = store.contactsForArea("0301", null, ContactRole.BARNEHUS, Instant.parse("2026-11-25T22:00:00Z"), false, Lang.NB)
            check(night.contacts.first().serviceId == "alarmtelefonen" && night.contacts.first().reason == AdviceReason.AFTER_HOURS)
            val closed = night.contacts.first { it.serviceId == "statens-barnehus-oslo" }
            check(closed.state == OpenState.HOURS_NOT_CONFIRMED && closed.channels[0].closedReason == null)
            check(closed.channels[0].opensAt == null)
            val may17 = store.contactsForArea("0301", null, ContactRole.BARNEHUS, Instant.parse("2027-05-17T09:00:00Z"), false, Lang.NB)
            check(may17.contacts.first().serviceId == "alarmtelefonen")
            val holiday = may17.contacts.first { it.serviceId == "statens-barnehus-oslo" }.channels[0]
            check(holiday.state == OpenState.HOURS_NOT_CONFIRMED && holiday.closedReason == null)
            check(NoticeCode.OFFICE_CLOSED !in may17.notices.map { it.code })
        }
    }

    test("postcode candidates, a settled bydel, the national fallback, search") {
        Server(tempDir("srv")).use { server ->
            val store = openStore(tempDir("dev"))
            syncNow(store, server.url)
            val morning = Instant.parse("2026-11-25T09:00:00Z")
            val byPostcode = store.contactsForPostcode("0582", ContactRole.BARNEVERN, morning, true, Lang.NB)
            val postcode = byPostcode.postcode!!
            check(postcode.postnummer == "0582" && postcode.poststed == "Oslo" && postcode.kategori == PostcodeCategory.STREET)
            check(byPostcode.bydelCandidates.map { it.name }.sorted() == listOf("Alna", "Bjerke") && byPostcode.bydel == null)
            check(NoticeCode.BYDEL_NOT_SETTLED in byPostcode.notices.map { it.code })
            check(byPostcode.contacts[0].reason == AdviceReason.URGENT && byPostcode.contacts[0].role == ContactRole.NODNUMMER)
            val settled = store.contactsForArea("0301", "02", ContactRole.BARNEVERN, morning, false, Lang.EN)
            check(settled.bydel == BydelSummary("0301", "02", "Grünerløkka", "0301-02"))
            val local = settled.contacts.first { it.serviceId == "barnevern-oslo-grunerlokka" }
            check(local.locality == Locality.BYDEL && local.channels.isEmpty() && local.noteText!!.contains("not verified") && local.note!!.en == local.noteText)
            val bergen = store.contactsForArea("4601", null, ContactRole.BARNEVERN, null, false, Lang.EN)
            check(!bergen.verifiedLocalEntry && NoticeCode.NO_VERIFIED_LOCAL_ENTRY in bergen.notices.map { it.code })
            check(bergen.contacts.any { it.serviceId == "alarmtelefonen" } && !bergen.exampleData)
            val bad = expectThrows<VeiviserException.InvalidState>("bad postcode") {
                store.contactsForPostcode("12", ContactRole.BARNEVERN, null, false, Lang.NB)
            }
            check("4 digits" in bad.detail)
            val results = store.search("grunerlokka", 5u, Lang.NB)
            check(results.query == "grunerlokka" && results.emptyText == null)
            val hits = results.hits
            check(hits[0].kind == "bydel" && hits[0].name == "Grünerløkka" && hits[0].quality == "exact" && hits[0].kindLabel.isNotEmpty())
            val baerum = store.search("baerum", 5u, Lang.EN).hits[0]
            check(baerum.kind == "kommune" && baerum.name == "Bærum" && baerum.id == "3201")
            check("Sagene" in store.search("sagne", 5u, Lang.NB).hits.map { it.name })
            check(store.search("qqqqqqqq", 5u, Lang.EN).emptyText!!.contains("qqqqqqqq"))
        }
    }

    test("the contacts screen is the same object as the CLI's contacts --json") {
        Server(tempDir("srv")).use { server ->
            val store = openStore(tempDir("dev"))
            syncNow(store, server.url)
            // The CLI reads the same content: synced from the same server into its own folder.
            val cliData = tempDir("cli-data")
            runCli("sync", "--server", server.url, "--data", cliData.path, "--trusted-keys", TRUSTED_KEYS_FILE.path)
            val at = "2026-12-02T10:00:00+01:00"
            for (lang in listOf(Lang.NB, Lang.NN, Lang.EN)) {
                @Suppress("UNCHECKED_CAST")
                val doc = JsonReader(runCli("contacts", "--postnummer", "0582", "--role", "barnevern", "--at", at,
                    "--lang", lang.name.lowercase(), "--data", cliData.path, "--trusted-keys", TRUSTED_KEYS_FILE.path,
                    "--json")).document() as Map<String, Any?>
                // Only the CLI says which files it read.
                check("sources" in doc && "sources_text" in doc)
                val cli = doc - setOf("sources", "sources_text")
                val view = store.contactsForPostcode("0582", ContactRole.BARNEVERN, Instant.parse("2026-12-02T09:00:00Z"), false, lang)
                check(view.sources == null && view.sourcesText == null)
                val diff = differences(cli, plain(view))
                check(diff.isEmpty()) { "$lang: ${diff.joinToString("; ")}" }
                check(cli["at"] == at && cli["role"] == "barnevern" && (cli["contacts"] as List<*>).size >= 2)
                // A deliberate mismatch is caught: one enum in the record, one text in the object.
                val first = view.contacts[0]
                val other = if (first.reason == AdviceReason.PRIMARY) AdviceReason.URGENT else AdviceReason.PRIMARY
                val changed = view.copy(contacts = listOf(first.copy(reason = other)) + view.contacts.drop(1))
                check(differences(cli, plain(changed)).map { it.substringBefore(":") } == listOf("contacts[0].reason"))
                val renamed = plain(view.copy(heading = view.heading + "!"))
                check(differences(cli, renamed).map { it.substringBefore(":") } == listOf("heading"))
            }
        }
    }

    test("report-of-concern draft: from the violence bypass, edit, export, expire, delete") {
        Server(tempDir("srv")).use { server ->
            val store = openStore(tempDir("dev"))
            syncNow(store, server.url)
            val walk = store.startGuide(GUIDE_ID, Lang.NB, Sector.SKOLE)
            walk.nextStep()
            walk.answer("nei")
            walk.answer("ja")
            check(walk.nextStep().id == "A6")
            val t0 = Instant.parse("2026-11-30T09:00:00Z")
            val dir = tempDir("drafts")
            val key = generateMasterKey()
            check(key.size == 32)
            val drafts = Drafts.open(dir.path, key, t0)
            check(drafts.expiredAtOpen().isEmpty())
            var view = drafts.create(Lang.NB, t0, walk, null)
            val id = view.id
            check(view.warning!!.contains("Ikke informer foreldrene") && view.daysLeft == 14u)
            check(view.origin!!.contains("barnevernsloven § 13-2"))
            fun adresse(line: String) = Adresse(line, "", "", "0580", "Oslo")
            view = drafts.addForesatt(id, Foresatt("Mor Qqmorkelund", "", null, ""), Lang.NB, t0)
            view = drafts.addForesatt(id, Foresatt("Far Qqmorkelund", "", true, ""), Lang.NB, t0)
            check(view.foresatte.map { it.orientert } == listOf(false, false))
            check(view.foresatte.all { "vold eller overgrep" in it.orientertGrunn })
            drafts.setChild(id, Child("Zyxwvenia Qqmorkelund", "01020310045", false, "", adresse("Eksempelgata 2"), false, "Barnet er tre år."), Lang.NB, t0)
            drafts.setRecipient(id, Recipient("0301", "Oslo", "09", "Bjerke"), Lang.NB, t0)
            drafts.setText(id, MeldingText("Bekymret for omsorgen.", "Siden september.", "", "Nei", ""), Lang.NB, t0)
            drafts.addObservation(id, Observation("2026-11-27", "08:10", "Blåmerker på begge overarmer.", "Pappa klemte hardt", "08:15", "Assistent", ""), Lang.NB, t0)
            drafts.addConversation(id, Conversation(ConversationWith.PARENTS, false, "", "", "Mistanke om vold."), Lang.NB, t0)
            drafts.addMeasure(id, Measure("2026-11-01", "Tettere oppfølging", ""), Lang.NB, t0)
            view = drafts.setRetentionDays(id, 5u, Lang.EN, t0)
            check(view.expiryText == "Deleted in 5 days." && !view.readyToExport)
            val incomplete = expectThrows<VeiviserException.InvalidInput>("incomplete export") { drafts.exportJson(id, Lang.EN, t0) }
            check("offentligMelder.personnavn" in incomplete.detail)
            check(drafts.profile() == null)
            drafts.saveProfile(ReporterProfile("Kari Nordmann", "lærer", "+47 912 34 567", "kari@eksempel.no", "Eksempel skole", "", adresse("Skoleveien 1")))
            check(drafts.profile()!!.personnavn == "Kari Nordmann")
            val json = drafts.exportJson(id, Lang.NB, t0)
            check("\"fnr\": \"01020310045\"" in json && "\"orientert\": false" in json && "opplæringslova" in json)
            val text = drafts.exportText(id, Lang.EN)
            check(text.indexOf("ABOUT THE CHILD") < text.indexOf("THE CONCERN"))
            val raw = dir.walkTopDown().filter { it.isFile }.map { String(it.readBytes(), Charsets.ISO_8859_1) }.joinToString("")
            check("Qqmorkelund" !in raw && "01020310045" !in raw)
            check(drafts.list(Lang.NB, t0).map { it.id } == listOf(id))
            check(drafts.rotateMasterKey(generateMasterKey()).isEmpty())
            val later = Drafts.open(dir.path, key, t0.plusSeconds(6L * 86_400))
            check(later.expiredAtOpen() == listOf(id)) { "the old key still sees the expiry: ${later.expiredAtOpen()}" }
            expectThrows<VeiviserException.NotFound>("deleted") { drafts.view(id, Lang.NB, t0) }
            val other = drafts.create(Lang.NN, t0, null, null)
            drafts.delete(other.id)
            expectThrows<VeiviserException.NotFound>("deleted twice") { drafts.delete(other.id) }
        }
    }

    // ---- The staff app (the core's App::dispatch through veiviser-ffi's App), the flows of
    // issue 14's "Done when"; the Python suite runs the same (test_app.py).

    test("app: first launch offline shows 112, 113 and 116 111 before anything else") {
        val snapshot = File(tempDir("snap"), "bundled.json")
        runCommand(SERVER_BIN.path, "export", "--demo", "--out", snapshot.path)
        openStore(tempDir("dev"), bundled = snapshot.readBytes()).use { store ->
            App(store, null).use { app ->
                val view = app.dispatch(Event(WEDNESDAY_10, Action.Launch))
                check(view.screenId == ScreenId.HOME) { "${view.screenId}" }
                check(view.acuteBar.calls.map { it.number } == listOf("112", "113", "116 111")) { "${view.acuteBar}" }
                check(view.acuteBar.calls.map { it.telUri } == listOf("tel:112", "tel:113", "tel:116111"))
                view.acuteBar.calls.forEach { check(it.call.action == Action.Call(it.telUri)) { "$it" } }
                val home = (view.screen as Screen.Home).home
                check(home.guides.isNotEmpty() && home.guides.all { it.open != null }) { "${home.guides}" }
                val dial = app.dispatch(Event(WEDNESDAY_10, view.acuteBar.calls[2].call.action))
                check(dial.effects.first() == Effect.Dial("tel:116111")) { "${dial.effects}" }
                check(persisted(dial) == app.stateJson())
            }
        }
    }

    test("app: the violence step for a child in 0582 Bjerke at 10:00 on a weekday") {
        Server(tempDir("srv")).use { server ->
            openStore(tempDir("dev")).use { store ->
                syncNow(store, server.url)
                App(store, null).use { app ->
                    val before = numbersOf(walkToViolenceStep(app))
                    check(!before.hasArea && before.skipArea != null)
                    check(before.areaAction.action == Action.OpenArea(AreaPurpose.WALK))
                    val view = chooseBjerke(app, AreaPurpose.WALK)
                    check(view.screenId == ScreenId.GUIDE_STEP)
                    val listed = numbersOf(view)
                    check("Bjerke" in listed.areaText) { listed.areaText }
                    for ((uri, name) in listOf("tel:02800" to "Politiet", "tel:22705650" to "Statens barnehus Oslo", "tel:116111" to "")) {
                        val entry = listed.entries.single { it.telUri == uri }
                        check(entry.call?.action == Action.Call(uri)) { "$entry" }
                        check(entry.title.startsWith(name)) { entry.title }
                    }
                    val bydel = listed.entries.single { it.serviceId == "barnevern-oslo-bjerke" }
                    check(bydel.title == "Barneverntjenesten i bydel Bjerke")
                    check(bydel.call == null && bydel.telUri == null && !bydel.noteText.isNullOrBlank()) { "$bydel" }
                    val ended = app.dispatch(Event(WEDNESDAY_10, Action.EndWalk))
                    check("0582" !in persisted(ended)) { "the walk's area is deleted with it" }
                }
            }
        }
    }

    test("app: barnevern on Wednesday 2 Dec 2026 at 10:00 and at 03:00") {
        Server(tempDir("srv")).use { server ->
            openStore(tempDir("dev")).use { store ->
                syncNow(store, server.url)
                App(store, null).use { app ->
                    chooseBjerke(app, AreaPurpose.DEFAULT)
                    val day = numbersOf(app.dispatch(Event(WEDNESDAY_10, Action.OpenContacts(ContactRole.BARNEVERN)))).entries
                    check(day[0].title == "Barneverntjenesten i bydel Bjerke" && day[0].call == null && day[0].noteText != null) { "${day[0]}" }
                    check(day[1].title.startsWith("Barnevernvakten") && day[1].telUri == "tel:116111") { "${day[1]}" }
                    check(day[1].reasonText == "Hvis Barneverntjenesten i bydel Bjerke ikke svarer") { day[1].reasonText }
                    val night = numbersOf(app.dispatch(Event(WEDNESDAY_03, Action.Launch))).entries
                    check(night[0].title.startsWith("Barnevernvakten")) { "${night[0]}" }
                    check(night[0].reasonText.lowercase() == "utenfor kontortid") { night[0].reasonText }
                }
            }
        }
    }

    test("app: 2000 resolves to Lillestrøm with no Oslo service and no verified local entry") {
        Server(tempDir("srv")).use { server ->
            openStore(tempDir("dev")).use { store ->
                syncNow(store, server.url)
                App(store, null).use { app ->
                    app.dispatch(Event(WEDNESDAY_10, Action.OpenArea(AreaPurpose.DEFAULT)))
                    val home = app.dispatch(Event(WEDNESDAY_10, Action.SearchArea("2000")))
                    check("Lillestrøm" in (home.screen as Screen.Home).home.areaText) { "${home.screen}" }
                    val listed = numbersOf(app.dispatch(Event(WEDNESDAY_10, Action.OpenContacts(ContactRole.BARNEVERN))))
                    check("Lillestrøm" in listed.areaText) { listed.areaText }
                    check(listed.entries.none { "oslo" in it.serviceId }) { "${listed.entries.map { it.serviceId }}" }
                    check(listed.notices.any { it.code == NoticeCode.NO_VERIFIED_LOCAL_ENTRY }) { "${listed.notices}" }
                }
            }
        }
    }

    test("app: after closing every object and reopening, the same step is shown") {
        Server(tempDir("srv")).use { server ->
            val dir = tempDir("dev")
            val saved = openStore(dir).use { store ->
                syncNow(store, server.url)
                App(store, null).use { app ->
                    walkToViolenceStep(app)
                    persisted(chooseBjerke(app, AreaPurpose.WALK))
                }
            }
            openStore(dir).use { store ->
                App(store, saved).use { app ->
                    val view = app.dispatch(Event(WEDNESDAY_10, Action.Launch))
                    check(view.screenId == ScreenId.GUIDE_STEP) { "${view.screenId}" }
                    check((view.screen as Screen.GuideStep).step.step.id == "A-ANONYM")
                    check("Bjerke" in numbersOf(view).areaText)
                }
            }
        }
    }

    if (System.getenv("VEIVISER_KOTLIN_INJECT_FAILURE") == "1") {
        // Keep this run short: one passing test and the deliberately failing one.
        val first = tests.entries.first()
        tests.clear()
        tests[first.key] = first.value
        test("INJECTED deliberate failure (proves a failing check fails the run)") {
            check(clientVersion() == 999u) { "INJECTED failure: clientVersion is ${clientVersion()}, not 999" }
        }
    }
}

fun main() {
    defineTests()
    var failed = 0
    for ((name, body) in tests) {
        val started = System.nanoTime()
        try {
            body()
            println("ok    $name (${(System.nanoTime() - started) / 1_000_000} ms)")
        } catch (e: Throwable) {
            failed++
            println("FAIL  $name: ${e::class.simpleName}: ${e.message}")
            e.printStackTrace(System.out)
        }
    }
    println("kotlin binding tests: ${tests.size - failed} passed, $failed failed")
    System.out.flush()
    exitProcess(if (failed == 0) 0 else 1)
}
