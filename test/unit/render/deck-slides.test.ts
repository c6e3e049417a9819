import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { assembleDeck } from '../../../src/render/deck/assemble-deck.ts'
import { loadContent, type Content } from '../../../src/load/content.ts'
import { planEdition } from '../../../src/plan/edition-plan.ts'
import { Problems } from '../../../src/core/problems.ts'
import { renderDeck } from '../../../src/core/marp-engine.ts'
import { KIT, kitMarp } from '../../helpers/project.ts'

/** The slides the build adds for breaks, hands-on items and the close, as a trainer presents them. */
const workshop = (slides = '', extra = '') => `title: T
authors: [A]
event: { start: "10:00", feedback: "https://example.org/feedback", links: [{ title: Repo, url: "https://example.org/repo" }] }
${extra}editions:
  - id: e
    title: E
    length: 75
${slides}    items: [m, { break: 15, title: Coffee break }, ex]
`
const moduleText = '---\nid: m\nduration: 30\ntakeaways: [Remember m]\n---\n\n## Slide one\n\n<!-- note -->\n'
const exerciseText = `---
id: ex
title: The lab
duration: 20
requires: [linux, root]
---

## Goal
g
## Before you start
b
## Steps
s
## Check your work
c
## Solution
x
## Troubleshooting
t
## Clean up
c
## Going further
f
`

function deckFor(workshopText: string, module = moduleText) {
  const marp = kitMarp()
  const problems = new Problems()
  const content = loadContent(
    {
      root: '/x',
      workshop: { path: 'content/workshop.yaml', text: workshopText },
      modules: [{ path: 'content/modules/01-m.md', text: module }],
      exercises: [{ path: 'exercises/01-ex.md', text: exerciseText }],
      quiz: [],
    },
    marp,
    problems,
  ) as Content
  expect(problems.errors).toEqual([])
  const deck = assembleDeck(content, planEdition(content, content.workshop.editions[0]!), marp, problems)
  const slides = renderDeck(marp, deck.markdown).slides
  const text = slides.map((html) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )
  return { deck, text, problems, slides }
}

describe('generated slides in the running order', () => {
  it('a break shows the clock time it ends, a hands-on item its exercise, sheet and time, and the deck closes', () => {
    const { deck, text } = deckFor(workshop())
    expect(deck.parts.map((p) => p.kind)).toEqual(['title', 'agenda', 'divider', 'module', 'break', 'exercise', 'closing'])
    // The workshop's language is en (American English): 12-hour clock times.
    expect(text[4]).toBe('Coffee break Back at 10:45 AM 15 min, 10:30 AM–10:45 AM')
    expect(text[5]).toBe('Hands-on: The lab Sheet: exercises/ex.pdf (exercise 1 in the booklet, exercises.pdf) 20 min: until 11:05 AM You need: linux, root')
    expect(text[6]).toContain('Thank you What we covered (takeaways of each module in your handout) Slide one')
    expect(text[6]).toContain('Links: Repo: https://example.org/repo')
    expect(text[6]).toContain('Feedback: https://example.org/feedback')
    expect(deck.parts[5]).toMatchObject({ kind: 'exercise', exerciseId: 'ex', first: 5, count: 1 })
  })

  it('the closing slide shows the workshop takeaways when there are some', () => {
    const { text } = deckFor(workshop('', 'takeaways: [Containers share the kernel, VMs boot their own]\n'))
    expect(text.at(-1)).toContain('Takeaways Containers share the kernel VMs boot their own')
  })

  it('each generated kind can be left out by the edition', () => {
    const off = (keys: string) => workshop(`    slides: { ${keys} }\n`)
    expect(deckFor(off('breaks: false')).deck.parts.map((p) => p.kind)).not.toContain('break')
    expect(deckFor(off('exercises: false')).deck.parts.map((p) => p.kind)).not.toContain('exercise')
    expect(deckFor(off('breaks: false, exercises: false, closing: false')).deck.parts.map((p) => p.kind)).toEqual(['title', 'agenda', 'divider', 'module'])
  })

  it('their look comes from the theme', () => {
    const css = readFileSync(path.join(KIT, 'templates/theme/kit.css'), 'utf8')
    for (const cls of ['break', 'exercise', 'closing']) expect(css).toContain(`section.${cls}`)
    const { deck } = deckFor(workshop())
    expect(deck.markdown).toContain('_class: "break kit-break"')
    expect(deck.markdown).toContain('_class: "exercise kit-exercise"')
    expect(deck.markdown).toContain('_class: "closing kit-closing small"')
  })

  it('keep kit’s look after a module that sets its own colours: the module’s backgroundColor and color stay on its own slides', () => {
    const imported = moduleText.replace('duration: 30\n', 'duration: 30\nbackgroundColor: "#fdfcf8"\ncolor: "#333333"\n')
    const { deck, slides } = deckFor(workshop(), imported)
    const colours = slides.map((html) => /<section[^>]*style="[^"]*background-color:\s*#fdfcf8/.test(html))
    const kinds = deck.parts.flatMap((p) => Array.from({ length: p.count }, () => p.kind))
    expect(kinds.filter((_, i) => colours[i])).toEqual(['module'])
  })
})
