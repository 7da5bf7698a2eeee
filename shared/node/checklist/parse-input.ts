// Validation at the store's boundary: what the app or the command line sends is checked against
// the item schemas, and a refusal is one plain sentence naming the field (never the value typed).
import type { z } from 'zod';
import { ExposureError } from '../../errors.js';

const FIELD_NAMES: Record<string, string> = {
  category: 'the kind of item',
  value: 'the value',
  label: 'the name',
  foundUrl: 'the web address where it was found',
  foundOn: 'the date it was found',
  optOutOn: 'the date of the removal request',
  nextCheck: 'the next check date',
  place: 'the place',
  latitude: 'the latitude',
  longitude: 'the longitude',
  radiusM: 'the radius',
  notes: 'the notes',
  emailAlias: 'the e-mail used',
};

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).reverse().find((p) => FIELD_NAMES[p]);
  const what = field ? FIELD_NAMES[field] : null;
  const reason = issue?.code === 'custom' ? issue.message : 'is not valid';
  throw new ExposureError('invalid-input', what ? `Please check ${what}: it ${reason === 'is not valid' ? reason : `needs ${reason}`}.` : `Please check the details: ${reason}.`);
}
