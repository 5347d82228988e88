/** One part of a multipart/form-data body. */
export interface MultipartPart {
  /** The form field (`payload_json`, `files[0]`). */
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

export class MultipartError extends Error {}

/** The boundary of a `multipart/form-data; boundary=…` content type, or null for other types. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** Parameters of a header value: `form-data; name="files[0]"; filename="a.png"`. */
function headerParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /;\s*([\w*-]+)=(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const raw = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    // browsers and undici percent-encode quotes and line breaks in names
    params.set(m[1]!.toLowerCase(), raw.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n'));
  }
  return params;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Parses a multipart/form-data body (RFC 7578): parts between `--boundary` lines, each with
 * headers, a blank line and its bytes, the last boundary followed by `--`. Throws
 * MultipartError on anything malformed rather than guessing.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const between = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos === -1) throw new MultipartError('no boundary in the body');
  pos += delimiter.length;
  const parts: MultipartPart[] = [];
  for (;;) {
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw new MultipartError('boundary not followed by CRLF');
    pos += 2;
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd === -1) throw new MultipartError('part without a blank line after its headers');
    const headers = new Map<string, string>();
    for (const line of body.subarray(pos, headerEnd).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new MultipartError(`bad part header line "${line}"`);
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const dataStart = headerEnd + HEADER_END.length;
    const dataEnd = body.indexOf(between, dataStart);
    if (dataEnd === -1) throw new MultipartError('part not terminated by a boundary');
    const disposition = headers.get('content-disposition');
    if (!disposition || !/^form-data\b/i.test(disposition))
      throw new MultipartError('part without Content-Disposition: form-data');
    const params = headerParams(disposition);
    const name = params.get('name');
    if (name === undefined) throw new MultipartError('part without a name');
    parts.push({
      name,
      filename: params.get('filename') ?? null,
      contentType: headers.get('content-type') ?? null,
      data: Buffer.from(body.subarray(dataStart, dataEnd)),
    });
    pos = dataEnd + between.length;
  }
}
