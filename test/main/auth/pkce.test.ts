import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeChallengeS256, createCodeVerifier, createPkcePair, createState } from '../../../main/auth/pkce';

// RFC 7636 Appendix B, copied from the RFC text (https://www.rfc-editor.org/rfc/rfc7636#appendix-B).
const RFC_VERIFIER_OCTETS = [
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
];
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE_OCTETS = [
  19, 211, 30, 150, 26, 26, 216, 236, 47, 22, 177, 12, 76, 152, 46, 8, 118, 168, 120, 173, 109, 241, 68, 86, 110, 225, 137, 74, 203, 112, 249, 195,
];
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE (RFC 7636)', () => {
  it('derives the Appendix B challenge from the Appendix B verifier', () => {
    expect(Buffer.from(RFC_VERIFIER_OCTETS).toString('base64url')).toBe(RFC_VERIFIER);
    expect(createHash('sha256').update(RFC_VERIFIER).digest()).toEqual(Buffer.from(RFC_CHALLENGE_OCTETS));
    expect(codeChallengeS256(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
  });

  it('creates 43-character unreserved verifiers that differ every time, and pairs them with their S256 challenge', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const pair = createPkcePair();
      expect(pair.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(pair.method).toBe('S256');
      expect(pair.challenge).toBe(createHash('sha256').update(pair.verifier).digest('base64url'));
      seen.add(pair.verifier);
    }
    expect(seen.size).toBe(200);
    expect(createCodeVerifier(96)).toHaveLength(128);
  });

  it('refuses verifiers outside 43–128 unreserved characters', () => {
    expect(() => codeChallengeS256('a'.repeat(42))).toThrow(RangeError);
    expect(() => codeChallengeS256('a'.repeat(129))).toThrow(RangeError);
    expect(() => codeChallengeS256(`${'a'.repeat(42)}+`)).toThrow(RangeError);
    expect(() => createCodeVerifier(31)).toThrow(RangeError);
    expect(() => createCodeVerifier(97)).toThrow(RangeError);
  });

  it('creates unguessable url-safe state values', () => {
    const a = createState();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createState()).not.toBe(a);
  });
});
