import { describe, expect, it } from 'vitest'
import { createMarp, renderDeck } from '../../../src/core/marp-engine.ts'
import { withoutNotes } from '../../../src/render/deck/without-notes.ts'

describe('withoutNotes (the learner deck has no speaker notes)', () => {
  const marp = createMarp()
  const deck = [
    '---',
    'marp: true',
    '---',
    '',
    '# One',
    '',
    '<!-- _class: lead -->',
    '',
    'Text <!-- answer: B --> more',
    '',
    '<!--',
    'The answer is B.',
    '-->',
    '',
    '---',
    '',
    '# Two',
    '',
    '<!-- paginate: true -->',
    '<!-- note two -->',
    '',
  ].join('\n')

  it('removes block and inline notes and keeps directives, slides and text', () => {
    const before = renderDeck(marp, deck)
    expect(before.notes.flat()).toEqual(['answer: B', 'The answer is B.', 'note two'])
    const after = renderDeck(marp, withoutNotes(marp, deck))
    expect(after.notes).toEqual([[], []])
    expect(after.slides).toHaveLength(2)
    expect(after.slides[0]).toContain('class="lead"')
    expect(after.slides[0]).toContain('Text')
    expect(after.slides[1]).toContain('data-marpit-pagination="2"')
    expect(after.slides.join('')).not.toContain('answer')
  })
})
