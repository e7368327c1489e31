import { describe, expect, it } from 'vitest';
import { UrlAllowList } from '../../../main/accounts/url-allow-list';

describe('UrlAllowList', () => {
  const list = new UrlAllowList();
  list.allowOrigin('https://autolab.example.edu/');
  list.allowOrigin('http://127.0.0.1:4567');
  list.allowOrigin('http://evil.example');
  list.allowExact('https://www.cs.example.edu/15213/writeup.pdf');

  it('opens pages of a configured Autolab and the loopback demo', () => {
    expect(list.allows('https://autolab.example.edu/courses/x')).toBe(true);
    expect(list.allows('http://127.0.0.1:4567/activate')).toBe(true);
  });

  it('opens exactly the links the server handed out, nothing beside them', () => {
    expect(list.allows('https://www.cs.example.edu/15213/writeup.pdf')).toBe(true);
    expect(list.allows('https://www.cs.example.edu/other')).toBe(false);
  });

  it('refuses other schemes, plain http off loopback, credentials and other origins', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'http://evil.example/',
      'http://autolab.example.edu/',
      'https://user:pw@autolab.example.edu/',
      'https://autolab.example.edu.evil.com/',
      'http://127.0.0.1:9999/',
      'not a url',
    ]) {
      expect(list.allows(url), url).toBe(false);
    }
  });
});
