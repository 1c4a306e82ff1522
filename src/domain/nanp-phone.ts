// North American (+1) numbers, most of any import, read without libphonenumber's per-call cost.
// Finding which of the 25 countries of +1 a number is in, libphonenumber builds a RegExp from
// each country's (long) type patterns on every call: ~50–120 µs a number, seconds at 100k leads.
// This does the same steps (getCountryByNationalNumber and getNumberType of libphonenumber-js,
// on its own "min" metadata) with each pattern compiled once. Only two plain shapes take this
// path; anything else goes to libphonenumber. test/services/scale-phone.test.ts checks both agree.
import { Metadata } from 'libphonenumber-js/core';
import metadataJson from 'libphonenumber-js/min/metadata';

interface TypeDefinition {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface Plan {
  selectNumberingPlan(country: string): void;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
  leadingDigits(): string | undefined;
  nationalNumberPattern(): string;
  possibleLengths(): number[];
  type(name: string): TypeDefinition | undefined;
}

interface Country {
  code: string;
  leading: RegExp | null;
  national: RegExp;
  types: { pattern: RegExp; lengths: number[] | undefined }[];
  possible: boolean;
}

// The order getNumberType tries them in: fixed line first, then the others.
const TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];

let countries: Country[] | null = null;

function nanpCountries(): Country[] {
  if (countries) return countries;
  const plan = new Metadata(metadataJson) as unknown as Plan;
  countries = (plan.getCountryCodesForCallingCode('1') ?? []).map((code) => {
    plan.selectNumberingPlan(code);
    const leading = plan.leadingDigits();
    const types: Country['types'] = [];
    for (const name of TYPES) {
      const type = plan.type(name);
      if (type?.pattern()) types.push({ pattern: new RegExp(`^(?:${type.pattern()})$`), lengths: type.possibleLengths() });
    }
    return {
      code,
      leading: leading ? new RegExp(leading) : null,
      national: new RegExp(`^(?:${plan.nationalNumberPattern()})$`),
      types,
      possible: plan.possibleLengths().includes(10),
    };
  });
  return countries;
}

function hasType(nationalNumber: string, country: Country): boolean {
  if (!country.national.test(nationalNumber)) return false;
  return country.types.some((t) => (!t.lengths || t.lengths.includes(nationalNumber.length)) && t.pattern.test(nationalNumber));
}

/** libphonenumber's choice among the +1 countries for a ten-digit national number, or undefined. */
function countryOf(nationalNumber: string): Country | undefined {
  for (const country of nanpCountries()) {
    if (country.leading) {
      if (nationalNumber.search(country.leading) === 0) return country;
    } else if (hasType(nationalNumber, country)) return country;
  }
  return undefined;
}

const E164 = /^\+1([2-9]\d{9})$/;
const NATIONAL = /^(?:\(([2-9]\d{2})\) ?|([2-9]\d{2})[-. ]?)([2-9]\d{2})[-. ]?(\d{4})$/;

/**
 * What parsePhoneNumberFromString(text, 'US') and isPossible() give, for "+1XXXXXXXXXX" and
 * "(XXX) XXX-XXXX"-like national text; undefined for any other text (ask libphonenumber).
 */
export function parseNanpPhone(text: string): { e164: string; country: string | null } | undefined {
  let nationalNumber: string;
  let fallback: string | null;
  const e164 = E164.exec(text);
  if (e164?.[1]) {
    nationalNumber = e164[1];
    fallback = null; // an international number with no matching country has none
  } else {
    const national = NATIONAL.exec(text);
    if (!national) return undefined;
    nationalNumber = `${national[1] ?? national[2]}${national[3]}${national[4]}`;
    fallback = 'US'; // a national number keeps the default country
  }
  const country = countryOf(nationalNumber);
  const possibleIn = country ?? nanpCountries()[0];
  if (!possibleIn?.possible) return undefined;
  return { e164: `+1${nationalNumber}`, country: country?.code ?? fallback };
}
