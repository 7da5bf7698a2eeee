// What the exposure checklist can hold: one table of categories, each with the short word the
// command line takes, the plain words the app shows, and whether (and how) the photo scanner
// compares photos against it. Nothing else declares checklist categories.

/** How the scanner compares a photo with a stored value of this category (null: it does not). */
export type MatchKind = 'address' | 'name' | 'phone' | 'email' | 'plate' | 'handle' | 'place';

export interface ChecklistCategory {
  /** The short word on the command line and the stored value. */
  id: string;
  /** A heading in the app: "Home and past addresses". */
  title: string;
  /** How a finding names a matched item: "your address", "your licence plate". */
  yours: string;
  /** What the value field asks for. */
  valueHint: string;
  match: MatchKind | null;
  /** Shown in the app as a group; the checklist is long and frightened people need an order. */
  group: 'about-you' | 'online' | 'records';
}

export const CHECKLIST_CATEGORIES = [
  { id: 'address', title: 'Home and past addresses', yours: 'your address', valueHint: 'e.g. 12 Oak Street, Springfield', match: 'address', group: 'about-you' },
  { id: 'place', title: 'Places (map position)', yours: 'a place on your checklist', valueHint: 'a name for the place, e.g. Home', match: 'place', group: 'about-you' },
  { id: 'phone', title: 'Phone numbers', yours: 'your phone number', valueHint: 'e.g. +1 555 123 4567', match: 'phone', group: 'about-you' },
  { id: 'email', title: 'E-mail addresses', yours: 'your e-mail address', valueHint: 'e.g. name@example.com', match: 'email', group: 'about-you' },
  { id: 'name', title: 'Legal and former names', yours: 'your name', valueHint: 'e.g. Jane Doe', match: 'name', group: 'about-you' },
  { id: 'handle', title: 'Online handles', yours: 'your handle', valueHint: 'e.g. @janedoe', match: 'handle', group: 'online' },
  { id: 'username', title: 'Usernames used on several sites', yours: 'your username', valueHint: 'e.g. jdoe1990', match: 'handle', group: 'online' },
  { id: 'family', title: 'Family members', yours: 'a family member’s name', valueHint: 'their name', match: 'name', group: 'about-you' },
  { id: 'work', title: 'Workplace', yours: 'your workplace', valueHint: 'its name', match: 'name', group: 'about-you' },
  { id: 'school', title: 'School', yours: 'your school', valueHint: 'its name', match: 'name', group: 'about-you' },
  { id: 'plate', title: 'Vehicles and licence plates', yours: 'your licence plate', valueHint: 'e.g. 627 WWI', match: 'plate', group: 'about-you' },
  { id: 'records', title: 'Property and voter records', yours: 'a public record about you', valueHint: 'which record, e.g. county property record', match: null, group: 'records' },
  { id: 'broker', title: 'People-search and data-broker listings', yours: 'a data-broker listing', valueHint: 'the site, e.g. Spokeo', match: null, group: 'records' },
  { id: 'search', title: 'Search-engine results', yours: 'a search result about you', valueHint: 'what you searched for', match: null, group: 'online' },
  { id: 'account', title: 'Social accounts (privacy and two-step sign-in)', yours: 'one of your accounts', valueHint: 'the site and account', match: null, group: 'online' },
  { id: 'domain', title: 'Website domain registration (WHOIS)', yours: 'your domain registration', valueHint: 'the domain, e.g. example.com', match: null, group: 'online' },
  { id: 'breach', title: 'Accounts in data breaches', yours: 'a breached account', valueHint: 'the site or the breach', match: null, group: 'online' },
  { id: 'face-search', title: 'Face-search sites', yours: 'a face-search result', valueHint: 'the site', match: null, group: 'online' },
  { id: 'photo', title: 'Photos online that carry their location', yours: 'one of your photos', valueHint: 'where the photo is posted', match: null, group: 'online' },
] as const satisfies readonly ChecklistCategory[];

export type ChecklistCategoryId = (typeof CHECKLIST_CATEGORIES)[number]['id'];
export const CHECKLIST_CATEGORY_IDS = CHECKLIST_CATEGORIES.map((c) => c.id) as [ChecklistCategoryId, ...ChecklistCategoryId[]];

export function checklistCategory(id: string): ChecklistCategory | undefined {
  return (CHECKLIST_CATEGORIES as readonly ChecklistCategory[]).find((c) => c.id === id);
}
