// PLATFORM-ONLY: not built here (the Compose runtime is on Google Maven, unreachable from these
// machines). Screens take only the AppView and send only actions (tests/shell_screens.rs).
package no.veiviser.app.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import no.veiviser.core.ChoicePromptView
import no.veiviser.core.GuideStepView
import no.veiviser.core.NumberEntryView
import no.veiviser.core.NumberListView
import no.veiviser.core.Taken

/** A step of a walk: acute exit, numbers (first when urgent), text, answers, walk controls. */
@Composable
fun StepScreen(s: GuideStepView, send: Send) {
    Column {
        Text("${s.guideTitle} · ${s.progressText}", style = MaterialTheme.typography.bodyMedium)
        s.resumeText?.let { Notice(it) }
        s.acuteAction?.let { ActionButton(it, send) }
        s.sectorPrompt?.let { ChoicePrompt(it, send) }
        if (s.callFirst) {
            NumberList(s.numbers, send)
            StepBody(s, send)
        } else {
            StepBody(s, send)
            NumberList(s.numbers, send)
        }
        s.summaryHeading?.let { SectionHeading(it) }
        s.summary.forEach { item ->
            val taken = when (val t = item.taken) {
                is Taken.Answer -> ": ${t.label}"
                is Taken.Sector -> ": ${t.label} (${t.note})"
                else -> ""
            }
            Text(item.heading + taken)
        }
        s.backAction?.let { ActionButton(it, send) }
        ActionButton(s.restartAction, send)
        ActionButton(s.endAction, send)
    }
}

@Composable
private fun StepBody(s: GuideStepView, send: Send) {
    SectionHeading(s.heading)
    s.step.text.split("\n\n").filter { it.isNotBlank() }.forEach {
        Text(it.trim(), style = MaterialTheme.typography.bodyLarge, modifier = Modifier.padding(vertical = 4.dp))
    }
    ActionColumn(s.options, send)
    s.continueAction?.let { ActionButton(it, send) }
    if (s.step.checklist.isNotEmpty()) {
        s.checklistHeading?.let { SectionHeading(it) }
        s.step.checklist.forEach { Text("• $it") }
    }
    if (s.step.legal.isNotEmpty()) {
        s.legalHeading?.let { SectionHeading(it) }
        s.step.legal.forEach { Text("${it.citation} – ${it.title}") }
    }
    ActionColumn(s.links, send)
}

/** A question asked inline (sector, bydel), with its answers and "skip". */
@Composable
fun ChoicePrompt(p: ChoicePromptView, send: Send) {
    Column(Modifier.padding(vertical = 8.dp)) {
        SectionHeading(p.question)
        Text(p.explanation)
        ActionColumn(p.choices, send)
        ActionButton(p.skip, send)
    }
}

/** The numbers for a step or a role: one entry per number, the call button first. */
@Composable
fun NumberList(list: NumberListView, send: Send) {
    Column(Modifier.padding(vertical = 8.dp)) {
        SectionHeading(list.heading)
        Text(list.areaText)
        ActionButton(list.areaAction, send)
        list.skipArea?.let { ActionButton(it, send) }
        list.notices.forEach { Notice(it.message) }
        list.exampleDataBanner?.let { Notice(it) }
        list.unconfirmedText?.let { Notice(it) }
        list.entries.forEach { NumberEntry(it, send) }
        Text(list.atText, style = MaterialTheme.typography.bodySmall)
    }
}

@Composable
private fun NumberEntry(e: NumberEntryView, send: Send) {
    Column(Modifier.padding(vertical = 8.dp)) {
        SectionHeading(listOfNotNull(e.title, e.exampleDataMark).joinToString(" "))
        Text(e.reasonText)
        Text(listOfNotNull(e.stateText, e.opensText).joinToString(" – "))
        e.hoursText?.let { Text(it) }
        e.call?.let { ActionButton(it, send) }
        e.noNumberText?.let { Notice(it) }
        e.alsoText?.let { Text(it) }
        e.noteText?.let { Text(it) }
        ActionColumn(e.links, send)
        Text(e.lastVerifiedText, style = MaterialTheme.typography.bodySmall)
    }
}
