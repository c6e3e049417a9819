import type { Content } from '../../load/content.ts'
import type { SessionRecords } from '../../load/session-records.ts'
import { certifiedLearners, type Certified } from '../../plan/certificates.ts'
import type { EditionPlan } from '../../plan/edition-plan.ts'
import { pageBase, type PageStyles } from './common.ts'
import { trainingFacts } from './paperwork.ts'

/**
 * Certificates of completion, one landscape page each (the PDF is split
 * into one file per learner): the learner's name, the workshop and
 * edition, the date and venue, the training time in hours, the objectives
 * covered (module by module), the trainer with a signature line, the
 * organisation and logo from `brand:`, and the certificate number
 * (src/plan/certificates.ts). Without a roster, one certificate with a
 * line for the name, to fill in by hand.
 */
export function certificatesView(content: Content, plan: EditionPlan, styles: PageStyles, records?: SessionRecords) {
  const { t } = content.messages
  const facts = trainingFacts(content, plan)
  const certified: (Certified | undefined)[] = records?.learners.length
    ? certifiedLearners(records.learners, { editionId: plan.edition.id, date: facts.isoDate, sessions: facts.halfDays, attendance: records.attendance })
    : [undefined]
  const base = pageBase(content, styles, t('title.certificates', { workshop: content.workshop.title }), plan.edition)
  const modules = plan.modules.filter((m) => m.objectives.length > 0).map((m) => ({ title: m.title, objectives: m.objectives.join(' · ') }))
  return {
    ...base,
    // One page per certificate, on its side, without the running footer (each page is a document of its own).
    pageCss: `@page { size: ${base.pageSize} landscape; margin: 12mm; @bottom-center { content: none; } }`,
    facts,
    ...objectivesFit(modules),
    certificates: certified.map((c) => ({ name: c?.learner.name ?? '', number: c?.number ?? '', blank: !c })),
    numbers: certified.flatMap((c) => (c ? [c.number] : [])),
  }
}

/**
 * A certificate is one page, so the objectives' type shrinks with their
 * length (measured on the bundled full-day edition: 3,100 characters fit
 * at the densest size); past what fits legibly, the modules' titles alone.
 */
export function objectivesFit(modules: { title: string; objectives: string }[]) {
  const length = modules.reduce((sum, m) => sum + m.title.length + m.objectives.length + 12, 0)
  if (length > MAX_OBJECTIVE_CHARS) return { modules: modules.map((m) => ({ title: m.title, objectives: '' })), density: 'dense' }
  return { modules, density: length <= 1200 ? 'roomy' : length <= 2200 ? 'compact' : 'dense' }
}

/** The most objective text one certificate page carries (at 7 pt, in two columns). */
export const MAX_OBJECTIVE_CHARS = 3800
