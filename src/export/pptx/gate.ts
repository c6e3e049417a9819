import type { DeckPart } from '../../render/deck/assemble-deck.ts'
import type { Module } from '../../load/module.ts'
import type { Problem } from '../../core/problems.ts'
import { slideSource } from '../../render/deck/slide-source.ts'

/**
 * The per-slide fidelity gate: a slide stays editable only when nothing on
 * it is beyond the exporter (static rules found by the walker) and the
 * drawing of its editable shapes looks like the slide (SSIM of the two,
 * downscaled and in greyscale). Otherwise that slide alone becomes a
 * picture, with its notes, and the build says which and why.
 */

/**
 * The lowest SSIM an editable slide may score. Set from real runs: slides
 * drawn faithfully score 0.93–1.00 (the lowest, dense tables and code, lose
 * a little anti-aliasing), while a slide missing a block of text or a
 * picture scores below 0.85.
 */
export const FIDELITY_THRESHOLD = 0.9

export interface SlideVerdict {
  /** 0-based slide index in the deck. */
  index: number
  /** SSIM of the editable drawing against the slide; absent when a static rule already ruled the slide out, or in picture mode. */
  score?: number
  title?: string
  /** Why the slide is a picture; empty when it is editable. */
  reasons: string[]
}

/** Why a slide falls back to a picture: its unsupported features, else a score below the threshold. */
export function fallbackReasons(unsupported: readonly string[], score: number | undefined, threshold = FIDELITY_THRESHOLD): string[] {
  if (unsupported.length > 0) return [...unsupported]
  if (score !== undefined && score < threshold) return [`its editable drawing differs from the slide (similarity ${score.toFixed(3)}, below ${threshold})`]
  return []
}

/** One warning per slide that fell back, at the line where the slide starts (one per slide, whatever the editions that show it). */
export function fallbackProblems(verdicts: readonly SlideVerdict[], parts: DeckPart[], modules: Module[], output: string): Problem[] {
  return verdicts
    .filter((v) => v.reasons.length > 0)
    .map((v) => {
      const source = slideSource(v.index, parts, modules, output)
      return {
        code: 'KIT_PPTX_PICTURE' as const,
        severity: 'warning' as const,
        message: `${source.label} is a picture in slides.pptx, not editable: ${v.reasons.join('; ')}.`,
        hint: 'Remove what the reason names from the slide to make it editable, or accept the picture (it looks exactly like the PDF).',
        location: source.location,
      }
    })
}
