import { catalog } from './catalog';
import type { ParamSpec, Params } from './catalog';
import type { LayerType } from './layerTypes';
import type { ParamValue } from './program';

/** A layer's params with every catalog default filled in; unknown keys are dropped. */
export function resolveParams(type: LayerType, params: Record<string, ParamValue>): Params {
  const resolved: Params = {};
  for (const spec of catalog[type].params) {
    resolved[spec.name] = params[spec.name] ?? spec.default;
  }
  return resolved;
}

/** The default params of a layer kind, as a new node gets them. */
export function defaultParams(type: LayerType): Params {
  return resolveParams(type, {});
}

/** Checks one value against its spec; returns a message for the person or null when valid. */
export function validateParam(spec: ParamSpec, value: ParamValue | undefined): string | null {
  switch (spec.kind) {
    case 'int':
    case 'float': {
      if (typeof value !== 'number' || Number.isNaN(value)) return `${spec.label} must be a number.`;
      if (spec.kind === 'int' && !Number.isInteger(value)) return `${spec.label} must be a whole number.`;
      if (spec.min !== undefined && (spec.minExclusive ? value <= spec.min : value < spec.min)) {
        return `${spec.label} must be ${spec.minExclusive ? 'greater than' : 'at least'} ${spec.min}.`;
      }
      if (spec.max !== undefined && value > spec.max) return `${spec.label} must be at most ${spec.max}.`;
      return null;
    }
    case 'enum':
      if (typeof value !== 'string' || !spec.options?.includes(value)) {
        return `${spec.label} must be one of ${spec.options?.join(', ')}.`;
      }
      return null;
    case 'bool':
      return typeof value === 'boolean' ? null : `${spec.label} must be on or off.`;
    case 'shape': {
      if (!Array.isArray(value) || value.length === 0) return `${spec.label} needs at least one dimension, e.g. 28, 28, 1.`;
      if (value.length > 4) return `${spec.label} has ${value.length} dimensions; at most 4 are supported.`;
      for (const d of value) {
        if (!Number.isInteger(d)) return `${spec.label}: every dimension must be a whole number.`;
        if (d === -1 && spec.min === -1) continue;
        if (d < 1) return `${spec.label}: every dimension must be at least 1.`;
        if (spec.max !== undefined && d > spec.max) return `${spec.label}: dimension ${d} is larger than ${spec.max}.`;
      }
      return null;
    }
    default: {
      const unreachable: never = spec.kind;
      return unreachable;
    }
  }
}

/** Parses "28, 28, 1" (or "28x28x1") into [28, 28, 1]; null when it is not a list of integers. */
export function parseShapeText(text: string): number[] | null {
  const parts = text
    .split(/[\s,x×]+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0) return null;
  const dims = parts.map((p) => Number(p));
  return dims.every((d) => Number.isInteger(d)) ? dims : null;
}
