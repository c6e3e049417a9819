import type { AssembledDeck } from '../assemble/deck.ts'
import type { Content } from '../load/content.ts'
import type { EditionPlan } from '../plan.ts'
import { renderMarkdown } from '../render/markdown.ts'
import { agendaView, exerciseView, pageBase, type PageStyles } from './common.ts'
import { labStatusView } from './lab-status.ts'
import { numberedQuiz } from './quiz.ts'

/**
 * The facilitator guide: agenda with clock times, total against target,
 * prerequisites and setup checklist, per-module objectives and speaker notes
 * (numbered as in the assembled deck), exercise solutions, quiz answer key.
 */
export function guideView(content: Content, plan: EditionPlan, deck: AssembledDeck, slideTitles: string[], styles: PageStyles) {
  const modules = plan.modules.map((module, i) => {
    const part = deck.parts.find((p) => p.kind === 'module' && p.moduleId === module.id)
    const entry = plan.agenda.entries.find((e) => e.kind === 'module' && e.id === module.id)
    const notes = module.notes
      .map((slideNotes, k) => ({
        number: (part?.first ?? 0) + k + 1,
        title: slideTitles[(part?.first ?? 0) + k] ?? '',
        html: renderMarkdown(slideNotes.join('\n\n')),
        empty: slideNotes.join('').trim() === '',
      }))
      .filter((n) => !n.empty)
    return {
      id: module.id,
      number: i + 1,
      title: module.title,
      file: module.file,
      duration: module.duration,
      level: module.level,
      start: entry?.start,
      end: entry?.end,
      slideCount: module.slideCount,
      objectives: module.objectives,
      notes,
    }
  })
  const setup = [
    ...content.workshop.setup,
    ...[...new Set(plan.exercises.flatMap((e) => e.requires))].map((r) => `Learner machines provide: ${r} (needed by the exercises)`),
  ]
  const labs = plan.exercises.map((e) => ({ id: e.id, title: e.title, ...labStatusView(e, content.labResults) }))
  return {
    ...pageBase(content, styles, `${content.workshop.title} — facilitator guide`, plan.edition),
    agenda: agendaView(plan.agenda),
    setup,
    modules,
    exercises: plan.exercises.map((e) => exerciseView(e, 'instructor', content)),
    labs,
    labHosts: [...new Set(labs.filter((l) => l.host).map((l) => `${l.host}; ${l.runtime}`))],
    quiz: numberedQuiz(plan).flatMap((m) => m.questions),
  }
}
