import { describe, expect, it } from 'vitest'
import { exportJobs, MAX_PRINTED_SLIDES } from '../../../src/export/jobs.ts'
import type { RenderedEdition } from '../../../src/render/edition.ts'
import { createMessages } from '../../../src/core/messages.ts'
import { kitCatalogues } from '../../../src/load/catalogues.ts'

function edition(slides: number): RenderedEdition {
  return {
    plan: {
      edition: { id: 'big', title: 'Big', length: 60, quiz: false, slides: { breaks: true, exercises: true, closing: true }, items: [] },
      items: [],
      modules: [],
      exercises: [],
      quiz: [],
      agenda: { entries: [], total: 0, target: 60, deviation: 0, offTarget: false },
    },
    deck: { markdown: '', parts: [], slideCount: slides, images: [] },
    rendered: { slides: [], css: '', notes: [] },
    slides: Array.from({ length: slides }, () => '<svg></svg>'),
    print: [{ first: 0, count: slides, html: `<p>${slides}</p>` }],
    learner: {
      deck: { markdown: '', parts: [], slideCount: slides, images: [] },
      rendered: { slides: [], css: '', notes: [] },
      slides: Array.from({ length: slides }, () => '<svg class="learner"></svg>'),
      print: [{ first: 0, count: slides, html: `<p class="learner">${slides}</p>` }],
    },
    sets: {
      learner: { files: new Map(), printables: [{ pdf: 'handout.pdf', html: '<p>h</p>', title: 'H', subject: 'Handout' }], labels: new Map() },
      instructor: { files: new Map(), printables: [{ pdf: 'guide.pdf', html: '<p>g</p>', title: 'G', subject: 'Guide' }], labels: new Map() },
    },
    meta: { title: 'T', author: 'A', language: 'en' },
    messages: createMessages('en', kitCatalogues()),
    fonts: [],
    fontCss: '',
    themeCss: [],
  }
}

describe('export jobs', () => {
  const size = { width: 1280, height: 720 }

  it('keys jobs by what they print: same input, same key; other input, other key', () => {
    const a = exportJobs(edition(3), ['pdf', 'pptx'], size, 'salt')
    const b = exportJobs(edition(3), ['pdf', 'pptx'], size, 'salt')
    const c = exportJobs(edition(4), ['pdf', 'pptx'], size, 'salt')
    const d = exportJobs(edition(3), ['pdf', 'pptx'], size, 'other browser')
    // The instructor's deck (PPTX, then PDF), the learners' deck (PDF), then each set's printed pages.
    expect(a.map((j) => [j.label, j.audience])).toEqual([
      ['big/slides.pptx', 'instructor'],
      ['big/slides', 'instructor'],
      ['big/learner/slides', 'learner'],
      ['big/handout.pdf', 'learner'],
      ['big/instructor/guide.pdf', 'instructor'],
    ])
    expect(a.map((j) => j.key)).toEqual(b.map((j) => j.key))
    expect(c[0]?.key).not.toBe(a[0]?.key)
    expect(c[1]?.key).not.toBe(a[1]?.key)
    expect(c[3]?.key).toBe(a[3]?.key)
    expect(d[3]?.key).not.toBe(a[3]?.key)
    expect(exportJobs(edition(3), ['html'], size, 'salt')).toEqual([])
  })

  it(`refuses to print a deck of more than ${MAX_PRINTED_SLIDES} slides, with a clear error; HTML has no limit`, () => {
    for (const formats of [['pdf'], ['pptx']] as const) {
      expect(() => exportJobs(edition(MAX_PRINTED_SLIDES + 1), formats, size, 's')).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'KIT_DECK_TOO_LARGE' })] }))
    }
    expect(exportJobs(edition(MAX_PRINTED_SLIDES + 1), ['html'], size, 's')).toEqual([])
    expect(exportJobs(edition(MAX_PRINTED_SLIDES), ['pdf'], size, 's')).toHaveLength(4)
  })
})
