import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { assembleDeck } from '../../../src/render/deck/assemble-deck.ts'
import { moduleClass } from '../../../src/render/deck/isolate-module.ts'
import type { Content } from '../../../src/load/content.ts'
import { parseModule, type Module } from '../../../src/load/module.ts'
import { workshopSchema } from '../../../src/load/schemas.ts'
import { planEdition } from '../../../src/plan/edition-plan.ts'
import { Problems } from '../../../src/core/problems.ts'
import { renderDeck } from '../../../src/core/marp-engine.ts'
import { FIXTURES, kitMarp } from '../../helpers/project.ts'
import { createMessages } from '../../../src/core/messages.ts'
import { kitCatalogues } from '../../../src/load/catalogues.ts'

/**
 * Any valid Marp deck dropped into modules/ builds unchanged: in an edition
 * deck, each module has the slide count, notes and per-slide directives that
 * marp-core gives it on its own, and its directives do not leak.
 */
const dir = path.join(FIXTURES, 'marp')
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort()
const marp = kitMarp()

function load(): Module[] {
  const problems = new Problems()
  const modules = files.map((f) => parseModule({ path: `content/modules/${f}`, text: readFileSync(path.join(dir, f), 'utf8') }, marp, problems))
  expect(problems.errors).toEqual([])
  return modules.filter((m): m is Module => Boolean(m))
}

/** The directive-driven attributes of each slide's main <section>. */
function slideLook(slide: string) {
  const section = /<section id="[^"]*"[^>]*>/.exec(slide)?.[0] ?? ''
  const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(section)?.[1]
  return {
    classes: (attr('class') ?? '')
      .split(/\s+/)
      .filter((c) => c && !c.startsWith('kit-'))
      .sort(),
    paginate: attr('data-paginate') === 'true',
    header: /<header>([\s\S]*?)<\/header>/.exec(slide)?.[1]?.trim() ?? null,
    footer: /<footer>([\s\S]*?)<\/footer>/.exec(slide)?.[1]?.trim() ?? null,
    background: attr('data-background-color') ?? null,
    advancedBackground: (slide.match(/data-marpit-advanced-background="background"/g) ?? []).length,
    figures: (slide.match(/<figure/g) ?? []).length,
  }
}

function build(order: Module[]) {
  const workshop = workshopSchema.parse({
    title: 'Compat',
    authors: ['T'],
    editions: [{ id: 'all', title: 'All', length: 60, quiz: false, items: order.map((m) => m.id) }],
  })
  const content: Content = { workshop, modules: order, exercises: [], quiz: [], glossary: [], messages: createMessages('en', kitCatalogues()) }
  const plan = planEdition(content, workshop.editions[0]!)
  const problems = new Problems()
  const deck = assembleDeck(content, plan, marp, problems)
  return { deck, rendered: renderDeck(marp, deck.markdown), problems }
}

describe('Marp compatibility of assembled decks', () => {
  const modules = load()

  it('has at least six fixture decks', () => {
    expect(modules.length).toBeGreaterThanOrEqual(6)
  })

  // Forward and reverse order: every module follows a different neighbour.
  for (const [label, order] of [
    ['in file order', () => modules],
    ['in reverse order', () => [...modules].reverse()],
  ] as const) {
    describe(label, () => {
      const { deck, rendered } = build(order())
      for (const module of order()) {
        it(`${module.file}: same slides, notes and look as marp-core alone`, () => {
          const alone = renderDeck(marp, module.source)
          const part = deck.parts.find((p) => p.kind === 'module' && p.moduleId === module.id)!
          expect(part.count).toBe(alone.slides.length)
          const slides = rendered.slides.slice(part.first, part.first + part.count)
          const notes = rendered.notes.slice(part.first, part.first + part.count)
          expect(slides).toHaveLength(alone.slides.length)
          expect(notes).toEqual(alone.notes)
          expect(slides.map(slideLook)).toEqual(alone.slides.map(slideLook))
          for (const slide of slides) expect(slide).toContain(moduleClass(module.id))
        })
      }
    })
  }

  it('materialises headingDivider so the deck-wide setting is not needed', () => {
    const { deck } = build(modules)
    expect(deck.markdown).not.toMatch(/^headingDivider:/m)
    const heading = modules.find((m) => m.id === 'heading-divider')!
    // Five `##` headings, one setext `#` heading and the intro: seven slides.
    expect(heading.slideCount).toBe(7)
  })

  it('scopes module styles to the module and leaves code blocks alone', () => {
    const { deck, rendered } = build(modules)
    expect(rendered.css).toContain(`section.${moduleClass('inline-style')} :is(h2, marp-h2)`)
    expect(rendered.css).not.toMatch(/foreignObject > section :is\(h2, marp-h2\)\s*{\s*color: rgb\(0, 200, 255\)/)
    expect(deck.markdown).toContain('/* <style> inside a code block is text, not a style */\nh1 { color: red; }')
  })

  it('renders math as inline SVG and emoji as text (nothing remote)', () => {
    const { rendered } = build(modules)
    const html = rendered.slides.join('')
    expect(html).toContain('<mjx-container')
    // Each formula's SVG is named by its TeX source for screen readers.
    expect(html).toContain('aria-label="a^2 + b^2 = c^2"')
    expect(html).toContain('🚀')
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/)
  })
})
