import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { FailedItem, Page } from '../../../../../ingest/types'

export const NOW = new Date('2024-04-01T00:00:00Z')

export const FIXTURES = join(import.meta.dirname, '../../../../fixtures/file')

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name))
}

/** A CSV file from rows of cells, quoting where needed. */
export function csvText(rows: string[][], { delimiter = ',', eol = '\n' } = {}): string {
  const cell = (value: string) => (/[",;\t\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)
  return rows.map((row) => row.map(cell).join(delimiter)).join(eol) + eol
}

/** The reasons of a page's failures, for comparing against line numbers. */
export function reasons(failures: FailedItem[]): string[] {
  return failures.map((failure) => failure.reason)
}

export function postBy(page: Page, externalId: string) {
  const post = page.posts.find((p) => p.externalId === externalId)
  expect(post, `post ${externalId}`).toBeDefined()
  return post!
}
