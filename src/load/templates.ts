import Handlebars from 'handlebars'
import { KitError, type Problem, type Problems } from '../core/problems.ts'
import type { SourceText } from './read-sources.ts'
import type { Messages } from '../core/messages.ts'

/**
 * Handlebars templates for every non-slide output (templates/*.hbs) and their
 * partials (templates/partials/*.hbs). Templates only lay out a prepared view:
 * the few helpers here format, they do not compute.
 */
export interface TemplateSet {
  /** Fills a template; `{{t "key"}}` in it speaks the language of `messages`. */
  render(name: string, view: object, messages: Messages): string
  has(name: string): boolean
}

/** Helpers templates may use besides Handlebars' built-ins. */
export const HELPERS: Record<string, Handlebars.HelperDelegate> = {
  inc: (n: number) => n + 1,
  eq: (a: unknown, b: unknown) => a === b,
  join: (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''),
  /** `{{t "handout.objectives"}}`, `{{t "count.slides" count=n}}`: a generated word from the catalogue of the render call's language. */
  t(this: unknown, key: unknown, options: Handlebars.HelperOptions) {
    const messages = (options?.data as { messages?: Messages } | undefined)?.messages
    if (typeof key !== 'string') throw new Error('The t helper takes a message key in quotes, e.g. {{t "handout.objectives"}}.')
    if (!messages) throw new Error(`The t helper has no catalogue to look "${key}" up in.`)
    return messages.t(key, options.hash as Record<string, string | number>)
  },
}
/** The helper that translates, whose first argument is a catalogue key. */
export const MESSAGE_HELPER = 't'
export const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log']

export function createTemplates(files: SourceText[], problems: Problems): TemplateSet {
  const hbs = Handlebars.create()
  for (const [name, helper] of Object.entries(HELPERS)) hbs.registerHelper(name, helper)
  const compiled = new Map<string, { file: string; fn: HandlebarsTemplateDelegate }>()
  for (const file of files) {
    const name = file.path.replace(/^templates\//, '').replace(/\.hbs$/, '')
    try {
      // Parse now, so syntax errors are found before any output is written.
      hbs.parse(file.text)
      const fn = hbs.compile(file.text, { strict: false, noEscape: false })
      if (name.startsWith('partials/')) hbs.registerPartial(name.slice('partials/'.length), file.text)
      else compiled.set(name, { file: file.path, fn })
    } catch (error) {
      problems.add(templateProblem(error, file.path))
    }
  }
  return {
    has: (name) => compiled.has(name),
    render(name, view, messages) {
      const template = compiled.get(name)
      if (!template) {
        throw new KitError([
          { code: 'KIT_TEMPLATE', severity: 'error', message: `The template templates/${name}.hbs is missing.`, hint: 'Restore it from the kit repository; every output has its own template.' },
        ])
      }
      try {
        return template.fn(view, { allowProtoPropertiesByDefault: false, data: { messages } })
      } catch (error) {
        // Unknown partials and helpers only show up when the template runs.
        throw new KitError([{ ...templateProblem(error, template.file), severity: 'error' }])
      }
    },
  }
}

/** A Handlebars error as a problem, with the line it names. */
export function templateProblem(error: unknown, file: string): Omit<Problem, 'severity'> {
  const message = error instanceof Error ? error.message : String(error)
  const line = Number(/line (\d+)/.exec(message)?.[1] ?? 0) || undefined
  const missingPartial = /The partial (\S+) could not be found/.exec(message)?.[1]
  return {
    code: missingPartial ? ('KIT_TEMPLATE_PARTIAL' as const) : ('KIT_TEMPLATE' as const),
    message: missingPartial ? `Template ${file} uses the partial "${missingPartial}", which does not exist.` : `Template ${file} cannot be compiled: ${message.split('\n')[0]}`,
    hint: missingPartial ? `Add templates/partials/${missingPartial}.hbs or fix the name.` : 'Check that every {{#block}} has a matching {{/block}}.',
    location: { file, line, column: line ? 1 : undefined },
  }
}
