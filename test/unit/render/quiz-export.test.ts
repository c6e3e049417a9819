import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Question } from '../../../src/load/schemas.ts'
import { type ExportModule, giftEscape, giftQuiz } from '../../../src/render/quiz-export/gift.ts'
import { moodleXmlQuiz } from '../../../src/render/quiz-export/moodle-xml.ts'
import { renderInline } from '../../../src/render/markdown-html.ts'
import { readGift, readMoodleXml } from '../../helpers/quiz-formats.ts'

const questions: Question[] = [
  {
    id: 'gift-specials',
    module: 'alpha',
    question: 'Which is `{a = b}` in GIFT: ~tilde, #hash, a \\ backslash?',
    choices: ['a ~ b', 'c = d', 'x {y} : z # w', 'back\\slash\\'],
    answer: 'x {y} : z # w',
    explanation: 'Specials: ~ = # { } : and \\ are escaped.\nEven on a second line.',
  },
  { id: 'free-answer', module: 'beta', question: 'Name the *second* module & say why <b>not</b> first.', answer: 'Beta: it follows', explanation: '' },
  { id: 'xml-traps', module: 'beta', question: 'Ends a CDATA section? ]]> and control\u0007 char', choices: ['Yes & no', '<not a tag>'], answer: '<not a tag>' },
]
const modules: ExportModule[] = [
  { id: 'alpha', title: 'Alpha / Omega', questions: questions.filter((q) => q.module === 'alpha') },
  { id: 'beta', title: 'Beta', questions: questions.filter((q) => q.module === 'beta') },
]

describe('quiz exports for an LMS, read back with parsers written from Moodle’s format documentation', () => {
  it('GIFT: every question, its markdown text, choices, the right one and the explanation come back', () => {
    const read = readGift(giftQuiz('Work: shop {1}', modules))
    expect(read.map((q) => q.name)).toEqual(['gift-specials', 'free-answer', 'xml-traps'])
    expect(read.map((q) => q.category)).toEqual(['$course$/Work: shop {1}/Alpha // Omega', '$course$/Work: shop {1}/Beta', '$course$/Work: shop {1}/Beta'])
    for (const [i, q] of questions.entries()) {
      const back = read[i]
      expect(back?.format).toBe('markdown')
      expect(back?.text).toBe(q.question)
      expect(back?.type).toBe(q.choices ? 'multichoice' : 'shortanswer')
      expect(back?.answers).toEqual((q.choices ?? [q.answer]).map((c) => ({ text: c.trim(), fraction: c === q.answer ? 100 : 0 })))
      expect(back?.generalFeedback).toBe(q.explanation?.trim() ?? '')
    }
  })

  it('GIFT escapes ~ = # { } : and the backslash, and writes a line break as \\n', () => {
    expect(giftEscape('~=#{}:')).toBe('\\~\\=\\#\\{\\}\\:')
    expect(giftEscape('a\\b')).toBe('a\\\\b')
    expect(giftEscape('one\ntwo')).toBe('one\\ntwo')
    // Unescaped, the explanation's ":" and "#" would be read as syntax: the file has none outside the markers.
    const file = giftQuiz('T', modules)
    const body = file.split('\n').filter((l) => !l.startsWith('//') && !l.startsWith('$CATEGORY'))
    for (const line of body)
      expect(
        line
          .replace(/\\./g, '')
          .replace(/^::[\w-]+::\[markdown\]/, '')
          .replace(/^\t(=|~|####)/, '')
          .replace(/ \{$|^\}$/, ''),
      ).not.toMatch(/[~=#{}:]/)
  })

  it('GIFT: any text survives the round trip (property)', () => {
    const text = fc.stringMatching(/^[a-z~=#{}:\\ \n[\]/]{1,30}$/).filter((s) => s.trim() === s && s !== '' && !s.startsWith('['))
    fc.assert(
      fc.property(text, text, text, (question, right, wrong) => {
        fc.pre(right !== wrong)
        const q: Question = { id: 'p', module: 'm', question, choices: [right, wrong], answer: right, explanation: question }
        const [back] = readGift(giftQuiz('T', [{ id: 'm', title: 'M', questions: [q] }]))
        expect(back?.text).toBe(question)
        expect(back?.answers).toEqual([
          { text: right, fraction: 100 },
          { text: wrong, fraction: 0 },
        ])
        expect(back?.generalFeedback).toBe(question)
      }),
      { numRuns: 300 },
    )
  })

  it('Moodle XML: well-formed, one category per module, HTML texts as on the quiz sheet, the right answer at 100 %', () => {
    const read = readMoodleXml(moodleXmlQuiz('Work & shop', modules))
    expect(read.map((q) => [q.name, q.type, q.category])).toEqual([
      ['gift-specials', 'multichoice', '$course$/Work & shop/Alpha // Omega'],
      ['free-answer', 'shortanswer', '$course$/Work & shop/Beta'],
      ['xml-traps', 'multichoice', '$course$/Work & shop/Beta'],
    ])
    for (const [i, q] of questions.entries()) {
      const back = read[i]
      expect(back?.format).toBe('html')
      expect(back?.text).toBe(renderInline(q.question).replace('\u0007', '').trim())
      expect(back?.generalFeedback).toBe(renderInline(q.explanation?.trim() ?? '').trim())
      const expected = q.choices ? q.choices.map((c) => ({ text: renderInline(c).trim(), fraction: c === q.answer ? 100 : 0 })) : [{ text: q.answer, fraction: 100 }]
      expect(back?.answers).toEqual(expected)
    }
    // Raw HTML in the quiz stays text (escaped by the markdown renderer), never markup in Moodle.
    expect(read[1]?.text).toContain('&lt;b&gt;not&lt;/b&gt;')
  })
})
