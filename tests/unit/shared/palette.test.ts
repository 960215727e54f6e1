import { describe, expect, it } from 'vitest'
import { DEMO_TOPICS } from '../../../ingest/demo/topics'
import { colourDistance, distinctColour, PALETTE } from '../../../shared/palette'

describe('a new topic\'s colour', () => {
  it('stands apart from every colour in use, where the first unused one sat beside one', () => {
    const used = DEMO_TOPICS.map((topic) => topic.color)
    const firstUnused = PALETTE.find((colour) => !used.includes(colour))!
    const nearest = (colour: string) => Math.min(...used.map((other) => colourDistance(colour, other)))
    const picked = distinctColour(used)
    expect(used).not.toContain(picked)
    // Amber beside Climate finance's orange: 0.04 apart in OKLab, where two palette colours are 0.1 or more.
    expect(nearest(firstUnused)).toBeLessThan(0.05)
    expect(nearest(picked)).toBeGreaterThan(0.1)
    for (const colour of PALETTE.filter((c) => !used.includes(c))) expect(nearest(picked)).toBeGreaterThanOrEqual(nearest(colour))
  })

  it('starts with the palette\'s first colour, and reads colours set by hand in any case', () => {
    expect(distinctColour([])).toBe(PALETTE[0])
    expect(distinctColour([PALETTE[0].toUpperCase()])).not.toBe(PALETTE[0])
    expect(colourDistance('#FFFFFF', '#ffffff')).toBe(0)
  })
})
