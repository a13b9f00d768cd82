// PLATFORM-ONLY: not built here (no Android SDK or Google Maven on these machines).
// The native library: build veiviser-ffi for each ABI (e.g. `cargo ndk -t arm64-v8a -t
// x86_64 -o app/src/main/jniLibs build -p veiviser-ffi --profile release-ffi`), which puts
// libveiviser_ffi.so under src/main/jniLibs/<abi>/.
plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
    alias(libs.plugins.kotlin.compose)
}

android {
    namespace = "no.veiviser.app"
    compileSdk = 35
    defaultConfig {
        applicationId = "no.veiviser.app"
        minSdk = 26
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
    }
    buildFeatures { compose = true }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlin { jvmToolchain(17) }
}

dependencies {
    implementation(project(":state"))
    // JNA for Android ships as an AAR with its native dispatch library.
    implementation("net.java.dev.jna:jna:${libs.versions.jna.get()}@aar")
    implementation(libs.kotlinx.coroutines.android)
    implementation(platform(libs.compose.bom))
    implementation(libs.compose.material3)
    implementation(libs.compose.ui)
    implementation(libs.compose.ui.tooling.preview)
    implementation(libs.activity.compose)
    implementation(libs.lifecycle.runtime.compose)
    implementation(libs.work.runtime.ktx)
}
