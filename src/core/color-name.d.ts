// Types of the CSS colour-name list kit reads, which ships none.

declare module 'color-name' {
  /** Every CSS named colour (lower case) with its red, green and blue. */
  const names: Readonly<Record<string, readonly [number, number, number]>>
  export default names
}
