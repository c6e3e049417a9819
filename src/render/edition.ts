import { authorNames, type AssembledDeck } from './deck/assemble-deck.ts'
import type { EditionPlan } from '../plan/edition-plan.ts'
import type { Project } from '../load/project.ts'
import { bookletView, exerciseSheetView } from './views/sheets.ts'
import { guideView } from './views/guide.ts'
import { handoutView } from './views/handout.ts'
import { answerKeyView, quizView } from './views/quiz.ts'
import type { PageStyles } from './views/common.ts'
import { firstHeading } from '../load/module.ts'
import { inlineAssets } from './inline-assets.ts'
import { renderDeck, type RenderedDeck } from '../core/marp-engine.ts'
import type { EmbeddedFace } from './font-faces.ts'
import type { PrintPart } from './deck/print-html.ts'
import type { Messages } from '../core/messages.ts'
import type { Content } from '../load/content.ts'
import type { Audience } from '../core/audience.ts'
import { preflightPlan } from './preflight/checks.ts'
import { PREFLIGHT_FILE, renderPreflightScript } from './preflight/script.ts'
import type { SessionRecords } from '../load/session-records.ts'
import { paperworkPages, quizExports } from './paperwork.ts'

/**
 * Stage "render": everything of one edition that is HTML or text, computed
 * without a browser. Export turns the printable pages into PDF and the deck
 * into PDF and PPTX.
 */

/** A page to print: its HTML output path and what goes in the PDF. */
export interface Printable {
  /** Output path of the PDF, relative to the edition folder of its set. */
  pdf: string
  html: string
  title: string
  subject: string
  /** Prints learners' names (from a roster or results): never cached (docs/paperwork.md). */
  personal?: boolean
  /** Split the PDF into one file per page, at these paths (one certificate per learner). */
  split?: string[]
}

/**
 * What kit writes is split by audience. The learner set (slides without
 * notes or answers, handout, learner sheets and booklet, quiz sheet) may be
 * published; the instructor set (the presenter's deck with notes and
 * answers, its Marp markdown, the guide, instructor sheets, the answer key,
 * lab records) never goes where learners can reach it.
 */
export interface EditionSet {
  /** Text outputs: path → content. */
  files: Map<string, string | Uint8Array>
  printables: Printable[]
  /** Labels shown on the set's landing page, by output path. */
  labels: Map<string, string>
}

/** A deck as rendered: its assembly, marp-core's output, and each slide with its images inlined. */
export interface DeckRender {
  deck: AssembledDeck
  rendered: RenderedDeck
  slides: string[]
  /** The parts it prints in, each with its own fonts (empty until the edition's fonts are known). */
  print: PrintPart[]
}

export interface RenderedEdition extends DeckRender {
  plan: EditionPlan
  /** `deck`, `rendered` and `slides` are the instructor's deck; this is the learner's. */
  learner: DeckRender
  sets: Record<Audience, EditionSet>
  meta: { title: string; author: string; language: string }
  /** The workshop's words, dates and direction (bookmarks and PDF subjects speak its language). */
  messages: Messages
  /** The faces embedded in this edition (subset to its characters). */
  fonts: readonly EmbeddedFace[]
  /** Their @font-face rules, in every page (the deck's own CSS carries none). */
  fontCss: string
  /** The theme CSS with those fonts, for the slides.html conversion. */
  themeCss: readonly string[]
  /** Characters of this edition that no embedded font draws (`kit check` says where they are). */
  missingGlyphs?: string[]
  /** The images as data URLs, each SVG with the fonts of its own text (slides.html uses them too). */
  imageUrls?: ReadonlyMap<string, string>
}

/**
 * Every HTML and text output of one edition, for each audience, from its
 * assembled decks (the instructor's and the learner's), the bytes of the
 * images they use (or their data URLs, `urls`) and its @font-face rules
 * (`pageFonts`: what every page's style starts with instead); reads nothing.
 */
