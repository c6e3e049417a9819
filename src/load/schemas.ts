import { MAX_CHOICES } from '../core/choice-letters.ts'
import { isCssColour } from '../core/css-colour.ts'
import { z } from 'zod'
import { isCheckedDate, parseCheckedDate } from './checked-date.ts'

/**
 * Schemas of every source format (docs/authoring.md). They are the single
 * place where the shape of content is defined; the TypeScript types below are
 * inferred from them.
 */

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes')
const minutes = z
  .number()
  .int()
  .positive()
  .max(24 * 60)
const text = z.string().min(1)
const link = z.object({ title: text, url: text })
/** When a source was last confirmed: YYYY-MM or YYYY-MM-DD. */
const checkedDate = z.custom<string>(isCheckedDate, {
  message: 'must be a month as YYYY-MM or a day as YYYY-MM-DD',
  params: { hint: 'Write the month you last confirmed the source, e.g. `checked: 2026-11` or `checked: 2026-11-05`.' },
})
/** A module's source; `checked` dates it so `kit check` can say when it is stale. */
const source = z.object({ title: text, url: text, checked: checkedDate.optional() })
/** A claim that goes out of date, tied to a source by 1-based position or by url. */
const volatileClaim = z.object({ claim: text, source: z.union([z.number().int().positive(), text]) })
/** A BCP 47 language tag (`de`, `pt-BR`, `zh-Hant`). */
export const languageTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or en-GB')
const person = z.union([text, z.object({ name: text, url: z.string().optional() })])

/** What a break looks like, for every mistake in one. */
export const BREAK_HINT = 'A break is written `- { break: 15, title: Coffee }`: its length in minutes as a plain number, the title optional.'
const breakMinutes = z.custom<number>((v) => minutes.safeParse(v).success, {
  message: 'is not a break: `break:` must be a whole number of minutes (1 to 1440)',
  params: { hint: BREAK_HINT },
})
/** A break without a title is called "Break" in the workshop's language. */
export const breakItem = z.object({ break: breakMinutes, title: z.string().optional() })

/** Slides the build generates between and after the modules; each can be left out. */
export const editionSlidesSchema = z.object({
  /** A slide per break with the clock time it ends ("Coffee break — back at 10:45"). */
  breaks: z.boolean().default(true),
  /** A slide per hands-on item: the exercise, its sheet, its duration and when it ends. */
  exercises: z.boolean().default(true),
  /** A closing slide at the end: takeaways, links, feedback. */
  closing: z.boolean().default(true),
})

export const editionSchema = z.object({
  /** Folder name under dist/ and the `--edition` value. */
  id,
  title: text,
  /** Target length in minutes; the guide warns past 10 %. */
  length: minutes,
  /** Generate knowledge-check slides from the quiz (default true). */
  quiz: z.boolean().default(true),
  /** Generated slides for breaks, hands-on items and the close (each default true). */
  slides: editionSlidesSchema.default({ breaks: true, exercises: true, closing: true }),
  /** Module ids, exercise ids and breaks, in running order. */
  items: z.array(z.union([id, breakItem])).min(1),
})

export const eventSchema = z.object({
  /** YYYY-MM-DD */
  date: z
    .union([
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be YYYY-MM-DD', abort: true })
        .refine((day) => parseCheckedDate(day) !== undefined, 'is not a day of the calendar (YYYY-MM-DD)'),
      z.date(),
    ])
    .optional(),
  /** HH:MM, 24-hour clock */
  start: z
    .string()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)')
    .default('09:00'),
  timezone: z.string().optional(),
  venue: z.string().optional(),
  presenters: z.array(person).default([]),
  links: z.array(link).default([]),
  /** Where learners give feedback (a URL or a sentence), on the closing slide. */
  feedback: text.optional(),
})

