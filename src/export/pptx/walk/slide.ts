import type { SlideModel } from '../model.ts'
import { slideBackground } from './backgrounds.ts'
import { visit } from './elements.ts'
import { paint } from './paint.ts'
import { pseudo } from './pseudo-elements.ts'
import { checkStyle } from './style-rules.ts'
import { newWalk } from './state.ts'

/**
 * Reads one laid-out Marp slide (`div.marpit > svg[data-marpit-svg]` number
 * `index`, shown alone at the top of the page) into a `SlideModel`: its
 * sections in order (Marp's background layers, then the content), each
 * element read in painting order.
 */
export async function walkSlide(index: number): Promise<SlideModel> {
  const svg = document.querySelectorAll<SVGSVGElement>('div.marpit > svg[data-marpit-svg]')[index]
  if (!svg) return { background: '#ffffff', shapes: [], title: '', unsupported: ['the slide was not found'], text: '' }
  const walk = newWalk(svg.getBoundingClientRect())
  const sections = [...svg.querySelectorAll<HTMLElement>(':scope > foreignObject > section')]
  const { background, painted } = slideBackground(walk, sections)
  for (const [k, section] of sections.entries()) {
    const cs = getComputedStyle(section)
    checkStyle(walk, section, cs)
    // The first section's colour is the slide background; a painted background is one picture.
    if (!painted) paint(walk, section, cs, k === 0)
    pseudo(walk, section, '::before')
    for (const child of section.children) visit(walk, child)
    pseudo(walk, section, '::after')
  }
  await Promise.all(walk.pending)
  return { background, shapes: walk.shapes, title: walk.title, unsupported: [...walk.unsupported], text: walk.words.join(' ') }
}
