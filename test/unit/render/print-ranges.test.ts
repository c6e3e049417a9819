import { describe, expect, it } from 'vitest'
import type { DeckPart } from '../../../src/render/deck/assemble-deck.ts'
import { printRanges } from '../../../src/render/deck/print-html.ts'

/** title, agenda, then per module a divider, its slides and (if any) its knowledge checks, then a break. */
function deck(modules: { slides: number; quiz?: number }[]): { parts: DeckPart[]; count: number } {
  const parts: DeckPart[] = []
  let at = 0
  const add = (kind: DeckPart['kind'], count: number, moduleId?: string) => {
    parts.push({ kind, moduleId, first: at, count })
    at += count
  }
  add('title', 1)
  add('agenda', 1)
  modules.forEach((m, i) => {
    add('divider', 1, `m${i}`)
    add('module', m.slides, `m${i}`)
    if (m.quiz) add('quiz', m.quiz, `m${i}`)
    add('break', 1)
  })
  return { parts, count: at }
}

describe('print ranges of a deck', () => {
  it('cuts before each module and around its knowledge checks, covering every slide once', () => {
    const { parts, count } = deck([{ slides: 5 }, { slides: 3, quiz: 2 }])
    expect(printRanges(parts, count)).toEqual([
      { first: 0, count: 2 },
      { first: 2, count: 7 },
      { first: 9, count: 4 },
      { first: 13, count: 2 },
      { first: 15, count: 1 },
    ])
  })

  it('splits a long module into even parts of at most the limit', () => {
    const { parts, count } = deck([{ slides: 99 }])
    const ranges = printRanges(parts, count, 40)
    expect(ranges.map((r) => r.count)).toEqual([2, 33, 34, 34])
    expect(ranges.reduce((sum, r) => sum + r.count, 0)).toBe(count)
  })

  it('moves no other part when one module grows', () => {
    const before = deck([{ slides: 5 }, { slides: 3 }, { slides: 4 }])
    const after = deck([{ slides: 5 }, { slides: 4 }, { slides: 4 }])
    const a = printRanges(before.parts, before.count)
    const b = printRanges(after.parts, after.count)
    expect(b[1]).toEqual(a[1])
    expect(b[2]?.count).toBe((a[2]?.count ?? 0) + 1)
    expect(b[3]?.count).toBe(a[3]?.count)
  })
})
