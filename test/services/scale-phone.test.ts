// The +1 fast path must give exactly what libphonenumber gives, for every +1 country and for
// numbers no country claims, in both the E.164 and the national shapes it takes.
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { parseNanpPhone } from '../../src/domain/nanp-phone.js';

function libphonenumber(text: string) {
  const phone = parsePhoneNumberFromString(text.trim(), 'US');
  return phone?.isPossible() ? { e164: phone.number, country: phone.country ?? null } : null;
}

const areas = [
  '212',
  '416',
  '268',
  '264',
  '684',
  '246',
  '441',
  '242',
  '604',
  '767',
  '809',
  '829',
  '849',
  '473',
  '671',
  '876',
  '658',
  '869',
  '345',
  '758',
  '670',
  '664',
  '787',
  '939',
  '721',
  '649',
  '868',
  '784',
  '284',
  '340',
  '800',
  '900',
  '555',
  '211',
  '999',
  '200',
];
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const nationalNumber = fc.oneof(
  fc.tuple(fc.constantFrom(...areas), digits(7)).map(([a, r]) => a + r),
  fc.tuple(fc.integer({ min: 2, max: 9 }), digits(9)).map(([a, r]) => `${a}${r}`),
);

describe('+1 numbers without libphonenumber per call', () => {
  it('agrees with libphonenumber on E.164 text', () => {
    fc.assert(
      fc.property(nationalNumber, (nn) => {
        const text = `+1${nn}`;
        expect(parseNanpPhone(text)).toEqual(libphonenumber(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with libphonenumber on national text, read as a US number', () => {
    let taken = 0;
    fc.assert(
      fc.property(nationalNumber, fc.constantFrom('(a) b-c', '(a)b-c', 'a-b-c', 'a.b.c', 'a b c', 'abc'), (nn, shape) => {
        const text = shape.replace('a', nn.slice(0, 3)).replace('b', nn.slice(3, 6)).replace('c', nn.slice(6));
        const fast = parseNanpPhone(text);
        // Shapes it does not take (an exchange starting 0 or 1) are left to libphonenumber.
        if (fast !== undefined) {
          taken++;
          expect(fast).toEqual(libphonenumber(text));
        }
      }),
      { numRuns: 20_000 },
    );
    expect(taken).toBeGreaterThan(10_000);
  });

  it('leaves every other text to libphonenumber', () => {
    for (const text of [
      '+442071234567',
      '+1 212 555 0101',
      '1-212-555-0101',
      '+12125550101 x12',
      '+1212555010',
      '12125550101',
      '+01234567890',
    ])
      expect(parseNanpPhone(text)).toBeUndefined();
  });
});
