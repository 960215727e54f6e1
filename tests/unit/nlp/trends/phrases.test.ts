import { describe, expect, it } from 'vitest'
import { joinedSurface } from '../../../../ingest/nlp/trends/phrases'

describe('joinedSurface', () => {
  it('joins on the shared word, whole words only', () => {
    expect(joinedSurface('migrantes deveriam', 'deveriam receber')).toBe('migrantes deveriam receber')
    expect(joinedSurface('Dori dépassent', 'dépassent 45')).toBe('Dori dépassent 45')
    expect(joinedSurface('migrantes adeveriam', 'deveriam receber')).toBeNull()
    expect(joinedSurface('migrantes Deveriam', 'deveriam receber')).toBeNull()
  })

  it('joins scripts written without spaces on their longest overlap', () => {
    expect(joinedSurface('食べもの値段', '値段上がる')).toBe('食べもの値段上がる')
    expect(joinedSurface('食べもの', '値段上がる')).toBeNull()
  })
})
