// system.describe: every call and event with its JSON Schema, emitted by zod from the contract itself.
import { z } from 'zod';
import { calls, events } from '../contract';

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
}

export function describeApi() {
  return {
    calls: Object.entries(calls).map(([name, spec]) => ({
      name,
      summary: spec.summary,
      input: jsonSchema(spec.input),
      output: z.toJSONSchema(spec.output, { unrepresentable: 'any', io: 'output' }),
    })),
    events: Object.entries(events).map(([name, spec]) => ({
      name,
      summary: spec.summary,
      payload: z.toJSONSchema(spec.payload, { unrepresentable: 'any', io: 'output' }),
    })),
  };
}
