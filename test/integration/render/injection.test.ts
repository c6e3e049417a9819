import { readdirSync, readFileSync, statSync } from 'node:fs'
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../src/commands/build.ts'
import { copyFixture } from '../../helpers/project.ts'

/**
 * Content pasted from anywhere cannot inject script: raw HTML in slides goes
 * through marp-core's allowlist, every other output escapes it, and `{{` in
 * content is text, never template code.
 */
const PAYLOAD = [
  '<script>alert("pwned-script")</script>',
  '<img src="#" onerror="alert(\'pwned-onerror\')">',
  '<a href="javascript:alert(\'pwned-href\')">link</a>',
  "[md link](javascript:alert('pwned-md'))",
  '<svg onload="alert(\'pwned-svg\')"></svg>',
  '{{title}} and {{{title}}} stay text',
].join('\n\n')

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? htmlFiles(full) : full.endsWith('.html') ? [full] : []
  })
}

describe('nothing gets in', () => {
  let out: string

  beforeAll(async () => {
    const root = await copyFixture('mini')
    const alpha = path.join(root, 'content/modules/01-alpha.md')
    await appendFile(alpha, `\n---\n\n## Injected slide\n\n${PAYLOAD}\n\n<!-- Note with ${PAYLOAD.replace(/--/g, '')} -->\n`)
    const lab = path.join(root, 'exercises/01-first-lab.md')
    await writeFile(lab, (await readFile(lab, 'utf8')).replace('Learn lab 1.', `Learn lab 1.\n\n${PAYLOAD}`))
    await appendFile(
      path.join(root, 'content/quiz/quiz.yaml'),
      `- id: q-evil\n  module: alpha\n  question: ${JSON.stringify(PAYLOAD)}\n  choices: ["<script>alert('pwned-choice')</script>", b]\n  answer: b\n  explanation: ${JSON.stringify(PAYLOAD)}\n`,
    )
    await appendFile(path.join(root, 'content/glossary.yaml'), `- { term: "<script>alert('pwned-term')</script>", definition: ${JSON.stringify(PAYLOAD)} }\n`)
    const workshop = path.join(root, 'content/workshop.yaml')
    await writeFile(workshop, (await readFile(workshop, 'utf8')).replace('subtitle: A small workshop for tests', `subtitle: "<script>alert('pwned-subtitle')</script> {{title}}"`))
    out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-inject-')), 'dist')
    await build({ root, out, editions: [], formats: ['html'] })
  })

  it('no payload runs in any HTML output', () => {
    const files = htmlFiles(out)
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) {
      const html = readFileSync(file, 'utf8')
      const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1] ?? '')
      for (const script of scripts) expect(script, file).not.toContain('pwned')
      // Real attributes only: escaped payloads are text (&lt;svg onload=…), not markup.
      expect(html, file).not.toMatch(/<[a-z][^<>]*\son(error|load)\s*=/i)
      expect(html, file).not.toMatch(/<a\b[^<>]*href\s*=\s*["']?\s*javascript:/i)
    }
  })

  it('shows the payload as text where it was escaped, and keeps {{ }} literal', () => {
    const handout = readFileSync(path.join(out, 'learner/long/handout.html'), 'utf8')
    expect(handout).toContain('&lt;script&gt;alert(')
    const sheet = readFileSync(path.join(out, 'learner/long/exercises/first-lab.html'), 'utf8')
    expect(sheet).toContain('{{title}} and {{{title}}} stay text')
    expect(sheet).toContain('&lt;script&gt;')
    const quiz = readFileSync(path.join(out, 'learner/long/quiz.html'), 'utf8')
    expect(quiz).toContain('&lt;script&gt;alert(&#x27;pwned-choice&#x27;)&lt;/script&gt;'.replace(/&#x27;/g, "'"))
    const slides = readFileSync(path.join(out, 'instructor/long/slides.md'), 'utf8')
    expect(slides).toContain('{{title}} and {{{title}}} stay text')
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('&lt;script&gt;')
  })

  it('every generated page carries a Content-Security-Policy without remote sources', () => {
    for (const file of htmlFiles(out)) {
      const html = readFileSync(file, 'utf8')
      // Attribute values are entity-decoded by the browser, as here.
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/
        .exec(html)?.[1]
        ?.replace(/&#x27;/g, "'")
        .replace(/&quot;/g, '"')
      expect(csp, file).toBeDefined()
      expect(csp, file).toContain("default-src 'none'")
      expect(csp, file).not.toMatch(/https?:|\*/)
      expect(csp, file).not.toContain("'unsafe-eval'")
      expect(csp!.includes("script-src 'unsafe-inline'"), file).toBe(false)
    }
  })
})
