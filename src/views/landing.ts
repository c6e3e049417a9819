import type { Content } from '../load/content.ts'
import { formatBytes } from '../format.ts'
import type { EditionPlan } from '../plan.ts'
import { agendaView, pageBase, type PageStyles } from './common.ts'

/** The order artefacts are listed in on an edition's landing page. */
const ORDER = ['slides.html', 'slides.pdf', 'slides.pptx', 'slides.md', 'handout.html', 'handout.pdf', 'exercises.pdf', 'guide.html', 'guide.pdf', 'quiz.html', 'quiz.pdf']

/** An edition's landing page: its agenda and every artefact with pages and size. */
export function landingView(content: Content, plan: EditionPlan, styles: PageStyles, title: string, files: { path: string; bytes: number; pages?: number }[], labels: Map<string, string>) {
  const rank = (p: string) => (ORDER.includes(p) ? ORDER.indexOf(p) : p.startsWith('exercises/') ? ORDER.length : ORDER.length + 1)
  const artefacts = files
    .filter((f) => !f.path.startsWith('assets/'))
    .sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path))
    .map((f) => ({ path: f.path, label: labels.get(f.path) ?? f.path, pages: f.pages ?? '', size: formatBytes(f.bytes) }))
  return { ...pageBase(content, styles, title, plan.edition), agenda: agendaView(plan.agenda, content.messages), artefacts }
}

/** dist/index.html: every edition built so far, in workshop.yaml's order. */
export function homeView(content: Content, styles: PageStyles, plans: EditionPlan[]) {
  const order = content.workshop.editions.map((e) => e.id)
  return {
    ...pageBase(content, styles, content.workshop.title),
    editions: [...plans]
      .sort((a, b) => order.indexOf(a.edition.id) - order.indexOf(b.edition.id))
      .map((plan) => ({
        id: plan.edition.id,
        title: plan.edition.title,
        lengthText: content.messages.duration(plan.agenda.total),
        moduleCount: content.messages.t('count.modules', { count: plan.modules.length }),
        exerciseCount: content.messages.t('count.exercises', { count: plan.exercises.length }),
      })),
  }
}
