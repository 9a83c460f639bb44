/**
 * The Netwright model JSON is the trained-model file (engine/training/trainedFile.ts): the versioned
 * model document, plus a `trained` header, the input normalisation and every weight as base64
 * little-endian float32 with its shape. This zod schema describes the whole file for the published
 * JSON Schema (docs/model-format.schema.json); a test checks that files the writer produces match it.
 */
import { z } from 'zod';
import { documentSchema } from '../../model/document';

export const weightTensorSchema = z.object({
  /** Shape of the weight, e.g. [784, 128] for a Dense kernel (layouts in docs/model-format.md). */
  shape: z.array(z.number().int().min(0)),
  dtype: z.literal('float32'),
  /** Base64 of the little-endian float32 values, row-major. */
  data: z.string(),
});

export const normalisationSchema = z.object({
  kind: z.enum(['standardise', 'minmax', 'none']),
  /** One entry (pooled over all features, e.g. images) or one per input feature. x' = (x − offset) · scale. */
  offset: z.array(z.number()),
  scale: z.array(z.number()),
});

export const trainedHeaderSchema = z.object({
  /** Version of the trained part; files with a newer one are refused. */
  version: z.number().int().min(1),
  createdAt: z.string().optional(),
  dataset: z.object({ name: z.string(), options: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])) }).optional(),
  bestEpoch: z.number().int().nullable().optional(),
  epochs: z.number().int().min(0).optional(),
  classes: z.array(z.string()).optional(),
});

export const modelJsonSchema = documentSchema.extend({
  trained: trainedHeaderSchema,
  normalisation: normalisationSchema,
  /** By engine weight name: `${nodeId}/kernel`, `/bias`, `/gamma`, `/beta`, `/runningMean`, `/runningVar`. */
  weights: z.record(z.string(), weightTensorSchema),
});

export type ModelJsonFile = z.infer<typeof modelJsonSchema>;

/** The JSON Schema of the file (checked in as docs/model-format.schema.json and compared in a test). */
export function modelJsonJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(modelJsonSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://netwright.dev/schemas/model-format.schema.json',
    title: 'Netwright model JSON (trained model file)',
  } as Record<string, unknown>;
}
