// GET /openapi.json: the API's contract, built from the same zod schemas that validate the
// bodies (z.toJSONSchema), so the document cannot drift from what the routes accept. The
// operations and their examples are in openapi-operations.ts.
import { z } from 'zod';
import { API_OPERATIONS, type ApiOperation } from './openapi-operations.js';

export { API_OPERATIONS } from './openapi-operations.js';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['kind', 'message', 'hint', 'problems'],
      properties: {
        kind: { type: 'string', examples: ['bad_input', 'not_found', 'conflict', 'unauthorized', 'forbidden', 'config', 'too_large'] },
        message: { type: 'string' },
        hint: { type: ['string', 'null'] },
        problems: {
          type: 'array',
          items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

/** A request body's JSON Schema as the client writes it (defaults make a field optional). */
export function requestSchema(schema: z.ZodType, closed = false): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return closed ? closeObjects(rest) : rest;
}

/** additionalProperties: false on every object that lists its properties, at any depth. */
function closeObjects(node: unknown): Record<string, unknown> {
  if (Array.isArray(node)) return node.map(closeObjects) as never;
  if (!node || typeof node !== 'object') return node as never;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closeObjects(v)]));
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function operationObject(op: ApiOperation): Record<string, unknown> {
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const query = (op.query ?? []).map((q) => ({
    name: q.name,
    in: 'query',
    required: q.required ?? false,
    description: q.description,
    schema: { type: 'string' },
  }));
  const type = op.body?.form ? 'application/x-www-form-urlencoded' : 'application/json';
  return {
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(params.length + query.length > 0 ? { parameters: [...params, ...query] } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: !op.body.optional,
            content: { [type]: { schema: requestSchema(op.body.schema, op.body.closed), example: op.body.example } },
          },
        }
      : {}),
    security: op.auth === false ? [] : [{ bearerAuth: [] }],
    responses: {
      [String(op.status)]: { description: 'success' },
      '400': errorResponse('bad input: every problem names its field'),
      ...(op.auth === false ? {} : { '401': errorResponse('missing or wrong bearer token'), '403': errorResponse('the JSON API is off') }),
      ...(op.body?.form
        ? { '403': errorResponse('bad or missing Twilio signature'), '503': errorResponse('Twilio webhooks are off') }
        : {}),
      '404': errorResponse('no such id or route'),
      '413': errorResponse('body over the limit'),
    },
  };
}

/** The OpenAPI 3.1 document for this server. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, unknown>)[op.method] = operationObject(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'callbook',
      version: '0.1.0',
      description: 'callbook serve: Twilio\'s webhooks and the JSON API. Every error is {"error": {kind, message, hint, problems}}.',
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'CALLBOOK_API_TOKEN' } },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths,
  };
}
