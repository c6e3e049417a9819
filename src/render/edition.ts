import { authorNames, type AssembledDeck } from '../assemble/deck.ts'
import type { EditionPlan } from '../plan.ts'
import type { Project } from '../project.ts'
import { bookletView, exerciseSheetView } from '../views/sheets.ts'
import { guideView } from '../views/guide.ts'
import { handoutView } from '../views/handout.ts'
import { quizView } from '../views/quiz.ts'
import type { PageStyles } from '../views/common.ts'
import { firstHeading } from '../load/module.ts'
import { inlineAssets } from './inline-assets.ts'
import { createMarp, renderDeck, type RenderedDeck } from '../marp-engine.ts'

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
  /** The @font-face rules of this edition (subset to its characters), in every page and in the deck's CSS. */
  fontCss: string
  /** The theme CSS with those fonts, for the slides.html conversion. */
  themeCss: string[]
  /** Characters of this edition that no embedded font draws (`kit check` says where they are). */
  missingGlyphs?: string[]
}

/**
 * Every HTML and text output of one edition, from its assembled deck, the
 * bytes of the images it uses and its @font-face rules; reads nothing.
 */
export function renderEdition(project: Project, plan: EditionPlan, deck: AssembledDeck, images: Map<string, Uint8Array>, fontCss = ''): RenderedEdition {
  const { content, templates } = project
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
  const meta = { title: `${content.workshop.title} — ${edition.title}`, author: authorNames(content).join(', '), language: content.workshop.language }

  const page = (path: string, label: string, template: string, view: object, pdfSubject?: string) => {
    const html = templates.render(template, view)
    files.set(path, html)
    labels.set(path, label)
    if (pdfSubject) {
      const pdf = path.replace(/\.html$/, '.pdf')
      labels.set(pdf, `${label} (PDF)`)
      printables.push({ pdf, html, title: (view as { title: string }).title, subject: pdfSubject })
    }
  }

  files.set('slides.md', deck.markdown)
  labels.set('slides.md', 'Assembled Marp markdown (opens in Marp for VS Code)')
  labels.set('slides.html', 'Slides: press P for presenter view with notes, F for fullscreen')
  labels.set('slides.pdf', 'Slides (PDF, bookmarks per module)')
  labels.set('slides.pptx', 'Slides (PowerPoint, with speaker notes)')
  for (const [assetPath, bytes] of images) files.set(assetPath, bytes)

  // The handout's page already carries the fonts; its slide thumbnails need the deck's CSS without a second copy.
  const handout = handoutView(content, plan, deck, slides, fontCss ? rendered.css.replace(fontCss, '') : rendered.css, styles)
  page('handout.html', 'Handout: slides with note space, takeaways, sources, glossary', 'handout', handout, 'Handout')
  for (const exercise of plan.exercises) {
    page(`exercises/${exercise.id}.html`, `Exercise sheet: ${exercise.title}`, 'exercise', exerciseSheetView(content, plan, exercise, 'learner', styles), 'Exercise sheet')
    page(`exercises/${exercise.id}.instructor.html`, `Instructor sheet: ${exercise.title}`, 'exercise', exerciseSheetView(content, plan, exercise, 'instructor', styles), 'Instructor exercise sheet')
  }
  if (plan.exercises.length > 0) {
    const booklet = templates.render('booklet', bookletView(content, plan, styles))
    labels.set('exercises.pdf', 'Learner booklet: every exercise, no solutions')
    printables.push({ pdf: 'exercises.pdf', html: booklet, title: `${content.workshop.title} — exercises`, subject: 'Exercise booklet' })
  }
  const slideTitles = rendered.slides.map(firstHeading)
  page('guide.html', 'Facilitator guide: agenda, setup, notes, solutions, answer key', 'guide', guideView(content, plan, deck, slideTitles, styles), 'Facilitator guide')
  if (plan.quiz.length > 0) page('quiz.html', 'Quiz sheet for learners', 'quiz', quizView(content, plan, styles), 'Quiz')
  return { plan, deck, rendered, slides, files, printables, labels, meta, fontCss, themeCss }
}
