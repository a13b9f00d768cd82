// PLATFORM-ONLY: not built here (no Swift compiler on these machines). Screens take only the
// AppView and send only actions (tests/shell_screens.rs checks it).
import SwiftUI

/// A step of a walk: acute exit, numbers (first when urgent), text, answers, walk controls.
struct StepScreen: View {
    let s: GuideStepView
    let send: Send

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Text("\(s.guideTitle) · \(s.progressText)").font(.subheadline)
            if let text = s.resumeText { Notice(text: text) }
            if let acute = s.acuteAction { ActionButton(action: acute, send: send) }
            if let prompt = s.sectorPrompt { ChoicePrompt(p: prompt, send: send) }
            if s.callFirst {
                NumberList(list: s.numbers, send: send)
                stepBody
            } else {
                stepBody
                NumberList(list: s.numbers, send: send)
            }
            if let h = s.summaryHeading { SectionHeading(text: h) }
            ForEach(Array(s.summary.enumerated()), id: \.offset) { _, item in Text(summaryLine(item)) }
            if let back = s.backAction { ActionButton(action: back, send: send) }
            ActionButton(action: s.restartAction, send: send)
            ActionButton(action: s.endAction, send: send)
        }
    }

    private func summaryLine(_ item: SummaryItem) -> String {
        switch item.taken {
        case .answer(_, let label)?: return "\(item.heading): \(label)"
        case .sector(_, let label, let note)?: return "\(item.heading): \(label) (\(note))"
        default: return item.heading
        }
    }

    @ViewBuilder private var stepBody: some View {
        SectionHeading(text: s.heading)
        ForEach(Array(s.step.text.components(separatedBy: "\n\n").enumerated()), id: \.offset) { _, p in Text(p) }
        ActionColumn(actions: s.options, send: send)
        if let next = s.continueAction { ActionButton(action: next, send: send) }
        if !s.step.checklist.isEmpty {
            if let h = s.checklistHeading { SectionHeading(text: h) }
            ForEach(Array(s.step.checklist.enumerated()), id: \.offset) { _, item in Text("• \(item)") }
        }
        if !s.step.legal.isEmpty {
            if let h = s.legalHeading { SectionHeading(text: h) }
            ForEach(Array(s.step.legal.enumerated()), id: \.offset) { _, l in Text("\(l.citation) – \(l.title)") }
        }
        ActionColumn(actions: s.links, send: send)
    }
}

/// A question asked inline (sector, bydel), with its answers and "skip".
struct ChoicePrompt: View {
    let p: ChoicePromptView
    let send: Send

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            SectionHeading(text: p.question)
            Text(p.explanation)
            ActionColumn(actions: p.choices, send: send)
            ActionButton(action: p.skip, send: send)
        }
    }
}

/// The numbers for a step or a role: one entry per number, the call button first.
struct NumberList: View {
    let list: NumberListView
    let send: Send

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            SectionHeading(text: list.heading)
            Text(list.areaText)
            ActionButton(action: list.areaAction, send: send)
            if let skip = list.skipArea { ActionButton(action: skip, send: send) }
            ForEach(Array(list.notices.enumerated()), id: \.offset) { _, n in Notice(text: n.message) }
            if let b = list.exampleDataBanner { Notice(text: b) }
            if let u = list.unconfirmedText { Notice(text: u) }
            ForEach(Array(list.entries.enumerated()), id: \.offset) { _, e in
                VStack(alignment: .leading, spacing: 4) {
                    SectionHeading(text: [e.title, e.exampleDataMark].compactMap { $0 }.joined(separator: " "))
                    Text(e.reasonText)
                    Text([e.stateText, e.opensText].compactMap { $0 }.joined(separator: " – "))
                    if let hours = e.hoursText { Text(hours) }
                    if let call = e.call { ActionButton(action: call, send: send) }
                    if let none = e.noNumberText { Notice(text: none) }
                    if let also = e.alsoText { Text(also) }
                    if let note = e.noteText { Text(note) }
                    ActionColumn(actions: e.links, send: send)
                    Text(e.lastVerifiedText).font(.footnote)
                }
            }
            Text(list.atText).font(.footnote)
        }
    }
}
