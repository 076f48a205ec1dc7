/** PPO/MAPPO hyper-parameters (defaults: spec §6.6). */
export interface MappoSettings {
  /** Discount γ. */
  readonly gamma: number;
  /** GAE λ. */
  readonly lambda: number;
  /** PPO ratio clip ε. */
  readonly clip: number;
  /** Weight of the critic loss. */
  readonly valueCoefficient: number;
  /** Clip of the value change per update (the loss takes the max of clipped and unclipped); 0 = off. */
  readonly valueClip: number;
  /** Weight of the entropy bonus. */
  readonly entropyCoefficient: number;
  /** Global gradient-norm clip per network. */
  readonly maxGradNorm: number;
  /** Passes over each rollout. */
  readonly epochs: number;
  /** Steps per gradient step. */
  readonly minibatch: number;
  /** Critic learning rate (actors carry their own). */
  readonly criticLearningRate: number;
  /** Floor of the cosine learning-rate schedule. */
  readonly minLearningRate: number;
  /** Updates over which the cosine schedule runs (typically the episode count). */
  readonly totalUpdates: number;
  /** Stop an update's epochs early when the approximate KL exceeds 1.5 × this (0 = never). */
  readonly targetKl: number;
}

/** Spec §6.6 values: lr 3e-4 → 1e-5 cosine, γ 0.99, λ 0.95, clip 0.2, value 0.5, entropy 0.01, grad 0.5, 10 epochs, batch 64. */
export const DEFAULT_MAPPO_SETTINGS: MappoSettings = {
  gamma: 0.99,
  lambda: 0.95,
  clip: 0.2,
  valueCoefficient: 0.5,
  valueClip: 0.2,
  entropyCoefficient: 0.01,
  maxGradNorm: 0.5,
  epochs: 10,
  minibatch: 64,
  criticLearningRate: 1e-3,
  minLearningRate: 1e-5,
  totalUpdates: 100,
  targetKl: 0.01,
};

/** Cosine decay from `base` to `floor` over `total` updates; `index` counts from 0. */
export function cosineLearningRate(base: number, floor: number, index: number, total: number): number {
  const progress = total <= 1 ? 0 : Math.min(1, index / (total - 1));
  const low = Math.min(floor, base);
  return low + (base - low) * 0.5 * (1 + Math.cos(Math.PI * progress));
}
