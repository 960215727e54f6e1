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
