import type { SourceAdapter } from '../types'

// Every source kind Chorus can poll or import, by kind. Adapters are added here as they land.
const ADAPTERS: Record<string, SourceAdapter<unknown>> = {}

export function registerAdapter(adapter: SourceAdapter<never>): void {
  ADAPTERS[adapter.kind] = adapter as unknown as SourceAdapter<unknown>
}

export function adapterFor(kind: string): SourceAdapter<unknown> {
  const adapter = ADAPTERS[kind]
  if (!adapter) throw new Error(`unknown source kind "${kind}" (known: ${Object.keys(ADAPTERS).join(', ') || 'none'})`)
  return adapter
}

export function adapterKinds(): string[] {
  return Object.keys(ADAPTERS)
}
