// Which authors the network map names. sigma picks its label candidates per 100-pixel cell of
// the map, and more per cell as the camera zooms in, but a handle is wider than a cell: zoomed
// onto a lit neighbourhood, names ran into one another. The map lays out each frame's candidates
// here instead: the labels it must show first (the lit author, a search's few matches), then the
// larger authors' before the smaller ones', each drawn only where it overlaps nothing drawn yet.

/** A rectangle in the map's pixels. */
export interface Box { left: number, top: number, right: number, bottom: number }

export interface LabelCandidate {
  box: Box
  /** Shown whatever it overlaps. */
  forced: boolean
  /** The author's size on the map: larger authors are named first. */
  size: number
}

/** Room left between two names side by side, so that they read as two. */
const GAP = 4

/** Where sigma writes a node's label: to the right of the disc, centred on its middle. */
export function labelBox(x: number, y: number, nodeSize: number, textWidth: number, fontSize: number): Box {
  const left = x + nodeSize + 3
  return { left, top: y - fontSize / 2 - 1, right: left + textWidth + GAP, bottom: y + fontSize / 2 + 1 }
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

/**
 * The candidates to draw, in drawing order: forced ones always, then the rest by size (ties keep
 * their order), each only if it overlaps none drawn before it nor any of `taken` (the boxes drawn
 * above the labels, such as the hovered author's).
 */
export function placeLabels<T extends LabelCandidate>(candidates: readonly T[], taken: readonly Box[] = []): T[] {
  const order = [...candidates].sort((a, b) => Number(b.forced) - Number(a.forced) || b.size - a.size)
  const drawn: Box[] = [...taken]
  const shown: T[] = []
  for (const candidate of order) {
    if (!candidate.forced && drawn.some((box) => overlaps(box, candidate.box))) continue
    drawn.push(candidate.box)
    shown.push(candidate)
  }
  return shown
}
