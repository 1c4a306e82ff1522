// Entry point for services: picks the parser. The OpenAI module (and the SDK behind it) is loaded only
// when a key is configured, so the common offline path never pays for importing it.
import { parseAvailabilityText, parseConstraintsText } from './heuristic/index.js';
import type { Parsers } from './types.js';

export { parseAvailabilityText, parseConstraintsText } from './heuristic/index.js';
export type * from './types.js';

export interface ParserConfig {
  openaiApiKey: string | null;
  openaiBaseUrl: string | null;
  openaiModel: string;
  openaiTimeoutMs: number;
}

export function createHeuristicParsers(): Parsers {
  return {
    parseConstraints: async (input) => parseConstraintsText(input),
    parseAvailability: async (input) => parseAvailabilityText(input),
  };
}

export async function createParsers(config: ParserConfig): Promise<Parsers> {
  const heuristic = createHeuristicParsers();
  if (!config.openaiApiKey) return heuristic;
  const { createOpenAIParsers } = await import('./openai/create-openai-parsers.js');
  return createOpenAIParsers({
    apiKey: config.openaiApiKey,
    baseURL: config.openaiBaseUrl,
    model: config.openaiModel,
    timeoutMs: config.openaiTimeoutMs,
    fallback: heuristic,
  });
}