/** A CSS colour by a strict grammar (src/core/css-colour.ts): it is inlined into every stylesheet. */
const colour = z.string().refine(isCssColour, {
  message: 'must be a CSS colour such as #0b5cad',
  params: { hint: 'Write a hex colour of 3, 4, 6 or 8 digits (#0b5cad), rgb()/hsl() with numbers (rgb(11, 92, 173)), or a CSS colour name (teal).' },
})

/** The organisation's look, in one place: slides, print pages and landing pages all take it. */
export const brandSchema = z.object({
  /** Headings, links, rules: the main colour. */
  accent: colour.optional(),
  /** Labels, boxes, the second colour. */
  'accent-2': colour.optional(),
  /** An image in the project (SVG or PNG), shown on the title slide, on print covers and landing pages. */
  logo: z.string().min(1).optional(),
  /** The organisation's name, next to the logo. */
  organisation: z.string().min(1).optional(),
  /** Footer text of every slide without its own footer, and of every printed page. */
  footer: z.string().min(1).optional(),
})

/** How a satisfaction question is answered: a 1–5 scale, one of its choices, yes or no, or free text. */
export const SATISFACTION_KINDS = ['scale', 'choice', 'yes-no', 'text'] as const

/** A question of the satisfaction survey (docs/paperwork.md). */
export const satisfactionQuestionSchema = z
  .object({
    /** The column of the results CSV; a default's id (overall, content, pace, exercises, trainer, recommend, comments) replaces that default. */
    id,
    /** The question as printed, in the workshop's language. */
    question: text,
    kind: z.enum(SATISFACTION_KINDS).default('scale'),
    /** The answers of a `choice` question, in order. */
    choices: z.array(text).min(2).max(10).optional(),
  })
  .refine((q) => q.kind !== 'choice' || (q.choices?.length ?? 0) >= 2, { message: 'a choice question needs at least two choices', path: ['choices'] })

export const satisfactionSchema = z.object({
  /** Keep kit's questions (overall, content, pace, exercises, trainer, would recommend, comments); false prints only `questions`. */
  defaults: z.boolean().default(true),
  /** Questions added after kit's, or replacing one of kit's by its id. */
  questions: z.array(satisfactionQuestionSchema).default([]),
})

export const workshopSchema = z.object({
  title: text,
  subtitle: z.string().optional(),
  authors: z.array(person).min(1),
  audience: z.string().optional(),
  prerequisites: z.array(text).default([]),
  /** BCP 47 language tag of every page and PDF. */
  language: languageTag.default('en'),
  /** Languages built: the source `language` and those with translations beside the sources (docs/translations.md). */
  languages: z.array(languageTag).optional(),
  /** Marp theme name; `kit` is templates/theme/kit.css. */
  theme: z.string().default('kit'),
  size: z.enum(['16:9', '4:3']).default('16:9'),
  /** Paper of printed pages; by default Letter where the language's region prints on it (US, CA), A4 elsewhere. */
  paper: z.enum(['a4', 'letter']).optional(),
  /** slides.pptx: editable shapes (a slide kit cannot express becomes a picture) or one picture per slide; `kit build --pptx` overrides it. */
  pptx: z.enum(['editable', 'images']).default('editable'),
  event: eventSchema.optional(),
  /** How old a source's `checked` date may be, before the event, until `kit check` calls it stale. */
  freshness: z.object({ 'max-age-months': z.number().int().positive().max(120).default(6) }).default({ 'max-age-months': 6 }),
  /** What learners should remember from the whole workshop, on the closing slide (default: the modules' titles). */
  takeaways: z.array(text).default([]),
  /** Facilitator's setup checklist. */
  setup: z.array(text).default([]),
  editions: z.array(editionSchema).min(1),
  /** Module and exercise ids kept on purpose outside every edition (no "in no edition" warning). */
  spares: z.array(id).default([]),
  brand: brandSchema.optional(),
  /** The satisfaction survey (kit's questions by default). */
  satisfaction: satisfactionSchema.default({ defaults: true, questions: [] }),
})

export const levelSchema = z.enum(['beginner', 'intermediate', 'advanced'])

