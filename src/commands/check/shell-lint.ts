import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { onPath } from '../labs/host.ts'
import type { CodeFinding } from './code-blocks.ts'

/**
 * Shell code from slides through `bash -n` (syntax: what bash would refuse
 * before running anything) and, when it is on PATH, ShellCheck (mistakes
 * bash accepts: unquoted expansions that split, `[ $x = ]`, a here-document
 * that never ends). Learners type or paste these commands into bash, so
 * every block is checked as bash, whatever its fence says.
 */

const run = promisify(execFile)

/**
 * ShellCheck findings that are about scripts, not about commands typed at a
 * prompt: `cd` without `|| exit`, a variable set for the next block or used
 * from the previous one, no shebang, a sourced file it cannot follow.
 */
const NOT_FOR_A_PROMPT = ['SC2164', 'SC2034', 'SC2154', 'SC2148', 'SC1090', 'SC1091']

/** Whether ShellCheck can be used (it is optional: `bash -n` always runs). */
export function hasShellCheck(): boolean {
  return onPath('shellcheck', process.env.PATH ?? '')
}

/** Findings per block, in the order given: `bash -n`'s first, then ShellCheck's (errors and warnings only). */
export async function lintShell(blocks: string[], options: { shellcheck: boolean }): Promise<CodeFinding[][]> {
  if (blocks.length === 0) return []
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kit-shell-lint-'))
  try {
    const files = blocks.map((_, i) => path.join(dir, `block-${i}.sh`))
    await Promise.all(blocks.map((code, i) => writeFile(files[i] ?? '', `${code}\n`)))
    const syntax = await Promise.all(files.map((file) => bashSyntax(file)))
    // One mistake, one report: a block bash cannot parse is not handed to ShellCheck too.
    const parsed = files.filter((_, i) => syntax[i]?.length === 0)
    const style = options.shellcheck && parsed.length > 0 ? await shellCheck(parsed) : new Map<string, CodeFinding[]>()
    return files.map((file, i) => [...(syntax[i] ?? []), ...(style.get(file) ?? [])])
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** `bash -n FILE`: each `FILE: line N: message` it prints (bash gives no column). */
async function bashSyntax(file: string): Promise<CodeFinding[]> {
  try {
    await run('bash', ['-n', file], { timeout: 10_000 })
    return []
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? ''
    const findings: CodeFinding[] = []
    // bash prints the offending line again after its message, in backquotes: not a second finding.
    for (const match of stderr.matchAll(/^.*?: line (\d+): (?!`)(.*)$/gm)) {
      findings.push({ line: Number(match[1]), column: 1, message: `bash -n: ${match[2]}` })
    }
    if (findings.length === 0 && stderr.trim()) findings.push({ line: 1, column: 1, message: `bash -n: ${stderr.trim().split('\n')[0]}` })
    return findings
  }
}

interface ShellCheckComment {
  file: string
  line: number
  column: number
  level: string
  code: number
  message: string
}

/** One ShellCheck run over every block (its start-up is slow), as bash, errors and warnings only. */
async function shellCheck(files: string[]): Promise<Map<string, CodeFinding[]>> {
  const args = ['--format=json1', '--shell=bash', '--severity=warning', `--exclude=${NOT_FOR_A_PROMPT.join(',')}`, ...files]
  let stdout: string
  try {
    stdout = (await run('shellcheck', args, { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 })).stdout
  } catch (error) {
    // Exit status 1 means "found something"; its report is on stdout all the same.
    stdout = (error as { stdout?: string }).stdout ?? ''
  }
  const found = new Map<string, CodeFinding[]>()
  let comments: ShellCheckComment[] = []
  try {
    comments = (JSON.parse(stdout) as { comments: ShellCheckComment[] }).comments
  } catch {
    return found
  }
  for (const c of comments) {
    const list = found.get(c.file) ?? []
    list.push({ line: c.line, column: c.column, message: `ShellCheck SC${c.code} (${c.level}): ${c.message}` })
    found.set(c.file, list)
  }
  return found
}
