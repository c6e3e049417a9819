import type { Page } from 'puppeteer-core'
import type { DeckPart } from '../assemble/deck.ts'
import type { Module } from '../load/module.ts'
import type { Problem } from '../problems.ts'

/**
 * Finds slides whose content runs past the slide frame — the mistake Marp
 * users hit most, since Marp clips it silently. Measured in the real browser
 * on the slide page loaded for printing.
 */
export interface SlideOverflow {
  /** 0-based slide index in the deck. */
  index: number
  /** Pixels of content below the frame's bottom padding edge. */
  bottom: number
  /** Pixels of content (a wide table or code block) past the right edge. */
  right: number
}

export async function measureOverflow(page: Page): Promise<SlideOverflow[]> {
  return page.evaluate(() => {
    const sections = [...document.querySelectorAll<HTMLElement>('div.marpit > svg[data-marpit-svg] > foreignObject > section[id]')]
    return sections.flatMap((section, index) => {
      const box = section.getBoundingClientRect()
      const style = getComputedStyle(section)
      const limitBottom = box.bottom - Number.parseFloat(style.paddingBottom) * 0.5
      const limitRight = box.right - Number.parseFloat(style.paddingRight) * 0.5
      let bottom = 0
      let right = 0
      for (const el of section.querySelectorAll<HTMLElement>('*')) {
        if (el.closest('header, footer') || getComputedStyle(el).position === 'absolute') continue
        const r = el.getBoundingClientRect()
        if (r.width === 0 && r.height === 0) continue
        bottom = Math.max(bottom, r.bottom - limitBottom)
        right = Math.max(right, r.right - limitRight)
        if (el.scrollWidth > el.clientWidth + 1 && /^(PRE|TABLE)$/.test(el.tagName)) right = Math.max(right, el.scrollWidth - el.clientWidth)
      }
      bottom = Math.round(bottom)
      right = Math.round(right)
      return bottom > 1 || right > 1 ? [{ index, bottom: Math.max(0, bottom), right: Math.max(0, right) }] : []
    })
  })
}

/** Turns measurements into warnings at the line where each slide starts. */
export function overflowProblems(overflows: SlideOverflow[], parts: DeckPart[], modules: Module[], output: string): Problem[] {
  return overflows.map((o) => {
    const part = parts.find((p) => o.index >= p.first && o.index < p.first + p.count)
    const module = modules.find((m) => m.id === part?.moduleId)
    const k = part ? o.index - part.first : 0
    const line = part?.kind === 'module' ? module?.slideLines[k] : undefined
    const how = [o.bottom > 1 ? `${o.bottom}px below the bottom` : '', o.right > 1 ? `${o.right}px past the right edge` : ''].filter(Boolean).join(' and ')
    return {
      code: 'KIT_SLIDE_OVERFLOW',
      severity: 'warning' as const,
      message: `Slide ${o.index + 1} of ${output} runs ${how} of the slide frame${part?.kind === 'module' ? '' : ` (a generated ${part?.kind ?? ''} slide)`}.`,
      hint: 'Split the slide, shorten it, or use <!-- _class: small -->; Marp clips what does not fit.',
      location: module ? { file: module.file, line: line ?? 1, column: 1 } : undefined,
    }
  })
}