export function renderEdition(
  project: Project,
  plan: EditionPlan,
  decks: Record<Audience, AssembledDeck>,
  images: Map<string, Uint8Array>,
  options: { today: Date; fonts?: readonly EmbeddedFace[]; urls?: ReadonlyMap<string, string>; pageFonts?: string; records?: SessionRecords },
): RenderedEdition {
  const { content, templates } = project
  const { today, fonts = [] } = options
  const fontCss = fonts.map((f) => f.rule).join('\n')
  const themeCss = fontCss ? project.themeCss.map((css) => `${css}\n${fontCss}`) : project.themeCss
  const assets = { files: images, fonts, urls: options.urls }
  const draw = (deck: AssembledDeck): DeckRender => {
    const rendered = renderDeck(project.marp, deck.markdown)
    return { deck, rendered, slides: rendered.slides.map((s) => inlineAssets(s, assets)), print: [] }
  }
  const instructor = draw(decks.instructor)
  const learner = draw(decks.learner)
  const styles: PageStyles = { fonts: options.pageFonts ?? fontCss, print: project.printCss, brand: project.brand }
  const edition = plan.edition
  const meta = { title: `${content.workshop.title}${content.messages.t('common.dash')}${edition.title}`, author: authorNames(content).join(', '), language: content.workshop.language }
  const { messages } = content
  const sets: Record<Audience, EditionSet> = { learner: emptySet(), instructor: emptySet() }
  const page = (audience: Audience, path: string, label: string, template: string, view: object, pdfSubject?: string, print: Pick<Printable, 'personal' | 'split'> = {}) => {
    const set = sets[audience]
    const html = templates.render(template, view, messages)
    set.files.set(path, html)
    set.labels.set(path, label)
    if (!pdfSubject) return
    const pdf = path.replace(/\.html$/, '.pdf')
    set.labels.set(pdf, messages.t('landing.label.pdf', { label }))
    set.printables.push({ pdf, html, title: (view as { title: string }).title, subject: pdfSubject, ...print })
  }
  deckFiles(sets, images, decks.instructor, messages)
  // The handout's page already carries the fonts; its slide thumbnails need the deck's CSS without a second copy.
  const handout = handoutView(content, plan, learner.deck, learner.slides, learner.rendered.css, styles)
  page('learner', 'handout.html', messages.t('landing.label.handout'), 'handout', handout, messages.t('doc.handout'))
  exerciseFiles(page, sets.learner, content, plan, styles, templates)
  preflightFile(sets.learner, content, plan)
  const slideTitles = instructor.rendered.slides.map(firstHeading)
  page('instructor', 'guide.html', messages.t('landing.label.guide'), 'guide', guideView(content, plan, instructor.deck, slideTitles, styles, today), messages.t('doc.guide'))
  if (plan.quiz.length > 0) {
    page('learner', 'quiz.html', messages.t('landing.label.quiz'), 'quiz', quizView(content, plan, styles), messages.t('doc.quiz'))
    page('instructor', 'answer-key.html', messages.t('landing.label.answerKey'), 'answer-key', answerKeyView(content, plan, styles), messages.t('doc.answerKey'))
  }
  labRecords(sets.instructor, content, plan)
  for (const p of paperworkPages(content, plan, styles, options.records)) {
    page(p.audience, p.path, p.label, p.template, p.view, p.subject, { personal: p.personal, split: p.split?.map((s) => s.path) })
    for (const s of p.split ?? []) sets[p.audience].labels.set(s.path, s.label)
  }
  for (const file of quizExports(content, plan)) {
    sets.instructor.files.set(file.path, file.text)
    sets.instructor.labels.set(file.path, file.label)
  }
  return { plan, ...instructor, learner, sets, meta, messages, fonts, fontCss, themeCss }
}

type PageOf = (audience: Audience, path: string, label: string, template: string, view: object, pdfSubject?: string) => void

function emptySet(): EditionSet {
  return { files: new Map(), printables: [], labels: new Map() }
}

/** The slides of each set; slides.md (with notes) and the images it refers to are the instructor's. */
function deckFiles(sets: Record<Audience, EditionSet>, images: Map<string, Uint8Array>, deck: AssembledDeck, messages: Messages): void {
  const { t } = messages
  sets.instructor.files.set('slides.md', deck.markdown)
  for (const [assetPath, bytes] of images) sets.instructor.files.set(assetPath, bytes)
  sets.instructor.labels.set('slides.md', t('landing.label.slidesMd'))
  sets.instructor.labels.set('slides.html', t('landing.label.slidesHtml'))
  sets.instructor.labels.set('slides.pdf', t('landing.label.slidesPdf'))
  sets.instructor.labels.set('slides.pptx', t('landing.label.slidesPptx'))
  sets.learner.labels.set('slides.html', t('landing.label.learnerSlidesHtml'))
  sets.learner.labels.set('slides.pdf', t('landing.label.learnerSlidesPdf'))
}

/** Each exercise's learner sheet and instructor sheet, and the learners' booklet. */
function exerciseFiles(page: PageOf, learner: EditionSet, content: Content, plan: EditionPlan, styles: PageStyles, templates: Project['templates']): void {
  const { t } = content.messages
  for (const exercise of plan.exercises) {
    const title = exercise.title
    page('learner', `exercises/${exercise.id}.html`, t('landing.label.exercise', { title }), 'exercise', exerciseSheetView(content, plan, exercise, 'learner', styles), t('doc.exerciseSheet'))
    page(
      'instructor',
      `exercises/${exercise.id}.instructor.html`,
      t('landing.label.instructor', { title }),
      'exercise',
      exerciseSheetView(content, plan, exercise, 'instructor', styles),
      t('doc.instructorExerciseSheet'),
    )
  }
  if (plan.exercises.length === 0) return
  const booklet = bookletView(content, plan, styles)
  learner.labels.set('exercises.pdf', t('landing.label.booklet'))
  learner.printables.push({ pdf: 'exercises.pdf', html: templates.render('booklet', booklet, content.messages), title: booklet.title, subject: t('doc.booklet') })
}

/** The learner's preflight script: what the edition's exercises need, checked on the learner's machine before the day. */
function preflightFile(learner: EditionSet, content: Content, plan: EditionPlan): void {
  const checks = preflightPlan(plan.exercises)
  if (checks.checks.length === 0) return
  learner.files.set(PREFLIGHT_FILE, renderPreflightScript(checks, content.messages, { workshop: content.workshop.title, edition: plan.edition.title }))
  learner.labels.set(PREFLIGHT_FILE, content.messages.t('landing.label.preflight'))
}

/** The last `kit labs` results of the edition's exercises, as recorded. */
function labRecords(instructor: EditionSet, content: Content, plan: EditionPlan): void {
  const results = content.labResults
  if (!results) return
  const ids = new Set(plan.exercises.map((e) => e.id))
  const exercises = Object.fromEntries(Object.entries(results.exercises).filter(([id]) => ids.has(id)))
  if (Object.keys(exercises).length === 0) return
  instructor.files.set('lab-results.json', `${JSON.stringify({ ...results, exercises }, null, 2)}\n`)
  instructor.labels.set('lab-results.json', content.messages.t('landing.label.labResults'))
}
