// PLATFORM-ONLY: not built here (the Compose runtime is on Google Maven, unreachable from these
// machines). Screens take only the AppView and send only actions (tests/shell_screens.rs).
package no.veiviser.app.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import no.veiviser.core.AcuteBarView
import no.veiviser.core.AppView
import no.veiviser.core.Screen

/** One frame: the acute bar first, the heading, the screen, the navigation. */
@Composable
fun AppScreen(view: AppView, send: Send) {
    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(12.dp)) {
        AcuteBar(view.acuteBar, send)
        Text(
            view.title,
            style = MaterialTheme.typography.headlineSmall,
            modifier = Modifier.padding(vertical = 12.dp).semantics { heading() },
        )
        when (val screen = view.screen) {
            is Screen.Home -> HomeScreen(screen.home, send)
            is Screen.GuideStep -> StepScreen(screen.step, send)
            is Screen.Contacts -> ContactsScreen(screen.contacts, send)
            is Screen.Area -> AreaScreen(screen.area, send)
            is Screen.Settings -> SettingsScreen(screen.settings, send)
            is Screen.WhatsNew -> WhatsNewScreen(screen.whatsNew, send)
            is Screen.About -> AboutScreen(screen.about, send)
        }
        ActionColumn(view.nav, send)
    }
}

/** 112, 113 and 116 111, one tap each; a tap sends the call action (the shell dials). */
@Composable
fun AcuteBar(bar: AcuteBarView, send: Send) {
    Surface(color = Acute, contentColor = Color.White, modifier = Modifier.fillMaxWidth()) {
        Column(Modifier.padding(8.dp)) {
            Text(bar.heading, fontWeight = FontWeight.Bold, modifier = Modifier.semantics { heading() })
            // One under the other: at a large font scale three side by side would not fit.
            Column {
                bar.calls.forEach { call ->
                    Button(
                        onClick = { send(call.call.action) },
                        modifier = Modifier.fillMaxWidth().heightIn(min = 48.dp).padding(2.dp)
                            .semantics { contentDescription = call.call.accessibilityLabel },
                        colors = ButtonDefaults.buttonColors(containerColor = Color.White, contentColor = Acute),
                    ) {
                        Column {
                            Text(call.call.label, fontWeight = FontWeight.Bold)
                            Text(call.name, style = MaterialTheme.typography.bodySmall)
                        }
                    }
                }
            }
        }
    }
}
