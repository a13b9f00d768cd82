// PLATFORM-ONLY: not built here (the Compose runtime is on Google Maven, unreachable from these
// machines). Screens take only the AppView and send only actions (tests/shell_screens.rs).
package no.veiviser.app.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.text.KeyboardActions
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.input.ImeAction
import no.veiviser.core.AboutView
import no.veiviser.core.Action
import no.veiviser.core.AreaView
import no.veiviser.core.ContactsScreenView
import no.veiviser.core.HomeView
import no.veiviser.core.SettingsView
import no.veiviser.core.WhatsNewItemView
import no.veiviser.core.WhatsNewView

/** Home: banners, the walk to continue, the guides, the user's area. */
@Composable
fun HomeScreen(h: HomeView, send: Send) {
    Column {
        h.banners.forEach { Banner(it, send) }
        h.resume?.let { ActionButton(it, send) }
        SectionHeading(h.guidesHeading)
        h.guidesEmptyText?.let { Text(it) }
        h.guides.forEach { g ->
            SectionHeading(g.title)
            g.summary?.let { Text(it) }
            g.unavailableText?.let { Notice(it) }
            g.open?.let { ActionButton(it, send) }
        }
        Text(h.areaText)
        ActionButton(h.areaAction, send)
        h.contentAsOfText?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
    }
}

/** Contacts: the roles, then the numbers. */
@Composable
fun ContactsScreen(c: ContactsScreenView, send: Send) {
    Column {
        ActionColumn(c.roles, send)
        NumberList(c.numbers, send)
    }
}

/** Area: a postcode or place, the matches, the bydel picker; the text typed is sent as is. */
@Composable
fun AreaScreen(a: AreaView, send: Send) {
    var query by remember(a.query) { mutableStateOf(a.query) }
    Column {
        Text(a.intro)
        a.currentText?.let { Text(it) }
        OutlinedTextField(
            value = query,
            onValueChange = { query = it },
            label = { Text(a.inputLabel) },
            singleLine = true,
            keyboardOptions = KeyboardOptions(imeAction = ImeAction.Search),
            keyboardActions = KeyboardActions(onSearch = { send(Action.SearchArea(query)) }),
            modifier = Modifier.fillMaxWidth(),
        )
        a.message?.let { Notice(it) }
        ActionColumn(a.results, send)
        a.bydelPicker?.let { ChoicePrompt(it, send) }
        a.clear?.let { ActionButton(it, send) }
        ActionButton(a.skip, send)
    }
}

/** Settings: language, sector, default area, sync. */
@Composable
fun SettingsScreen(s: SettingsView, send: Send) {
    Column {
        SectionHeading(s.languageHeading)
        ActionColumn(s.languages, send)
        SectionHeading(s.sectorHeading)
        ActionColumn(s.sectors, send)
        SectionHeading(s.areaHeading)
        Text(s.areaText)
        ActionButton(s.areaAction, send)
        s.areaClear?.let { ActionButton(it, send) }
        SectionHeading(s.syncHeading)
        s.syncLines.forEach { Text(it) }
        s.syncErrorText?.let { Notice(it) }
        ActionButton(s.syncAction, send)
    }
}

@Composable
private fun WhatsNewItems(items: List<WhatsNewItemView>, send: Send) {
    items.forEach { item ->
        SectionHeading(item.title)
        Text(item.changeText)
        item.summary?.let { Text(it) }
        item.open?.let { ActionButton(it, send) }
    }
}

/** What's new: changed guides, changed entries for the saved area, mark as read. */
@Composable
fun WhatsNewScreen(w: WhatsNewView, send: Send) {
    Column {
        w.emptyText?.let { Text(it) }
        if (w.guides.isNotEmpty()) {
            SectionHeading(w.guidesHeading)
            WhatsNewItems(w.guides, send)
        }
        if (w.entries.isNotEmpty()) {
            SectionHeading(w.entriesHeading)
            WhatsNewItems(w.entries, send)
        }
        ActionButton(w.dismiss, send)
    }
}

/** About: demo warning, sources, accessibility, privacy, content version. */
@Composable
fun AboutScreen(a: AboutView, @Suppress("UNUSED_PARAMETER") send: Send) {
    Column {
        a.demoWarning?.let { Notice(it) }
        Text(a.intro)
        SectionHeading(a.sourcesHeading)
        a.sources.forEach { Text(it) }
        SectionHeading(a.accessibilityHeading)
        a.accessibility.forEach { Text(it) }
        SectionHeading(a.privacyHeading)
        a.privacy.forEach { Text(it) }
        Text(a.versionText, style = MaterialTheme.typography.bodySmall)
    }
}
