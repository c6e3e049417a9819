import type { Problems } from '../../core/problems.ts'
import type { Module } from '../../load/module.ts'
import { codeBlocks, lintJson, lintYaml, type CodeBlock, type CodeFinding } from './code-blocks.ts'
import { hasShellCheck, lintShell } from './shell-lint.ts'

/**
 * `kit check` on code in modules: learners copy commands from slides, so a
 * shell block must pass `bash -n` (and ShellCheck where it is installed), a
 * JSON or YAML block must parse. Each finding is a warning
 * (KIT_CODE_BLOCK) at the file's line and column.
 */
export async function checkSlideCode(modules: readonly Module[], problems: Problems, options: { shellcheck?: boolean } = {}): Promise<void> {
  const blocks = modules.flatMap((module) => codeBlocks(module.body, module.bodyLine).map((block) => ({ ...block, file: module.file })))
  const shell = blocks.filter((b) => b.language === 'shell' && b.code.trim() !== '')
  const shellFindings = await lintShell(
    shell.map((b) => b.code),
    { shellcheck: options.shellcheck ?? hasShellCheck() },
  )
  shell.forEach((block, i) => {
    report(block, shellFindings[i] ?? [], problems)
  })
  for (const block of blocks) {
    if (block.language === 'json') report(block, lintJson(block.code), problems)
    if (block.language === 'yaml') report(block, lintYaml(block.code), problems)
  }
}

const HINTS = {
  shell:
    'Learners copy commands from slides: fix the command. A line that is not meant to be typed (a placeholder such as <pid>, output) belongs in a `text` block, or after a `$ ` prompt in a `console` block, where only prompted lines are commands.',
  json: 'Fix the JSON, or fence it as `text` (or `jsonc`) if it is not meant to be strict JSON.',
  yaml: 'Fix the YAML, or fence it as `text` if it is an excerpt that is not meant to parse.',
} as const

const NAMES = { shell: 'shell command', json: 'JSON', yaml: 'YAML' } as const

function report(block: CodeBlock & { file: string }, findings: CodeFinding[], problems: Problems): void {
  for (const finding of findings) {
    problems.warn({
      code: 'KIT_CODE_BLOCK',
      message: `The ${NAMES[block.language]} in this code block ${block.language === 'shell' ? 'has a problem' : 'does not parse'}: ${finding.message}`,
      hint: HINTS[block.language],
      location: { file: block.file, line: block.line + finding.line - 1, column: (block.offsets[finding.line - 1] ?? 0) + finding.column },
    })
  }
}
