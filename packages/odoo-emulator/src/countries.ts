// A few res.country records with the ids a stock Odoo database gives them
// (the ids are per database; clients must look them up by name or code).
export const DEFAULT_COUNTRIES: Array<{ id: number; name: string; code: string }> = [
  { id: 14, name: 'Austria', code: 'AT' },
  { id: 21, name: 'Belgium', code: 'BE' },
  { id: 44, name: 'Switzerland', code: 'CH' },
  { id: 57, name: 'Germany', code: 'DE' },
  { id: 75, name: 'France', code: 'FR' },
  { id: 76, name: 'United Kingdom', code: 'GB' },
  { id: 109, name: 'Italy', code: 'IT' },
  { id: 127, name: 'Liechtenstein', code: 'LI' },
  { id: 133, name: 'Luxembourg', code: 'LU' },
  { id: 166, name: 'Netherlands', code: 'NL' },
  { id: 233, name: 'United States', code: 'US' },
];
