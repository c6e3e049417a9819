import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../../src/commands/build.ts'
import { copyFixture, KIT } from '../../helpers/project.ts'

/** What the trainer reads: the guide's checklist and notes, counts on the landing page, code as typed. */
describe('pages a trainer reads', () => {
  it('the setup checklist renders its markdown, notes keep their lines, counts are singular or plural', async () => {
    const root = await copyFixture('mini')
    const workshop = path.join(root, 'content/workshop.yaml')
    await writeFile(
      workshop,
      readFileSync(workshop, 'utf8').replace('setup: [Check the projector]', 'setup: ["Run `git --version` on every *learner* machine"]').replace('items: [alpha, beta]', 'items: [alpha, first-lab]'),
    )
    const module = path.join(root, 'content/modules/01-alpha.md')
    await writeFile(module, readFileSync(module, 'utf8').replace('<!-- Notes for the first alpha slide. -->', '<!--\nWhat to say: alpha first.\nTiming: 2 minutes.\n\nLikely question: why?\n-->'))
    const out = path.join(root, 'dist')
    await build({ root, out, editions: [], formats: ['html'] })
    const guide = readFileSync(path.join(out, 'instructor/short/guide.html'), 'utf8')
    expect(guide).toContain('<li>Run <code>git --version</code> on every <em>learner</em> machine</li>')
    expect(guide).not.toContain('`git --version`')
    expect(guide).toContain('<p>What to say: alpha first.<br>\nTiming: 2 minutes.</p>\n<p>Likely question: why?</p>')
    const home = readFileSync(path.join(out, 'learner/index.html'), 'utf8')
    expect(home).toContain('1 module · 1 exercise')
    expect(home).toContain('2 modules · 2 exercises')
    expect(guide).toMatch(/3 slides · content\/modules\/01-alpha\.md/)
  })

  it('code shows no ligatures on slides and in print (-> stays two characters)', () => {
    for (const file of ['templates/theme/kit.css', 'templates/print.css']) {
      const css = readFileSync(path.join(KIT, file), 'utf8')
      const rule = /(?:^|\n)(code, pre) \{([^}]*)\}/.exec(css)
      expect(rule?.[2], file).toContain('font-variant-ligatures: none')
      expect(rule?.[2], file).toContain('font-feature-settings: "liga" 0, "calt" 0')
    }
  })
})
