// Which authors the network map names. sigma picks its label candidates per 100-pixel cell of
// the map, and more per cell as the camera zooms in, but a handle is wider than a cell: zoomed
// onto a lit neighbourhood, names ran into one another. The map lays out each frame's candidates
// here instead: the labels it must show first (the lit author, a search's few matches), then the
// larger authors' before the smaller ones', each drawn only where it overlaps nothing drawn yet.
// A name that would run past the map's right edge is written on the left of its author instead.

/** A rectangle in the map's pixels. */
export interface Box { left: number, top: number, right: number, bottom: number }

export interface LabelCandidate {
  /** Where the label goes by default, right of the author (see `labelBox`). */
  box: Box
  /** The author's centre across the map, about which the label is mirrored to its left. */
  x: number
  /** Shown whatever it overlaps. */
  forced: boolean
  /** The author's size on the map: larger authors are named first. */
  size: number
}

/** Room left between two names side by side, so that they read as two. */
const GAP = 4

/** Where a name goes: 3 pixels right of the disc, as sigma writes it, centred on its middle. */
export function labelBox(x: number, y: number, nodeSize: number, textWidth: number, fontSize: number): Box {
  const left = x + nodeSize + 3
  return { left, top: y - fontSize / 2 - 1, right: left + textWidth + GAP, bottom: y + fontSize / 2 + 1 }
}

/** A label as written: its box, whether it moved left of its author, and where its text begins. */
export interface PlacedLabel<T> { label: T, box: Box, mirrored: boolean, textLeft: number }

/** `box` turned about the author's centre `x`: the same name on the other side of the disc. */
export const mirrorBox = (box: Box, x: number): Box => ({ ...box, left: 2 * x - box.right, right: 2 * x - box.left })

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

/**
 * The candidates to draw, in drawing order: forced ones always, then the rest by size (ties keep
 * their order), each only if it overlaps none drawn before it nor any of `taken` (the boxes drawn
 * above the labels, such as the hovered author's). A label running past `width`, the map's right
 * edge, goes to the left of its author where it fits whole there; else it stays cut by the edge.
 * The name of an author past the left edge, whose disc is out of view, is left out unless forced.
 */
export function placeLabels<T extends LabelCandidate>(candidates: readonly T[], taken: readonly Box[] = [], width = Infinity): PlacedLabel<T>[] {
  const order = [...candidates].sort((a, b) => Number(b.forced) - Number(a.forced) || b.size - a.size)
  const drawn: Box[] = [...taken]
  const shown: PlacedLabel<T>[] = []
  for (const label of order) {
    const left = label.box.right > width ? mirrorBox(label.box, label.x) : null
    const mirrored = left !== null && left.left >= 0
    const box = mirrored ? left : label.box
    // An author left of the map's edge has no disc in view for its name to stand beside.
    if (!label.forced && (box.left < 0 || drawn.some((other) => overlaps(other, box)))) continue
    drawn.push(box)
    // A box keeps its gap on its right, which a mirrored box turns to its left.
    shown.push({ label, box, mirrored, textLeft: mirrored ? box.left + GAP : box.left })
  }
  return shown
}
