/** A received message reduced to what tests look at. */
export type ParsedTestMessage = {
  /** Header names lower-cased, folded lines joined, encoded words decoded; the first of repeated headers. */
  headers: ReadonlyMap<string, string>;
  from: string;
  to: string;
  subject: string;
  /** The `text/plain` body (the first such part of a multipart message), line breaks as `\n`; '' when none. */
  text: string;
  /** The `text/html` body, line breaks as `\n`; null when none. */
  html: string | null;
};

type Part = { headers: Map<string, string>; body: string };

function decodeBytes(args: { bytes: Buffer; charset: string }): string {
  try {
    return new TextDecoder(args.charset).decode(args.bytes);
  } catch {
    return args.bytes.toString('utf8');
  }
}

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const hex = soft[i] === '=' ? soft.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words; the whitespace between two adjacent ones is not part of the text. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, encoding: string, data: string) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : decodeQuotedPrintable(data.replace(/_/g, ' '));
      return decodeBytes({ bytes, charset: charset.replace(/\*.*$/, '') });
    });
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = block.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeEncodedWords(line.slice(colon + 1).trim()));
  }
  return headers;
}

function splitPart(raw: string): Part {
  const match = /\r?\n\r?\n/.exec(raw);
  if (!match) return { headers: parseHeaders(raw), body: '' };
  return { headers: parseHeaders(raw.slice(0, match.index)), body: raw.slice(match.index + match[0].length) };
}

/** `text/plain; charset=utf-8` → the lower-cased type and its parameters (names lower-cased). */
function parseContentType(value: string | undefined): { type: string; params: Map<string, string> } {
  const [type = 'text/plain', ...rest] = (value ?? 'text/plain').split(';');
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    const name = param.slice(0, eq).trim().toLowerCase();
    params.set(
      name,
      param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    );
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeBody(part: Part, charset: string): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(part.body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(part.body)
        : Buffer.from(part.body, 'utf8');
  return decodeBytes({ bytes, charset }).replace(/\r\n/g, '\n');
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  const lines = body.split(/\r?\n/);
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.trimEnd() === `${delimiter}--`) break;
    if (line.trimEnd() === delimiter) {
      if (current) parts.push(current.join('\r\n'));
      current = [];
    } else if (current) {
      current.push(line);
    }
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

function collectBodies(part: Part, found: { text: string | null; html: string | null }): void {
  const { type, params } = parseContentType(part.headers.get('content-type'));
  const boundary = params.get('boundary');
  if (type.startsWith('multipart/') && boundary) {
    for (const child of splitMultipart(part.body, boundary)) collectBodies(splitPart(child), found);
    return;
  }
  const disposition = part.headers.get('content-disposition') ?? '';
  if (disposition.toLowerCase().startsWith('attachment')) return;
  const charset = params.get('charset') ?? 'utf-8';
  if (type === 'text/plain' && found.text === null) found.text = decodeBody(part, charset);
  if (type === 'text/html' && found.html === null) found.html = decodeBody(part, charset);
}

/**
 * Reads a raw RFC 5322 message just enough for tests (there is no MIME parser among the
 * dependencies): headers, and the plain-text and HTML bodies of a single-part or (nested) multipart
 * message in 7bit, 8bit, quoted-printable or base64, in any charset `TextDecoder` knows.
 */
export function parseTestMessage(raw: Buffer | string): ParsedTestMessage {
  const top = splitPart(typeof raw === 'string' ? raw : raw.toString('utf8'));
  // The line break that ends the message belongs to the transport, not to a single-part body.
  top.body = top.body.replace(/\r?\n$/, '');
  const found: { text: string | null; html: string | null } = { text: null, html: null };
  collectBodies(top, found);
  return {
    headers: top.headers,
    from: top.headers.get('from') ?? '',
    to: top.headers.get('to') ?? '',
    subject: top.headers.get('subject') ?? '',
    text: found.text ?? '',
    html: found.html,
  };
}
