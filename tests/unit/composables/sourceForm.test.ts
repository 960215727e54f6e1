import { describe, expect, it } from 'vitest'
import { cleanConfig, fieldsFor, modesOf } from '../../../composables/sourceForm'

const union = {
  oneOf: [
    { type: 'object', properties: { mode: { const: 'hashtag' }, tag: { type: 'string' }, instance: { type: 'string' }, token: { type: 'string' }, limit: { type: 'integer', default: 40 } }, required: ['mode', 'tag', 'instance'] },
    { type: 'object', properties: { mode: { const: 'mentions' }, instance: { type: 'string' }, token: { type: 'string' } }, required: ['mode', 'instance', 'token'] },
  ],
}
const plain = { type: 'object', properties: { mode: { type: 'string', enum: ['search', 'subreddit'] }, query: { type: 'string' }, clientSecret: { type: 'string' } }, required: ['mode'] }

describe('source settings forms', () => {
  it('offers the modes of a discriminated union or an enum', () => {
    expect(modesOf(union)).toEqual(['hashtag', 'mentions'])
    expect(modesOf(plain)).toEqual(['search', 'subreddit'])
    expect(modesOf({ type: 'object', properties: { url: { type: 'string' } } })).toEqual([])
  })

  it('shows the fields of the chosen mode, marking required and secret ones', () => {
    expect(fieldsFor(union, 'mentions')).toEqual([
      { name: 'instance', type: 'string', options: undefined, required: true, default: undefined, secret: false },
      { name: 'token', type: 'string', options: undefined, required: true, default: undefined, secret: true },
    ])
    expect(fieldsFor(union, 'hashtag').map((f) => [f.name, f.type, f.required])).toEqual([
      ['tag', 'string', true], ['instance', 'string', true], ['token', 'string', false], ['limit', 'number', false],
    ])
    expect(fieldsFor(plain, 'search').find((f) => f.name === 'clientSecret')?.secret).toBe(true)
  })

  it('sends numbers as numbers and leaves empty optional fields to the defaults', () => {
    const fields = fieldsFor(union, 'hashtag')
    expect(cleanConfig({ tag: 'climate', instance: 'https://m.example', token: '', limit: '20' }, fields, 'hashtag'))
      .toEqual({ mode: 'hashtag', tag: 'climate', instance: 'https://m.example', limit: 20 })
  })
})
