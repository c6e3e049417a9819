/**
 * Structural similarity (SSIM) of two greyscale images of the same size, the
 * mean over 8 × 8 windows (stride 4), values 0–255. 1 means identical; two
 * renderings of the same slide with a few pixels of anti-aliasing apart
 * score above 0.9, a missing block of text far below.
 */
export function ssim(a: ArrayLike<number>, b: ArrayLike<number>, width: number, height: number, window = 8, stride = 4): number {
  if (a.length !== width * height || b.length !== width * height) throw new Error(`ssim: images must both be ${width}×${height}`)
  const c1 = (0.01 * 255) ** 2
  const c2 = (0.03 * 255) ** 2
  const n = window * window
  let total = 0
  let count = 0
  for (let y = 0; y + window <= height; y += stride) {
    for (let x = 0; x + window <= width; x += stride) {
      let sa = 0
      let sb = 0
      let saa = 0
      let sbb = 0
      let sab = 0
      for (let dy = 0; dy < window; dy++) {
        const row = (y + dy) * width + x
        for (let dx = 0; dx < window; dx++) {
          const va = a[row + dx]!
          const vb = b[row + dx]!
          sa += va
          sb += vb
          saa += va * va
          sbb += vb * vb
          sab += va * vb
        }
      }
      const ma = sa / n
      const mb = sb / n
      const va = saa / n - ma * ma
      const vb = sbb / n - mb * mb
      const cov = sab / n - ma * mb
      total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2))
      count++
    }
  }
  return count === 0 ? 1 : total / count
}

/** Greyscale (ITU-R BT.601 luma) of RGBA pixels. */
export function greyscale(rgba: ArrayLike<number>): Float32Array {
  const out = new Float32Array(Math.floor(rgba.length / 4))
  for (let i = 0; i < out.length; i++) out[i] = 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!
  return out
}

/** Shrinks a greyscale image to `w` × `h` by averaging the source pixels that fall in each target pixel. */
export function shrink(grey: ArrayLike<number>, width: number, height: number, w: number, h: number): Float32Array {
  if (width === w && height === h) return Float32Array.from(grey)
  const out = new Float32Array(w * h)
  const count = new Float32Array(w * h)
  for (let y = 0; y < height; y++) {
    const ty = Math.min(h - 1, Math.floor((y * h) / height))
    for (let x = 0; x < width; x++) {
      const t = ty * w + Math.min(w - 1, Math.floor((x * w) / width))
      out[t] = out[t]! + grey[y * width + x]!
      count[t] = count[t]! + 1
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = count[i]! > 0 ? out[i]! / count[i]! : 0
  return out
}
