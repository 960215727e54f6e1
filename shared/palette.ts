// The one categorical palette: topic colours, chart series and map communities draw from it,
// so a topic has the same colour everywhere. Chosen to stay apart for common colour-vision
// deficiencies and to read on both the light and the dark theme.
export const PALETTE = [
  '#0f766e', '#c2410c', '#4338ca', '#be185d', '#15803d',
  '#b45309', '#0369a1', '#7e22ce', '#b91c1c', '#4d7c0f',
] as const

export const HEX_COLOUR = /^#[0-9a-f]{6}$/i

/** A colour for the n-th item of a series, cycling through the palette. */
export function paletteColour(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length]!
}

function oklab(hex: string): [number, number, number] {
  const linear = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  const [r, g, b] = linear
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
  const s = Math.cbrt(0.0883024619 * r + 0.2817104074 * g + 0.6299787874 * b)
  return [
    0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s,
  ]
}

/** How far apart two colours look: the distance in OKLab (Björn Ottosson, 2020). */
export function colourDistance(a: string, b: string): number {
  const [la, aa, ba] = oklab(a)
  const [lb, ab, bb] = oklab(b)
  return Math.hypot(la - lb, aa - ab, ba - bb)
}

/**
 * The palette colour that stands furthest from those already in use, for a new series (a new
 * topic): the first one unused can sit next to a used one (amber beside orange), and then two
 * topics read as one on a chart.
 */
export function distinctColour(used: readonly string[]): string {
  const taken = used.map((colour) => colour.toLowerCase()).filter((colour) => HEX_COLOUR.test(colour))
  if (taken.length === 0) return PALETTE[0]
  let best: string = PALETTE[0]
  let bestDistance = -1
  for (const colour of PALETTE) {
    const nearest = Math.min(...taken.map((other) => colourDistance(colour, other)))
    if (nearest > bestDistance) {
      best = colour
      bestDistance = nearest
    }
  }
  return best
}

/**
 * The network map's neutral shades per theme: edges, what a highlight fades out, labels, the
 * colour shared by communities or languages past the palette, and an exported picture's
 * background (the page's own, Tailwind slate, so a PNG looks like the screen).
 */
export const MAP_SHADES = {
  light: { background: '#ffffff', edge: '#cbd5e1', edgeStrong: '#475569', faded: '#e2e8f0', label: '#0f172a', other: '#94a3b8' },
  dark: { background: '#0f172a', edge: '#334155', edgeStrong: '#cbd5e1', faded: '#1e293b', label: '#e2e8f0', other: '#64748b' },
} as const
export type MapShades = (typeof MAP_SHADES)[keyof typeof MAP_SHADES]
