import type { KvLike } from '../../store/kv'
import { kvKeys } from '../../store/kv-keys'
import { LAST_DEMO_STEP } from './demo-articles'

export { LAST_DEMO_STEP }

/** Reads the demo step from KV; anything missing or odd reads as the baseline (0). */
export async function readDemoStep(kv: KvLike): Promise<number> {
  const raw = await kv.get(kvKeys.demoStep())
  const step = Number(raw ?? 0)
  return Number.isInteger(step) && step >= 0 ? Math.min(step, LAST_DEMO_STEP) : 0
}

/** Stores the demo step, clamped to the steps that exist. */
export async function writeDemoStep(kv: KvLike, step: number): Promise<number> {
  const clamped = Math.max(0, Math.min(LAST_DEMO_STEP, Math.trunc(step)))
  await kv.put(kvKeys.demoStep(), String(clamped))
  return clamped
}
