import * as tf from '@tensorflow/tfjs-core';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { registerTrainingGradients } from './tf-gradients.js';

let ready: Promise<typeof tf> | undefined;

/**
 * Selects tfjs's WebAssembly backend with one thread (deterministic: the same ops in the same order give
 * the same bits), registers the gradients training needs, and returns the tfjs namespace. Safe to call many times; the first call initialises it.
 */
export function useTrainingBackend(): Promise<typeof tf> {
  ready ??= (async () => {
    // Must precede backend initialisation; one thread keeps reductions in a fixed order
    setThreadsCount(1);
    const ok = await tf.setBackend('wasm');
    if (!ok) throw new Error('tfjs could not initialise the wasm backend');
    await tf.ready();
    registerTrainingGradients(tf);
    return tf;
  })();
  return ready;
}
