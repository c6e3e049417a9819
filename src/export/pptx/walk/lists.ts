import type { Box, TextParagraph, TextShape } from '../model.ts'
import { alignOf, lineHeightOf, markerOf } from './css-values.ts'
import { contentBox, linesOf, tagName, visible } from './boxes.ts'
import { checkStyle } from './style-rules.ts'
import { runsOf } from './text-runs.ts'
import { rel, type Walk } from './state.ts'

interface Column {
  x: number
  w: number
  paragraphs: TextParagraph[]
}

/** A list being read: its content box, left edge, the columns found so far and the last line's bottom. */
interface ListRead {
  walk: Walk
  box: Box
  left: number
  columns: Column[]
  prevBottom: number
}

/**
 * A list as one text box of paragraphs with levels (nested lists one level
 * deeper), or one text box per column when CSS columns flow it.
 */
export function listShape(walk: Walk, list: HTMLElement): TextShape[] {
  const box = contentBox(walk, list)
  const read: ListRead = { walk, box, left: rel(walk, list.getBoundingClientRect()).x, columns: [], prevBottom: box.y }
  listItems(read, list, 0)
  return read.columns.map((c) => ({ kind: 'text' as const, x: c.x, y: box.y, w: c.w, h: box.h, wrap: true, paragraphs: c.paragraphs }))
}

/** The items of list `l` at `level`, each a paragraph, each nested list after its item. */
function listItems(read: ListRead, l: Element, level: number): void {
  const ordered = tagName(l) === 'ol'
  let number = ordered ? ((l as HTMLOListElement).start ?? 1) : 1
  let start = number
  for (const li of l.children) {
    if (tagName(li) !== 'li' || !visible(li)) continue
    const cs = getComputedStyle(li)
    checkStyle(read.walk, li, cs)
    const { own, nested } = itemParts(li)
    const runs = runsOf(read.walk, own, false)
    const lineHeight = lineHeightOf(cs)
    const lines = linesOf(read.walk, own, lineHeight)
    const liBox = rel(read.walk, li.getBoundingClientRect())
    // A new column restarts the numbering its first item shows.
    if (level === 0 && startsColumn(read, liBox)) start = number
    const column = read.columns[read.columns.length - 1]!
    if (runs.length > 0 || nested.length === 0) {
      const top = lines?.top ?? liBox.y
      const list = { level, ordered, start, marker: markerOf(cs.listStyleType, ordered), indent: liBox.x - column.x }
      column.paragraphs.push({ runs, align: alignOf(cs), lineHeight, spaceBefore: Math.max(0, top - read.prevBottom), list })
      read.prevBottom = lines?.bottom ?? liBox.y + lineHeight
      for (const r of runs) read.walk.words.push(r.text)
    }
    number++
    for (const n of nested) listItems(read, n, level + 1)
  }
}

/** An item's own inline content, and the lists nested in it. */
function itemParts(li: Element): { own: Node[]; nested: Element[] } {
  const own: Node[] = []
  const nested: Element[] = []
  for (const child of li.childNodes) {
    if (child instanceof Element && /^(ul|ol)$/.test(tagName(child))) nested.push(child)
    else own.push(child)
  }
  return { own, nested }
}

/**
 * Whether a top-level item at `liBox` begins a new column: it is not where
 * the current column's items sit (CSS columns moved it to the next).
 */
function startsColumn(read: ListRead, liBox: Box): boolean {
  const first = read.columns[0]
  const indent = first ? (first.paragraphs[0]?.list?.indent ?? 0) : liBox.x - read.left
  const column = read.columns[read.columns.length - 1]
  if (!column || Math.abs(column.x + indent - liBox.x) > 2) {
    read.columns.push({ x: liBox.x - indent, w: liBox.w + indent, paragraphs: [] })
    read.prevBottom = read.box.y
    return true
  }
  return false
}
