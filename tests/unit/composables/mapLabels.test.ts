import { describe, expect, it } from 'vitest'
import { type Box, labelBox, mirrorBox, placeLabels } from '../../../composables/mapLabels'

const FONT = 12
/** A label written beside an author of `size` pixels at (x, y), `width` pixels wide. */
function label(name: string, x: number, y: number, width: number, options: { size?: number, forced?: boolean } = {}) {
  const size = options.size ?? 10
  return { name, box: labelBox(x, y, size, width, FONT), x, size, forced: options.forced ?? false }
}
const names = (placed: { label: { name: string } }[]) => placed.map((shown) => shown.label.name)

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

  it('writes a name that would run past the right edge on the left of its author', () => {
    // "@gmorgan@latam.social.example" near the map's right edge was cut off mid-handle.
    const nearEdge = label('@gmorgan@latam.social.example', 900, 100, 190)
    const [placed] = placeLabels([nearEdge], [], 992)
    expect(placed!.mirrored).toBe(true)
    expect(placed!.box).toEqual(mirrorBox(nearEdge.box, 900))
    // Left of the disc, ending 3 pixels short of it, as the right-hand label begins 3 past it.
    expect(placed!.box.right).toBe(900 - 10 - 3)
    expect(placed!.box.left).toBeGreaterThanOrEqual(0)
    // With room on the right, it stays there.
    expect(placeLabels([nearEdge], [], 1200)[0]!.mirrored).toBe(false)
  })

  it('keeps a name on the right when it fits whole on neither side, and lays out mirrored names like others', () => {
    // A narrow map: the handle is wider than the room on either side of its author.
    expect(placeLabels([label('@long', 100, 0, 300)], [], 320)[0]!.mirrored).toBe(false)
    // Once mirrored, a name is kept clear of the names drawn before it on that side.
    const large = label('@large', 700, 100, 150, { size: 20 })
    const mirroredOver = label('@edge', 960, 100, 150)
    expect(names(placeLabels([large, mirroredOver], [], 1000))).toEqual(['@large'])
    expect(names(placeLabels([large, label('@edge', 960, 140, 150)], [], 1000))).toEqual(['@large', '@edge'])
  })

  it('leaves out the name of an author past the left edge, whose disc is out of view', () => {
    // The camera moved right to clear the profile panel: "almanara.example" showed as "ara.example".
    const offMap = label('almanara.example', -40, 100, 120)
    const inView = label('@inview', 6, 140, 120)
    expect(names(placeLabels([offMap, inView], [], 992))).toEqual(['@inview'])
    expect(names(placeLabels([{ ...offMap, forced: true }], [], 992))).toEqual(['almanara.example'])
  })
})
