import { describe, expect, it } from 'vitest'
import { type Box, labelBox, placeLabels } from '../../../composables/mapLabels'

const FONT = 12
/** A label written beside an author of `size` pixels at (x, y), `width` pixels wide. */
function label(name: string, x: number, y: number, width: number, options: { size?: number, forced?: boolean } = {}) {
  const size = options.size ?? 10
  return { name, box: labelBox(x, y, size, width, FONT), size, forced: options.forced ?? false }
}
const names = (labels: { name: string }[]) => labels.map((shown) => shown.name)

describe('labelBox', () => {
  it('sits right of the author, as tall as the font and centred on the author', () => {
    expect(labelBox(100, 50, 8, 60, 12)).toEqual({ left: 111, top: 43, right: 175, bottom: 57 })
  })
})

describe('placeLabels', () => {
  it('names every author whose labels do not touch', () => {
    const apart = [label('@a', 0, 0, 80), label('@b', 0, 30, 80), label('@c', 200, 0, 80)]
    expect(names(placeLabels(apart))).toEqual(['@a', '@b', '@c'])
  })

  it('leaves out the smaller author where two names would run into each other', () => {
    // Side by side on one line, the first name's end under the second's start: the zoomed-in
    // neighbourhood where "diarioandino.example" ran into "@dr_yousef_nasser…".
    const small = label('diarioandino.example', 0, 100, 130, { size: 8 })
    const large = label('@dr_yousef_nasser@global.social.example', 50, 103, 240, { size: 14 })
    expect(names(placeLabels([small, large]))).toEqual(['@dr_yousef_nasser@global.social.example'])
  })

  it('keeps names that only come near, with room between them', () => {
    // One line of text below the other, and a name that ends just short of the next one.
    expect(names(placeLabels([label('@a', 0, 0, 80), label('@b', 0, 15, 80)]))).toEqual(['@a', '@b'])
    expect(names(placeLabels([label('@a', 0, 0, 80), label('@b', 100, 0, 80)]))).toEqual(['@a', '@b'])
    // Where one name ends as the next begins, they would read as one.
    expect(names(placeLabels([label('@a', 0, 0, 80), label('@b', 80, 0, 80)]))).toEqual(['@a'])
  })

  it('always shows forced labels, and nothing goes over them', () => {
    const forced = label('@searched', 0, 0, 100, { size: 2, forced: true })
    const big = label('@big', 20, 2, 100, { size: 30 })
    expect(names(placeLabels([big, forced]))).toEqual(['@searched'])
    // Two forced names are both shown even where they overlap: the search asked for both.
    const other = label('@also-searched', 10, 3, 100, { size: 2, forced: true })
    expect(names(placeLabels([forced, other, big]))).toEqual(['@searched', '@also-searched'])
  })

  it('leaves room for the boxes drawn above the labels', () => {
    const hovered: Box = { left: 0, top: -10, right: 200, bottom: 10 }
    const under = label('@under', 20, 0, 60)
    const clear = label('@clear', 20, 40, 60)
    expect(names(placeLabels([under, clear], [hovered]))).toEqual(['@clear'])
  })

  it('names larger authors first, and keeps the order of equals', () => {
    const labels = [label('@small', 0, 0, 80, { size: 4 }), label('@first', 300, 0, 80), label('@second', 0, 2, 80), label('@large', 40, 0, 80, { size: 20 })]
    expect(names(placeLabels(labels))).toEqual(['@large', '@first'])
    expect(names(placeLabels([label('@one', 0, 0, 80), label('@two', 10, 0, 80)]))).toEqual(['@one'])
  })
})
