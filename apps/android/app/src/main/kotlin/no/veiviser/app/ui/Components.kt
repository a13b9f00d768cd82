// PLATFORM-ONLY: not built here (the Compose runtime is on Google Maven, unreachable from these
// machines). Screens take only the AppView and send only actions (tests/shell_screens.rs).
package no.veiviser.app.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.role
import androidx.compose.ui.semantics.selected
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import no.veiviser.core.Action
import no.veiviser.core.ActionStyle
import no.veiviser.core.ActionView
import no.veiviser.core.BannerView

/** Sends an action: what every screen gets besides its view. */
typealias Send = (Action) -> Unit

/** The acute colour, also used by the HTML rendering (style.css `--acute`). */
val Acute = Color(0xFFA1001B)

/** One action as a button: at least 48×48 dp, read by TalkBack as its accessibility label. */
@Composable
fun ActionButton(action: ActionView, send: Send, modifier: Modifier = Modifier) {
    val m = modifier
        .fillMaxWidth()
        .heightIn(min = 48.dp)
        .widthIn(min = 48.dp)
        .semantics {
            contentDescription = action.accessibilityLabel
            role = Role.Button
            selected = action.selected
        }
    val onClick = { send(action.action) }
    when (action.style) {
        ActionStyle.DANGER -> Button(
            onClick = onClick,
            modifier = m,
            colors = ButtonDefaults.buttonColors(containerColor = Acute, contentColor = Color.White),
        ) { Text(action.label, fontWeight = FontWeight.Bold) }
        ActionStyle.PRIMARY -> Button(onClick = onClick, modifier = m) { Text(action.label) }
        ActionStyle.SECONDARY -> OutlinedButton(onClick = onClick, modifier = m) { Text(action.label) }
    }
}

/** Several actions, one under the other. */
@Composable
fun ActionColumn(actions: List<ActionView>, send: Send) {
    Column { actions.forEach { ActionButton(it, send, Modifier.padding(vertical = 4.dp)) } }
}

/** A sentence in a highlighted box (a notice from the core). */
@Composable
fun Notice(text: String) {
    Surface(color = Color(0xFFFFF4D6), modifier = Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
        Text(text, modifier = Modifier.padding(12.dp), style = MaterialTheme.typography.bodyLarge)
    }
}

/** A banner with its action, when it has one. */
@Composable
fun Banner(banner: BannerView, send: Send) {
    Column {
        Notice(banner.text)
        banner.action?.let { ActionButton(it, send) }
    }
}

/** A section heading, marked as a heading for TalkBack. */
@Composable
fun SectionHeading(text: String) {
    Text(
        text,
        style = MaterialTheme.typography.titleMedium,
        modifier = Modifier.padding(top = 16.dp, bottom = 4.dp).semantics { androidx.compose.ui.semantics.heading() },
    )
}
