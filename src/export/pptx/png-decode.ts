import { inflateSync } from 'node:zlib'

/**
 * Decodes the PNGs Chromium's screenshots produce (8-bit greyscale, RGB or
 * RGBA, not interlaced) to RGBA pixels, for the fidelity gate. Anything else
 * is refused with an error rather than misread.
 */
export function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength)
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG')
  let at = 8
  let width = 0
  let height = 0
  let channels = 0
  const data: Buffer[] = []
  while (at < buf.length) {
    const length = buf.readUInt32BE(at)
    const type = buf.toString('latin1', at + 4, at + 8)
    const body = buf.subarray(at + 8, at + 8 + length)
    if (type === 'IHDR') {
      width = body.readUInt32BE(0)
      height = body.readUInt32BE(4)
      const depth = body[8]
      const colour = body[9]
      const interlace = body[12]
      channels = colour === 6 ? 4 : colour === 2 ? 3 : colour === 0 ? 1 : 0
      if (depth !== 8 || channels === 0 || interlace !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour}, interlace ${interlace})`)
    } else if (type === 'IDAT') data.push(body)
    else if (type === 'IEND') break
    at += 12 + length
  }
  const pixels = unfilter(inflateSync(Buffer.concat(data)), width, height, channels)
  if (channels === 4) return { width, height, rgba: pixels }
  const rgba = new Uint8Array(width * height * 4)
  for (let i = 0; i < width * height; i++) {
    for (let k = 0; k < 3; k++) rgba[i * 4 + k] = pixels[i * channels + (channels === 1 ? 0 : k)]!
    rgba[i * 4 + 3] = 255
  }
  return { width, height, rgba }
}

/**
 * Undoes each row's filter (None, Sub, Up, Average, Paeth). One loop per
 * filter, not a test per byte: the gate decodes a 1280×360 screenshot per
 * slide, and the per-byte tests made up most of its time.
 */
function unfilter(raw: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  const stride = width * channels
  const pixels = new Uint8Array(stride * height)
  // A Uint8Array keeps the low 8 bits of what is stored: the sums need no mask.
  for (let y = 0; y < height; y++) {
    const from = y * (stride + 1) + 1
    const out = y * stride
    const up = out - stride
    const filter = raw[from - 1]
    if (filter === 0) pixels.set(raw.subarray(from, from + stride), out)
    else if (filter === 1) {
      for (let x = 0; x < channels; x++) pixels[out + x] = raw[from + x]!
      for (let x = channels; x < stride; x++) pixels[out + x] = raw[from + x]! + pixels[out + x - channels]!
    } else if (filter === 2) {
      if (y === 0) pixels.set(raw.subarray(from, from + stride), out)
      else for (let x = 0; x < stride; x++) pixels[out + x] = raw[from + x]! + pixels[up + x]!
    } else if (filter === 3) {
      for (let x = 0; x < stride; x++) {
        const a = x >= channels ? pixels[out + x - channels]! : 0
        const b = y > 0 ? pixels[up + x]! : 0
        pixels[out + x] = raw[from + x]! + ((a + b) >> 1)
      }
    } else if (filter === 4) {
      for (let x = 0; x < stride; x++) {
        const a = x >= channels ? pixels[out + x - channels]! : 0
        const b = y > 0 ? pixels[up + x]! : 0
        const c = x >= channels && y > 0 ? pixels[up + x - channels]! : 0
        const p = a + b - c
        const pa = Math.abs(p - a)
        const pb = Math.abs(p - b)
        const pc = Math.abs(p - c)
        pixels[out + x] = raw[from + x]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)
      }
    } else throw new Error(`bad PNG filter ${filter}`)
  }
  return pixels
}