/** Kit keys of a module's front matter; every other key is a Marp directive. */
export const moduleMetaSchema = z.looseObject({
  id: id.optional(),
  title: text.optional(),
  duration: minutes.optional(),
  level: levelSchema.optional(),
  objectives: z.array(text).default([]),
  takeaways: z.array(text).default([]),
  sources: z.array(source).default([]),
  volatile: z.array(volatileClaim).default([]),
  tags: z.array(z.string()).default([]),
})

/**
 * A Docker image reference as `docker pull` takes it: `alpine`,
 * `gcr.io/distroless/static-debian13`, `localhost:5000/app:1.2`, with an
 * optional `@sha256:` digest. Strict, because the learner's preflight script
 * runs it through `docker image inspect`.
 */
const imageName = z
  .string()
  .regex(
    /^[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?::\d{1,5})?(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*(?::\w[\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/,
    'must be a Docker image reference such as alpine, debian:13 or gcr.io/distroless/static-debian13',
  )

export const exerciseMetaSchema = z.object({
  id: id.optional(),
  title: text,
  duration: minutes,
  level: levelSchema.optional(),
  modules: z.array(id).default([]),
  requires: z.array(z.string()).default([]),
  /** The Docker images its steps use, for learners to pull before the day (the preflight script checks them). */
  images: z.array(imageName).default([]),
  objectives: z.array(text).default([]),
})

export const questionSchema = z.object({
  id,
  module: id,
  question: text,
  choices: z
    .array(z.union([text, z.number()]).transform(String))
    .min(2)
    .max(MAX_CHOICES)
    .optional(),
  answer: z.union([text, z.number()]).transform(String),
  explanation: z.string().optional(),
  /** Asked on paper before the course (positioning test), after it (evaluation), or both; by default neither. */
  when: z.enum(['before', 'after', 'both']).optional(),
})
export const quizFileSchema = z.array(questionSchema)

/** A question of a quiz translation: its `module` comes from the source. */
export const questionTranslationSchema = questionSchema.extend({ module: id.optional() })
export const quizTranslationSchema = z.array(questionTranslationSchema)

/** content/workshop.<lang>.yaml: only the text of workshop.yaml, in that language. */
export const workshopTranslationSchema = z.object({
  title: text.optional(),
  subtitle: z.string().optional(),
  audience: z.string().optional(),
  prerequisites: z.array(text).optional(),
  setup: z.array(text).optional(),
  takeaways: z.array(text).optional(),
  event: z.object({ venue: z.string().optional() }).optional(),
  /** The editions built in this language (all when absent), each with its translated title. */
  editions: z.record(z.string(), z.object({ title: text.optional() }).nullable()).optional(),
  /** Source break title → translated title. */
  breaks: z.record(z.string(), text).optional(),
})

export const glossarySchema = z.array(z.object({ term: text, definition: text }))

export type Workshop = z.infer<typeof workshopSchema>
export type Brand = z.infer<typeof brandSchema>
export type Edition = z.infer<typeof editionSchema>
export type BreakItem = z.infer<typeof breakItem>
export type EditionItem = Edition['items'][number]
export type ModuleMeta = z.infer<typeof moduleMetaSchema>
export type ExerciseMeta = z.infer<typeof exerciseMetaSchema>
export type Question = z.infer<typeof questionSchema>
export type WorkshopTranslation = z.infer<typeof workshopTranslationSchema>
export type QuestionTranslation = z.infer<typeof questionTranslationSchema>
export type SatisfactionQuestion = z.infer<typeof satisfactionQuestionSchema>
export type GlossaryEntry = z.infer<typeof glossarySchema>[number]
export type Link = z.infer<typeof link>
export type Source = z.infer<typeof source>
export type VolatileEntry = z.infer<typeof volatileClaim>
export const SOURCE_KEYS = Object.keys(source.shape)
export const VOLATILE_KEYS = Object.keys(volatileClaim.shape)
export type Person = z.infer<typeof person>
