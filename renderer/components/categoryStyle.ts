import type { CSSProperties } from 'react';
import type { LayerCategory } from '../../engine/model';

/** One muted hue per catalog category: palette dots, node stripes, the minimap. */
export const CATEGORY_COLORS: Record<LayerCategory, string> = {
  'Input & output': '#6ea8fe',
  Core: '#9d8cf2',
  Convolution: '#4fc1b5',
  Pooling: '#62b3d9',
  Normalisation: '#d39b5d',
  Activation: '#e07fa8',
  Merge: '#c2c56a',
  Reshape: '#8fa3b8',
  Regularisation: '#b28fd0',
};

/** Inline style that sets the `--cat` colour variable the stylesheet reads. */
export function categoryStyle(category: LayerCategory): CSSProperties {
  return { '--cat': CATEGORY_COLORS[category] } as CSSProperties;
}
