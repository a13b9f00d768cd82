// PLATFORM-ONLY: not built here (no Android SDK or Google Maven on these machines).
// The Veiviser Android app: `:state` is plain Kotlin (built and tested on the JVM by
// scripts/test-android-jvm.sh), `:app` the Compose screens and the Android glue.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}
dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}
rootProject.name = "veiviser-android"
include(":state", ":app")
