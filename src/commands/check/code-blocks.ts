import { parseDocument, parseAllDocuments } from 'yaml'
import { parseMarkdown } from '../../core/markdown.ts'

/**
 * The fenced code of a module, by language, with what a learner would copy
 * from it: for a shell session (`console`, or any shell block whose lines
 * start with a `$ ` prompt) only the commands, prompts taken off, their
 * continuation lines kept (a line after one ending in `\`, or a `> ` line),
 * the output left out. Lines keep their numbers, so a finding points at the
 * line of the file. Pure.
 */

export type CodeLanguage = 'shell' | 'json' | 'yaml'

export interface CodeBlock {
  language: CodeLanguage
  /** The code to check, one line per line of the block (output lines empty). */
  code: string
  /** 1-based file line of the block's first code line. */
  line: number
  /** Per line, how many columns of the file come before the checked text (indentation, prompt). */
  offsets: number[]
}

const LANGUAGES: Record<string, CodeLanguage> = { sh: 'shell', bash: 'shell', shell: 'shell', console: 'shell', json: 'json', yaml: 'yaml', yml: 'yaml' }

/** The blocks of `body` in a language kit checks; `bodyLine` is the file line of the body's first line. */
export function codeBlocks(body: string, bodyLine: number): CodeBlock[] {
  const lines = body.split('\n')
  return parseMarkdown(body).flatMap((token) => {
    if (token.type !== 'fence' || !token.map) return []
    const name = token.info.trim().split(/\s+/)[0]?.toLowerCase() ?? ''
    const language = LANGUAGES[name]
    if (!language) return []
    const indent = /^ */.exec(lines[token.map[0]] ?? '')?.[0].length ?? 0
    const text = token.content.replace(/\n$/, '')
    const base = { language, line: bodyLine + token.map[0] + 1 }
    if (language !== 'shell') return [{ ...base, code: text, offsets: text.split('\n').map(() => indent) }]
    const session = shellSession(text, name === 'console')
    return [{ ...base, code: fillPlaceholders(session.code), offsets: session.offsets.map((o) => o + indent) }]
  })
}

/** The commands of a shell block: all of it, or in a session (prompts), the command lines alone. */
export function shellSession(text: string, console: boolean): { code: string; offsets: number[] } {
  const lines = text.split('\n')
  if (!console && !lines.some((l) => /^\$( |$)/.test(l))) return { code: text, offsets: lines.map(() => 0) }
  const code: string[] = []
  const offsets: number[] = []
  let continues = false
  for (const line of lines) {
    const prompt = /^[$#]( |$)/.exec(line)
    const more = /^> /.exec(line)
    if (prompt || (more && continues)) {
      const cut = (prompt ?? more)?.[0].length ?? 0
      code.push(line.slice(cut))
      offsets.push(cut)
      continues = true
    } else if (continues && code.at(-1)?.endsWith('\\')) {
      code.push(line)
      offsets.push(0)
    } else {
      code.push('')
      offsets.push(0)
      continues = false
    }
  }
  return { code: code.join('\n'), offsets }
}

/**
 * `<digest>`, `<container-id>`: a value the learner types in, as slides
 * write it. Replaced by a word of the same length (`_digest_`) so that bash
 * does not read a redirection and columns stay where they were.
 */
export function fillPlaceholders(code: string): string {
  return code.replace(/<([A-Za-z][\w.:/-]*)>/g, (_, name: string) => `_${name}_`)
}

export interface CodeFinding {
  /** 1-based line and column inside the block's code. */
  line: number
  column: number
  message: string
}

/** Why a JSON block does not parse, where JSON.parse says (its position), or at its end. */
export function lintJson(code: string): CodeFinding[] {
  try {
    JSON.parse(code)
    return []
  } catch (error) {
    const message = (error as Error).message
    const at = /at position (\d+)/.exec(message)
    const offset = at ? Number(at[1]) : code.length
    const before = code.slice(0, offset).split('\n')
    return [{ line: before.length, column: (before.at(-1)?.length ?? 0) + 1, message: message.replace(/ in JSON at position \d+.*$/, '') }]
  }
}

/** Why a YAML block does not parse (each document of a multi-document block), at the parser's position. */
export function lintYaml(code: string): CodeFinding[] {
  const documents = code.includes('\n---') || code.startsWith('---') ? parseAllDocuments(code) : [parseDocument(code)]
  const list = Array.isArray(documents) ? documents : [documents]
  return list.flatMap((doc) =>
    doc.errors.map((error) => {
      const [start] = error.linePos ?? []
      return { line: start?.line ?? 1, column: start?.col ?? 1, message: error.message.split('\n')[0] ?? error.message }
    }),
  )
}
