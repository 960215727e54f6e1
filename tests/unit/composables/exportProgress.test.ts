import { describe, expect, it } from 'vitest'
import { attachmentName, createRowCounter } from '../../../composables/exportProgress'

const bytes = (text: string) => new TextEncoder().encode(text)

/** Feeds a text to a counter in pieces of `size` bytes; returns the count after each piece. */
function countInPieces(format: 'csv' | 'jsonl', text: string, size: number): number[] {
  const counter = createRowCounter(format)
  const all = bytes(text)
  const counts: number[] = []
  for (let at = 0; at < all.length; at += size) counts.push(counter.add(all.subarray(at, at + size)))
  return counts
}

describe('createRowCounter', () => {
  it('counts CSV rows after the header, ignoring line breaks and doubled quotes inside fields', () => {
    const csv = '\uFEFFid,text\n1,"two\nlines"\n2,"a ""quoted"" word, and a comma"\n3,"=1+1 ""\n"""\n'
    expect(countInPieces('csv', csv, csv.length).at(-1)).toBe(3)
  })

  it('counts the same however the chunks cut the bytes, inside a UTF-8 character too', () => {
    const csv = 'id,text\n1,"難民\n東京"\n2,"اللاجئين"\n'
    for (const size of [1, 2, 3, 5, 7]) expect(countInPieces('csv', csv, size).at(-1)).toBe(2)
  })

  it('counts JSON lines, whose quotes are escaped and whose line breaks are written \\n', () => {
    const jsonl = `${JSON.stringify({ text: 'a "b"\nc' })}\n${JSON.stringify({ text: 'd' })}\n`
    expect(countInPieces('jsonl', jsonl, 4).at(-1)).toBe(2)
  })

  it('counts no row before the header has ended', () => {
    expect(countInPieces('csv', 'id,te', 5)).toEqual([0])
  })
})

describe('attachmentName', () => {
  it('takes the name from Content-Disposition, else the fallback', () => {
    expect(attachmentName('attachment; filename="chorus-conversations-2026-12-04.csv"', 'x.csv')).toBe('chorus-conversations-2026-12-04.csv')
    expect(attachmentName('attachment; filename=plain.jsonl', 'x.jsonl')).toBe('plain.jsonl')
    expect(attachmentName(null, 'x.csv')).toBe('x.csv')
  })
})
