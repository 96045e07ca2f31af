import { describe, expect, it } from 'vitest';
import { fileResponseHeaders } from './file-response-headers.ts';

describe('fileResponseHeaders', () => {
  it('always sends an attachment with an encoded UTF-8 name and an ASCII fallback', () => {
    const headers = fileResponseHeaders({ name: 'Ünïcode "quote"; 100%.pdf', type: 'application/pdf' });
    expect(headers['Content-Disposition']).toBe(
      `attachment; filename="_n_code _quote__ 100_.pdf"; filename*=UTF-8''%C3%9Cn%C3%AFcode%20%22quote%22%3B%20100%25.pdf`,
    );
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Security-Policy']).toBe("default-src 'none'; sandbox");
  });

  it.each([
    ['text/html', 'application/octet-stream'],
    ['image/svg+xml', 'application/octet-stream'],
    ['application/xhtml+xml', 'application/octet-stream'],
    ['text/javascript', 'application/octet-stream'],
    ['application/pdf', 'application/pdf'],
    ['image/png', 'image/png'],
    ['text/plain', 'text/plain; charset=utf-8'],
    ['text/csv', 'text/csv; charset=utf-8'],
  ])('serves %s as %s', (type, served) => {
    expect(fileResponseHeaders({ name: 'x', type })['Content-Type']).toBe(served);
  });
});
