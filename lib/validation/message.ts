/**
 * A validation message travels as one string (zod's issue message is all that
 * react-hook-form's resolver and the server's error mapping pass on), so a
 * message that needs values carries them with it: `validation.count{"max":20}`.
 * Forms and server actions read it back with parseMessage and translate the key
 * with its values; a key whose values were lost would show as the raw key.
 */
export type MessageValues = Record<string, string | number>;
export type Message = { key: string; params?: MessageValues };

const keyPattern = /^((?:validation|errors)(?:\.[A-Za-z_]+)+)(\{.*\})?$/s;

/** A message key with the values its text needs. */
export function message(key: string, params?: MessageValues): string {
  return params && Object.keys(params).length ? `${key}${JSON.stringify(params)}` : key;
}

/** The key and values of a message built by `message`, or null when the text is not one (e.g. a library's own message). */
export function parseMessage(text: string): Message | null {
  const match = keyPattern.exec(text);
  if (!match) return null;
  if (!match[2]) return { key: match[1]! };
  try {
    const params = JSON.parse(match[2]) as unknown;
    if (!params || typeof params !== 'object' || Array.isArray(params)) return null;
    const clean: MessageValues = {};
    for (const [name, value] of Object.entries(params)) if (typeof value === 'string' || typeof value === 'number') clean[name] = value;
    return { key: match[1]!, params: clean };
  } catch {
    return null;
  }
}

/** A server's error ({ key, params }) as a form field's message, translated where the field is drawn. */
export function messageOf(error: Message | string): string {
  return typeof error === 'string' ? error : message(error.key, error.params);
}
