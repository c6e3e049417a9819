import { readFileSync } from 'node:fs'
import { appendFile, cp, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { kit, snapshot } from '../../helpers/cli.ts'
import { beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, KIT } from '../../helpers/project.ts'

/**
 * Whatever an author feeds it, kit answers with a clear error (stable code,
 * file:line:column, hint, no stack trace, exit 1; exit 2 for usage) and
 * leaves the previous dist/ byte for byte as it was — or builds a correct kit.
 */

const edit = async (file: string, from: string | RegExp, to: string) => writeFile(file, (await readFile(file, 'utf8')).replace(from, to))
const alpha = (root: string) => path.join(root, 'content/modules/01-alpha.md')

interface Case {
  name: string
  setup: (root: string) => Promise<void>
  args?: string[]
  exit: 0 | 1 | 2
  code?: string
  /** Expected `file:line` (or `file:line:column`) after the code. */
  at?: string
}

const cases: Case[] = [
  { name: 'malformed YAML front matter', setup: (r) => edit(alpha(r), 'title: Alpha module', 'title: [Alpha module'), exit: 1, code: 'KIT_YAML_SYNTAX', at: 'content/modules/01-alpha.md:' },
  { name: 'front matter of the wrong type', setup: (r) => edit(alpha(r), 'duration: 10', 'duration: ten'), exit: 1, code: 'KIT_SCHEMA', at: 'content/modules/01-alpha.md:3:11' },
  { name: 'an edition without an id', setup: (r) => edit(path.join(r, 'content/workshop.yaml'), '  - id: short\n', '  - \n'), exit: 1, code: 'KIT_SCHEMA', at: 'content/workshop.yaml:' },
  { name: 'a duplicate id', setup: (r) => edit(path.join(r, 'exercises/01-first-lab.md'), 'id: first-lab', 'id: alpha'), exit: 1, code: 'KIT_DUPLICATE_ID', at: 'exercises/01-first-lab.md:1' },
  {
    name: 'an edition naming a module that does not exist',
    setup: (r) => edit(path.join(r, 'content/workshop.yaml'), 'items: [alpha, beta]', 'items: [alpha, gamma]'),
    exit: 1,
    code: 'KIT_UNKNOWN_ITEM',
    at: 'content/workshop.yaml:18:',
  },
  {
    name: 'a Handlebars syntax error',
    setup: async (r) => {
      await cp(path.join(KIT, 'templates'), path.join(r, 'templates'), { recursive: true })
      await appendFile(path.join(r, 'templates/guide.hbs'), '\n{{#each modules}}\n')
    },
    exit: 1,
    code: 'KIT_TEMPLATE',
    at: 'templates/guide.hbs',
  },
  {
    name: 'an unknown partial',
    setup: async (r) => {
      await cp(path.join(KIT, 'templates'), path.join(r, 'templates'), { recursive: true })
      await edit(path.join(r, 'templates/quiz.hbs'), '{{> head}}', '{{> head}}\n{{> missing-partial}}')
    },
    exit: 1,
    code: 'KIT_TEMPLATE_PARTIAL',
    at: 'templates/quiz.hbs',
  },
  { name: 'a missing image', setup: (r) => edit(alpha(r), '../assets/box.svg', '../assets/nope.svg'), exit: 1, code: 'KIT_MISSING_IMAGE', at: 'content/modules/01-alpha.md:19:' },
  { name: 'an image path escaping the project', setup: (r) => edit(alpha(r), '../assets/box.svg', '../../../../etc/passwd'), exit: 1, code: 'KIT_PATH_OUTSIDE', at: 'content/modules/01-alpha.md:19:' },
  { name: 'an absolute image path', setup: (r) => edit(alpha(r), '../assets/box.svg', '/etc/passwd'), exit: 1, code: 'KIT_PATH_OUTSIDE', at: 'content/modules/01-alpha.md:19:' },
  {
    name: 'a symlink pointing outside the project',
    setup: async (r) => {
      await symlink('/etc/passwd', path.join(r, 'content/assets/evil.svg'))
      await edit(alpha(r), '../assets/box.svg', '../assets/evil.svg')
    },
    exit: 1,
    code: 'KIT_PATH_OUTSIDE',
    at: 'content/modules/01-alpha.md:19:',
  },
  { name: 'an empty module file', setup: (r) => writeFile(path.join(r, 'content/modules/03-empty.md'), ''), exit: 1, code: 'KIT_EMPTY_FILE', at: 'content/modules/03-empty.md:1:1' },
  {
    name: 'a binary file named .md',
    setup: (r) => writeFile(path.join(r, 'exercises/03-binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a])),
    exit: 1,
    code: 'KIT_BINARY_FILE',
    at: 'exercises/03-binary.md',
  },
  {
    name: 'invalid UTF-8',
    setup: (r) => writeFile(path.join(r, 'content/modules/03-latin1.md'), Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\n')])),
    exit: 1,
    code: 'KIT_ENCODING',
    at: 'content/modules/03-latin1.md:1:6',
  },
  { name: 'an unclosed code fence', setup: (r) => edit(alpha(r), '```sh\necho hello\n```', '```sh\necho hello'), exit: 1, code: 'KIT_UNCLOSED_FENCE', at: 'content/modules/01-alpha.md:35:1' },
  {
    name: 'a templates/theme/fonts.json that is not JSON',
    setup: async (r) => {
      await cp(path.join(KIT, 'templates'), path.join(r, 'templates'), { recursive: true })
      await writeFile(path.join(r, 'templates/theme/fonts.json'), '{\n  "fonts": [\n    { "family": "Inter", }\n  ]\n}\n')
    },
    exit: 1,
    code: 'KIT_JSON_SYNTAX',
    at: 'templates/theme/fonts.json:3:',
  },
  {
    name: 'a font file that is not installed',
    setup: async (r) => {
      await cp(path.join(KIT, 'templates'), path.join(r, 'templates'), { recursive: true })
      await writeFile(path.join(r, 'templates/theme/fonts.json'), '{ "fonts": [\n  { "family": "Gone", "weight": 400, "style": "normal", "file": "@fontsource/gone/x.woff2" }\n] }\n')
    },
    exit: 1,
    code: 'KIT_FONT',
    at: 'templates/theme/fonts.json:2:',
  },
  { name: 'an image path with a bad %-escape', setup: (r) => edit(alpha(r), '../assets/box.svg', '../assets/%E0%A4%A.svg'), exit: 1, code: 'KIT_BAD_URL', at: 'content/modules/01-alpha.md:19:' },
  { name: 'an unknown --edition', setup: async () => {}, args: ['--edition', 'nope'], exit: 2, code: 'KIT_UNKNOWN_EDITION' },
  { name: 'an unknown --formats value', setup: async () => {}, args: ['--formats', 'html,docx'], exit: 2, code: 'KIT_UNKNOWN_FORMAT' },
]

describe('bad input', () => {
  let out: string
  let before: Record<string, string>

  beforeAll(async () => {
    const clean = await copyFixture('mini')
    out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-bad-')), 'dist')
    const first = await kit(['build', '--root', clean, '--out', out, '--formats', 'html', '--quiet'])
    expect(first.code, first.stderr).toBe(0)
    before = snapshot(out)
  })

  for (const c of cases) {
    it(`${c.name}: exit ${c.exit}, ${c.code}, previous dist untouched`, async () => {
      const root = await copyFixture('mini')
      await c.setup(root)
      const result = await kit(['build', '--root', root, '--out', out, '--formats', 'html', ...(c.args ?? [])])
      expect(result.code, result.stderr).toBe(c.exit)
      expect(result.stderr).toContain(`error ${c.code}${c.at ? ` ${c.at}` : ''}`)
      expect(result.stderr).toContain('hint:')
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
      if (c.at && /:\d+/.test(c.at)) expect(result.stderr).toMatch(/> +\d+ \|/)
      expect(snapshot(out)).toEqual(before)
    })
  }

  it('unknown keys are warnings with a "did you mean", and the build goes on', async () => {
    const root = await copyFixture('mini')
    await edit(path.join(root, 'exercises/01-first-lab.md'), 'duration: 15', 'duraton: 15\nduration: 15')
    await edit(path.join(root, 'content/workshop.yaml'), 'paper: a4', 'paper: a4\npapr: letter')
    const result = await kit(['build', '--root', root, '--out', path.join(root, 'dist'), '--formats', 'html', '--quiet'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('warning KIT_UNKNOWN_KEY exercises/01-first-lab.md:4:1')
    expect(result.stderr).toContain('did you mean `duration`?')
    expect(result.stderr).toContain('did you mean `paper`?')
  })

  it('a BOM, CRLF line endings and an enormous line simply work', async () => {
    const root = await copyFixture('mini')
    const file = alpha(root)
    const text = await readFile(file, 'utf8')
    await writeFile(file, `\uFEFF${text.replace(/\n/g, '\r\n')}\r\n---\r\n\r\n## Long line\r\n\r\n${'word '.repeat(200_000)}\r\n`)
    const result = await kit(['build', '--root', root, '--out', path.join(root, 'dist'), '--formats', 'html', '--quiet'])
    expect(result.code, result.stderr).toBe(0)
    const md = readFileSync(path.join(root, 'dist/instructor/long/slides.md'), 'utf8')
    expect(md).toContain('## ALPHA-FIRST slide')
    expect(md).not.toContain('\r')
    expect(md).not.toContain('\uFEFF')
  })

  it('a lone % in an image path is a literal percent sign, as a browser reads it: the image builds', async () => {
    const root = await copyFixture('mini')
    await writeFile(path.join(root, 'content/assets/100%.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><title>PERCENT-IMAGE</title></svg>')
    await edit(alpha(root), '../assets/box.svg', '../assets/100%.svg')
    const dist = path.join(root, 'dist')
    const result = await kit(['build', '--root', root, '--out', dist, '--formats', 'html', '--quiet'])
    expect(result.code, result.stderr).toBe(0)
    expect(readFileSync(path.join(dist, 'instructor/short/assets/100%.svg'), 'utf8')).toContain('PERCENT-IMAGE')
    expect(readFileSync(path.join(dist, 'instructor/short/slides.md'), 'utf8')).toContain('](assets/100%25.svg)')
  })
})
