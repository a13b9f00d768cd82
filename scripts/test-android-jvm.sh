#!/usr/bin/env bash
# The Android app's plain-Kotlin state holder (apps/android/state), tested on the JVM through
# the real veiviser-ffi library (generated Kotlin + JNA, compiled with the npm kotlin-compiler:
# Maven Central and Google Maven are not reachable here), against a real veiviser-server on
# loopback. Then proves that a deliberately failing check makes the suite exit non-zero.
# The Compose screens and the Android glue (apps/android/app) need the Android SDK and the
# Compose runtime from Google Maven: they are not compiled here (see the README).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
GEN="$ROOT/bindings/generated"
OUT="$TARGET_DIR/android-jvm"
step() { echo; echo "== android-jvm [+${SECONDS}s]: $*"; }

step "installing test dependencies (if missing)"
KOTLIN_HOME="$(bash scripts/install-binding-deps.sh | sed -n 's/^KOTLIN_HOME=//p')"
[ -x "$KOTLIN_HOME/bin/kotlinc" ] || { echo "no kotlinc in '$KOTLIN_HOME'" >&2; exit 1; }
KT_CP="/usr/share/java/jna.jar:$KOTLIN_HOME/lib/kotlinx-coroutines-core-jvm.jar"

step "building veiviser-server, generating bindings"
cargo build --quiet --locked -p veiviser-server
bash scripts/gen-bindings.sh
export VEIVISER_SERVER_BIN="$TARGET_DIR/debug/veiviser-server"
export VEIVISER_REPO="$ROOT"

step "compiling the state holder and its JVM test (kotlinc)"
mkdir -p "$OUT"
mapfile -t SOURCES < <(find apps/android/state/src/main/kotlin apps/android/state/src/test/kotlin -name '*.kt' | sort)
"$KOTLIN_HOME/bin/kotlinc" -nowarn -cp "$KT_CP" \
    "$GEN"/kotlin/no/veiviser/ffi/veiviser_ffi.kt "$GEN"/kotlin/no/veiviser/core/veiviser_core.kt \
    "${SOURCES[@]}" -d "$OUT/state-tests.jar"
run_tests() {
    "$KOTLIN_HOME/bin/kotlin" -cp "$KT_CP:$OUT/state-tests.jar" \
        -Djna.library.path="$GEN/lib" no.veiviser.app.state.AppStateHolderTestKt
}

step "running"
run_tests

step "a deliberately failing check must fail the run"
set +e
VEIVISER_KOTLIN_INJECT_FAILURE=1 run_tests > "$OUT/injected.log" 2>&1
rc=$?
set -e
if [ "$rc" -eq 0 ] || ! grep -q "FAIL  INJECTED" "$OUT/injected.log"; then
    cat "$OUT/injected.log"
    echo "the injected failing check did not make the state-holder suite fail (exit $rc)" >&2
    exit 1
fi
echo "injected failure caught: the suite exited $rc"
