import { describe, expect, it } from 'vitest'
import { answerLetter, choiceByLetter, choiceLetter, letterOf, lettersFor, MAX_CHOICES } from '../../../src/core/choice-letters.ts'

describe('choice letters', () => {
  const choices = ['Alpha', 'Beta', 'Gamma']

  it('name each choice by its place, and an answer that is none of them by "?"', () => {
    expect(choices.map((_, i) => choiceLetter(i))).toEqual(['A', 'B', 'C'])
    expect(letterOf(choices, 'Gamma')).toBe('C')
    expect(letterOf(choices, 'Delta')).toBe('?')
    expect(choiceLetter(MAX_CHOICES)).toBe('?')
  })

  it('read an answer written as a letter, in the ways people write one', () => {
    for (const answer of ['B', 'b', 'B.', ' b) ']) expect(choiceByLetter(choices, answer)).toBe('Beta')
    expect(choiceByLetter(choices, 'E')).toBeUndefined()
    expect(answerLetter('E')).toBe('E')
    expect(answerLetter('Beta')).toBeUndefined()
    expect(lettersFor(3)).toBe('A, B, C')
  })
})
