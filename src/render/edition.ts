import { authorNames, type AssembledDeck } from './deck/assemble-deck.ts'
import type { EditionPlan } from '../plan/edition-plan.ts'
import type { Project } from '../load/project.ts'
import { bookletView, exerciseSheetView } from './views/sheets.ts'
import { guideView } from './views/guide.ts'
import { handoutView } from './views/handout.ts'
import { quizView } from './views/quiz.ts'
import type { PageStyles } from './views/common.ts'
import { firstHeading } from '../load/module.ts'
import { inlineAssets } from './inline-assets.ts'
import { createMarp, renderDeck, type RenderedDeck } from '../core/marp-engine.ts'
import type { Messages } from '../core/messages.ts'

/**
 * Stage "render": everything of one edition that is HTML or text, computed
 * without a browser. Export turns the printable pages into PDF and the deck
 * into PDF and PPTX.
 */

/** A page to print: its HTML output path and what goes in the PDF. */
export interface Printable {
  /** Output path of the PDF, relative to the edition folder. */
  pdf: string
  html: string
  title: string
  subject: string
}

export interface RenderedEdition {
  plan: EditionPlan
  deck: AssembledDeck
  rendered: RenderedDeck
  /** Slides with images inlined (for print, handout and PPTX). */
  slides: string[]
  /** Text outputs: path → content. */
  files: Map<string, string | Uint8Array>
  printables: Printable[]
  /** Labels shown on the landing page, by output path. */
  labels: Map<string, string>
  meta: { title: string; author: string; language: string }
  /** The workshop's words, dates and direction (bookmarks and PDF subjects speak its language). */
  messages: Messages
  /** The @font-face rules of this edition (subset to its characters), in every page and in the deck's CSS. */
  fontCss: string
  /** The theme CSS with those fonts, for the slides.html conversion. */
  themeCss: readonly string[]
  /** Characters of this edition that no embedded font draws (`kit check` says where they are). */
  missingGlyphs?: string[]
}

/**
 * Every HTML and text output of one edition, from its assembled deck, the
 * bytes of the images it uses and its @font-face rules; reads nothing.
 */
export function renderEdition(project: Project, plan: EditionPlan, deck: AssembledDeck, images: Map<string, Uint8Array>, options: { today: Date; fontCss?: string }): RenderedEdition {
  const { content, templates } = project
  const { today, fontCss = '' } = options
  const themeCss = fontCss ? project.themeCss.map((css) => `${css}\n${fontCss}`) : project.themeCss
  const marp = fontCss ? createMarp(themeCss) : project.marp
  const rendered = renderDeck(marp, deck.markdown)
  const assets = { files: images, fontCss }
  const slides = rendered.slides.map((s) => inlineAssets(s, assets))
  const styles: PageStyles = { fonts: fontCss, print: project.printCss, brand: project.brand }
  const files = new Map<string, string | Uint8Array>()
  const labels = new Map<string, string>()
  const printables: Printable[] = []
  const edition = plan.edition
  const meta = { title: `${content.workshop.title}${content.messages.t('common.dash')}${edition.title}`, author: authorNames(content).join(', '), language: content.workshop.language }
  const { messages } = content
  const { t } = messages

  const page = (path: string, label: string, template: string, view: object, pdfSubject?: string) => {
    const html = templates.render(template, view, messages)
    files.set(path, html)
    labels.set(path, label)
    if (pdfSubject) {
      const pdf = path.replace(/\.html$/, '.pdf')
      labels.set(pdf, t('landing.label.pdf', { label }))
      printables.push({ pdf, html, title: (view as { title: string }).title, subject: pdfSubject })
    }
  }

  files.set('slides.md', deck.markdown)
  labels.set('slides.md', t('landing.label.slidesMd'))
  labels.set('slides.html', t('landing.label.slidesHtml'))
  labels.set('slides.pdf', t('landing.label.slidesPdf'))
  labels.set('slides.pptx', t('landing.label.slidesPptx'))
  for (const [assetPath, bytes] of images) files.set(assetPath, bytes)

  // The handout's page already carries the fonts; its slide thumbnails need the deck's CSS without a second copy.
  const handout = handoutView(content, plan, deck, slides, fontCss ? rendered.css.replace(fontCss, '') : rendered.css, styles)
  page('handout.html', t('landing.label.handout'), 'handout', handout, t('doc.handout'))
  for (const exercise of plan.exercises) {
    const title = exercise.title
    page(`exercises/${exercise.id}.html`, t('landing.label.exercise', { title }), 'exercise', exerciseSheetView(content, plan, exercise, 'learner', styles), t('doc.exerciseSheet'))
    page(
      `exercises/${exercise.id}.instructor.html`,
      t('landing.label.instructor', { title }),
      'exercise',
      exerciseSheetView(content, plan, exercise, 'instructor', styles),
      t('doc.instructorExerciseSheet'),
    )
  }
  if (plan.exercises.length > 0) {
    const booklet = bookletView(content, plan, styles)
    labels.set('exercises.pdf', t('landing.label.booklet'))
    printables.push({ pdf: 'exercises.pdf', html: templates.render('booklet', booklet, messages), title: booklet.title, subject: t('doc.booklet') })
  }
  const slideTitles = rendered.slides.map(firstHeading)
  page('guide.html', t('landing.label.guide'), 'guide', guideView(content, plan, deck, slideTitles, styles, today), t('doc.guide'))
  if (plan.quiz.length > 0) page('quiz.html', t('landing.label.quiz'), 'quiz', quizView(content, plan, styles), t('doc.quiz'))
  return { plan, deck, rendered, slides, files, printables, labels, meta, messages, fontCss, themeCss }
}
