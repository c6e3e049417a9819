/**
 * The agenda's clock against the real one during a live session: where the
 * agenda says the room should be when it shows a given slide, and how far
 * ahead or behind the room is. Pure; the live room passes its agenda laid
 * over the slides and the time since the session started.
 */
export interface ClockSpan {
  /** Minute of the day the item starts, as the agenda planned it. */
  startMinute: number
  minutes: number
  firstSlide: number
  slideCount: number
}

/** Minutes from the agenda's start at which the agenda expects `slide` to be shown (spread evenly over its item). */
export function plannedMinute(spans: readonly ClockSpan[], slide: number): number {
  if (spans.length === 0) return 0
  const start = spans[0]?.startMinute ?? 0
  const span = spans.find((s) => slide >= s.firstSlide && slide < s.firstSlide + s.slideCount)
  if (span) return span.startMinute - start + (span.minutes * (slide - span.firstSlide)) / Math.max(1, span.slideCount)
  // A slide outside every item (title, agenda, closing): the start of the next item, or the end of the last.
  const next = spans.find((s) => s.firstSlide > slide)
  const last = spans[spans.length - 1]
  return next ? next.startMinute - start : last ? last.startMinute + last.minutes - start : 0
}

export interface ClockReading {
  /** Minutes the agenda has used up to this slide. */
  planned: number
  /** Minutes since the session started. */
  elapsed: number
  /** Positive: ahead of the agenda by that many minutes; negative: behind. Whole minutes. */
  ahead: number
}

export function clockReading(spans: readonly ClockSpan[], slide: number, elapsedMinutes: number): ClockReading {
  const planned = plannedMinute(spans, slide)
  return { planned, elapsed: elapsedMinutes, ahead: Math.round(planned - elapsedMinutes) }
}
