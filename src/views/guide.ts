import type { AssembledDeck } from '../assemble/deck.ts'
import { freshnessPolicy, referenceLabel, sourceFreshness, type FreshnessPolicy } from '../freshness.ts'
import type { Content } from '../load/content.ts'
import type { Module } from '../load/module.ts'
import type { EditionPlan } from '../plan.ts'
import { plural } from '../plural.ts'
import { renderInline, renderNotes } from '../render/markdown.ts'
import { escapeHtml } from '../render/escape-html.ts'
import { agendaView, exerciseView, pageBase, type PageStyles } from './common.ts'
import { labStatusView } from './lab-status.ts'
import { numberedQuiz } from './quiz.ts'

/**
 * The facilitator guide: agenda with clock times, total against target,
 * prerequisites and setup checklist, per-module objectives and speaker notes
 * (numbered as in the assembled deck), exercise solutions, quiz answer key,
 * and the volatile claims to re-check before teaching (judged against the
 * event date, or `today` when there is none).
 */
export function guideView(content: Content, plan: EditionPlan, deck: AssembledDeck, slideTitles: string[], styles: PageStyles, today = new Date()) {
  const modules = plan.modules.map((module, i) => {
    const part = deck.parts.find((p) => p.kind === 'module' && p.moduleId === module.id)
    const entry = plan.agenda.entries.find((e) => e.kind === 'module' && e.id === module.id)
    const notes = module.notes
      .map((slideNotes, k) => ({
        number: (part?.first ?? 0) + k + 1,
        title: slideTitles[(part?.first ?? 0) + k] ?? '',
        html: renderNotes(slideNotes),
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
      slideCount: plural(module.slideCount, 'slide'),
      objectives: module.objectives,
      notes,
    }
  })
  const setup = [
    ...content.workshop.setup.map(renderInline),
    ...[...new Set(plan.exercises.flatMap((e) => e.requires))].map((r) => `Learner machines provide: <code>${escapeHtml(r)}</code> (needed by the exercises)`),
  ]
  const labs = plan.exercises.map((e) => ({ id: e.id, title: e.title, ...labStatusView(e, content.labResults) }))
  return {
    ...pageBase(content, styles, `${content.workshop.title} — facilitator guide`, plan.edition),
    agenda: agendaView(plan.agenda),
    setup,
    recheck: recheckView(plan.modules, freshnessPolicy(content.workshop, today)),
    modules,
    exercises: plan.exercises.map((e) => exerciseView(e, 'instructor', content)),
    labs,
    labHosts: [...new Set(labs.filter((l) => l.host).map((l) => `${l.host}; ${l.runtime}`))],
    quiz: numberedQuiz(plan).flatMap((m) => m.questions),
  }
}

const FLAGS = { stale: 'stale', unchecked: 'never checked', fresh: '' } as const

/** "Re-check before you teach": every volatile claim of the edition's modules, with its source and how fresh it is. */
export function recheckView(modules: Module[], policy: FreshnessPolicy) {
  const claims = modules.flatMap((module, m) =>
    module.volatile.map((claim) => {
      const source = module.sources[claim.source]
      const freshness = source ? sourceFreshness(source, policy) : 'unchecked'
      return {
        claim: claim.claim,
        module: `Module ${m + 1}: ${module.title}`,
        sourceTitle: source?.title ?? '',
        url: source?.url ?? '',
        checked: source?.checked ?? '',
        flagged: freshness !== 'fresh',
        flag: FLAGS[freshness],
      }
    }),
  )
  return {
    claims,
    flaggedCount: claims.filter((c) => c.flagged).length,
    rule: `A source is stale when it was checked more than ${policy.maxAgeMonths} months before ${referenceLabel(policy)}.`,
  }
}
