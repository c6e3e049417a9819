import { readdirSync, readFileSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../../src/commands/build.ts'
import { runChecks } from '../../../src/commands/check/check.ts'
import { copyFixture } from '../../helpers/project.ts'

const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><title>ACME-LOGO</title><rect width="40" height="20" fill="#f06"/></svg>'
const BRAND = `brand:\n  accent: "#c2185b"\n  accent-2: "#00796b"\n  logo: content/assets/acme.svg\n  organisation: ACME Training\n  footer: ACME Training · CC BY 4.0\n`

/** `brand:` in workshop.yaml alone re-colours and re-logos every output. */
describe('brand', () => {
  it('reaches the slides, every printed page and the landing pages', async () => {
    const root = await copyFixture('mini')
    await writeFile(path.join(root, 'content/assets/acme.svg'), LOGO)
    const workshop = path.join(root, 'content/workshop.yaml')
    await writeFile(workshop, `${await readFile(workshop, 'utf8')}${BRAND}`)
    const out = path.join(root, 'dist')
    await build({ root, out, editions: [], formats: ['html'] })
    const logo = `data:image/svg+xml;base64,${Buffer.from(LOGO).toString('base64')}`

    const slidesMd = readFileSync(path.join(out, 'instructor/long/slides.md'), 'utf8')
    expect(slidesMd).toContain('![ACME Training h:80](assets/acme.svg)')
    expect(slidesMd).toContain('footer: "ACME Training · CC BY 4.0"')
    const slides = readFileSync(path.join(out, 'instructor/long/slides.html'), 'utf8')
    expect(slides).toContain('--kit-accent: #c2185b;')
    expect(slides).toContain('ACME Training · CC BY 4.0')

    const pages = [
      'learner/long/index.html',
      'learner/long/handout.html',
      'instructor/long/guide.html',
      'learner/long/quiz.html',
      'learner/long/exercises/first-lab.html',
      'instructor/long/exercises/first-lab.instructor.html',
      'index.html',
    ]
    for (const page of pages) {
      const html = readFileSync(path.join(out, page), 'utf8')
      expect(html, page).toContain('--kit-accent: #c2185b; --kit-accent-2: #00796b;')
      expect(html, page).toContain(`<img src="${logo}" alt="ACME Training">`)
      expect(html, page).toContain('ACME Training · CC BY 4.0')
    }
    expect(readdirSync(path.join(out, 'instructor/long/assets'))).toContain('acme.svg')
  })

  it('a missing logo is one error at the brand’s logo line', async () => {
    const root = await copyFixture('mini')
    const workshop = path.join(root, 'content/workshop.yaml')
    const text = `${await readFile(workshop, 'utf8')}${BRAND}`
    await writeFile(workshop, text)
    const { problems } = await runChecks(root, { browser: false })
    expect(problems.errors.map((p) => [p.code, p.location?.file, p.location?.line])).toEqual([
      ['KIT_MISSING_ASSET', 'content/workshop.yaml', text.split('\n').findIndex((l) => l.includes('logo:')) + 1],
    ])
  })
})
