import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runChecks } from '../../../src/commands/check/check.ts'
import { importDecks } from '../../../src/commands/import/import.ts'
import { build } from '../../../src/commands/build.ts'
import { kit } from '../../helpers/cli.ts'
import { copyFixture } from '../../helpers/project.ts'

// A 1×1 PNG, a fake font and a stylesheet that uses both.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')
const FONT = Buffer.from('wOF2-not-really-a-font')

/** A local server answering like the web does: images, a redirect, a 404, HTML, an oversized file, a server that hangs, CSS with fonts. */
function startServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const send = (status: number, type: string, body: Buffer | string) => res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body)
    switch (req.url) {
      case '/pic.png':
        return send(200, 'image/png', PNG)
      case '/moved.png':
        return res.writeHead(302, { location: '/pic.png' }).end()
      case '/missing.png':
        return send(404, 'text/plain', 'not here')
      case '/page.png':
        return send(200, 'text/html; charset=utf-8', '<html><body>a login page</body></html>')
      case '/huge.png':
        return send(200, 'image/png', Buffer.alloc(3 * 1024 * 1024, 1))
      case '/stream.png':
        // No content-length: the limit is found while reading.
        res.writeHead(200, { 'content-type': 'image/png' })
        return res.end(Buffer.alloc(2 * 1024 * 1024, 1))
      case '/slow.png':
        return // never answers: the import's own timeout gives up
      case '/theme.css':
        return send(200, 'text/css', '@import url(\'/fonts.css\');\nh1 { background: url("/pic.png") }\n')
      case '/fonts.css':
        return send(200, 'text/css', "@font-face { font-family: Remote; src: url(/remote.woff2) format('woff2'); }")
      case '/remote.woff2':
        return send(200, 'font/woff2', FONT)
      default:
        return send(404, 'text/plain', 'no')
    }
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

describe('kit import', () => {
  let server: Server
  let base: string
  const limits = { maxBytes: 1024 * 1024, timeoutMs: 1500 }

  beforeAll(async () => {
    server = await startServer()
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => {
    server.closeAllConnections()
    server.close()
  })

  it('downloads what it can, says at which line what it cannot, and keeps the deck’s front matter', async () => {
    const root = await copyFixture('mini')
    const decks = await mkdtemp(path.join(tmpdir(), 'kit-decks-'))
    await writeFile(path.join(decks, 'local.png'), PNG)
    const deck = [
      '---',
      'marp: true',
      `style: @import url(${base}/theme.css); section { color: #223; }`,
      'footer: Course | Lecture 4: JavaScript',
      '---',
      '',
      '<!-- page_number: true -->',
      '# Imported talk',
      '',
      `![A picture](${base}/pic.png)`,
      `![Moved](${base}/moved.png)`,
      `![Gone](${base}/missing.png)`,
      `<img src="${base}/page.png" alt="Not an image">`,
      `![Huge](${base}/huge.png)`,
      `![Slow](${base}/slow.png)`,
      '![Local](local.png)',
      `![Streamed](${base}/stream.png)`,
      '',
      '---',
      '',
      '## Code is left alone',
      '',
      '```md',
      `![In code](${base}/missing.png)`,
      '```',
    ].join('\n')
    await writeFile(path.join(decks, 'lecture-4.md'), deck)

    const [report] = await importDecks(root, [path.join(decks, 'lecture-4.md')], limits)
    expect(report?.module).toBe('content/modules/03-lecture-4.md')
    expect(report?.slides).toBe(2)
    expect(report?.failures.map((f) => [f.url.replace(base, ''), f.line])).toEqual([
      ['/missing.png', 12],
      ['/page.png', 13],
      ['/huge.png', 14],
      ['/slow.png', 15],
      ['/stream.png', 17],
    ])
    expect(report?.failures.map((f) => f.reason)).toEqual([
      'the server answered 404 Not Found',
      'the answer is text/html, not an image',
      'it is 3.0 MiB, over the 1.0 MiB limit',
      'no answer within 1.5 s',
      'it is over the 1.0 MiB limit',
    ])
    const text = readFileSync(path.join(root, report!.module), 'utf8')
    // kit's keys first, then the deck's own front matter byte for byte, the legacy directive as a key.
    expect(text.startsWith('---\nid: lecture-4\ntitle: "Imported talk"\nduration: 4\npaginate: true\nmarp: true\nstyle: @font-face')).toBe(true)
    expect(text).toContain('footer: Course | Lecture 4: JavaScript\n---\n')
    expect(text).not.toContain('page_number')
    expect(text).not.toContain(`${base}/theme.css`)
    expect(text).toContain('url("data:font/woff2;base64,')
    expect(text).toContain('![A picture](../assets/pic.png)')
    expect(text).toContain('![Moved](../assets/pic.png)')
    expect(text).toContain('![Local](../assets/local.png)')
    expect(text).toContain(`![In code](${base}/missing.png)`)
    expect(readFileSync(path.join(root, 'content/assets/pic.png'))).toEqual(PNG)
    expect(existsSync(path.join(root, 'content/assets/huge.png'))).toBe(false)

    // What could not be fetched is what kit check still reports, at those references' lines in the module.
    const { problems } = await runChecks(root, { browser: false })
    const lines = text.split('\n')
    const expected = report!.failures.map((f) => lines.findIndex((l) => l.includes(f.url)) + 1)
    expect(problems.errors.filter((p) => p.code === 'KIT_REMOTE_IMAGE').map((p) => p.location?.line)).toEqual(expected)
  })

  it('turns a deck with remote images into a module that builds offline, from the command line', async () => {
    const root = await copyFixture('mini')
    const decks = await mkdtemp(path.join(tmpdir(), 'kit-decks-'))
    await writeFile(path.join(decks, 'good.md'), `---\nmarp: true\n---\n\n<!-- $theme: gaia -->\n\n# Good deck\n\n![A picture](${base}/pic.png)\n\n<!-- notes -->\n`)
    const result = await kit(['import', path.join(decks, 'good.md'), '--root', root])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/imported .*good\.md → content\/modules\/03-good\.md \(1 slides?, duration 2 min\)/)
    expect(result.stdout).toContain(`line 9: downloaded ${base}/pic.png → content/assets/pic.png`)
    expect(result.stdout).toContain('line 5: <!-- $theme: gaia --> → front matter theme: gaia')
    const workshop = path.join(root, 'content/workshop.yaml')
    await writeFile(workshop, readFileSync(workshop, 'utf8').replace('items: [alpha, beta]', 'items: [alpha, beta, good]'))
    const built = await build({ root, out: path.join(root, 'dist'), editions: ['short'], formats: ['html'] })
    expect(built.editions.find((e) => e.id === 'instructor/short')?.files.map((f) => f.path)).toContain('assets/pic.png')
  })

  it('fails clearly on a deck that is not there, and outside a project', async () => {
    const root = await copyFixture('mini')
    expect((await kit(['import', '/no/such/deck.md', '--root', root])).code).toBe(2)
    expect((await kit(['import', '--root', root])).stderr).toContain('kit import needs at least one deck')
    expect((await kit(['import', '/no/such/deck.md', '--root', tmpdir()])).stderr).toContain('KIT_NO_WORKSHOP')
  })
})

