import { createHash } from 'node:crypto'
import type { Problems } from '../core/problems.ts'
import { parseMarkdown } from '../core/markdown.ts'
import { checkPlaceholders } from './lab-expect.ts'
import { parseFenceInfo, type FenceMarkers } from './lab-markers.ts'

/**
 * The lab script of an exercise: its runnable blocks grouped by step, each
 * with the output it should print, and the clean-up blocks. Pure: built from
 * the exercise's text while it is loaded, so `kit check` reports marker
 * mistakes and `kit labs` only runs what parsed.
 */

export interface LabBlock extends Omit<FenceMarkers, 'role'> {
  role: 'run' | 'cleanup'
  code: string
  /** 1-based line of the opening fence in the exercise file. */
  line: number
  expect?: { text: string; line: number }
}

export interface LabStep {
  /** The step heading (`1. Look at the host kernel`) or the section name. */
  title: string
  line: number
  blocks: LabBlock[]
  /** Everything any block of the step needs. */
  needs: string[]
}

export interface LabScript {
  steps: LabStep[]
  cleanup: LabBlock[]
  /** Changes whenever a command, an expectation or a marker changes. */
  hash: string
}

/**
 * Extracts the lab script from an exercise body. `bodyLine` is the file line
 * of the body's first line. Returns undefined when nothing is runnable.
 */
export function extractLabScript(body: string, bodyLine: number, file: string, problems: Problems): LabScript | undefined {
  const tokens = parseMarkdown(body)
  const lines = body.split('\n')
  const steps: LabStep[] = []
  const cleanup: LabBlock[] = []
  let heading = { title: '', line: bodyLine }
  let step: LabStep | undefined
  let lastRun: LabBlock | undefined
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open' && (token.tag === 'h2' || token.tag === 'h3') && token.map) {
      heading = { title: tokens[i + 1]?.content ?? '', line: token.map[0] + bodyLine }
      step = undefined
      lastRun = undefined
      return
    }
    if (token.type !== 'fence' || !token.map) return
    const line = token.map[0] + bodyLine
    const source = lines[token.map[0]] ?? ''
    const infoColumn = source.indexOf(token.info.trim()) + 1
    const { markers, errors } = parseFenceInfo(token.info)
    for (const error of errors) {
      problems.add({ code: 'KIT_LAB_MARKER', message: error.message, hint: error.hint, location: { file, line, column: infoColumn + error.offset } })
    }
    if (!markers) {
      if (lastRun && !lastRun.expect && !lastRun.silent && looksLikeOutput(token.info)) warnUnmarkedOutput(file, line, problems)
      return
    }
    if (markers.role === 'expect') {
      if (!lastRun) {
        problems.add({
          code: 'KIT_LAB_EXPECT',
          message: 'This expect block follows no run block in its step.',
          hint: 'Mark the command block before it with `run` (```sh run), or drop `expect`.',
          location: { file, line, column: infoColumn },
        })
        return
      }
      for (const error of checkPlaceholders(token.content)) {
        const at = line + 1 + error.line
        problems.add({ code: 'KIT_LAB_PLACEHOLDER', message: error.message, hint: error.hint, location: { file, line: at, column: error.column + 1 } })
      }
      lastRun.expect = { text: token.content, line }
      lastRun = undefined
      return
    }
    const { role, ...rest } = markers
    const block: LabBlock = { ...rest, role, code: token.content, line }
    if (role === 'cleanup') {
      cleanup.push(block)
      return
    }
    if (!step) {
      step = { title: heading.title, line: heading.line, blocks: [], needs: [] }
      steps.push(step)
    }
    step.blocks.push(block)
    for (const need of block.needs) if (!step.needs.includes(need)) step.needs.push(need)
    lastRun = block
  })
  if (steps.length === 0 && cleanup.length === 0) return undefined
  const hash = createHash('sha256')
    .update(JSON.stringify({ steps: steps.map((s) => s.blocks.map(strip)), cleanup: cleanup.map(strip) }))
    .digest('hex')
    .slice(0, 16)
  return { steps, cleanup, hash }
}

/** A fence an author writes output in: no language, or a text-like one (a command block would name its shell). */
function looksLikeOutput(info: string): boolean {
  const language = info.trim().split(/\s+/)[0] ?? ''
  return ['', 'text', 'txt', 'plain', 'plaintext', 'output', 'console', 'log'].includes(language.toLowerCase())
}

/** The output shown after a run block is not compared unless it is marked `expect`: say so where it is. */
function warnUnmarkedOutput(file: string, line: number, problems: Problems): void {
  problems.warn({
    code: 'KIT_LAB_UNMARKED_OUTPUT',
    message: 'This block looks like the output of the run block above it, but it is not marked `expect`: kit labs does not compare it, and reports the step as "ran, output not checked".',
    hint: 'Mark it ```text expect to have kit labs compare the output; or mark the run block `silent` when it prints nothing.',
    location: { file, line, column: 1 },
  })
}

/** A block without its position: moving text around does not stale a result. */
function strip(block: LabBlock) {
  const { line: _line, expect, ...rest } = block
  return { ...rest, expect: expect?.text }
}
