import Handlebars from 'handlebars'
import type { SourceText } from '../load/read-sources.ts'
import type { Problems } from '../problems.ts'
import { BUILT_IN_HELPERS, HELPERS } from '../load/templates.ts'

/**
 * Finds partials and helpers that templates use but nobody defines, with the
 * template's file:line — Handlebars itself only fails when the template runs.
 */
export function checkTemplates(files: SourceText[], problems: Problems): void {
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
