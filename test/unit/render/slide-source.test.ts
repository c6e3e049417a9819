import { describe, expect, it } from 'vitest'
import type { Module } from '../../../src/load/module.ts'
import type { DeckPart } from '../../../src/render/deck/assemble-deck.ts'
import { slideSource } from '../../../src/render/deck/slide-source.ts'

describe('where a slide of a deck comes from', () => {
  const parts = [
    { kind: 'title', first: 0, count: 1 },
    { kind: 'module', moduleId: 'alpha', first: 1, count: 3 },
  ] as DeckPart[]
  const modules = [{ id: 'alpha', file: 'content/modules/01-alpha.md', slideLines: [5, 12, 20] }] as Module[]

  it('a module’s slide: its file and the line the slide starts at', () => {
    expect(slideSource(2, parts, modules, 'short/slides')).toMatchObject({ location: { file: 'content/modules/01-alpha.md', line: 12, column: 1 }, label: 'Slide 2 of 01-alpha.md' })
  })

  it('a generated slide: its place in the output, no source line', () => {
    const title = slideSource(0, parts, modules, 'short/slides')
    expect(title.location).toBeUndefined()
    expect(title.label).toBe('Slide 1 of short/slides (a generated title slide)')
  })
})
