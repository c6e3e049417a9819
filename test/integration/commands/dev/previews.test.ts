import { readFileSync } from 'node:fs'
import { appendFile, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer } from '../../../../src/commands/dev/server.ts'
import { copyFixture } from '../../../helpers/project.ts'

describe("kit dev: a module's preview is rendered as its edition renders it", () => {
  let root: string
  let server: DevServer

  beforeAll(async () => {
    root = await copyFixture('mini')
    await appendFile(path.join(root, 'content/workshop.yaml'), 'brand:\n  accent: "#7a1f5c"\n  footer: ACME Training\n')
    server = await startDevServer({ root, log: () => {} })
  })
  afterAll(async () => {
    await server.close()
  })

  it("shows the brand's footer and colour, as the edition's deck does", async () => {
    const deck = await readFile(path.join(root, '.kit-cache/dev/instructor/long/slides.md'), 'utf8')
    expect(deck).toContain('footer: "ACME Training"')
    const preview = await (await fetch(`${server.url}__kit/modules/alpha.html`)).text()
    expect(preview).toContain('data-kit-module="alpha"')
    expect(preview.match(/<footer>ACME Training<\/footer>/g)).toHaveLength(3)
    expect(preview).toContain('--kit-accent: #7a1f5c')
    expect(preview).toMatch(/@font-face\s*\{/)
  })

  it('keeps the footer when a saved module is re-rendered alone', async () => {
    const file = path.join(root, 'content/modules/01-alpha.md')
    const rendered = server.nextPreview()
    const built = server.nextBuild()
    await appendFile(file, '\n---\n\n## ALPHA-ADDED slide\n')
    expect((await rendered).id).toBe('alpha')
    const preview = await (await fetch(`${server.url}__kit/modules/alpha.html`)).text()
    expect(preview).toContain('ALPHA-ADDED slide')
    expect(preview.match(/<footer>ACME Training<\/footer>/g)).toHaveLength(4)
    expect((await built).ok).toBe(true)
    expect(readFileSync(file, 'utf8')).toContain('ALPHA-ADDED')
  })
})
