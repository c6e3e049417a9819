import Handlebars from 'handlebars'
import { stringify } from 'yaml'
import { lookupChain } from '../core/messages.ts'
import { kitCatalogues } from '../load/catalogues.ts'

/**
 * What `kit init` and `kit new` write from kit's templates/init and
 * templates/new: each file in the workshop's language (a translation sits
 * beside the English file, `01-getting-started.fr.md`), rendered with
 * helpers that keep the output valid whatever the values:
 *
 * - `{{yaml value}}` writes a YAML scalar, always double-quoted, so a title
 *   with `: `, `#`, quotes, a line break or a leading `- ` stays a string;
 * - `{{line value}}` writes the value on one line (a markdown heading);
 * - `{{#todo}}text{{/todo}}` marks text the author must replace: it is
 *   written as it is, and `kit check` reports it while it is left
 *   (placeholders.ts reads the marks from these templates).
 */

/** A value as one double-quoted YAML scalar (escapes for quotes, backslashes, line breaks and control characters; never folded). */
export function yamlScalar(value: unknown): string {
  return stringify(String(value ?? ''), { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 0 }).trimEnd()
}

const starter = Handlebars.create()
starter.registerHelper('yaml', (value: unknown) => yamlScalar(value))
starter.registerHelper('line', (value: unknown) =>
  String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim(),
)
starter.registerHelper('todo', function (this: unknown, options: Handlebars.HelperOptions) {
  return options.fn(this)
})

/** A starter template's text filled with `view`; a name the view lacks is an error, not an empty string. */
export function renderStarter(template: string, view: Record<string, unknown>): string {
  return starter.compile(template, { noEscape: true, strict: true })(view)
}

/** The `{{#todo}}…{{/todo}}` texts of a template: what the author has to replace. */
export function todoTexts(template: string): string[] {
  return [...template.matchAll(/\{\{#todo\}\}([\s\S]*?)\{\{\/todo\}\}/g)].flatMap((m) => (m[1]?.trim() ? [m[1].trim()] : []))
}

/** `01-getting-started.fr.md` → { base: '01-getting-started.md', tag: 'fr' }, for tags kit has a catalogue for. */
export function languageVariant(file: string, tags: ReadonlySet<string> = shippedTags()): { base: string; tag?: string } {
  const match = /^(.*)\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)(\.[^./]+)$/.exec(file)
  if (!match || !tags.has(match[2] ?? '')) return { base: file }
  return { base: `${match[1]}${match[3]}`, tag: match[2] }
}

function shippedTags(): Set<string> {
  return new Set(kitCatalogues().keys())
}

/**
 * For each file a language's starter has (by its name without a language
 * tag), the template to write it from: the most specific language of the
 * chain that has one (fr-CA → fr → the English file without a tag).
 */
export function filesInLanguage(files: readonly string[], language: string): Map<string, string> {
  const tags = shippedTags()
  const chain = lookupChain(language)
  const chosen = new Map<string, { file: string; rank: number }>()
  for (const file of files) {
    const { base, tag } = languageVariant(file, tags)
    const rank = tag === undefined ? chain.length : chain.indexOf(tag)
    if (rank < 0) continue
    const best = chosen.get(base)
    if (!best || rank < best.rank) chosen.set(base, { file, rank })
  }
  return new Map([...chosen].map(([base, { file }]) => [base, file]))
}

/** The names to try for a template in a language, most specific first: module.fr-CA.md, module.fr.md, module.md. */
export function namesInLanguage(file: string, language: string): string[] {
  const dot = file.lastIndexOf('.')
  const [stem, ext] = dot > 0 ? [file.slice(0, dot), file.slice(dot)] : [file, '']
  const tags = shippedTags()
  return [
    ...lookupChain(language)
      .filter((tag) => tags.has(tag))
      .map((tag) => `${stem}.${tag}${ext}`),
    file,
  ]
}
