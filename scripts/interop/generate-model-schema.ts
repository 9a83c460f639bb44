/** Writes docs/model-format.schema.json from the zod schema: `npx tsx scripts/interop/generate-model-schema.ts`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { modelJsonJsonSchema } from '../../engine/interop/modelJson/schema';

const target = fileURLToPath(new URL('../../docs/model-format.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(modelJsonJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${target}`);
