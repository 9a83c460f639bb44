/**
 * The Netwright model JSON is the trained-model file (engine/training/trainedFile.ts): the versioned
 * model document, plus a `trained` header, the input normalisation and every weight as base64
 * little-endian float32 with its shape. This zod schema describes the whole file for the published
 * JSON Schema (docs/model-format.schema.json); a test checks that files the writer produces match it.
 */
import { z } from 'zod';
import { documentSchema } from '../../model/document';
import { trainedPartSchema } from '../../training/trainedFile';

/** The whole file: the document's fields plus the trained part defined next to its reader. */
export const modelJsonSchema = documentSchema.extend(trainedPartSchema.shape);

export type ModelJsonFile = z.infer<typeof modelJsonSchema>;

/** The JSON Schema of the file (checked in as docs/model-format.schema.json and compared in a test). */
export function modelJsonJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(modelJsonSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://netwright.dev/schemas/model-format.schema.json',
    title: 'Netwright model JSON (trained model file)',
  } as Record<string, unknown>;
}
