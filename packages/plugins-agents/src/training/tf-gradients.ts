import type * as tf from '@tensorflow/tfjs-core';

type Tf = typeof tf;
type Attrs = Record<string, unknown>;

/**
 * Gradients of the tfjs kernels the trainer differentiates through. tfjs-core's Node build ships no
 * gradient registrations (the `@tensorflow/tfjs` union package adds them), so the ones needed for dense
 * networks, PPO and Gaussian heads are written here. A kernel that already has a gradient keeps it.
 */
export function registerTrainingGradients(tf: Tf): void {
  /** Sums `dy` over the axes broadcasting added, giving `shape`. */
  const unbroadcast = (dy: tf.Tensor, shape: readonly number[]): tf.Tensor => {
    const offset = dy.rank - shape.length;
    const axes: number[] = [];
    for (let axis = 0; axis < dy.rank; axis++) {
      if (axis < offset || (shape[axis - offset] === 1 && dy.shape[axis] !== 1)) axes.push(axis);
    }
    return tf.reshape(axes.length > 0 ? tf.sum(dy, axes) : dy, [...shape]);
  };
  const asFloat = (condition: tf.Tensor): tf.Tensor => tf.cast(condition, 'float32');
  /** Expands a reduced gradient back over the reduced axes of `x`. */
  const unreduce = (dy: tf.Tensor, x: tf.Tensor, attrs: Attrs): tf.Tensor => {
    const axes = tf.util.parseAxisParam((attrs['axis'] as number | number[] | null) ?? x.shape.map((_, i) => i), x.shape);
    const kept = x.shape.map((size, axis) => (axes.includes(axis) ? 1 : size));
    return tf.mul(tf.reshape(dy, kept), tf.onesLike(x));
  };

  const configs: tf.GradConfig[] = [
    {
      kernelName: 'Add',
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, [a, b]) => ({ a: () => unbroadcast(dy as tf.Tensor, a!.shape), b: () => unbroadcast(dy as tf.Tensor, b!.shape) }),
    },
    {
      kernelName: 'Sub',
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, [a, b]) => ({ a: () => unbroadcast(dy as tf.Tensor, a!.shape), b: () => unbroadcast(tf.neg(dy as tf.Tensor), b!.shape) }),
    },
    {
      kernelName: 'Multiply',
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, [a, b]) => ({ a: () => unbroadcast(tf.mul(dy as tf.Tensor, b!), a!.shape), b: () => unbroadcast(tf.mul(dy as tf.Tensor, a!), b!.shape) }),
    },
    {
      kernelName: 'RealDiv',
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, [a, b]) => ({
        a: () => unbroadcast(tf.div(dy as tf.Tensor, b!), a!.shape),
        b: () => unbroadcast(tf.neg(tf.div(tf.mul(dy as tf.Tensor, a!), tf.square(b!))), b!.shape),
      }),
    },
    {
      kernelName: 'BatchMatMul',
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, [a, b], attrs) => {
        if (attrs['transposeA'] === true || attrs['transposeB'] === true) throw new Error('matMul gradient: transposed operands are not supported');
        return { a: () => tf.matMul(dy as tf.Tensor2D, b as tf.Tensor2D, false, true), b: () => tf.matMul(a as tf.Tensor2D, dy as tf.Tensor2D, true, false) };
      },
    },
    { kernelName: 'Relu', inputsToSave: ['x'], gradFunc: (dy, [x]) => ({ x: () => tf.mul(dy as tf.Tensor, asFloat(tf.greater(x!, 0))) }) },
    { kernelName: 'Exp', outputsToSave: [true], gradFunc: (dy, [y]) => ({ x: () => tf.mul(dy as tf.Tensor, y!) }) },
    { kernelName: 'Log', inputsToSave: ['x'], gradFunc: (dy, [x]) => ({ x: () => tf.div(dy as tf.Tensor, x!) }) },
    { kernelName: 'Neg', gradFunc: (dy) => ({ x: () => tf.neg(dy as tf.Tensor) }) },
    { kernelName: 'Square', inputsToSave: ['x'], gradFunc: (dy, [x]) => ({ x: () => tf.mul(dy as tf.Tensor, tf.mul(x!, 2)) }) },
    { kernelName: 'Abs', inputsToSave: ['x'], gradFunc: (dy, [x]) => ({ x: () => tf.mul(dy as tf.Tensor, tf.sign(x!)) }) },
    { kernelName: 'Cast', gradFunc: (dy) => ({ x: () => tf.clone(dy as tf.Tensor) }) },
    { kernelName: 'Reshape', inputsToSave: ['x'], gradFunc: (dy, [x]) => ({ x: () => tf.reshape(dy as tf.Tensor, x!.shape) }) },
    { kernelName: 'Sum', inputsToSave: ['x'], gradFunc: (dy, [x], attrs) => ({ x: () => unreduce(dy as tf.Tensor, x!, attrs) }) },
    {
      kernelName: 'Mean',
      inputsToSave: ['x'],
      gradFunc: (dy, [x], attrs) => {
        const axes = tf.util.parseAxisParam((attrs['axis'] as number | number[] | null) ?? x!.shape.map((_, i) => i), x!.shape);
        const count = axes.reduce((n, axis) => n * x!.shape[axis]!, 1);
        return { x: () => tf.div(unreduce(dy as tf.Tensor, x!, attrs), count) };
      },
    },
    {
      kernelName: 'Minimum',
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, [a, b]) => ({
        a: () => unbroadcast(tf.mul(dy as tf.Tensor, asFloat(tf.lessEqual(a!, b!))), a!.shape),
        b: () => unbroadcast(tf.mul(dy as tf.Tensor, asFloat(tf.greater(a!, b!))), b!.shape),
      }),
    },
    {
      kernelName: 'Maximum',
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, [a, b]) => ({
        a: () => unbroadcast(tf.mul(dy as tf.Tensor, asFloat(tf.greaterEqual(a!, b!))), a!.shape),
        b: () => unbroadcast(tf.mul(dy as tf.Tensor, asFloat(tf.less(a!, b!))), b!.shape),
      }),
    },
    {
      kernelName: 'ClipByValue',
      inputsToSave: ['x'],
      gradFunc: (dy, [x], attrs) => ({
        x: () => tf.mul(dy as tf.Tensor, asFloat(tf.logicalAnd(tf.greaterEqual(x!, attrs['clipValueMin'] as number), tf.lessEqual(x!, attrs['clipValueMax'] as number)))),
      }),
    },
    {
      kernelName: 'Tile',
      inputsToSave: ['x'],
      gradFunc: (dy, [x], attrs) => {
        // Output axis i holds reps[i] copies of the input axis: view it as [reps, size] pairs and sum the reps
        const reps = attrs['reps'] as number[];
        const paired = x!.shape.flatMap((size, axis) => [reps[axis]!, size]);
        const repAxes = x!.shape.map((_, axis) => 2 * axis);
        return { x: () => tf.sum(tf.reshape(dy as tf.Tensor, paired), repAxes) };
      },
    },
  ];
  for (const config of configs) {
    if (tf.getGradient(config.kernelName) === undefined) tf.registerGradient(config);
  }
}
