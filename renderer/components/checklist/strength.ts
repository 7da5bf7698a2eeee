// A plain strength hint for a new passphrase: honest about what makes one strong (length, several
// unrelated words), never a fake precision. Pure, so it is tested on its own.

export type Strength = 'too-short' | 'weak' | 'fair' | 'strong';

export interface StrengthHint {
  level: Strength;
  text: string;
}

const COMMON = ['password', 'passphrase', 'qwerty', '123456', 'letmein', 'iloveyou', 'admin', 'welcome', 'monkey', 'dragon'];

/**
 * Rough bits of guessing work: each word of a phrase as one of ~2000 common words (11 bits); a
 * single string by its characters, halved, because strings people choose ("Tr0ub4dor&3") follow
 * patterns that cracking tools try first.
 */
export function estimateBits(passphrase: string): number {
  const words = passphrase.trim().split(/[\s\-_.]+/).filter((w) => w.length >= 3);
  if (words.length >= 2) return words.length * 11 + Math.max(0, passphrase.length - words.join('').length);
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/\d/.test(passphrase)) pool += 10;
  if (/[^A-Za-z0-9]/.test(passphrase)) pool += 20;
  const distinct = new Set(passphrase).size;
  return (Math.min(passphrase.length, distinct * 2) * Math.log2(Math.max(pool, 1))) / 2;
}

export function passphraseStrength(passphrase: string): StrengthHint {
  if ([...passphrase].length < 8) return { level: 'too-short', text: 'Too short: use at least 8 characters. Several unrelated words are easiest to remember.' };
  const lower = passphrase.toLowerCase();
  if (COMMON.some((c) => lower.includes(c))) return { level: 'weak', text: 'Weak: it contains a very common password. Use unrelated words only you would put together.' };
  const bits = estimateBits(passphrase);
  // With Argon2id making each guess cost most of a second, about 44 bits (four random words) is
  // out of reach of one attacker's computers for many years.
  if (bits < 35) return { level: 'weak', text: 'Weak: easy to guess. Add more words.' };
  if (bits < 44) return { level: 'fair', text: 'Fair: one or two more unrelated words would make it strong.' };
  return { level: 'strong', text: 'Strong.' };
}
