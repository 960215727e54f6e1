import { describe, expect, it } from 'vitest'
import { createLanguageDetector, preloadLanguageModels } from '../../../../ingest/nlp/lang'

// Lingua keeps its models in WebAssembly memory, which only grows: loading a model shows there.
async function linguaMemory(): Promise<() => number> {
  const lingua = await import('@bluzzi/lingua') as unknown as { __wasm: { memory: WebAssembly.Memory } }
  return () => lingua.__wasm.memory.buffer.byteLength
}

describe('preloading the language model', () => {
  it('loads the data of the candidates up front, so that detecting loads nothing more', async () => {
    const languages = ['pt', 'es', 'ca', 'en'] as const
    const memory = await linguaMemory()
    const empty = memory()
    await preloadLanguageModels(languages)
    const loaded = memory()
    expect(loaded).toBeGreaterThan(empty)
    const detector = await createLanguageDetector({ languages })
    // Short texts: every n-gram order; long ones: trigrams alone.
    for (const text of ['capital federal', 'bom dia', 'A merenda escolar atende 2.300 crianças em Cuiabá, mas o recurso está acabando.']) {
      expect(detector.detect(text).lang).not.toBe('und')
    }
    expect(memory()).toBe(loaded)
  }, 60_000)
})
