import { SdkError, type SeededRandom } from '@grandmodel/framework';

/**
 * Fills `target` with inverted-dropout mask values: 0 with probability `rate`, else 1/(1−rate), so a
 * masked layer keeps its expected activation. One 32-bit draw per value; deterministic for a seed.
 */
export function fillDropoutMask(target: Float32Array, rate: number, random: SeededRandom): void {
  if (!(rate >= 0 && rate < 1)) throw new SdkError('GM_INPUT_INVALID', `dropout rate must be in [0, 1), was ${rate}`);
  const keep = 1 / (1 - rate);
  // Compare raw 32-bit draws with rate·2^32: same distribution as next() < rate, half the draws
  const threshold = rate * 4294967296;
  for (let i = 0; i < target.length; i++) target[i] = random.nextUint32() < threshold ? 0 : keep;
}
