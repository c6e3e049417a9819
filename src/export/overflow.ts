import type { Page } from 'puppeteer-core'
import type { DeckPart } from '../render/deck/assemble-deck.ts'
import type { Module } from '../load/module.ts'
import type { Problem } from '../core/problems.ts'
import { slideSource } from '../render/deck/slide-source.ts'

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
  /** An element that hides part of its own content (a code block squeezed by the slide's layout): its tag and the pixels hidden. */
  clipped?: { tag: string; px: number }
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
      let clipped: { tag: string; px: number } | undefined
      for (const el of section.querySelectorAll<HTMLElement>('*')) {
        const css = getComputedStyle(el)
        if (el.closest('header, footer') || css.position === 'absolute') continue
        const r = el.getBoundingClientRect()
        if (r.width === 0 && r.height === 0) continue
        bottom = Math.max(bottom, r.bottom - limitBottom)
        right = Math.max(right, r.right - limitRight)
        if (el.scrollWidth > el.clientWidth + 1 && /^(PRE|TABLE)$/.test(el.tagName)) right = Math.max(right, el.scrollWidth - el.clientWidth)
        // A box that hides its overflow can be squeezed by the slide's flex layout: its own content is cut, inside the frame.
        const hidden = Math.max(css.overflowY === 'visible' ? 0 : el.scrollHeight - el.clientHeight, 0)
        if (hidden > 1 && hidden > (clipped?.px ?? 0)) clipped = { tag: el.tagName.toLowerCase(), px: Math.round(hidden) }
      }
      bottom = Math.round(bottom)
      right = Math.round(right)
      return bottom > 1 || right > 1 || clipped ? [{ index, bottom: Math.max(0, bottom), right: Math.max(0, right), clipped }] : []
    })
  })
}

/**
 * Turns measurements into warnings at the line where each slide starts. A
 * module's slide is named by its module, not by the edition, so the same
 * slide found in several editions is one problem.
 */
export function overflowProblems(overflows: SlideOverflow[], parts: DeckPart[], modules: Module[], output: string): Problem[] {
  return overflows.map((o) => {
    const source = slideSource(o.index, parts, modules, output)
    const how = [o.bottom > 1 ? `${o.bottom}px below the bottom` : '', o.right > 1 ? `${o.right}px past the right edge` : ''].filter(Boolean).join(' and ')
    const box = o.clipped?.tag === 'pre' ? 'a code block' : `a <${o.clipped?.tag}>`
    const what = [how ? `content runs ${how} of the slide frame` : '', o.clipped ? `${box} hides ${o.clipped.px}px of its own content` : ''].filter(Boolean).join(', and ')
    return {
      code: 'KIT_SLIDE_OVERFLOW',
      severity: 'warning' as const,
      message: `${source.label}: ${what}; the PDF and the slides lose what does not show.`,
      hint: 'Split the slide, shorten it, or use <!-- _class: small -->; Marp clips what does not fit.',
      location: source.location,
    }
  })
}
