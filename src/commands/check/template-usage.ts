import Handlebars from 'handlebars'
import type { SourceText } from '../../load/read-sources.ts'
import type { Problems } from '../../core/problems.ts'
import { BUILT_IN_HELPERS, HELPERS, MESSAGE_HELPER } from '../../load/templates.ts'
import { closest } from '../../core/closest.ts'

/**
 * Finds partials, helpers and message keys (`{{t "key"}}`) that templates use
 * but nobody defines, with the template's file:line — Handlebars itself only
 * fails when the template runs. `messageKeys` are English's, the reference.
 */
export function checkTemplates(files: SourceText[], problems: Problems, messageKeys: readonly string[] = []): void {
  const keys = new Set(messageKeys)
  const partials = new Set(files.filter((f) => f.path.startsWith('templates/partials/') && f.path.endsWith('.hbs')).map((f) => f.path.slice('templates/partials/'.length, -'.hbs'.length)))
  const helpers = new Set([...BUILT_IN_HELPERS, ...Object.keys(HELPERS)])
  for (const file of files.filter((f) => f.path.endsWith('.hbs'))) {
    let ast: hbs.AST.Program
    try {
      ast = Handlebars.parse(file.text)
    } catch {
      continue // syntax errors are reported when templates are compiled
    }
    walk(ast, (node) => {
      const at = { file: file.path, line: node.loc?.start.line, column: (node.loc?.start.column ?? 0) + 1 }
      if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
        const name = (node as hbs.AST.PartialStatement).name
        const id = name.type === 'PathExpression' ? (name as hbs.AST.PathExpression).original : undefined
        if (id && !id.startsWith('@') && !partials.has(id)) {
          problems.add({
            code: 'KIT_TEMPLATE_PARTIAL',
            message: `Template ${file.path} uses the partial "${id}", which does not exist.`,
            hint: `Add templates/partials/${id}.hbs or fix the name.`,
            location: at,
          })
        }
      }
      if (node.type === 'MustacheStatement' || node.type === 'BlockStatement' || node.type === 'SubExpression') {
        const call = node as hbs.AST.MustacheStatement
        const takesArgs = call.params.length > 0 || (call.hash?.pairs.length ?? 0) > 0 || node.type !== 'MustacheStatement'
        const pathNode = call.path as hbs.AST.PathExpression
        const name = pathNode.type === 'PathExpression' ? pathNode.original : undefined
        if (name === MESSAGE_HELPER && messageKeys.length > 0) checkMessageKey(call, file.path, keys, problems)
        if (takesArgs && name && pathNode.parts.length === 1 && !pathNode.data && !helpers.has(name) && node.type !== 'BlockStatement') {
          problems.add({
            code: 'KIT_TEMPLATE_HELPER',
            message: `Template ${file.path} calls the helper "${name}", which does not exist.`,
            hint: `Known helpers: ${[...helpers].join(', ')}.`,
            location: at,
          })
        }
      }
    })
  }
}

/** `{{t "key"}}` whose key English does not have: an error at the key, with the closest key. */
function checkMessageKey(call: hbs.AST.MustacheStatement, file: string, keys: Set<string>, problems: Problems): void {
  const param = call.params[0] as (hbs.AST.StringLiteral & { loc?: hbs.AST.SourceLocation }) | undefined
  if (param?.type !== 'StringLiteral' || keys.has(param.value)) return
  const near = closest(param.value, [...keys])
  problems.add({
    code: 'KIT_TEMPLATE_I18N_KEY',
    message: `Template ${file} uses the message "${param.value}", which templates/i18n/en.yaml does not have${near ? `; did you mean "${near}"?` : '.'}`,
    hint: near ? `Write {{t "${near}"}}, or add ${param.value} to every catalogue in templates/i18n/.` : `Add ${param.value} to templates/i18n/en.yaml and every other catalogue, or fix the key.`,
    location: { file, line: param.loc?.start.line ?? call.loc?.start.line, column: (param.loc?.start.column ?? call.loc?.start.column ?? 0) + 1 },
  })
}

type AnyNode = hbs.AST.Node & { loc?: hbs.AST.SourceLocation }

function walk(node: unknown, visit: (node: AnyNode) => void): void {
  if (!node || typeof node !== 'object') return
  const n = node as AnyNode & Record<string, unknown>
  if (typeof n.type === 'string') visit(n)
  for (const [key, value] of Object.entries(n)) {
    if (key === 'loc') continue
    if (Array.isArray(value)) for (const child of value) walk(child, visit)
    else if (value && typeof value === 'object') walk(value, visit)
  }
}
