/** Colours of classes in scatter plots, the decision map and probability bars. */

/** Class colours, index = class id (cycled for more classes). */
export const CLASS_COLOURS: readonly [number, number, number][] = [
  [247, 140, 108],
  [110, 168, 254],
  [95, 196, 143],
  [199, 146, 234],
  [232, 176, 79],
  [127, 219, 202],
  [242, 114, 122],
  [171, 178, 191],
  [255, 203, 107],
  [130, 170, 255],
];

export const classColour = (id: number): [number, number, number] => CLASS_COLOURS[((id % CLASS_COLOURS.length) + CLASS_COLOURS.length) % CLASS_COLOURS.length];

/** CSS rgb() of a class colour. */
export const classCss = (id: number, alpha = 1): string => {
  const [r, g, b] = classColour(id);
  return alpha === 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${alpha})`;
};
