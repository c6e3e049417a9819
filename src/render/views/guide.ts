import type { AssembledDeck } from '../deck/assemble-deck.ts'
import { freshnessPolicy, sourceFreshness, type FreshnessPolicy } from '../../load/freshness-limit.ts'
import type { Content } from '../../load/content.ts'
import type { Module } from '../../load/module.ts'
import type { EditionPlan } from '../../plan/edition-plan.ts'
import { renderInline, renderNotes } from '../markdown-html.ts'
import { escapeHtml } from '../../core/escape-html.ts'
import { agendaView, exerciseView, localEntry, pageBase, type PageStyles } from './common.ts'
import type { Messages } from '../../core/messages.ts'
import { labStatusView } from './lab-status.ts'
import { liveRunView } from './live-runs.ts'
import { numberedQuiz } from './quiz.ts'
import { PREFLIGHT_FILE } from '../preflight/script.ts'

/**
 * The facilitator guide: agenda with clock times, total against target,
 * prerequisites and setup checklist, per-module objectives and speaker notes
 * (numbered as in the assembled deck), exercise solutions, quiz answer key,
 * and the volatile claims to re-check before teaching (judged against the
 * event date, or `today` when there is none).
 */
export function guideView(content: Content, plan: EditionPlan, deck: AssembledDeck, slideTitles: string[], styles: PageStyles, today: Date) {
  const { messages } = content
  const { t } = messages
  const modules = plan.modules.map((module, i) => {
    const part = deck.parts.find((p) => p.kind === 'module' && p.moduleId === module.id)
    const found = plan.agenda.entries.find((e) => e.kind === 'module' && e.id === module.id)
    const entry = found && localEntry(found, messages)
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
      durationText: messages.duration(module.duration),
      level: module.level && t(`level.${module.level}`),
      start: entry?.start,
      end: entry?.end,
      slideCount: t('count.slides', { count: module.slideCount }),
      objectives: module.objectives,
      notes,
    }
  })
  // The preflight script is in the learners' set of every edition with exercises (render/edition.ts).
  const preflight = plan.exercises.length > 0 ? [withCode(t('guide.preflight', { command: SLOT }), PREFLIGHT_FILE)] : []
  const requirements = [...new Set(plan.exercises.flatMap((e) => e.requires))].map((r) => withCode(t('guide.learnerMachines', { requirement: SLOT }), r))
  const setup = [...content.workshop.setup.map(renderInline), ...preflight, ...requirements]
  const labs = plan.exercises.map((e) => ({ id: e.id, title: e.title, ...labStatusView(e, content.labResults, messages), live: liveRunView(e.id, content.liveRuns, messages) }))
  const agenda = agendaView(plan.agenda, messages)
  const timezone = content.workshop.event?.timezone
  return {
    ...pageBase(content, styles, t('title.guide', { workshop: content.workshop.title }), plan.edition),
    agenda,
    clockNote: timezone ? t('guide.clockFromZone', { start: agenda.startText, timezone }) : t('guide.clockFrom', { start: agenda.startText }),
    setup,
    recheck: recheckView(plan.modules, freshnessPolicy(content.workshop, today), messages),
    modules,
    exercises: plan.exercises.map((e) => exerciseView(e, 'instructor', content)),
    labs,
    labHosts: [...new Set(labs.filter((l) => l.host).map((l) => `${l.host}${t('lab.listSeparator')}${l.runtime}`))].map((host) => t('guide.ranOn', { host })),
    labsIntro: withCode(t('guide.verificationIntro', { command: SLOT, file: 'lab-results.json' }), 'kit labs'),
    quiz: numberedQuiz(plan, t('common.dash')).flatMap((m) => m.questions),
  }
}

/** Stands for a code span in a message, which is escaped before the span goes in. */
const SLOT = '\u0000'

/** A message as HTML, with `code` as a code span where SLOT stands. */
function withCode(message: string, code: string): string {
  return escapeHtml(message).replace(SLOT, `<code>${escapeHtml(code)}</code>`)
}

/** "Re-check before you teach": every volatile claim of the edition's modules, with its source and how fresh it is. */
export function recheckView(modules: Module[], policy: FreshnessPolicy, messages: Messages) {
  const { t } = messages
  const flags = { stale: t('guide.stale'), unchecked: t('guide.neverChecked'), fresh: '' } as const
  const claims = modules.flatMap((module, m) =>
    module.volatile.map((claim) => {
      const source = module.sources[claim.source]
      const freshness = source ? sourceFreshness(source, policy) : 'unchecked'
      return {
        claim: claim.claim,
        module: t('guide.module', { number: m + 1, title: module.title }),
        sourceTitle: source?.title ?? '',
        url: source?.url ?? '',
        checked: source?.checked ?? '',
        flagged: freshness !== 'fresh',
        flag: flags[freshness],
      }
    }),
  )
  const date = policy.referenceText.length === 10 ? messages.date(policy.referenceText) : policy.referenceText
  const reference = policy.basis === 'event' ? t('guide.recheckEvent', { date }) : t('guide.recheckToday', { date })
  const flaggedCount = claims.filter((c) => c.flagged).length
  return {
    claims,
    flaggedCount,
    flaggedText: flaggedCount > 0 ? t('guide.toRecheck', { count: flaggedCount }) : '',
    intro: withCode(t('guide.recheckIntro', { volatile: SLOT }), 'volatile'),
    rule: t('guide.recheckRule', { months: policy.maxAgeMonths, reference }),
  }
}
