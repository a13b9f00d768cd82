// PLATFORM-ONLY as a Gradle file (not run here); its sources ARE built and tested here by
// scripts/test-android-jvm.sh with kotlinc, JNA and the real veiviser-ffi library.
// Plain Kotlin, no android.*: the state holder between the generated `App` and the screens.
plugins {
    alias(libs.plugins.kotlin.jvm)
}

kotlin { jvmToolchain(17) }

sourceSets {
    main {
        // The generated bindings (scripts/gen-bindings.sh); never committed.
        kotlin.srcDir("../../../bindings/generated/kotlin")
    }
}

dependencies {
    implementation(libs.kotlinx.coroutines.core)
    implementation("net.java.dev.jna:jna:${libs.versions.jna.get()}")
    testImplementation(kotlin("test"))
}
