import type { Shape, TableCell } from '../model.ts'
import { alignOf, colour, lineHeightOf, px } from './css-values.ts'
import { border } from './paint.ts'
import { checkStyle } from './style-rules.ts'
import { runsOf } from './text-runs.ts'
import { rel, type Walk } from './state.ts'

/**
 * A table as a table shape: column widths from the cells' edges, row
 * heights as laid out, each cell's text, fill, borders, padding and spans.
 * Undefined for a table without rows or columns.
 */
export function tableShape(walk: Walk, table: HTMLTableElement): Shape | undefined {
  const box = rel(walk, table.getBoundingClientRect())
  const rows = [...table.rows]
  if (rows.length === 0) return undefined
  const rowHeights = rows.map((r) => r.getBoundingClientRect().height)
  const columns = columnWidths(walk, rows, box.x)
  const cells: TableCell[][] = []
  for (const row of rows) {
    const rowCs = getComputedStyle(row)
    cells.push([...row.cells].map((cell) => tableCell(walk, cell, rowCs)))
  }
  if (columns.length === 0) return undefined
  return { kind: 'table', ...box, columns, rows: rowHeights, cells }
}

/** The widths of the columns between every cell edge of the table. */
function columnWidths(walk: Walk, rows: HTMLTableRowElement[], tableLeft: number): number[] {
  const edges = new Set<number>([0])
  for (const row of rows) {
    for (const cell of row.cells) {
      const b = rel(walk, cell.getBoundingClientRect())
      edges.add(Math.round(b.x - tableLeft))
      edges.add(Math.round(b.x + b.w - tableLeft))
    }
  }
  // Collapsed borders make neighbouring cells overlap by a pixel: one edge.
  const sorted = [...edges].sort((a, b) => a - b).filter((e, i, all) => i === 0 || e - all[i - 1]! > 3)
  const columns: number[] = []
  for (let i = 1; i < sorted.length; i++) columns.push(sorted[i]! - sorted[i - 1]!)
  return columns
}

/** One cell: its text as one paragraph, its fill (else its row's), borders, padding and vertical alignment. */
function tableCell(walk: Walk, cell: HTMLTableCellElement, rowCs: CSSStyleDeclaration): TableCell {
  const cs = getComputedStyle(cell)
  checkStyle(walk, cell, cs)
  const runs = runsOf(walk, [...cell.childNodes], false)
  for (const r of runs) walk.words.push(r.text)
  if (cs.backgroundImage !== 'none') walk.unsupported.add('background image on a table cell')
  return {
    paragraphs: [{ runs, align: alignOf(cs), spaceBefore: 0, lineHeight: lineHeightOf(cs) }],
    fill: colour(cs.backgroundColor) ?? colour(rowCs.backgroundColor),
    borders: [border(cs, 'Top'), border(cs, 'Right'), border(cs, 'Bottom'), border(cs, 'Left')],
    padding: [px(cs.paddingTop), px(cs.paddingRight), px(cs.paddingBottom), px(cs.paddingLeft)],
    valign: cs.verticalAlign === 'middle' ? 'middle' : cs.verticalAlign === 'bottom' ? 'bottom' : 'top',
    colspan: cell.colSpan,
    rowspan: cell.rowSpan,
  }
}
