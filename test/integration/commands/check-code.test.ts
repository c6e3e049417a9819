import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runChecks } from '../../../src/commands/check/check.ts'
import { checkSlideCode } from '../../../src/commands/check/slide-code.ts'
import { hasShellCheck } from '../../../src/commands/check/shell-lint.ts'
import { Problems } from '../../../src/core/problems.ts'
import type { Problem } from '../../../src/core/problems.ts'
import { copyFixture, loadFixture } from '../../helpers/project.ts'

const shellcheck = hasShellCheck()
if (!shellcheck && process.env.CI) throw new Error('CI must have ShellCheck (scripts/setup.sh installs it): kit check lints slide code with it')

/** The planted slides: one mistake per kind of code, and code that only looks wrong. */
const PLANTED = [
  '',
  '---',
  '',
  '## Code learners copy',
  '',
  '```sh',
  'if [ -f x ]; then echo y; fi fi',
  '```',
  '',
  '```console',
  '$ echo start',
  'start ) ( output is never code',
  '$ for i in 1 2; do',
  '> echo $i; done; done',
  '```',
  '',
  '```bash',
  'docker inspect <container> | head',
  'find . -name *.txt',
  '```',
  '',
  '```json',
  '{',
  '  "a": 1,',
  '}',
  '```',
  '',
  '```yaml',
  'kind: Pod',
  'spec: [1, 2',
  '```',
  '',
  '```text',
  'if then fi (not code)',
  '```',
  '',
  '<!-- Notes. -->',
  '',
]

describe('kit check lints the code on slides', () => {
  let first: number
  let found: Problem[]

  beforeAll(async () => {
    const root = await copyFixture('mini')
    const alpha = path.join(root, 'content/modules/01-alpha.md')
    const base = await readFile(alpha, 'utf8')
    await writeFile(alpha, base + PLANTED.join('\n'))
    first = base.split('\n').length
    const { problems } = await runChecks(root, { browser: false })
    found = problems.list.filter((p) => p.code === 'KIT_CODE_BLOCK')
  }, 120_000)

  const at = (offset: number) => first + offset
  const where = (p: Problem) => `${p.location?.file}:${p.location?.line}:${p.location?.column}`

  it('reports what bash -n refuses at the line, a session’s command at its column after the prompt, never the output', () => {
    const file = 'content/modules/01-alpha.md'
    const syntax = found.filter((p) => p.message.includes('bash -n'))
    expect(syntax.map(where)).toEqual([`${file}:${at(6)}:1`, `${file}:${at(13)}:3`])
    expect(syntax[0]?.message).toContain("syntax error near unexpected token `fi'")
    expect(syntax[1]?.message).toContain("syntax error near unexpected token `done'")
    expect(found.every((p) => p.severity === 'warning')).toBe(true)
  })

  it.skipIf(!shellcheck)('reports a ShellCheck warning at its line and column, and takes <container> for a placeholder', () => {
    const style = found.filter((p) => p.message.includes('ShellCheck'))
    expect(style.map((p) => [p.location?.line, p.location?.column, /SC\d+/.exec(p.message)?.[0]])).toEqual([[at(18), 14, 'SC2061']])
  })

  it('reports JSON and YAML that do not parse where the parser stops', () => {
    const json = found.find((p) => p.message.startsWith('The JSON'))
    expect([json?.location?.line, json?.location?.column]).toEqual([at(24), 1])
    const yaml = found.filter((p) => p.message.startsWith('The YAML'))
    expect(yaml.length).toBeGreaterThan(0)
    expect(yaml[0]?.location?.line).toBeGreaterThanOrEqual(at(29))
    expect(found.length).toBe(3 + (shellcheck ? 1 : 0) + yaml.length)
  })

  it('without ShellCheck, bash -n still runs', async () => {
    const root = await copyFixture('mini')
    const alpha = path.join(root, 'content/modules/01-alpha.md')
    await writeFile(alpha, (await readFile(alpha, 'utf8')) + PLANTED.join('\n'))
    const project = await loadFixture(root)
    const problems = new Problems()
    await checkSlideCode(project.content.modules, problems, { shellcheck: false })
    const messages = problems.list.map((p) => p.message)
    expect(messages.filter((m) => m.includes('bash -n'))).toHaveLength(2)
    expect(messages.some((m) => m.includes('ShellCheck'))).toBe(false)
  })
})
