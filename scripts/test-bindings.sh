#!/usr/bin/env bash
# Tests the uniffi bindings the way the apps use them, against a real veiviser-server on
# loopback: builds the library and the server, generates Kotlin/Swift/Python, then runs
#   1. the Swift generation check (Swift cannot be compiled on these machines),
#   2. the Python suite (pytest) through the generated module, including the check that the
#      contacts screen is the same object as the real CLI's `contacts --json`,
#   3. the Kotlin/JVM suite (generated Kotlin + JNA, compiled with kotlinc),
#   4. the proof that a deliberately failing Kotlin check makes that suite exit non-zero,
#   5. the export-coverage check (every export of both namespaces, veiviser_ffi and
#      veiviser_core, called by both suites) and its self-test.
# Exits non-zero on any failure. Installs missing tools first (scripts/install-binding-deps.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
GEN="$ROOT/bindings/generated"
KT_OUT="$TARGET_DIR/kotlin-bindings"
step() { echo; echo "== bindings [+${SECONDS}s]: $*"; }

step "installing test dependencies (if missing)"
KOTLIN_HOME="$(bash scripts/install-binding-deps.sh | sed -n 's/^KOTLIN_HOME=//p')"
[ -x "$KOTLIN_HOME/bin/kotlinc" ] || { echo "no kotlinc in '$KOTLIN_HOME'" >&2; exit 1; }
KT_CP="/usr/share/java/jna.jar:$KOTLIN_HOME/lib/kotlinx-coroutines-core-jvm.jar"

step "building veiviser-server and the veiviser CLI, generating bindings"
cargo build --quiet -p veiviser-server -p veiviser
bash scripts/gen-bindings.sh
export VEIVISER_SERVER_BIN="$TARGET_DIR/debug/veiviser-server"
# Both suites compare the contacts screen with the CLI's `contacts --json` (the same object).
export VEIVISER_CLI_BIN="$TARGET_DIR/debug/veiviser"
export VEIVISER_REPO="$ROOT"

step "Swift: generated (not compiled: there is no Swift compiler on these machines)"
SWIFT="$GEN/swift/VeiviserFFI.swift"
SWIFT_CORE="$GEN/swift/VeiviserCore.swift"
for f in "$SWIFT" "$GEN/swift/VeiviserFFIFFI.h" "$GEN/swift/VeiviserFFIFFI.modulemap" \
    "$SWIFT_CORE" "$GEN/swift/VeiviserCoreFFI.h" "$GEN/swift/VeiviserCoreFFI.modulemap"; do
    [ -s "$f" ] || { echo "missing or empty: $f" >&2; exit 1; }
done
# Shapes the iOS app relies on (whitespace-tolerant); the coverage check below also proves
# that the Swift bindings of both namespaces export exactly what Python and Kotlin do.
for pattern in \
    'open class Veiviser:' \
    'public static func .?open.?\(dataDir: String, options: OpenOptions\) ?throws' \
    'func sync\(serverUrl: String, transport: HttpTransport\? = nil, listener: SyncListener\? = nil, cancel: CancelHandle\? = nil\) ?async throws' \
    'public protocol HttpTransport' \
    'public protocol SyncListener' \
    'open class GuideSession:' \
    'open class CancelHandle:' \
    'enum VeiviserError: Swift.Error' \
    'case (Offline|Backoff|SignatureInvalid|UntrustedKey|Rollback|SchemaTooNew|InvalidAnswer|NotFound|Storage|Cancelled)\(' \
    'public func clientVersion\(\) -> UInt32' \
    'public func defaultTransport\(\) -> HttpTransport'; do
    grep -qE -- "$pattern" "$SWIFT" || { echo "Swift bindings lack: $pattern" >&2; exit 1; }
done
[ "$(grep -cE 'case (Offline|Backoff|SignatureInvalid|UntrustedKey|Rollback|SchemaTooNew|InvalidAnswer|NotFound|Storage|Cancelled)\(' "$SWIFT")" -ge 10 ] \
    || { echo "Swift VeiviserError lacks some of the required cases" >&2; exit 1; }
# The core's derived records and enums (the screens' view models among them), which the
# façade's signatures use; instants arrive as Foundation's `Date`.
for pattern in \
    'public enum Lang' \
    'public enum ContactRole' \
    'public enum ContentCollection' \
    'public enum SyncStage' \
    'public struct StepView' \
    'public struct SummaryItem' \
    'public enum Taken' \
    'public enum ResumeOutcome' \
    'public enum SyncOutcome' \
    'public struct ContactsView' \
    'public struct SearchResultsView' \
    'public struct GuideListView' \
    'public struct ResumeView' \
    'public struct SyncStatusView' \
    'public struct AsOf' \
    'public struct SyncReport' \
    'public typealias UtcTime = Date' \
    'public func uniffiEnsureVeiviserCoreInitialized\(\)'; do
    grep -qE -- "$pattern" "$SWIFT_CORE" || { echo "Swift core bindings lack: $pattern" >&2; exit 1; }
done
# VeiviserFFI.swift names the core's types without an import: both files go into one Swift module.
grep -q 'uniffiEnsureVeiviserCoreInitialized()' "$SWIFT" \
    || { echo "VeiviserFFI.swift does not initialise the core namespace" >&2; exit 1; }
echo "Swift bindings generated with the expected API ($(wc -l < "$SWIFT") + $(wc -l < "$SWIFT_CORE") lines)"

step "Python suite (pytest)"
PYTHONPATH="$GEN/python" python3 -m pytest -q -p no:cacheprovider bindings/tests/python

step "Kotlin/JVM suite: compiling"
mkdir -p "$KT_OUT"
"$KOTLIN_HOME/bin/kotlinc" -nowarn -cp "$KT_CP" \
    "$GEN"/kotlin/no/veiviser/ffi/veiviser_ffi.kt "$GEN"/kotlin/no/veiviser/core/veiviser_core.kt \
    bindings/tests/kotlin/BindingTest.kt \
    -d "$KT_OUT/binding-tests.jar"
run_kotlin() {
    "$KOTLIN_HOME/bin/kotlin" -cp "$KT_CP:$KT_OUT/binding-tests.jar" \
        -Djna.library.path="$GEN/lib" BindingTestKt
}

step "Kotlin/JVM suite: running"
run_kotlin

step "Kotlin/JVM suite: a deliberately failing check must fail the run"
set +e
VEIVISER_KOTLIN_INJECT_FAILURE=1 run_kotlin > "$KT_OUT/injected.log" 2>&1
injected_rc=$?
set -e
if [ "$injected_rc" -eq 0 ] || ! grep -q "FAIL  INJECTED" "$KT_OUT/injected.log" \
    || ! grep -q "1 passed, 1 failed" "$KT_OUT/injected.log"; then
    cat "$KT_OUT/injected.log"
    echo "the injected failing check did not make the Kotlin suite fail (exit $injected_rc)" >&2
    exit 1
fi
echo "injected failure caught: the Kotlin suite exited $injected_rc"

step "export coverage: every export of both namespaces called by both suites"
python3 bindings/tests/check_export_coverage.py --self-test \
    --namespaces veiviser_ffi veiviser_core \
    --py-bindings "$GEN/python" \
    --kt-bindings "$GEN/kotlin" \
    --swift-bindings "$GEN/swift" \
    --py-suite bindings/tests/python \
    --kt-suite bindings/tests/kotlin

step "all binding tests passed"