describe('kit import and local files', () => {
  const limits = { maxBytes: 1024 * 1024, timeoutMs: 1500 }
  const SECRET = Buffer.from('SECRET-NEXT-TO-THE-DECKS')

  /** A project, and a folder of decks with an image below it and a secret file next to it. */
  async function setUp() {
    const root = await copyFixture('mini')
    const base = await mkdtemp(path.join(tmpdir(), 'kit-local-'))
    const decks = path.join(base, 'decks')
    await mkdir(path.join(decks, 'img'), { recursive: true })
    await writeFile(path.join(decks, 'img/a.png'), PNG)
    await writeFile(path.join(decks, 'a%zz.png'), PNG)
    await writeFile(path.join(base, 'secret.png'), SECRET)
    const deck = path.join(decks, 'talk.md')
    const lines = [
      '# Talk',
      '',
      '![in](img/a.png)',
      '![up](../secret.png)',
      `![abs](${path.join(base, 'secret.png')})`,
      '![percent](a%zz.png)',
      '',
      '    ![indented example](../secret.png)',
      '',
      '![spaced](<img/a.png>)',
      '',
    ]
    await writeFile(deck, lines.join('\n'))
    return { root, base, deck }
  }
  const assets = (root: string) => readdirSync(path.join(root, 'content/assets')).map((name) => readFileSync(path.join(root, 'content/assets', name)))

  it('copies the files below the deck’s folder and refuses the others at their line and column', async () => {
    const { root, base, deck } = await setUp()
    const [report] = await importDecks(root, [deck], limits)
    expect(report?.failures.map((f) => [f.url, f.line, f.column, f.refused])).toEqual([
      ['../secret.png', 4, 7, true],
      [path.join(base, 'secret.png'), 5, 8, true],
    ])
    expect(report?.failures[0]?.reason).toContain('--allow')
    expect(assets(root).some((bytes) => bytes.equals(SECRET))).toBe(false)
    const text = readFileSync(path.join(root, report!.module), 'utf8')
    expect(text).toContain('![in](../assets/a.png)')
    expect(text).toMatch(/!\[percent\]\(\.\.\/assets\/a-zz\.png\)/)
    expect(text).toContain('    ![indented example](../secret.png)')
  })

  it('copies from a folder the author allows', async () => {
    const { root, base, deck } = await setUp()
    const [report] = await importDecks(root, [deck], limits, { allow: [base] })
    expect(report?.failures).toEqual([])
    expect(assets(root).some((bytes) => bytes.equals(SECRET))).toBe(true)
  })

  it('says so from the command line, and takes --allow', async () => {
    const { root, base, deck } = await setUp()
    const refused = await kit(['import', deck, '--root', root])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('line 4, column 7')
    expect(refused.stderr).toContain('--allow')
    const allowed = await kit(['import', deck, '--root', root, '--allow', base])
    expect(allowed.code, allowed.stderr).toBe(0)
  })
})
