// Reads the TwiML the server returns into a flat list of verbs the simulated call walks in order.
import { XMLParser } from 'fast-xml-parser';

export interface TwimlVerb {
  name: string;
  attrs: Record<string, string>;
  /** Text content (Say text, Redirect URL). */
  text: string;
  children: TwimlVerb[];
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

function toVerbs(nodes: OrderedNode[]): TwimlVerb[] {
  const verbs: TwimlVerb[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text' || name.startsWith('?')) continue;
    const content = (node[name] as OrderedNode[] | undefined) ?? [];
    const text = content
      .map((c) => c['#text'])
      .filter((t) => t !== undefined)
      .map(String)
      .join('');
    verbs.push({ name, attrs: node[':@'] ?? {}, text, children: toVerbs(content) });
  }
  return verbs;
}

/** The verbs under <Response>; throws when the body is not a TwiML document (Twilio reports error 12100). */
export function readTwiml(xml: string): TwimlVerb[] {
  const doc = parser.parse(xml) as OrderedNode[];
  const response = toVerbs(doc).find((v) => v.name === 'Response');
  if (!response) throw new Error('Document has no <Response> root');
  return response.children;
}
