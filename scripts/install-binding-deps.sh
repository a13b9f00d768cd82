#!/usr/bin/env bash
# Installs what a fresh machine lacks to test the uniffi bindings; safe to run again.
#
#   - pytest (pip), for the Python suite;
#   - the JetBrains Kotlin compiler from npm (`kotlin-compiler`, pinned), unpacked into a cache
#     folder (it bundles kotlinx-coroutines, which the generated Kotlin needs);
#   - Debian's libjna-java (JNA, the generated Kotlin's FFI) and a headless JRE, only if missing.
#
# Maven Central is not reachable from CI machines, so Gradle/Maven are not an option: see
# ../shared/research/toolchain.md §5.
#
# Prints the Kotlin home on its last line as `KOTLIN_HOME=...` (scripts/test-bindings.sh reads it).
set -euo pipefail

KOTLIN_VERSION="${VEIVISER_KOTLIN_VERSION:-2.4.20}"
PYTEST_VERSION="${VEIVISER_PYTEST_VERSION:-9.2.0}"
CACHE_DIR="${VEIVISER_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/veiviser}"
KOTLIN_HOME="$CACHE_DIR/kotlin-compiler-$KOTLIN_VERSION"
JNA_JAR="/usr/share/java/jna.jar"

log() { echo "install-binding-deps: $*" >&2; }

# 1. pytest.
if python3 -c "import pytest, sys; sys.exit(0 if pytest.__version__ == '$PYTEST_VERSION' else 1)" 2>/dev/null; then
    log "pytest $PYTEST_VERSION present"
else
    log "installing pytest $PYTEST_VERSION with pip"
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "pytest==$PYTEST_VERSION" \
        || python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --break-system-packages "pytest==$PYTEST_VERSION"
fi

# 2. Java runtime and JNA from Debian, only when missing.
need_apt=()
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
[ -f "$JNA_JAR" ] || need_apt+=(libjna-java)
if [ "${#need_apt[@]}" -gt 0 ]; then
    log "installing ${need_apt[*]} with apt-get"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
else
    log "java and $JNA_JAR present"
fi
[ -f "$JNA_JAR" ] || { log "ERROR: $JNA_JAR still missing after install"; exit 1; }

# 3. Kotlin compiler from npm, unpacked into the cache.
if [ -x "$KOTLIN_HOME/bin/kotlinc" ] && [ -f "$KOTLIN_HOME/lib/kotlinx-coroutines-core-jvm.jar" ]; then
    log "kotlin-compiler $KOTLIN_VERSION present in $KOTLIN_HOME"
else
    command -v npm >/dev/null 2>&1 || { log "ERROR: npm is needed to fetch kotlin-compiler"; exit 1; }
    log "fetching kotlin-compiler@$KOTLIN_VERSION from npm (about 90 MB)"
    mkdir -p "$CACHE_DIR"
    work="$(mktemp -d "$CACHE_DIR/kotlin-fetch.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && npm pack --silent "kotlin-compiler@$KOTLIN_VERSION" >/dev/null 2>&1)
    tarball="$(ls "$work"/kotlin-compiler-*.tgz)"
    tar -xzf "$tarball" -C "$work"
    chmod +x "$work"/package/bin/* 2>/dev/null || true
    rm -rf "$KOTLIN_HOME"
    mv "$work/package" "$KOTLIN_HOME"
    [ -x "$KOTLIN_HOME/bin/kotlinc" ] || { log "ERROR: no bin/kotlinc in the npm package"; exit 1; }
fi

echo "KOTLIN_HOME=$KOTLIN_HOME"
