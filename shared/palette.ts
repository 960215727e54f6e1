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
