import { createHash } from 'node:crypto';
import { canonicalEventEncoding, canonicalJson, GENESIS_HASH, sealOf } from './event-seal';
import type { SealedContent } from './event-seal';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const event: SealedContent = {
  id: '0b6e6a52-5a8e-4a39-9a3e-2f1f9c0c7d11',
  streamId: 'licence-1',
  revision: 0,
  position: 1,
  type: 'CaseRegistered',
  schemaVersion: 1,
  data: { goods: [{ quantity: 2, code: 'ML5.a' }], applicant: 'Thales' },
  metadata: {
    occurredAt: '2024-11-28T10:00:00.000Z',
    actor: { sub: 'alice', role: 'intake' },
    correlationId: 'c-1',
    causationId: 'c-1',
  },
  recordedAt: '2024-11-28T10:00:00.123Z',
};

/** The same encoding written out by hand, as an outside body re-implementing it would. */
const EXPECTED_ENCODING =
  '{"data":{"applicant":"Thales","goods":[{"code":"ML5.a","quantity":2}]},' +
  '"id":"0b6e6a52-5a8e-4a39-9a3e-2f1f9c0c7d11",' +
  '"metadata":{"actor":{"role":"intake","sub":"alice"},"causationId":"c-1","correlationId":"c-1","occurredAt":"2024-11-28T10:00:00.000Z"},' +
  '"position":1,"recordedAt":"2024-11-28T10:00:00.123Z","revision":0,"schemaVersion":1,' +
  '"streamId":"licence-1","type":"CaseRegistered"}';

describe('canonicalJson', () => {
  it('sorts object keys at every depth, keeps array order and writes no whitespace', () => {
    const a = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } };
    const b = { a: { c: 'x', d: [3, { y: null, z: true }] }, b: 1 };

    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('writes numbers and strings as JSON does, non-ASCII as itself and control characters escaped', () => {
    expect(canonicalJson([1.5, -0, 1e21, 1e-7, 100])).toBe('[1.5,0,1e+21,1e-7,100]');
    expect(canonicalJson('Ærø "é"\n\u0001🛡')).toBe('"Ærø \\"é\\"\\n\\u0001🛡"');
  });

  it('sorts keys by UTF-16 code units and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, B: 2, é: 3, a: undefined, '10': 4, '9': 5 })).toBe(
      '{"10":4,"9":5,"B":2,"b":1,"é":3}',
    );
    expect(canonicalJson([undefined])).toBe('[null]');
  });

  it('refuses values that have no JSON form', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(Infinity)).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
  });
});

describe('canonicalEventEncoding', () => {
  it('covers exactly the stored fields, in sorted order, whatever else the event carries', () => {
    const withExtras = { ...event, seal: { streamHash: 'x', chainHash: 'y' }, extra: 1 } as SealedContent;

    expect(canonicalEventEncoding(event)).toBe(EXPECTED_ENCODING);
    expect(canonicalEventEncoding(withExtras)).toBe(EXPECTED_ENCODING);
  });
});

describe('sealOf', () => {
  it('hashes the previous hashes followed by the canonical encoding, from 64 zeros at the start', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));

    const seal = sealOf(event, GENESIS_HASH, GENESIS_HASH);

    expect(seal.streamHash).toBe(sha256(GENESIS_HASH + EXPECTED_ENCODING));
    expect(seal.chainHash).toBe(seal.streamHash);
    expect(seal.chainHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('chains: each hash depends on the previous one of its chain', () => {
    const first = sealOf(event, GENESIS_HASH, GENESIS_HASH);
    const second = { ...event, id: 'e2', revision: 1, position: 2, type: 'LicenceIssued' };

    const sealed = sealOf(second, first.streamHash, first.chainHash);
    const otherwise = sealOf(second, GENESIS_HASH, 'f'.repeat(64));

    expect(sealed.chainHash).toBe(sha256(first.chainHash + canonicalEventEncoding(second)));
    expect(otherwise.streamHash).not.toBe(sealed.streamHash);
    expect(otherwise.chainHash).not.toBe(sealed.chainHash);
  });

  it('changes with any covered field, and not with key order', () => {
    const base = sealOf(event, GENESIS_HASH, GENESIS_HASH).chainHash;
    const variants: SealedContent[] = [
      { ...event, id: 'other' },
      { ...event, streamId: 'licence-2' },
      { ...event, revision: 1 },
      { ...event, position: 2 },
      { ...event, type: 'Other' },
      { ...event, schemaVersion: 2 },
      { ...event, data: { ...(event.data as object), applicant: 'Other' } },
      { ...event, metadata: { ...event.metadata, correlationId: 'c-2' } },
      { ...event, recordedAt: '2024-11-28T10:00:00.124Z' },
    ];
    for (const variant of variants)
      expect(sealOf(variant, GENESIS_HASH, GENESIS_HASH).chainHash).not.toBe(base);

    const reordered = { ...event, data: { applicant: 'Thales', goods: [{ code: 'ML5.a', quantity: 2 }] } };
    expect(sealOf(reordered, GENESIS_HASH, GENESIS_HASH).chainHash).toBe(base);
  });
});
