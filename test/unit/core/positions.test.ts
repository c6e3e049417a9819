import { describe, expect, it } from 'vitest'
import { LineIndex, positionAt, positionOf } from '../../../src/core/positions.ts'

const TEXT = 'first\nsecond line\n\nfourth'

describe('positions in source text', () => {
  it('gives 1-based lines and columns, a line break belonging to the line it ends', () => {
    expect(positionAt(TEXT, 0)).toEqual({ line: 1, column: 1 })
    expect(positionAt(TEXT, 5)).toEqual({ line: 1, column: 6 })
    expect(positionAt(TEXT, 6)).toEqual({ line: 2, column: 1 })
    expect(positionAt(TEXT, 13)).toEqual({ line: 2, column: 8 })
    expect(positionAt(TEXT, 18)).toEqual({ line: 3, column: 1 })
    expect(positionAt(TEXT, 19)).toEqual({ line: 4, column: 1 })
  })

  it('clamps offsets outside the text to its ends', () => {
    expect(positionAt(TEXT, -4)).toEqual({ line: 1, column: 1 })
    expect(positionAt(TEXT, 999)).toEqual({ line: 4, column: 7 })
  })

  it('places a slice of a file where the slice starts: its first line shifts the column, the others only the line', () => {
    const origin = { line: 10, column: 5 }
    expect(positionAt('ab\ncd', 1, origin)).toEqual({ line: 10, column: 6 })
    expect(positionAt('ab\ncd', 4, origin)).toEqual({ line: 11, column: 2 })
  })

  it('counts columns in UTF-16 code units, as editors do', () => {
    expect(positionAt('é😀x', 3)).toEqual({ line: 1, column: 4 })
  })

  it('answers the same as positionAt for every offset, through its line index', () => {
    const origin = { line: 3, column: 7 }
    const index = new LineIndex(TEXT, origin)
    for (let offset = -1; offset <= TEXT.length + 1; offset++) expect(index.at(offset)).toEqual(positionAt(TEXT, offset, origin))
    expect(index.lineStart(1)).toBe(0)
    expect(index.lineStart(2)).toBe(6)
    expect(index.lineStart(4)).toBe(19)
    expect(index.lineStart(5)).toBe(TEXT.length)
    expect(index.lineStart(99)).toBe(TEXT.length)
  })

  it('finds the first occurrence of a text, or nothing', () => {
    expect(positionOf(TEXT, 'line')).toEqual({ line: 2, column: 8 })
    expect(positionOf(TEXT, 'absent')).toBeUndefined()
  })
})
