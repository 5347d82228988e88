import { describe, expect, it } from 'vitest';
import { boundaryOf, MultipartError, parseMultipart } from './fake-discord/multipart';

describe('fake Discord: multipart parser', () => {
  it('reads what Node (undici) encodes from a FormData, binary intact', async () => {
    const form = new FormData();
    form.append('payload_json', JSON.stringify({ content: 'héllo "quoted"' }));
    const bytes = new Uint8Array([0, 13, 10, 45, 45, 255, 137, 80, 78, 71]);
    form.append('files[0]', new Blob([bytes], { type: 'image/png' }), 'we"ird\nname.png');
    const request = new Request('http://x.invalid', { method: 'POST', body: form });
    const body = Buffer.from(await request.arrayBuffer());
    const boundary = boundaryOf(request.headers.get('content-type')!);
    expect(boundary).toBeTruthy();
    const parts = parseMultipart(body, boundary!);
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['payload_json', null, null],
      ['files[0]', 'we"ird\nname.png', 'image/png'],
    ]);
    expect(JSON.parse(parts[0]!.data.toString('utf8'))).toEqual({ content: 'héllo "quoted"' });
    expect([...parts[1]!.data]).toEqual([...bytes]);
  });

  it('finds the boundary only in multipart/form-data types', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(boundaryOf('application/json')).toBeNull();
    expect(boundaryOf(undefined)).toBeNull();
  });

  it('refuses malformed bodies', () => {
    const ok = '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nv\r\n--b--\r\n';
    expect(parseMultipart(Buffer.from(ok), 'b')).toHaveLength(1);
    expect(() => parseMultipart(Buffer.from('nothing'), 'b')).toThrow(MultipartError);
    expect(() =>
      parseMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nv'), 'b'),
    ).toThrow(/not terminated/);
    expect(() => parseMultipart(Buffer.from('--b\r\nX-Other: 1\r\n\r\nv\r\n--b--'), 'b')).toThrow(
      /Content-Disposition/,
    );
  });
});
